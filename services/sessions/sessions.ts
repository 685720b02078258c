// 认定批次: a session of one occupation, 工种 and level, first attempt (正考) or retake (补考).
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { dateInvalid, isIsoDate, nowIso, todayIso } from '../shared/dates';
import { assertLevelOffered, assertSpecialtyLevel, findOccupation, requiredParts } from '../occupations/occupations';
import { summarise, type PassRateSummary } from '../passrate/passRate';
import { ATTEMPT_LABELS, LEVEL_HINT, LEVEL_LABELS, LEVEL_SHORT, parseAttempt, PART_LABELS, type Attempt, type Part, type SessionStatus } from '../vocabulary/words';

export interface SessionInput {
  occupation: string; // code or name
  level: number;
  date: string;
  name?: string;
  attempt?: string;
  specialty?: string | null;
  endDate?: string | null;
  venue?: string | null;
}

export interface Session {
  id: number;
  name: string;
  occupationId: number;
  occupationCode: string;
  occupationName: string;
  specialty: string | null;
  level: number;
  levelLabel: string;
  attempt: Attempt;
  examDate: string;
  endDate: string | null;
  venue: string | null;
  status: SessionStatus;
  finalizedAt: string | null;
  parts: { part: Part; label: string; passMark: number }[];
  summary: PassRateSummary;
}

const SELECT_SESSION = `
  SELECT s.id, s.name, s.occupation_id AS occupationId, o.code AS occupationCode, o.name AS occupationName,
         s.specialty, s.level, s.attempt, s.exam_date AS examDate, s.end_date AS endDate, s.venue, s.status,
         s.finalized_at AS finalizedAt,
         -- From the pass-rate tallies (db/migrations/0005): at most two rows per session (正考, 补考).
         (SELECT coalesce(sum(t.registered), 0) FROM session_tallies t WHERE t.session_id = s.id) AS registered,
         (SELECT coalesce(sum(t.absent), 0) FROM session_tallies t WHERE t.session_id = s.id) AS absent,
         (SELECT coalesce(sum(t.passed), 0) FROM session_tallies t WHERE t.session_id = s.id) AS passed,
         (SELECT coalesce(sum(t.pending), 0) FROM session_tallies t WHERE t.session_id = s.id) AS pending
  FROM sessions s JOIN occupations o ON o.id = s.occupation_id`;

type SessionRow = Omit<Session, 'levelLabel' | 'parts' | 'summary'> & { registered: number; absent: number; passed: number; pending: number };

function fromRow(ctx: Ctx, r: SessionRow, partsOf: typeof requiredParts = requiredParts): Session {
  const { registered, absent, passed, pending, ...rest } = r;
  return {
    ...rest,
    levelLabel: LEVEL_LABELS[r.level]!,
    parts: partsOf(ctx, r.occupationId, r.level).map((p) => ({ part: p.part, label: PART_LABELS[p.part], passMark: p.passMarkTenths / 10 })),
    summary: summarise({ registered, absent, passed, pending }),
  };
}

export function defaultSessionName(date: string, occupationName: string, level: number, attempt: Attempt, specialty?: string | null): string {
  const [y, m] = date.split('-');
  const half = Number(m) <= 6 ? '上半年' : '下半年';
  return `${y}年${half}${occupationName}${specialty ? `（${specialty}）` : ''}（${LEVEL_SHORT[level]}）职业技能等级认定${attempt === 'retake' ? `（${ATTEMPT_LABELS.retake}）` : ''}`;
}

/**
 * `retakeOfHeld`: a 补考 finishes what a held session began, so it is built even when its level
 * or 工种 has been retired from the catalogue since.
 */
export function createSession(ctx: Ctx, input: SessionInput, opts: { retakeOfHeld?: boolean } = {}): Session {
  const occ = findOccupation(ctx, input.occupation);
  const level = Number(input.level);
  if (!Number.isInteger(level) || level < 1 || level > 5) throw new AppError('LEVEL_INVALID', `等级应为${LEVEL_HINT}，现在是「${input.level}」。`);
  if (!isIsoDate(input.date)) throw dateInvalid('考试日期', input.date);
  if (input.endDate && !isIsoDate(input.endDate)) throw dateInvalid('结束日期', input.endDate);
  const attempt = parseAttempt(input.attempt);
  const specialty = input.specialty?.trim() || null;
  if (!opts.retakeOfHeld) assertSpecialtyOf(ctx, occ, specialty);
  if (!opts.retakeOfHeld) assertLevelOffered(ctx, occ, level, specialty);
  const name = input.name?.trim() || defaultSessionName(input.date, occ.name, level, attempt, specialty);
  return inTransaction(ctx.db, () => {
    const id = Number(
      cachedStatement(
          ctx.db,
          `INSERT INTO sessions (name, occupation_id, specialty, level, attempt, exam_date, end_date, venue, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        )
        .run(name, occ.id, specialty, level, attempt, input.date, input.endDate || null, input.venue?.trim() || null, nowIso()).lastInsertRowid,
    );
    const session = getSession(ctx, id);
    recordAudit(ctx, { entity: 'session', entityId: id, action: 'create', newValue: { ...session, summary: undefined, parts: undefined } });
    return session;
  });
}

function assertSpecialtyOf(ctx: Ctx, occ: { id: number; name: string }, specialty: string | null): void {
  if (!specialty) return;
  const all = cachedStatement(ctx.db, 'SELECT name, retired_at FROM occupation_specialties WHERE occupation_id = ?').all(occ.id) as { name: string; retired_at: string | null }[];
  const known = all.filter((k) => k.retired_at === null);
  if (all.some((k) => k.name === specialty && k.retired_at !== null)) {
    throw new AppError('SPECIALTY_UNKNOWN', `职业「${occ.name}」的工种「${specialty}」已停用，${known.length ? `可选：${known.map((k) => k.name).join('、')}` : '现在没有开设的工种'}。`);
  }
  if (known.length > 0 && !known.some((k) => k.name === specialty)) {
    throw new AppError('SPECIALTY_UNKNOWN', `职业「${occ.name}」没有工种「${specialty}」，可选：${known.map((k) => k.name).join('、')}。`);
  }
}

/** What an officer may correct on a session before 定稿; a field left out stays as it is, an empty one is cleared. */
export interface SessionUpdate {
  name?: string;
  date?: string;
  venue?: string | null;
  specialty?: string | null;
}

export function updateSession(ctx: Ctx, id: number, input: SessionUpdate): Session {
  return inTransaction(ctx.db, () => {
    const before = assertSessionWritable(ctx, id);
    const next = { name: before.name, examDate: before.examDate, venue: before.venue, specialty: before.specialty };
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (!name) throw new AppError('SESSION_NAME_REQUIRED', '批次名称不能为空；不改名称就不要填写 --name。');
      next.name = name;
    }
    if (input.date !== undefined) {
      const date = input.date.trim();
      if (!isIsoDate(date)) throw dateInvalid('考试日期', input.date);
      if (before.endDate && date > before.endDate) throw new AppError('DATE_INVALID', `考试日期 ${date} 晚于结束日期 ${before.endDate}，请核对。`);
      next.examDate = date;
    }
    if (input.venue !== undefined) next.venue = input.venue?.trim() || null;
    if (input.specialty !== undefined) {
      const specialty = input.specialty?.trim() || null;
      assertSpecialtyOf(ctx, { id: before.occupationId, name: before.occupationName }, specialty);
      if (specialty !== before.specialty) assertSpecialtyLevel(ctx, { id: before.occupationId, name: before.occupationName }, before.level, specialty);
      next.specialty = specialty;
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
    if (changed.length === 0) return before;
    cachedStatement(ctx.db, 'UPDATE sessions SET name = ?, exam_date = ?, venue = ?, specialty = ? WHERE id = ?').run(next.name, next.examDate, next.venue, next.specialty, id);
    recordAudit(ctx, {
      entity: 'session',
      entityId: id,
      action: 'update',
      oldValue: Object.fromEntries(changed.map((k) => [k, before[k]])),
      newValue: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return getSession(ctx, id);
  });
}

/** A session created by mistake goes away only while nobody is enrolled in it; its creation stays in the audit log. */
export function deleteSession(ctx: Ctx, id: number): { deleted: number } {
  return inTransaction(ctx.db, () => {
    const s = assertSessionWritable(ctx, id);
    const { n } = cachedStatement(ctx.db, 'SELECT count(*) AS n FROM enrolments WHERE session_id = ?').get(id) as { n: number };
    if (n > 0) {
      throw new AppError('SESSION_NOT_EMPTY', `认定批次「${s.name}」已有 ${n} 名考生报名，不能删除。请先把他们移出本批次（enrol withdraw），或改正批次信息（session update）。`);
    }
    cachedStatement(ctx.db, 'DELETE FROM sessions WHERE id = ?').run(id);
    recordAudit(ctx, { entity: 'session', entityId: id, action: 'delete', oldValue: { ...s, summary: undefined, parts: undefined } });
    return { deleted: id };
  });
}

export function getSession(ctx: Ctx, id: number): Session {
  const row = cachedStatement(ctx.db, `${SELECT_SESSION} WHERE s.id = ?`).get(id) as SessionRow | undefined;
  if (!row) throw new AppError('SESSION_NOT_FOUND', `找不到编号为 ${id} 的认定批次，请用 session list 查看已有批次。`);
  return fromRow(ctx, row);
}

export function listSessions(ctx: Ctx, filter: { status?: SessionStatus; year?: string } = {}): Session[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.status) {
    where.push('s.status = ?');
    args.push(filter.status);
  }
  if (filter.year) {
    where.push("s.exam_date >= ? AND s.exam_date < ?");
    args.push(`${filter.year}-01-01`, `${Number(filter.year) + 1}-01-01`);
  }
  const sql = `${SELECT_SESSION}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY s.exam_date DESC, s.id DESC`;
  // Ten years hold thousands of sessions but only a few dozen occupation × level pairs: read each pair's parts once.
  const parts = new Map<string, ReturnType<typeof requiredParts>>();
  const partsOf = (c: Ctx, occupationId: number, level: number) => {
    const key = `${occupationId}/${level}`;
    let p = parts.get(key);
    if (!p) parts.set(key, (p = requiredParts(c, occupationId, level)));
    return p;
  };
  return (cachedStatement(ctx.db, sql).all(...args) as SessionRow[]).map((r) => fromRow(ctx, r, partsOf));
}

/** A finalized session is read-only; every write to it goes through here first. */
export function assertSessionWritable(ctx: Ctx, sessionId: number): Session {
  const s = getSession(ctx, sessionId);
  if (s.status === 'finalized') {
    throw new AppError('SESSION_FINALIZED', `认定批次「${s.name}」已定稿，成绩和名单已锁定，不能再修改。如确需更正，请由管理员填写原因后更正。`);
  }
  return s;
}

export interface FinalizePreview {
  session: Session;
  pendingCandidates: { idNumber: string; name: string }[];
  canFinalize: boolean;
}

export function previewFinalize(ctx: Ctx, id: number): FinalizePreview {
  const session = getSession(ctx, id);
  const pendingCandidates = cachedStatement(
      ctx.db,
      `SELECT c.id_number AS idNumber, c.name FROM enrolments e JOIN candidates c ON c.id = e.candidate_id
       WHERE e.session_id = ? AND e.outcome = 'pending' ORDER BY e.admission_number`,
    )
    .all(id) as { idNumber: string; name: string }[];
  return { session, pendingCandidates, canFinalize: session.status !== 'finalized' && session.summary.registered > 0 && pendingCandidates.length === 0 };
}

export function finalizeSession(ctx: Ctx, id: number): Session {
  return inTransaction(ctx.db, () => {
    const p = previewFinalize(ctx, id);
    if (p.session.status === 'finalized') throw new AppError('SESSION_FINALIZED', `认定批次「${p.session.name}」已经定稿过了。`);
    // 定稿 says the results of an exam that took place are final; before the exam date there is nothing to make final.
    if (p.session.examDate > todayIso()) {
      throw new AppError('SESSION_NOT_HELD', `认定批次「${p.session.name}」的考试日期是 ${p.session.examDate}，还没有到，不能定稿。考试结束、成绩录完后再定稿；如日期填错了，请先改正（session update）。`);
    }
    if (p.session.summary.registered === 0) throw new AppError('SESSION_EMPTY', `认定批次「${p.session.name}」还没有考生，不能定稿。请先导入报名花名册。`);
    if (p.pendingCandidates.length > 0) {
      const names = p.pendingCandidates.slice(0, 5).map((c) => c.name).join('、');
      throw new AppError(
        'SESSION_INCOMPLETE',
        `还有 ${p.pendingCandidates.length} 名考生的成绩没有录完（${names}${p.pendingCandidates.length > 5 ? ' 等' : ''}），不能定稿。请把每一科都录入分数或标记缺考/违纪。`,
      );
    }
    cachedStatement(ctx.db, "UPDATE sessions SET status = 'finalized', finalized_at = ? WHERE id = ?").run(nowIso(), id);
    const after = getSession(ctx, id);
    recordAudit(ctx, { entity: 'session', entityId: id, action: 'finalize', oldValue: { status: p.session.status }, newValue: { status: 'finalized', summary: after.summary } });
    return after;
  });
}
