// Part results (成绩) and the outcome they decide; every write recomputes the enrolment's outcome.
import { AppError } from '../errors';
import { auditBatch, recordAudit, shapeJson } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { withUpkeepDeferred } from '../shared/upkeep';
import { nowIso } from '../shared/dates';
import { requiredParts } from '../occupations/occupations';
import { summarise, type PassRateSummary } from '../passrate/passRate';
import { assertSessionWritable, getSession, type Session } from '../sessions/sessions';
import { enrolmentIdOf } from '../sessions/enrolments';
import { requireAdmin } from '../operators/operators';
import { auditHistory, lastAuditEntry } from '../audit/history';
import { decideOutcome, parseScore, type PartResult } from './rules';
import { PART_LABELS, STATUS_WORDS, requirePart, type Attempt, type Outcome, type Part, type PartStatus } from '../vocabulary/words';

export interface PartResultView {
  part: Part;
  label: string;
  score: number | null;
  /** 'carried' (保留): a part passed in an earlier session and kept for this retake; its score is that pass's. */
  status: PartStatus | 'carried';
  carried: boolean;
  /** The session a carried part was passed in; null for a part sat in this session. */
  carriedFrom: { sessionId: number; name: string } | null;
  /** What happened, for a 违纪 (夹带、替考 …); null otherwise (left out by views that have no notes). */
  note?: string | null;
}

export interface CandidateResult {
  enrolmentId: number;
  admissionNumber: string;
  idNumber: string;
  name: string;
  /** The name's pinyin initials (张伟 → zw), so the grid finds a candidate by them. */
  initials: string;
  gender: string | null;
  employer: string | null;
  attempt: Attempt;
  outcome: Outcome;
  parts: PartResultView[];
}

export interface SessionResults {
  sessionId: number;
  candidates: CandidateResult[];
  summary: PassRateSummary;
}

export function recomputeOutcome(ctx: Ctx, enrolmentId: number): Outcome {
  const e = cachedStatement(ctx.db, 'SELECT s.occupation_id AS occupationId, s.level FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE e.id = ?')
    .get(enrolmentId) as { occupationId: number; level: number };
  const results = (
    cachedStatement(ctx.db, 'SELECT part, status, score_tenths FROM part_results WHERE enrolment_id = ?').all(enrolmentId) as {
      part: Part;
      status: PartStatus;
      score_tenths: number | null;
    }[]
  ).map((r): PartResult => ({ part: r.part, status: r.status, tenths: r.score_tenths }));
  const outcome = decideOutcome(requiredParts(ctx, e.occupationId, e.level), results);
  cachedStatement(ctx.db, 'UPDATE enrolments SET outcome = ? WHERE id = ?').run(outcome, enrolmentId);
  return outcome;
}

export interface SetResultInput {
  sessionId: number;
  idNumber?: string;
  enrolmentId?: number;
  part: string;
  /** A number, or what an officer types: "85.5", "缺考", "违纪". */
  score?: number | string;
  absent?: boolean;
  misconduct?: boolean;
  /** Clear the cell (no result yet). */
  clear?: boolean;
  /** 恢复保留成绩: put back the part this retake carried from an earlier pass, after it was changed or cleared. */
  restoreCarried?: boolean;
  /** With misconduct only: what happened, in a few words. */
  note?: string;
  reason?: string;
  /** Set only by correctResult: an administrator's correction to a finalized session. */
  correction?: boolean;
  /**
   * The cell as this desk last saw it (null status: empty). When given and the stored value is
   * no longer that, someone else saved meanwhile: refused (RESULT_CHANGED_MEANWHILE), never
   * overwritten. Left out by callers that edit alone (the command line, older windows).
   */
  replaced?: CellValue;
}

/** One cell as a desk shows it: 'carried' is a part kept from an earlier pass (保留). */
export interface CellValue {
  status: PartStatus | 'carried' | null;
  score: number | null;
}

export interface SetResultOutput {
  candidate: CandidateResult;
  summary: PassRateSummary;
}

export function setResult(ctx: Ctx, input: SetResultInput): SetResultOutput {
  const part = requirePart(input.part);
  const chosen = [input.score !== undefined, input.absent === true, input.misconduct === true, input.clear === true, input.restoreCarried === true].filter(Boolean).length;
  if (chosen !== 1) throw new AppError('RESULT_AMBIGUOUS', '请只给出一种成绩：分数、缺考、违纪、清除或恢复保留成绩，只能选一种。');
  const note = misconductNote(input);
  let status: PartStatus | null;
  let tenths: number | null = null;
  if (input.restoreCarried) status = 'scored';
  else if (input.absent) status = 'absent';
  else if (input.misconduct) status = 'misconduct';
  else if (input.clear) status = null;
  else {
    const parsed = parseScore(input.score!);
    if (!parsed.ok) throw new AppError('SCORE_INVALID', parsed.message);
    status = parsed.status;
    if (parsed.status === 'scored') tenths = parsed.tenths;
  }
  return inTransaction(ctx.db, () => {
    const session = input.correction ? getSession(ctx, input.sessionId) : assertSessionWritable(ctx, input.sessionId);
    if (!session.parts.some((p) => p.part === part)) {
      throw partNotExamined(session, part);
    }
    const enrolment = resolveEnrolment(ctx, input);
    const old = cachedStatement(ctx.db, 'SELECT status, score_tenths, carried_from, note FROM part_results WHERE enrolment_id = ? AND part = ?').get(enrolment.id, part) as
      | StoredResult
      | undefined;
    if (input.replaced && !sameCell(old, input.replaced)) throw changedMeanwhile(ctx, enrolment.id, part, old);
    let carriedFrom: number | null = null;
    if (input.restoreCarried) {
      const kept = carriedPartReplaced(ctx, enrolment.id, part);
      if (old?.carried_from != null) throw new AppError('NOTHING_TO_RESTORE', `这一科现在就是保留的成绩（${formatScore(old.score_tenths)} 分），不需要恢复。`);
      carriedFrom = kept.enrolmentId;
      tenths = kept.tenths;
    }
    if (status === null) cachedStatement(ctx.db, 'DELETE FROM part_results WHERE enrolment_id = ? AND part = ?').run(enrolment.id, part);
    else {
      cachedStatement(
          ctx.db,
          `INSERT INTO part_results (enrolment_id, part, status, score_tenths, carried_from, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (enrolment_id, part) DO UPDATE SET status = excluded.status, score_tenths = excluded.score_tenths, carried_from = excluded.carried_from,
             note = excluded.note, updated_at = excluded.updated_at`,
        )
        .run(enrolment.id, part, status, tenths, carriedFrom, note, nowIso());
    }
    if (session.status === 'draft') cachedStatement(ctx.db, "UPDATE sessions SET status = 'open' WHERE id = ?").run(session.id);
    recomputeOutcome(ctx, enrolment.id);
    recordAudit(ctx, {
      entity: 'result',
      entityId: `${enrolment.id}:${part}`,
      action: input.correction ? 'correct' : input.restoreCarried ? 'restore' : status === null ? 'clear' : old ? 'update' : 'create',
      oldValue: auditView(old),
      newValue: status === null ? null : auditView({ status, score_tenths: tenths, carried_from: carriedFrom, note }),
      reason: input.reason,
    });
    const results = getResults(ctx, input.sessionId, enrolment.id, session);
    return { candidate: results.candidates[0]!, summary: sessionSummary(ctx, input.sessionId) };
  });
}

/**
 * 更正: a result of a finalized session changed afterwards — only by an administrator, only with
 * a reason; the audit entry (action 'correct') puts it in the history and the next export.
 */
export function correctResult(ctx: Ctx, input: Omit<SetResultInput, 'clear' | 'correction'> & { reason: string }): SetResultOutput {
  requireAdmin(ctx, '更正已定稿批次的成绩');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('REASON_REQUIRED', '更正已定稿的成绩必须填写原因（如「复核发现登分错误」）。');
  if (getSession(ctx, input.sessionId).status !== 'finalized') {
    throw new AppError('SESSION_NOT_FINALIZED', '该批次还没有定稿，直接修改成绩即可，不需要更正。');
  }
  return setResult(ctx, { ...input, reason, correction: true });
}

interface StoredResult {
  status: PartStatus;
  score_tenths: number | null;
  carried_from: number | null;
  note: string | null;
}

/**
 * A result as the audit log keeps it: { status, score } as ever, plus the note of a 违纪 and, for
 * a part carried from an earlier pass, the enrolment it came from — so a carried part that was
 * typed over can be put back exactly (restoreCarried), and the history says what it was.
 */
function auditView(r: StoredResult | undefined): Record<string, unknown> | null {
  if (!r) return null;
  return {
    status: r.status,
    score: r.score_tenths === null ? null : r.score_tenths / 10,
    ...(r.note ? { note: r.note } : {}),
    ...(r.carried_from != null ? { carriedFrom: r.carried_from } : {}),
  };
}

function cellOf(r: StoredResult | undefined): CellValue {
  if (!r) return { status: null, score: null };
  return { status: r.carried_from != null ? 'carried' : r.status, score: r.score_tenths === null ? null : r.score_tenths / 10 };
}

function sameCell(stored: StoredResult | undefined, seen: CellValue): boolean {
  const now = cellOf(stored);
  const tenths = (x: number | null) => (x === null ? null : Math.round(x * 10));
  return now.status === seen.status && (now.status !== 'scored' && now.status !== 'carried' ? true : tenths(now.score) === tenths(seen.score));
}

function cellWords(c: CellValue): string {
  if (c.status === null) return '空白（已清除）';
  if (c.status === 'absent' || c.status === 'misconduct') return STATUS_WORDS[c.status];
  return `${formatScore(c.score === null ? null : Math.round(c.score * 10))} 分${c.status === 'carried' ? '（保留成绩）' : ''}`;
}

/**
 * Two desks on one cell: the later save names who saved first, what, and when, so the officer
 * compares rather than overwrites (docs/lan.md).
 */
function changedMeanwhile(ctx: Ctx, enrolmentId: number, part: Part, stored: StoredResult | undefined): AppError {
  const last = lastAuditEntry(ctx, 'result', `${enrolmentId}:${part}`);
  const current = cellOf(stored);
  const who = last ? (last.operatorName ? `${last.operatorName}（${last.operator}）` : last.operator) : '另一位操作员';
  // The officer's clock (local time), not UTC's.
  const when = last ? `${new Date(last.at).toLocaleTimeString('zh-CN', { hour12: false })} ` : '';
  return new AppError(
    'RESULT_CHANGED_MEANWHILE',
    `${who} ${when}刚把这一科（${PART_LABELS[part]}）改成了 ${cellWords(current)}，你的修改没有保存。请核对后，如仍需修改，再录入一次。`,
    { current, by: last ? { login: last.operator, name: last.operatorName } : null, at: last?.at ?? null },
  );
}

const NOTE_MAX = 200;

/** The note of a 违纪, trimmed; refused on anything else, or when too long to be a note. */
function misconductNote(input: SetResultInput): string | null {
  const note = input.note?.trim() ?? '';
  if (!note) return null;
  if (input.misconduct !== true) throw new AppError('NOTE_NOT_MISCONDUCT', '只有「违纪」可以附说明；分数、缺考不需要说明。');
  if (note.length > NOTE_MAX) throw new AppError('NOTE_TOO_LONG', `违纪说明最多 ${NOTE_MAX} 个字（现有 ${note.length} 个），请简要写明情况，详细经过另附材料。`);
  return note;
}

function formatScore(tenths: number | null): string {
  return tenths === null ? '' : String(tenths / 10);
}

/**
 * The carried part this cell last held before it was changed or cleared: read from the score's
 * own history (the audit log keeps the enrolment it came from), and still the pass it was.
 */
function carriedPartReplaced(ctx: Ctx, enrolmentId: number, part: Part): { enrolmentId: number; tenths: number } {
  const history = auditHistory(ctx, 'result', `${enrolmentId}:${part}`);
  for (let i = history.length - 1; i >= 0; i--) {
    const from = (history[i]!.oldValue as { carriedFrom?: unknown } | null)?.carriedFrom;
    if (typeof from !== 'number') continue;
    const kept = cachedStatement(ctx.db, "SELECT score_tenths FROM part_results WHERE enrolment_id = ? AND part = ? AND status = 'scored' AND carried_from IS NULL").get(from, part) as
      | { score_tenths: number }
      | undefined;
    if (!kept) break;
    return { enrolmentId: from, tenths: kept.score_tenths };
  }
  throw new AppError('NOTHING_TO_RESTORE', `这一科（${PART_LABELS[part]}）没有被改动过的保留成绩，无法恢复。只有补考时保留、后来被改掉或清除的成绩才能恢复。`);
}

/** A part this session does not examine: setting one score and writing a whole sheet say it alike. */
function partNotExamined(session: Session, part: Part): AppError {
  return new AppError('PART_NOT_REQUIRED', `本批次（${session.occupationName}${session.levelLabel}）不考「${PART_LABELS[part]}」，需要的科目是：${session.parts.map((p) => p.label).join('、')}。`);
}

/** An enrolment id that is not one of this session's. */
function notInSession(enrolmentId: number, sessionId: number): AppError {
  return new AppError('NOT_ENROLLED', `报名记录 ${enrolmentId} 不属于批次 ${sessionId}。`);
}

function resolveEnrolment(ctx: Ctx, input: SetResultInput): { id: number } {
  if (input.enrolmentId !== undefined) {
    const row = cachedStatement(ctx.db, 'SELECT id FROM enrolments WHERE id = ? AND session_id = ?').get(input.enrolmentId, input.sessionId) as { id: number } | undefined;
    if (!row) throw notInSession(input.enrolmentId, input.sessionId);
    return row;
  }
  return { id: enrolmentIdOf(ctx, input.sessionId, input.idNumber ?? '') };
}

export function sessionSummary(ctx: Ctx, sessionId: number): PassRateSummary {
  const r = cachedStatement(
      ctx.db,
      `SELECT count(*) AS registered, coalesce(sum(outcome = 'absent'), 0) AS absent, coalesce(sum(outcome = 'pass'), 0) AS passed,
              coalesce(sum(outcome = 'pending'), 0) AS pending
       FROM enrolments WHERE session_id = ?`,
    )
    .get(sessionId) as { registered: number; absent: number; passed: number; pending: number };
  return summarise(r);
}

/** Every enrolled candidate with each required part, in admission-number order. */
export function getResults(ctx: Ctx, sessionId: number, onlyEnrolmentId?: number, known?: Session): SessionResults {
  // The session's parts are what matter here; a caller that already read it passes it in.
  const session = known ?? getSession(ctx, sessionId);
  const rows = cachedStatement(
      ctx.db,
      `SELECT e.id AS enrolmentId, e.admission_number AS admissionNumber, c.id_number AS idNumber, c.name, c.name_initials AS initials, c.gender,
              emp.name AS employer, e.attempt, e.outcome
       FROM enrolments e JOIN candidates c ON c.id = e.candidate_id LEFT JOIN employers emp ON emp.id = e.employer_id
       WHERE e.session_id = ? ${onlyEnrolmentId !== undefined ? 'AND e.id = ?' : ''}
       ORDER BY e.admission_number`,
    )
    .all(...(onlyEnrolmentId !== undefined ? [sessionId, onlyEnrolmentId] : [sessionId])) as Omit<CandidateResult, 'parts'>[];
  const partRows = cachedStatement(
      ctx.db,
      `SELECT pr.enrolment_id AS enrolmentId, pr.part, pr.status, pr.score_tenths AS tenths, pr.carried_from AS carriedFrom, pr.note,
              cs.id AS fromSessionId, cs.name AS fromSessionName
       FROM part_results pr JOIN enrolments e ON e.id = pr.enrolment_id
       LEFT JOIN enrolments ce ON ce.id = pr.carried_from LEFT JOIN sessions cs ON cs.id = ce.session_id
       WHERE e.session_id = ? ${onlyEnrolmentId !== undefined ? 'AND e.id = ?' : ''}`,
    )
    .all(...(onlyEnrolmentId !== undefined ? [sessionId, onlyEnrolmentId] : [sessionId])) as {
    enrolmentId: number;
    part: Part;
    status: PartStatus;
    tenths: number | null;
    carriedFrom: number | null;
    note: string | null;
    fromSessionId: number | null;
    fromSessionName: string | null;
  }[];
  const byEnrolment = new Map<number, Map<Part, (typeof partRows)[number]>>();
  for (const p of partRows) {
    let m = byEnrolment.get(p.enrolmentId);
    if (!m) byEnrolment.set(p.enrolmentId, (m = new Map()));
    m.set(p.part, p);
  }
  const candidates = rows.map((r) => ({
    ...r,
    // Only parts with a result are listed; a part not yet keyed in is simply absent from the list.
    parts: session.parts.flatMap((sp): PartResultView[] => {
      const pr = byEnrolment.get(r.enrolmentId)?.get(sp.part);
      if (!pr) return [];
      const carried = pr.carriedFrom != null;
      return [
        {
          part: sp.part,
          label: sp.label,
          score: pr.tenths !== null ? pr.tenths / 10 : null,
          status: carried ? 'carried' : pr.status,
          carried,
          carriedFrom: carried ? { sessionId: pr.fromSessionId!, name: pr.fromSessionName! } : null,
          note: pr.note,
        },
      ];
    }),
  }));
  return { sessionId, candidates, summary: onlyEnrolmentId === undefined ? sessionSummary(ctx, sessionId) : session.summary };
}

export interface PartResultWrite {
  enrolmentId: number;
  part: Part;
  status: PartStatus;
  tenths: number | null;
}

/**
 * Many part results at once (a score-sheet import): the same writes, outcome updates and audit
 * entries as setResult, checked against the session once, in one transaction.
 */
export function setResultsBatch(ctx: Ctx, sessionId: number, writes: readonly PartResultWrite[], reason?: string): void {
  inTransaction(ctx.db, () => {
    const session = assertSessionWritable(ctx, sessionId);
    const required = new Set(session.parts.map((p) => p.part));
    // The session's enrolments and results are read once here instead of two lookups per write
    // and two more per candidate in recomputeOutcome: of a 100,000-row sheet those cost 6 s.
    const outcomes = new Map(
      (cachedStatement(ctx.db, 'SELECT id, outcome FROM enrolments WHERE session_id = ?').all(sessionId) as { id: number; outcome: Outcome }[]).map((e) => [e.id, e.outcome]),
    );
    const results = sessionPartResults(ctx, sessionId);
    // setResult's upsert, fed a chunk of writes as JSON: one statement per chunk instead of one
    // per write halves SQLite's share (2 s of a 100,000-row sheet); rows apply in order, so a
    // part written twice ends as its last write, as one by one.
    const upsert = cachedStatement(
      ctx.db,
      `INSERT INTO part_results (enrolment_id, part, status, score_tenths, carried_from, updated_at)
       SELECT w.value ->> 'enrolmentId', w.value ->> 'part', w.value ->> 'status', w.value ->> 'tenths', NULL, ? FROM json_each(?) w WHERE true
       ON CONFLICT (enrolment_id, part) DO UPDATE SET status = excluded.status, score_tenths = excluded.score_tenths, carried_from = NULL,
         -- A sheet has no notes: a 违纪 written again keeps the note typed in the grid; any other result has none.
         note = CASE WHEN excluded.status = 'misconduct' THEN part_results.note END, updated_at = excluded.updated_at`,
    );
    const setOutcomes = cachedStatement(ctx.db, 'UPDATE enrolments SET outcome = ? WHERE id IN (SELECT value FROM json_each(?))');
    const now = nowIso();
    // The same text as setResult's auditView (a note, the enrolment a carried part came from, when
    // there is one), keys sorted once for 200,000 entries.
    const scoreJson = shapeJson(['status', 'score', 'note', 'carriedFrom']);
    const view = (r: StoredPart) =>
      scoreJson({
        status: r.status,
        score: r.tenths === null ? null : r.tenths / 10,
        note: r.note || undefined,
        carriedFrom: r.carriedFrom ?? undefined,
      });
    // Only this session's outcomes change below, so only its tallies need recounting afterwards.
    withUpkeepDeferred(ctx, [sessionId], () => {
      const audit = auditBatch(ctx);
      const touched = new Set<number>();
      for (const w of writes) {
        if (!required.has(w.part)) throw partNotExamined(session, w.part);
        if (!outcomes.has(w.enrolmentId)) throw notInSession(w.enrolmentId, sessionId);
        let parts = results.get(w.enrolmentId);
        if (!parts) results.set(w.enrolmentId, (parts = []));
        const at = parts.findIndex((r) => r.part === w.part);
        const old = at < 0 ? undefined : parts[at];
        // A later write of the same part in this batch sees this one as what was there, as it would one by one.
        if (at < 0) parts.push(w);
        else parts[at] = w;
        touched.add(w.enrolmentId);
        audit({
          entity: 'result',
          entityId: `${w.enrolmentId}:${w.part}`,
          action: old ? 'update' : 'create',
          oldValue: old ? view(old) : null,
          newValue: view(w),
          reason,
        });
      }
      for (const chunk of chunks(writes)) upsert.run(now, JSON.stringify(chunk));
      if (session.status === 'draft' && touched.size) cachedStatement(ctx.db, "UPDATE sessions SET status = 'open' WHERE id = ?").run(session.id);
      // recomputeOutcome's rule over the same rows (carried parts included), written only where it changes.
      const requiredMarks = requiredParts(ctx, session.occupationId, session.level);
      const changed = new Map<Outcome, number[]>();
      for (const id of touched) {
        const outcome = decideOutcome(requiredMarks, results.get(id)!);
        if (outcome === outcomes.get(id)) continue;
        const ids = changed.get(outcome);
        if (ids) ids.push(id);
        else changed.set(outcome, [id]);
      }
      for (const [outcome, ids] of changed) for (const chunk of chunks(ids)) setOutcomes.run(outcome, JSON.stringify(chunk));
    });
  });
}

/** Slices small enough that their JSON stays a few hundred kilobytes, whatever the file's size. */
function* chunks<T>(items: readonly T[], size = 5000): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Every part result of a session's enrolments, carried parts included, by enrolment. */
/** A stored result as the bulk write audits it: with its note and the enrolment a carried part came from. */
type StoredPart = PartResult & { note?: string | null; carriedFrom?: number | null };

function sessionPartResults(ctx: Ctx, sessionId: number): Map<number, StoredPart[]> {
  const rows = cachedStatement(
    ctx.db,
    `SELECT pr.enrolment_id AS enrolmentId, pr.part, pr.status, pr.score_tenths AS tenths, pr.note, pr.carried_from AS carriedFrom
     FROM part_results pr JOIN enrolments e ON e.id = pr.enrolment_id WHERE e.session_id = ?`,
  ).all(sessionId) as (StoredPart & { enrolmentId: number })[];
  const byEnrolment = new Map<number, StoredPart[]>();
  for (const r of rows) {
    const parts = byEnrolment.get(r.enrolmentId);
    if (parts) parts.push(r);
    else byEnrolment.set(r.enrolmentId, [r]);
  }
  return byEnrolment;
}
