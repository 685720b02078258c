// 申报条件 as the officer's data, a person's history, and the check of both as of a session's exam
// date (docs/eligibility.md). The evaluation itself is pure (evaluate.ts).
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { isIsoDate, nowIso, parseLooseDate } from '../shared/dates';
import { findCandidateByIdNumber, noCandidateWithIdNumber } from '../candidates/candidates';
import { normaliseIdNumber } from '../ids/idNumber';
import { findOccupation } from '../occupations/occupations';
import { parseLevel } from '../occupations/catalogue';
import { getSession } from '../sessions/sessions';
import { getSetting } from '../settings/settings';
import { LEVEL_SHORT } from '../vocabulary/words';
import { completedTrainings } from '../training/credit';
import { educationRank, evaluate, type Clause, type Condition, type History, type Verdict } from './evaluate';

export interface StoredClause extends Clause {
  source: string;
}

export function clausesFor(ctx: Ctx, occupationId: number, level: number): StoredClause[] {
  return (
    cachedStatement(ctx.db, 'SELECT id, label, text, conditions, source FROM eligibility_clauses WHERE occupation_id = ? AND level = ? ORDER BY sort, id').all(occupationId, level) as {
      id: number;
      label: string;
      text: string;
      conditions: string;
      source: string;
    }[]
  ).map((r) => ({ ...r, conditions: JSON.parse(r.conditions) as Condition[] }));
}

/** 参加工作时间, 文化程度 and graduation, certificates (CertDesk's own and recorded ones) and training. */
export function historyOf(ctx: Ctx, candidateId: number): History {
  const c = cachedStatement(ctx.db, 'SELECT work_start_date, education, graduation_date FROM candidates WHERE id = ?').get(candidateId) as
    | { work_start_date: string | null; education: string | null; graduation_date: string | null }
    | undefined;
  const issued = cachedStatement(
    ctx.db,
    `SELECT o.code AS occupationCode, s.level, c.issue_date AS date FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
     JOIN sessions s ON s.id = e.session_id JOIN occupations o ON o.id = s.occupation_id WHERE c.candidate_id = ? AND c.status = 'issued'`,
  ).all(candidateId) as { occupationCode: string; level: number; date: string }[];
  const recorded = cachedStatement(
    ctx.db,
    'SELECT cc.kind, o.code AS occupationCode, cc.level, cc.issued_on AS date FROM candidate_credentials cc LEFT JOIN occupations o ON o.id = cc.occupation_id WHERE cc.candidate_id = ?',
  ).all(candidateId) as { kind: 'certificate' | 'training'; occupationCode: string | null; level: number; date: string }[];
  return {
    workStartDate: c?.work_start_date ?? null,
    education: c?.education ?? null,
    graduationDate: c?.graduation_date ?? null,
    certificates: [...issued, ...recorded.filter((r) => r.kind === 'certificate')].map(({ occupationCode, level, date }) => ({ occupationCode, level, date })),
    // Training recorded by hand (credential add --training) and classes finalized here.
    trainings: [...recorded.filter((r) => r.kind === 'training').map(({ occupationCode, level, date }) => ({ occupationCode, level, date })), ...completedTrainings(ctx, candidateId)],
  };
}

export interface SessionOf {
  occupationId: number;
  occupationCode: string;
  level: number;
  examDate: string;
}

export function checkCandidate(ctx: Ctx, session: SessionOf, candidateId: number, clauses = clausesFor(ctx, session.occupationId, session.level)): Verdict {
  return evaluate(clauses, historyOf(ctx, candidateId), { occupationCode: session.occupationCode, examDate: session.examDate });
}

/** Whether an ineligible person is refused at enrolment (yes) or only reported (no): docs/eligibility.md § Enforcing. */
export function eligibilityEnforced(ctx: Ctx): boolean {
  return getSetting(ctx, 'eligibility.enforce') === 'yes';
}

/** The refusal of enrolling a person no clause admits. */
export function notEligible(person: { name: string; idNumber: string }, verdict: Verdict, level: number): AppError {
  return new AppError(
    'NOT_ELIGIBLE',
    `考生「${person.name}」（${person.idNumber}）不符合${LEVEL_SHORT[level]}的申报条件：${verdict.reasons.join('；')}。请在考生档案的「申报资料」中补录其参加工作时间、文化程度或原证书（命令行：credential add），或由管理员填写原因后强制报名。`,
    { reasons: verdict.reasons },
  );
}

export interface SessionCheck {
  candidates: { idNumber: string; name: string; eligible: boolean; clause: string | null; reasons: string[] }[];
}

/** Every person enrolled in a session, checked as of its exam date. */
export function checkSession(ctx: Ctx, sessionId: number): SessionCheck {
  const s = getSession(ctx, sessionId);
  const clauses = clausesFor(ctx, s.occupationId, s.level);
  const people = ctx.db
    .prepare('SELECT c.id, c.id_number AS idNumber, c.name FROM enrolments e JOIN candidates c ON c.id = e.candidate_id WHERE e.session_id = ? ORDER BY e.admission_number')
    .all(sessionId) as { id: number; idNumber: string; name: string }[];
  return {
    candidates: people.map((p) => {
      const v = checkCandidate(ctx, s, p.id, clauses);
      return { idNumber: p.idNumber, name: p.name, eligible: v.eligible, clause: v.clause, reasons: v.reasons };
    }),
  };
}

function requireDate(raw: string | undefined | null, label: string): string | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null;
  const s = raw.trim();
  // 参加工作时间 is often written to the month only (2018-03, 2018年3月): the 1st of that month.
  const month = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s);
  const iso = month ? `${month[1]}-${month[2]!.padStart(2, '0')}-01` : parseLooseDate(s);
  if (!iso || !isIsoDate(iso)) throw new AppError('DATE_INVALID', `${label}「${raw}」不是有效日期，请写成 YYYY-MM-DD（如 2018-03-01）或 YYYY-MM。`);
  return iso;
}

function candidateByIdNumber(ctx: Ctx, idNumber: string): { id: number; name: string; idNumber: string } {
  const found = findCandidateByIdNumber(ctx, normaliseIdNumber(idNumber));
  if (!found) throw noCandidateWithIdNumber(idNumber);
  return { id: found.id, name: found.name, idNumber: found.idNumber };
}

/** 参加工作时间, 文化程度 and graduation of a registered person; a field left out stays. */
export function setBackground(ctx: Ctx, input: { idNumber: string; workStartDate?: string | null; education?: string | null; graduationDate?: string | null }) {
  return inTransaction(ctx.db, () => {
    const person = candidateByIdNumber(ctx, input.idNumber);
    const old = ctx.db.prepare('SELECT work_start_date AS workStartDate, education, graduation_date AS graduationDate FROM candidates WHERE id = ?').get(person.id) as {
      workStartDate: string | null;
      education: string | null;
      graduationDate: string | null;
    };
    const next = {
      workStartDate: input.workStartDate === undefined ? old.workStartDate : requireDate(input.workStartDate, '参加工作时间'),
      education: input.education === undefined ? old.education : input.education?.trim() || null,
      graduationDate: input.graduationDate === undefined ? old.graduationDate : requireDate(input.graduationDate, '毕业时间'),
    };
    if (next.education && educationRank(next.education) < 0) {
      throw new AppError('EDUCATION_UNKNOWN', `文化程度「${next.education}」无法识别，请写 初中、高中、中专、大专、本科、硕士 或 博士。`);
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== old[k]);
    if (changed.length) {
      ctx.db.prepare('UPDATE candidates SET work_start_date = ?, education = ?, graduation_date = ?, updated_at = ? WHERE id = ?').run(next.workStartDate, next.education, next.graduationDate, nowIso(), person.id);
      recordAudit(ctx, {
        entity: 'candidate',
        entityId: person.id,
        action: 'update',
        oldValue: Object.fromEntries(changed.map((k) => [k, old[k]])),
        newValue: Object.fromEntries(changed.map((k) => [k, next[k]])),
      });
    }
    return { idNumber: person.idNumber, name: person.name, ...next };
  });
}

export interface CredentialInput {
  idNumber: string;
  occupation: string;
  level: number | string;
  date: string;
  number?: string;
  issuer?: string;
  kind?: 'certificate' | 'training';
}

/**
 * A certificate CertDesk did not issue (原证书), or training completed. An occupation not in the
 * catalogue is kept as written (原职业) and counts for no clause until the officer relates it.
 */
export function addCredential(ctx: Ctx, input: CredentialInput) {
  const level = parseLevel(input.level);
  const date = requireDate(input.date, input.kind === 'training' ? '结业日期' : '取证日期');
  if (!date) throw new AppError('DATE_INVALID', `请填写${input.kind === 'training' ? '结业日期' : '取证日期'}（YYYY-MM-DD）。`);
  return inTransaction(ctx.db, () => {
    const person = candidateByIdNumber(ctx, input.idNumber);
    let occupation: { id: number; code: string; name: string } | null = null;
    try {
      occupation = findOccupation(ctx, input.occupation);
    } catch (e) {
      if ((e as AppError).code !== 'OCCUPATION_UNKNOWN') throw e;
    }
    const kind = input.kind ?? 'certificate';
    const number = input.number?.trim() || null;
    if (number && ctx.db.prepare('SELECT 1 FROM candidate_credentials WHERE candidate_id = ? AND number = ?').get(person.id, number)) {
      throw new AppError('CREDENTIAL_EXISTS', `考生「${person.name}」的证书 ${number} 已经登记过了。`);
    }
    const id = Number(
      ctx.db
        .prepare('INSERT INTO candidate_credentials (candidate_id, kind, occupation_id, occupation_text, level, issued_on, number, issuer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(person.id, kind, occupation?.id ?? null, occupation ? null : input.occupation.trim(), level, date, number, input.issuer?.trim() || null, nowIso()).lastInsertRowid,
    );
    const credential = { id, kind, idNumber: person.idNumber, name: person.name, occupation: occupation?.name ?? input.occupation.trim(), occupationCode: occupation?.code ?? null, level, date, number, issuer: input.issuer?.trim() || null };
    recordAudit(ctx, { entity: 'candidate', entityId: person.id, action: 'add-credential', newValue: credential });
    return credential;
  });
}

/** 申报条件 of an occupation × level as the officer sees them. */
export function listClauses(ctx: Ctx, input: { occupation: string; level: number | string }) {
  const occ = findOccupation(ctx, input.occupation);
  const level = parseLevel(input.level);
  return { occupation: occ.name, code: occ.code, level, clauses: clausesFor(ctx, occ.id, level) };
}

const CONDITION_KINDS = ['certificate', 'work', 'education', 'training', 'attested'] as const;

function checkConditions(raw: unknown): Condition[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new AppError('CLAUSE_INVALID', '每一条申报条件至少要有一个条件（证书、工作年限、学历、培训或需核实的事项）。');
  return raw.map((c: Record<string, unknown>) => {
    if (!c || !(CONDITION_KINDS as readonly string[]).includes(String(c.kind))) throw new AppError('CLAUSE_INVALID', `条件种类「${String(c?.kind)}」不对，应为 ${CONDITION_KINDS.join('、')}。`);
    const years = c.years === undefined ? undefined : Number(c.years);
    if (years !== undefined && (!Number.isInteger(years) || years < 0 || years > 50)) throw new AppError('CLAUSE_INVALID', `年限「${String(c.years)}」不对，应为 0–50 的整数。`);
    if ((c.kind === 'certificate' || c.kind === 'training') && (!Number.isInteger(c.level) || (c.level as number) < 1 || (c.level as number) > 5)) {
      throw new AppError('CLAUSE_INVALID', '证书或培训条件要写明等级（1–5）。');
    }
    if (c.kind === 'education' && educationRank(String(c.min ?? '')) < 0) throw new AppError('CLAUSE_INVALID', `学历「${String(c.min)}」无法识别，请写 初中、高中、大专、本科、硕士 或 博士。`);
    if (c.kind === 'attested' && !String(c.text ?? '').trim()) throw new AppError('CLAUSE_INVALID', '需核实的事项要写明内容，如「军队及武警部队退役义务兵」。');
    return c as Condition;
  });
}

/** Adds one clause (an alternative) to an occupation × level. */
export function addClause(ctx: Ctx, input: { occupation: string; level: number | string; label: string; text: string; conditions: unknown; source?: string }) {
  const level = parseLevel(input.level);
  const conditions = checkConditions(input.conditions);
  return inTransaction(ctx.db, () => {
    const occ = findOccupation(ctx, input.occupation);
    if (!ctx.db.prepare('SELECT 1 FROM occupation_levels WHERE occupation_id = ? AND level = ?').get(occ.id, level)) {
      throw new AppError('LEVEL_NOT_OFFERED', `职业「${occ.name}」不开设${LEVEL_SHORT[level]}，不能为它设置申报条件。`);
    }
    const { sort } = ctx.db.prepare('SELECT coalesce(max(sort) + 1, 0) AS sort FROM eligibility_clauses WHERE occupation_id = ? AND level = ?').get(occ.id, level) as { sort: number };
    const row = { label: input.label.trim(), text: input.text.trim(), conditions, source: input.source?.trim() ?? '' };
    const id = Number(
      ctx.db.prepare('INSERT INTO eligibility_clauses (occupation_id, level, label, text, conditions, source, sort) VALUES (?, ?, ?, ?, ?, ?, ?)').run(occ.id, level, row.label, row.text, JSON.stringify(conditions), row.source, sort).lastInsertRowid,
    );
    recordAudit(ctx, { entity: 'occupation', entityId: `${occ.code}:${level}:申报条件`, action: 'create', newValue: { id, ...row } });
    return listClauses(ctx, { occupation: occ.code, level });
  });
}

/** Removes one clause; the audit log keeps its words and conditions. */
export function removeClause(ctx: Ctx, input: { id: number }) {
  return inTransaction(ctx.db, () => {
    const row = ctx.db.prepare('SELECT ec.*, o.code FROM eligibility_clauses ec JOIN occupations o ON o.id = ec.occupation_id WHERE ec.id = ?').get(input.id) as
      | { id: number; code: string; level: number; label: string; text: string; conditions: string; source: string }
      | undefined;
    if (!row) throw new AppError('CLAUSE_NOT_FOUND', `找不到编号为 ${input.id} 的申报条件，请用 eligibility clauses 查看。`);
    ctx.db.prepare('DELETE FROM eligibility_clauses WHERE id = ?').run(input.id);
    recordAudit(ctx, {
      entity: 'occupation',
      entityId: `${row.code}:${row.level}:申报条件`,
      action: 'delete',
      oldValue: { id: row.id, label: row.label, text: row.text, conditions: JSON.parse(row.conditions), source: row.source },
    });
    return listClauses(ctx, { occupation: row.code, level: row.level });
  });
}

export interface RecordedCredential {
  id: number;
  kind: 'certificate' | 'training';
  /** The catalogue's name, or 原职业 as written when the catalogue has no such occupation (it counts for no clause). */
  occupation: string;
  occupationCode: string | null;
  level: number;
  date: string;
  number: string | null;
  issuer: string | null;
}

/**
 * What a person's 申报条件 are checked against besides CertDesk's own certificates: 参加工作时间,
 * 文化程度 and 毕业时间, and the certificates from elsewhere and training recorded for them.
 */
export function backgroundOf(ctx: Ctx, idNumber: string) {
  const person = candidateByIdNumber(ctx, idNumber);
  const c = ctx.db.prepare('SELECT work_start_date AS workStartDate, education, graduation_date AS graduationDate FROM candidates WHERE id = ?').get(person.id) as {
    workStartDate: string | null;
    education: string | null;
    graduationDate: string | null;
  };
  const credentials = ctx.db
    .prepare(
      `SELECT cc.id, cc.kind, coalesce(o.name, cc.occupation_text) AS occupation, o.code AS occupationCode, cc.level, cc.issued_on AS date, cc.number, cc.issuer
       FROM candidate_credentials cc LEFT JOIN occupations o ON o.id = cc.occupation_id WHERE cc.candidate_id = ? ORDER BY cc.issued_on, cc.id`,
    )
    .all(person.id) as RecordedCredential[];
  return { idNumber: person.idNumber, name: person.name, ...c, credentials };
}
