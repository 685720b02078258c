// 已取证: a person who already passed the same occupation, level and 工种, or holds a valid
// certificate for it, is neither enrolled again nor issued a second certificate (docs/domain.md
// § The rules CertDesk applies: one valid certificate per person, occupation, level and 工种;
// only 补发 replaces it).
import { AppError } from '../errors';
import { cachedStatement, type Ctx } from '../shared/context';

/** What a session is of: the three things a certificate names. */
export interface Qualifying {
  id: number;
  occupationId: number;
  level: number;
  specialty: string | null;
}

/** The earlier pass or certificate that already qualifies a person, with words naming it. */
export interface PriorQualification {
  sessionId: number;
  sessionName: string;
  certificateNumber: string | null;
  /** 「已持有有效证书 …（…）」 or 「已在认定批次「…」（编号 N）中合格」. */
  text: string;
}

/** A valid certificate of the same occupation, level and 工种 from another session. */
export function validCertificateFor(ctx: Ctx, candidateId: number, session: Qualifying): PriorQualification | null {
  const row = cachedStatement(
    ctx.db,
    `SELECT c.number, s.id AS sessionId, s.name AS sessionName
     FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id JOIN sessions s ON s.id = e.session_id
     WHERE c.candidate_id = ? AND c.status = 'issued' AND s.occupation_id = ? AND s.level = ? AND s.specialty IS ? AND s.id <> ?
     ORDER BY c.id LIMIT 1`,
  ).get(candidateId, session.occupationId, session.level, session.specialty, session.id) as { number: string; sessionId: number; sessionName: string } | undefined;
  if (!row) return null;
  return { sessionId: row.sessionId, sessionName: row.sessionName, certificateNumber: row.number, text: `已持有有效证书 ${row.number}（${row.sessionName}）` };
}

/** The valid certificate, else a pass in a finalized session of the same occupation, level and 工种. */
export function priorQualification(ctx: Ctx, candidateId: number, session: Qualifying): PriorQualification | null {
  const cert = validCertificateFor(ctx, candidateId, session);
  if (cert) return cert;
  const row = cachedStatement(
    ctx.db,
    `SELECT s.id AS sessionId, s.name AS sessionName
     FROM enrolments e JOIN sessions s ON s.id = e.session_id
     WHERE e.candidate_id = ? AND e.outcome = 'pass' AND s.status = 'finalized'
       AND s.occupation_id = ? AND s.level = ? AND s.specialty IS ? AND s.id <> ?
     ORDER BY s.exam_date LIMIT 1`,
  ).get(candidateId, session.occupationId, session.level, session.specialty, session.id) as { sessionId: number; sessionName: string } | undefined;
  if (!row) return null;
  return { ...row, certificateNumber: null, text: `已在认定批次「${row.sessionName}」（编号 ${row.sessionId}）中合格` };
}

/** The refusal of enrolling a person `prior` already qualifies. */
export function alreadyCertified(person: { name: string; idNumber: string }, prior: PriorQualification): AppError {
  return new AppError(
    'ALREADY_CERTIFIED',
    `考生「${person.name}」（${person.idNumber}）${prior.text}，不能再报名同一职业、等级和工种的认定。如确需再次报名，请由管理员填写原因后强制报名。`,
    { sessionId: prior.sessionId, sessionName: prior.sessionName, certificateNumber: prior.certificateNumber },
  );
}

/**
 * Of many people (a roster, a retake), those who may already qualify for the session: one
 * statement per 5,000 instead of two per person, so a 100,000-row roster pays for the check only
 * for the few it concerns; priorQualification then names what qualifies each of them.
 */
export function qualifiedAmong(ctx: Ctx, candidateIds: readonly number[], session: Qualifying): Set<number> {
  const found = new Set<number>();
  const stmt = cachedStatement(
    ctx.db,
    `SELECT DISTINCT e.candidate_id AS id FROM enrolments e JOIN sessions s ON s.id = e.session_id
     WHERE e.candidate_id IN (SELECT value FROM json_each(?))
       AND s.occupation_id = ? AND s.level = ? AND s.specialty IS ? AND s.id <> ?
       AND ((e.outcome = 'pass' AND s.status = 'finalized') OR EXISTS (SELECT 1 FROM certificates c WHERE c.enrolment_id = e.id AND c.status = 'issued'))`,
  );
  for (let i = 0; i < candidateIds.length; i += 5000) {
    const rows = stmt.all(JSON.stringify(candidateIds.slice(i, i + 5000)), session.occupationId, session.level, session.specialty, session.id) as { id: number }[];
    for (const r of rows) found.add(r.id);
  }
  return found;
}
