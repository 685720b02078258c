// Issuing (发证), voiding (作废) and reissuing (补发) certificates. Each one is a single transaction
// that allocates the number, writes the certificate and its audit entry together.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { getSession, type Session } from '../sessions/sessions';
import { inTransaction, type Ctx } from '../shared/context';
import { dateInvalid, isIsoDate, nowIso, todayIso } from '../shared/dates';
import { allocateCertificateNumber, peekCertificateNumbers } from './number';
import { getCertificate, getCertificateById, type Certificate } from './records';
import { validCertificateFor } from '../sessions/certified';

export interface IssuedLine {
  idNumber: string;
  name: string;
  number: string;
}

export interface IssueResult {
  issued: IssuedLine[];
  /** Passed candidates who already hold (or held) a certificate from this session: not issued twice. */
  alreadyIssued: IssuedLine[];
  /**
   * Passed candidates who already hold a valid certificate for this occupation, level and 工种
   * from another session (its number here): never issued a second one; only 补发 replaces it.
   */
  skipped: IssuedLine[];
}

/** A calendar date, not after today: a certificate cannot say it was issued on a day still to come. */
function checkIssueDate(date: string | undefined, today = todayIso()): string {
  const issueDate = date?.trim() || today;
  if (!isIsoDate(issueDate)) throw dateInvalid('发证日期', date);
  if (issueDate > today) throw new AppError('CERT_DATE_IN_FUTURE', `发证日期 ${issueDate} 晚于今天（${today}），不能预先发证。请填写今天或之前的日期。`);
  return issueDate;
}

/** Never before the exam: the certificate attests an exam already sat. */
function checkNotBeforeExam(issueDate: string, session: { examDate: string }): void {
  if (issueDate < session.examDate) {
    throw new AppError('CERT_DATE_BEFORE_EXAM', `发证日期 ${issueDate} 早于考试日期 ${session.examDate}，请填写考试日期当天或之后的日期。`);
  }
}

function insertCertificate(ctx: Ctx, v: { number: string; enrolmentId: number | null; candidateId: number; issueDate: string; replacesId: number | null; source: 'generated' | 'imported' }): Certificate {
  const id = Number(
    ctx.db
      .prepare(
        `INSERT INTO certificates (number, enrolment_id, candidate_id, issue_date, status, replaces_id, source, created_at)
         VALUES (?, ?, ?, ?, 'issued', ?, ?, ?)`,
      )
      .run(v.number, v.enrolmentId, v.candidateId, v.issueDate, v.replacesId, v.source, nowIso()).lastInsertRowid,
  );
  return getCertificateById(ctx, id);
}

/** What the audit log keeps of a certificate: enough to reprint or dispute it years later. */
function auditValue(c: Certificate) {
  return { number: c.number, status: c.status, issueDate: c.issueDate, name: c.name, idType: c.idType, idNumber: c.idNumber, occupation: c.occupationName, specialty: c.specialty, level: c.level, source: c.source };
}

export function recordCertificate(ctx: Ctx, v: Parameters<typeof insertCertificate>[1], action: 'issue' | 'import' | 'reissue', reason?: string): Certificate {
  const cert = insertCertificate(ctx, v);
  recordAudit(ctx, { entity: 'certificate', entityId: cert.number, action, newValue: auditValue(cert), reason: reason ?? null });
  return cert;
}

interface Passed {
  enrolmentId: number;
  candidateId: number;
  name: string;
  idNumber: string;
}

/** Who of a finalized session gets a certificate now, and who does not and why: shared by 发证 and its preview. */
function planIssue(ctx: Ctx, sessionId: number, issueDate: string): { session: Session; toIssue: Passed[]; alreadyIssued: IssuedLine[]; skipped: IssuedLine[] } {
  const session = getSession(ctx, sessionId);
  if (session.status !== 'finalized') {
    throw new AppError('CERT_SESSION_NOT_FINALIZED', `认定批次「${session.name}」还没有定稿，不能发证。请核对成绩后在批次页点「定稿」（命令行：certdesk session finalize ${sessionId}），再发证。`);
  }
  checkNotBeforeExam(issueDate, session);
  const passed = ctx.db
    .prepare(
      `SELECT e.id AS enrolmentId, e.candidate_id AS candidateId, p.name, p.id_number AS idNumber,
              (SELECT c.number FROM certificates c WHERE c.enrolment_id = e.id ORDER BY c.id DESC LIMIT 1) AS existing
       FROM enrolments e JOIN candidates p ON p.id = e.candidate_id
       WHERE e.session_id = ? AND e.outcome = 'pass'
       ORDER BY e.admission_number`,
    )
    .all(sessionId) as (Passed & { existing: string | null })[];
  const plan = { session, toIssue: [] as Passed[], alreadyIssued: [] as IssuedLine[], skipped: [] as IssuedLine[] };
  for (const { existing, ...p } of passed) {
    if (existing) {
      plan.alreadyIssued.push({ idNumber: p.idNumber, name: p.name, number: existing });
      continue;
    }
    // docs/domain.md § The rules CertDesk applies: one valid certificate per person, occupation, level and 工种.
    const held = validCertificateFor(ctx, p.candidateId, session);
    if (held) {
      plan.skipped.push({ idNumber: p.idNumber, name: p.name, number: held.certificateNumber! });
      continue;
    }
    plan.toIssue.push(p);
  }
  return plan;
}

/**
 * Issues a certificate to every candidate who passed the session. Only a finalized session
 * (results locked) can issue: a certificate must never rest on a score that may still change.
 */
export function issueForSession(ctx: Ctx, sessionId: number, date?: string): IssueResult {
  const issueDate = checkIssueDate(date);
  return inTransaction(ctx.db, () => {
    const { session, toIssue, alreadyIssued, skipped } = planIssue(ctx, sessionId, issueDate);
    const result: IssueResult = { issued: [], alreadyIssued, skipped };
    for (const p of toIssue) {
      const number = allocateCertificateNumber(ctx, issueDate, session.level);
      recordCertificate(ctx, { number, enrolmentId: p.enrolmentId, candidateId: p.candidateId, issueDate, replacesId: null, source: 'generated' }, 'issue');
      result.issued.push({ idNumber: p.idNumber, name: p.name, number });
    }
    return result;
  });
}

export interface IssuePreview {
  sessionId: number;
  date: string;
  /** How many certificates 发证 on this date would issue now. */
  count: number;
  first: string | null;
  last: string | null;
  alreadyIssued: IssuedLine[];
  skipped: IssuedLine[];
}

/**
 * What 发证 would do, without doing it: the officer confirms the count and the first and last
 * number before any number is taken. Reads only; the numbers are those issuing would allocate
 * now (a certificate issued meanwhile by someone else moves them on).
 */
export function issuePreview(ctx: Ctx, sessionId: number, date?: string): IssuePreview {
  const issueDate = checkIssueDate(date);
  const { session, toIssue, alreadyIssued, skipped } = planIssue(ctx, sessionId, issueDate);
  const numbers = toIssue.length ? peekCertificateNumbers(ctx, issueDate, session.level, toIssue.length) : [];
  return { sessionId, date: issueDate, count: toIssue.length, first: numbers[0] ?? null, last: numbers.at(-1) ?? null, alreadyIssued, skipped };
}

/** A passed person of a finalized session still without a certificate (发证 would give them one). */
export interface AwaitingCertificate {
  sessionId: number;
  sessionName: string;
  examDate: string;
  name: string;
  idNumber: string;
  admissionNumber: string;
}

/**
 * Everyone waiting for a certificate: passed in a finalized session, never given one from it, and
 * holding no valid certificate of the same occupation, level and 工种 (those 发证 skips).
 */
export function awaitingCertificates(ctx: Ctx): AwaitingCertificate[] {
  return ctx.db
    .prepare(
      `SELECT s.id AS sessionId, s.name AS sessionName, s.exam_date AS examDate, p.name, p.id_number AS idNumber, e.admission_number AS admissionNumber
       FROM enrolments e JOIN sessions s ON s.id = e.session_id JOIN candidates p ON p.id = e.candidate_id
       WHERE e.outcome = 'pass' AND s.status = 'finalized'
         AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrolment_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM certificates c JOIN enrolments e2 ON e2.id = c.enrolment_id JOIN sessions s2 ON s2.id = e2.session_id
                         WHERE c.candidate_id = e.candidate_id AND c.status = 'issued'
                           AND s2.occupation_id = s.occupation_id AND s2.level = s.level AND s2.specialty IS s.specialty)
       ORDER BY s.exam_date, s.id, e.admission_number`,
    )
    .all() as AwaitingCertificate[];
}

function requireReason(reason: string | undefined, what: string): string {
  const r = reason?.trim() ?? '';
  if (!r) throw new AppError('CERT_REASON_REQUIRED', `${what}证书必须填写原因（如「姓名录入错误」「证书遗失」），原因会记入操作日志。`);
  return r;
}

function voidInside(ctx: Ctx, cert: Certificate, reason: string): Certificate {
  ctx.db.prepare("UPDATE certificates SET status = 'void', void_reason = ? WHERE id = ?").run(reason, cert.id);
  const after = getCertificateById(ctx, cert.id);
  recordAudit(ctx, { entity: 'certificate', entityId: cert.number, action: 'void', oldValue: auditValue(cert), newValue: auditValue(after), reason });
  return after;
}

/** 作废: the number stays in the table for ever, so it is never given out again. */
export function voidCertificate(ctx: Ctx, number: string, reason: string | undefined): Certificate {
  const why = requireReason(reason, '作废');
  return inTransaction(ctx.db, () => {
    const cert = getCertificate(ctx, number);
    if (cert.status === 'void') throw new AppError('CERT_ALREADY_VOID', `证书 ${cert.number} 已于之前作废（原因：${cert.voidReason ?? '未填写'}），不需要再作废。`);
    return voidInside(ctx, cert, why);
  });
}

/** 补发: voids the old certificate (if still valid) and issues the same person a new number that records the old one. */
export function reissueCertificate(ctx: Ctx, number: string, reason: string | undefined, date?: string): { voided: Certificate; issued: Certificate } {
  const why = requireReason(reason, '补发');
  const issueDate = checkIssueDate(date);
  return inTransaction(ctx.db, () => {
    let cert = getCertificate(ctx, number);
    if (cert.replacedByNumber) {
      throw new AppError('CERT_ALREADY_REPLACED', `证书 ${cert.number} 已补发过，新证书编号为 ${cert.replacedByNumber}。如需再次补发，请对新证书操作。`);
    }
    const level = cert.level ?? Number(cert.number[15]);
    if (issueDate < cert.issueDate) throw new AppError('CERT_DATE_BEFORE_EXAM', `补发日期 ${issueDate} 早于原证书的发证日期 ${cert.issueDate}，请核对。`);
    if (cert.status === 'issued') cert = voidInside(ctx, cert, `补发：${why}`);
    const newNumber = allocateCertificateNumber(ctx, issueDate, level);
    const issued = recordCertificate(
      ctx,
      { number: newNumber, enrolmentId: cert.enrolmentId, candidateId: cert.candidateId, issueDate, replacesId: cert.id, source: 'generated' },
      'reissue',
      `补发 ${cert.number}：${why}`,
    );
    return { voided: cert, issued };
  });
}
