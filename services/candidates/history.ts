// A candidate's whole record on one page: who they are, every session they were enrolled in with
// each part's score (保留 for a part carried into a 补考, domain.md § Exam parts and passing), the
// outcome, and every certificate with what became of it (有效, 已作废, or 已补发 by a newer one).
import type { Ctx } from '../shared/context';
import { getCandidate, type Candidate } from './candidates';
import { getSession } from '../sessions/sessions';
import { getResults, type PartResultView } from '../results/results';
import { listCertificates } from '../certificates/records';
import type { Attempt, Outcome, SessionStatus } from '../vocabulary/words';

export interface EnrolmentRecord {
  enrolmentId: number;
  sessionId: number;
  sessionName: string;
  examDate: string;
  venue: string | null;
  sessionStatus: SessionStatus;
  occupationCode: string;
  occupationName: string;
  specialty: string | null;
  level: number;
  levelLabel: string;
  attempt: Attempt;
  /** 准考证号 */
  admissionNumber: string;
  /** The employer at the time of the session, which may differ from today's. */
  employer: string | null;
  outcome: Outcome;
  /** The parts the session examines, in its order; a part not keyed in yet has status 'pending' and no score. */
  parts: (Omit<PartResultView, 'status'> & { status: PartResultView['status'] | 'pending' })[];
}

/** valid: 有效; void: 已作废; reissued: voided and replaced by a 补发 (its number in replacedByNumber). */
export type CertificateState = 'valid' | 'void' | 'reissued';

export interface CertificateRecord {
  id: number;
  number: string;
  issueDate: string;
  state: CertificateState;
  voidReason: string | null;
  /** This certificate is a 补发 of that number. */
  replacesNumber: string | null;
  replacedByNumber: string | null;
  sessionId: number | null;
  occupationName: string | null;
  specialty: string | null;
  level: number | null;
  levelLabel: string | null;
}

export interface CandidateHistory {
  candidate: Candidate;
  enrolments: EnrolmentRecord[];
  certificates: CertificateRecord[];
}

/** Newest session first; certificates newest first. A person has a handful of each, so each is read by the usual functions. */
export function candidateHistory(ctx: Ctx, candidateId: number): CandidateHistory {
  const candidate = getCandidate(ctx, candidateId);
  const rows = ctx.db
    .prepare(
      `SELECT e.id AS enrolmentId, e.session_id AS sessionId FROM enrolments e JOIN sessions s ON s.id = e.session_id
       WHERE e.candidate_id = ? ORDER BY s.exam_date DESC, s.id DESC`,
    )
    .all(candidateId) as { enrolmentId: number; sessionId: number }[];
  const enrolments = rows.map(({ enrolmentId, sessionId }): EnrolmentRecord => {
    const session = getSession(ctx, sessionId);
    const result = getResults(ctx, sessionId, enrolmentId, session).candidates[0]!;
    return {
      enrolmentId,
      sessionId,
      sessionName: session.name,
      examDate: session.examDate,
      venue: session.venue,
      sessionStatus: session.status,
      occupationCode: session.occupationCode,
      occupationName: session.occupationName,
      specialty: session.specialty,
      level: session.level,
      levelLabel: session.levelLabel,
      attempt: result.attempt,
      admissionNumber: result.admissionNumber,
      employer: result.employer,
      outcome: result.outcome,
      parts: session.parts.map((sp) => {
        const keyed = result.parts.find((p) => p.part === sp.part);
        return keyed ?? { part: sp.part, label: sp.label, score: null, status: 'pending', carried: false, carriedFrom: null };
      }),
    };
  });
  const certificates = listCertificates(ctx, { candidateId })
    .sort((a, b) => (a.issueDate === b.issueDate ? b.id - a.id : a.issueDate < b.issueDate ? 1 : -1))
    .map(
      (c): CertificateRecord => ({
        id: c.id,
        number: c.number,
        issueDate: c.issueDate,
        state: c.status === 'issued' ? 'valid' : c.replacedByNumber ? 'reissued' : 'void',
        voidReason: c.voidReason,
        replacesNumber: c.replacesNumber,
        replacedByNumber: c.replacedByNumber,
        sessionId: c.sessionId,
        occupationName: c.occupationName,
        specialty: c.specialty,
        level: c.level,
        levelLabel: c.levelLabel,
      }),
    );
  return { candidate, enrolments, certificates };
}
