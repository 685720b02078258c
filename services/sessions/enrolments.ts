// Enrolling candidates in a session, with an admission number (准考证号).
import { AppError } from '../errors';
import { auditBatch, recordAudit, shapeJson, type AuditInput } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { findCandidateByIdNumber, getCandidate, noCandidateWithIdNumber, upsertCandidate, type CandidateInput } from '../candidates/candidates';
import { normaliseIdNumber } from '../ids/idNumber';
import { assertSessionWritable, getSession, type Session } from './sessions';
import { recomputeOutcome } from '../results/results';
import { getNumberSetting, getSetting } from '../settings/settings';
import { requireAdmin } from '../operators/operators';
import { alreadyCertified, priorQualification, qualifiedAmong } from './certified';
import { checkCandidate, clausesFor, eligibilityEnforced, notEligible, type StoredClause } from '../eligibility/eligibility';
import type { Attempt, Outcome } from '../vocabulary/words';

export interface Enrolment {
  id: number;
  sessionId: number;
  candidateId: number;
  admissionNumber: string;
  attempt: Attempt;
  outcome: Outcome;
  idType: string;
  idNumber: string;
  name: string;
  gender: string | null;
  employer: string | null;
}

/**
 * 准考证号: exam year, session number (4 digits), seat (4 digits) — e.g. 2024 0012 0007.
 * Seats continue after the highest in use (past 9999 in a very large session) and skip any
 * number reserved by the batch (typed by hand in the file). Every number already in the session
 * with this prefix has a seat at or below the highest, so a new seat cannot collide with it; a
 * number typed by hand that does collide is refused by the unique key (ADMISSION_NUMBER_TAKEN).
 * One allocator serves a whole batch.
 */
function seatAllocator(ctx: Ctx, sessionId: number, examDate: string, reserved: ReadonlySet<string> = new Set()): () => string {
  const prefix = `${examDate.slice(0, 4)}${String(sessionId).padStart(4, '0')}`;
  const row = ctx.db
    .prepare('SELECT max(CAST(substr(admission_number, ?) AS INTEGER)) AS last FROM enrolments WHERE session_id = ? AND admission_number LIKE ?')
    .get(prefix.length + 1, sessionId, `${prefix}%`) as { last: number | null };
  let seat = row.last ?? 0;
  return () => {
    let number: string;
    do number = `${prefix}${String(++seat).padStart(4, '0')}`;
    while (reserved.has(number));
    return number;
  };
}

export function enrol(ctx: Ctx, sessionId: number, candidateId: number, opts: EnrolOptions = {}): Enrolment {
  return inTransaction(ctx.db, () => {
    const session = assertSessionWritable(ctx, sessionId);
    return getEnrolment(ctx, insertEnrolment(ctx, session, candidateId, opts, seatAllocator(ctx, sessionId, session.examDate), undefined, undefined, undefined, undefined, enforcedClauses(ctx, session)));
  });
}

/**
 * Many candidates at once (a roster import): the session is checked once, not once per person,
 * and the audit entries go through one batch (auditBatch) instead of re-reading the chain's tail.
 */
/**
 * `admitted`: the people were admitted to this occupation and level already (a 补考 of the session
 * they sat), so 申报条件 are not asked again.
 */
export function enrolMany(
  ctx: Ctx,
  sessionId: number,
  items: readonly ({ candidateId: number; employerId?: number | null } & EnrolOptions)[],
  opts: { admitted?: boolean } = {},
): number[] {
  return inTransaction(ctx.db, () => {
    const session = assertSessionWritable(ctx, sessionId);
    // Numbers typed in the batch itself are kept free for the rows that carry them.
    const reserved = new Set(items.flatMap((i) => (i.admissionNumber?.trim() ? [i.admissionNumber.trim()] : [])));
    const nextSeat = seatAllocator(ctx, sessionId, session.examDate, reserved);
    const audit = auditBatch(ctx);
    const now = nowIso();
    const screened = qualifiedAmong(ctx, items.map((i) => i.candidateId), session);
    const clauses = opts.admitted ? [] : enforcedClauses(ctx, session);
    return items.map((item) => insertEnrolment(ctx, session, item.candidateId, item, nextSeat, audit, now, item.employerId, screened, clauses));
  });
}

/** The 申报条件 an enrolment must meet, read once per session; none when not enforced or the level has none. */
function enforcedClauses(ctx: Ctx, session: Session): StoredClause[] {
  return eligibilityEnforced(ctx) ? clausesFor(ctx, session.occupationId, session.level) : [];
}

/** An administrator's decision to enrol a person who already passed or holds the certificate, or whom no 申报条件 admits. */
export interface CertifiedOverride {
  reason: string;
}

type EnrolOptions = { attempt?: Attempt; admissionNumber?: string; override?: CertifiedOverride };

const enrolmentJson = shapeJson(['sessionId', 'candidateId', 'admissionNumber', 'attempt']);

function insertEnrolment(
  ctx: Ctx,
  session: Session,
  candidateId: number,
  opts: EnrolOptions,
  nextSeat: () => string,
  audit: (input: AuditInput) => void = (input) => recordAudit(ctx, input),
  now = nowIso(),
  /** The person's current employer, when the caller has just written it (a roster import). */
  knownEmployerId?: number | null,
  /** The batch's people who may already qualify (qualifiedAmong); the others need no lookup. */
  screened?: ReadonlySet<number>,
  /** 申报条件 to meet (enforcedClauses); empty: nothing to check. */
  clauses: readonly StoredClause[] = [],
): number {
  const sessionId = session.id;
  const prior = !screened || screened.has(candidateId) ? priorQualification(ctx, candidateId, session) : null;
  if (prior && !opts.override) {
    const person = getCandidate(ctx, candidateId);
    throw alreadyCertified(person, prior);
  }
  const verdict = clauses.length ? checkCandidate(ctx, session, candidateId, [...clauses]) : null;
  const ineligible = verdict && !verdict.eligible ? verdict : null;
  if (ineligible && !opts.override) throw notEligible(getCandidate(ctx, candidateId), ineligible, session.level);
  const overridden = (prior || ineligible) && opts.override ? checkOverride(ctx, opts.override) : null;
  let employerId = knownEmployerId;
  if (employerId === undefined) {
    const person = cachedStatement(ctx.db, 'SELECT employer_id FROM candidates WHERE id = ?').get(candidateId) as { employer_id: number | null } | undefined;
    // getCandidate names the missing person (CANDIDATE_NOT_FOUND); the full record is read only for a message.
    if (!person) getCandidate(ctx, candidateId);
    employerId = person!.employer_id;
  }
  const admissionNumber = opts.admissionNumber?.trim() || nextSeat();
  const attempt = opts.attempt ?? session.attempt;
  let id: number;
  try {
    id = Number(
      cachedStatement(ctx.db, `INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, employer_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(sessionId, candidateId, admissionNumber, attempt, employerId, now).lastInsertRowid,
    );
  } catch (e) {
    // The unique keys answer "already in this session?" for a whole roster at no extra cost; a
    // refused INSERT leaves the transaction as it was.
    const message = (e as { code?: string; message?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? String((e as Error).message) : '';
    if (message.includes('enrolments.candidate_id')) {
      const candidate = getCandidate(ctx, candidateId);
      throw new AppError('ALREADY_ENROLLED', `考生「${candidate.name}」（${candidate.idNumber}）已在本批次中，不能重复报名。`);
    }
    if (message.includes('enrolments.admission_number')) throw new AppError('ADMISSION_NUMBER_TAKEN', `准考证号 ${admissionNumber} 在本批次已被使用，请换一个。`);
    throw e;
  }
  if (attempt === 'retake') carryOverPassedParts(ctx, id, session.occupationId, session.level, session.examDate);
  audit({ entity: 'enrolment', entityId: id, action: 'create', newValue: enrolmentJson({ sessionId, candidateId, admissionNumber, attempt }) });
  if (prior && overridden) {
    audit({
      entity: 'enrolment',
      entityId: id,
      action: 'override-certified',
      newValue: { sessionId, candidateId, priorSessionId: prior.sessionId, priorCertificate: prior.certificateNumber, prior: prior.text },
      reason: overridden,
    });
  }
  if (ineligible && overridden) {
    audit({ entity: 'enrolment', entityId: id, action: 'override-eligibility', newValue: { sessionId, candidateId, reasons: ineligible.reasons }, reason: overridden });
  }
  return id;
}

/** Only an administrator overrides ALREADY_CERTIFIED or NOT_ELIGIBLE, and only with a reason; returns the reason. */
function checkOverride(ctx: Ctx, override: CertifiedOverride): string {
  requireAdmin(ctx, '强制报名（已合格、已持证或不符合申报条件的考生）');
  const reason = override.reason?.trim() ?? '';
  if (!reason) throw new AppError('REASON_REQUIRED', '强制报名（已合格、已持证或不符合申报条件的考生）必须填写原因（如「原证书信息有误需重新认定」「已核实退役证明」），原因会记入操作日志。');
  return reason;
}

/**
 * 补考: a part passed in an earlier session of the same occupation and level is kept for a
 * period (domain.md: commonly one year; the setting results.retakeKeepMonths), so only failed
 * parts are retaken. A part passed in a sitting with 违纪 is kept only when
 * results.carryAfterMisconduct says yes.
 */
function carryOverPassedParts(ctx: Ctx, enrolmentId: number, occupationId: number, level: number, examDate: string): void {
  const keepMonths = getNumberSetting(ctx, 'results.retakeKeepMonths');
  const afterMisconduct = getSetting(ctx, 'results.carryAfterMisconduct') === 'yes' ? 1 : 0;
  const since = new Date(`${examDate}T00:00:00Z`);
  since.setUTCMonth(since.getUTCMonth() - keepMonths);
  const sinceIso = since.toISOString().slice(0, 10);
  const candidateId = (ctx.db.prepare('SELECT candidate_id FROM enrolments WHERE id = ?').get(enrolmentId) as { candidate_id: number }).candidate_id;
  const kept = ctx.db
    .prepare(
      `SELECT pr.part, pr.score_tenths, pr.enrolment_id
       FROM part_results pr
       JOIN enrolments e ON e.id = pr.enrolment_id
       JOIN sessions s ON s.id = e.session_id
       JOIN level_parts lp ON lp.occupation_id = s.occupation_id AND lp.level = s.level AND lp.part = pr.part
       WHERE e.candidate_id = ? AND e.id <> ? AND s.occupation_id = ? AND s.level = ? AND s.exam_date >= ? AND s.exam_date < ?
         AND pr.status = 'scored' AND pr.score_tenths >= lp.pass_mark_tenths
         AND pr.carried_from IS NULL -- the keeping period runs from the original pass, not from a copy of it
         -- A sitting with 违纪 on any part keeps nothing unless the setting allows it (docs/domain.md § The rules CertDesk applies).
         AND (? OR NOT EXISTS (SELECT 1 FROM part_results m WHERE m.enrolment_id = pr.enrolment_id AND m.status = 'misconduct'))
       ORDER BY s.exam_date DESC`,
    )
    .all(candidateId, enrolmentId, occupationId, level, sinceIso, examDate, afterMisconduct) as { part: string; score_tenths: number; enrolment_id: number }[];
  const seen = new Set<string>();
  for (const k of kept) {
    if (seen.has(k.part)) continue;
    seen.add(k.part);
    ctx.db
      .prepare(`INSERT INTO part_results (enrolment_id, part, status, score_tenths, carried_from, updated_at) VALUES (?, ?, 'scored', ?, ?, ?)`)
      .run(enrolmentId, k.part, k.score_tenths, k.enrolment_id, nowIso());
  }
  if (seen.size) recomputeOutcome(ctx, enrolmentId);
}

const SELECT_ENROLMENT = `
  SELECT e.id, e.session_id AS sessionId, e.candidate_id AS candidateId, e.admission_number AS admissionNumber, e.attempt, e.outcome,
         c.id_type AS idType, c.id_number AS idNumber, c.name, c.gender, emp.name AS employer
  FROM enrolments e JOIN candidates c ON c.id = e.candidate_id LEFT JOIN employers emp ON emp.id = e.employer_id`;

export function getEnrolment(ctx: Ctx, id: number): Enrolment {
  const row = ctx.db.prepare(`${SELECT_ENROLMENT} WHERE e.id = ?`).get(id) as Enrolment | undefined;
  if (!row) throw new AppError('ENROLMENT_NOT_FOUND', `找不到报名记录 ${id}。`);
  return row;
}

export function listEnrolments(ctx: Ctx, sessionId: number): Enrolment[] {
  return ctx.db.prepare(`${SELECT_ENROLMENT} WHERE e.session_id = ? ORDER BY e.admission_number`).all(sessionId) as Enrolment[];
}

/**
 * The enrolment of the person with this ID number in a session: the one lookup behind the CLI's
 * --candidate, the score grid's keyed ID and the audit history of a score.
 */
export function enrolmentIdOf(ctx: Ctx, sessionId: number, idNumber: string): number {
  const wanted = idNumber.trim().toUpperCase();
  if (!wanted) throw new AppError('CANDIDATE_REQUIRED', '请填写考生的证件号码。');
  const row = cachedStatement(ctx.db, 'SELECT e.id FROM enrolments e JOIN candidates c ON c.id = e.candidate_id WHERE e.session_id = ? AND c.id_number = ?').get(
    sessionId,
    wanted,
  ) as { id: number } | undefined;
  if (!row) throw new AppError('NOT_ENROLLED', `证件号码 ${wanted} 的考生没有报名批次 ${sessionId}，请核对证件号码和批次编号，或先把他加入该批次。`);
  return row.id;
}

export function findEnrolment(ctx: Ctx, sessionId: number, idNumber: string): Enrolment {
  return getEnrolment(ctx, enrolmentIdOf(ctx, sessionId, idNumber));
}

/** Who to enrol: a registered candidate (by id or ID number), or a new person registered on the way. */
export interface EnrolWho {
  candidateId?: number;
  idNumber?: string;
  candidate?: CandidateInput;
}

/** Enrol a known candidate, or register a new one and enrol them, in one transaction. */
export function enrolPerson(ctx: Ctx, sessionId: number, who: EnrolWho, opts: { admissionNumber?: string; override?: CertifiedOverride } = {}): Enrolment {
  return inTransaction(ctx.db, () => {
    let candidateId = who.candidateId ?? (who.candidate ? upsertCandidate(ctx, who.candidate).candidate.id : undefined);
    if (candidateId === undefined && who.idNumber) {
      const found = findCandidateByIdNumber(ctx, normaliseIdNumber(who.idNumber));
      if (!found) throw noCandidateWithIdNumber(who.idNumber);
      candidateId = found.id;
    }
    if (candidateId === undefined) throw new AppError('CANDIDATE_REQUIRED', '请选择一名考生，或填写新考生的信息。');
    return enrol(ctx, sessionId, candidateId, opts);
  });
}

export function withdrawEnrolment(ctx: Ctx, enrolmentId: number, reason?: string): Enrolment {
  return inTransaction(ctx.db, () => {
    const e = getEnrolment(ctx, enrolmentId);
    const session = getSession(ctx, e.sessionId);
    // The list of a finalized session is what was certified; there is no administrator's way round this one.
    if (session.status === 'finalized') {
      throw new AppError('SESSION_FINALIZED', `认定批次「${session.name}」已定稿，考生名单已锁定，不能再把「${e.name}」移出。如成绩有误，请由管理员更正成绩（result correct）。`);
    }
    const hasResults = ctx.db.prepare('SELECT 1 FROM part_results WHERE enrolment_id = ? AND carried_from IS NULL').get(enrolmentId);
    if (hasResults) throw new AppError('ENROLMENT_HAS_RESULTS', `考生「${e.name}」已有成绩，不能移出批次。如属录入错误，请先清除成绩。`);
    ctx.db.prepare('DELETE FROM part_results WHERE enrolment_id = ?').run(enrolmentId);
    ctx.db.prepare('DELETE FROM enrolments WHERE id = ?').run(enrolmentId);
    recordAudit(ctx, { entity: 'enrolment', entityId: enrolmentId, action: 'delete', oldValue: e, reason });
    return e;
  });
}
