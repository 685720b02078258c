// 建补考批次: from a finalized session, the 补考 session of the same occupation, level and 工种,
// with everyone who did not pass (不合格 or 缺考) enrolled and the parts they passed carried
// (enrolments.ts carryOverPassedParts; docs/domain.md § The rules CertDesk applies).
import { AppError } from '../errors';
import { inTransaction, type Ctx } from '../shared/context';
import { dateInvalid, isIsoDate } from '../shared/dates';
import { createSession, getSession } from './sessions';
import { enrolMany } from './enrolments';
import { priorQualification } from './certified';

export interface RetakeInput {
  date: string;
  name?: string;
}

export interface RetakeResult {
  /** The new 补考 session. */
  id: number;
  /** How many of the first session's candidates were enrolled in it. */
  enrolled: number;
  /** Who did not pass here but already passed or holds the certificate elsewhere: not enrolled. */
  skipped: { idNumber: string; name: string; reason: string }[];
}

export function createRetakeSession(ctx: Ctx, sessionId: number, input: RetakeInput): RetakeResult {
  const from = getSession(ctx, sessionId);
  if (from.status !== 'finalized') {
    throw new AppError(
      'SESSION_NOT_FINALIZED',
      `认定批次「${from.name}」还没有定稿，不能建补考批次：谁需要补考要等成绩全部录完、定稿后才知道。请录完成绩后在批次页点「定稿」（命令行：certdesk session finalize ${sessionId}），再建补考批次。`,
    );
  }
  if (!isIsoDate(input.date)) throw dateInvalid('补考日期', input.date);
  if (input.date <= from.examDate) throw new AppError('DATE_INVALID', `补考日期 ${input.date} 不晚于原批次的考试日期 ${from.examDate}，请核对补考日期。`);
  return inTransaction(ctx.db, () => {
    const retake = createSession(ctx, {
      occupation: from.occupationCode,
      level: from.level,
      specialty: from.specialty,
      date: input.date,
      name: input.name,
      attempt: 'retake',
    }, { retakeOfHeld: true });
    const notPassed = ctx.db
      .prepare(
        `SELECT e.candidate_id AS candidateId, c.id_number AS idNumber, c.name
         FROM enrolments e JOIN candidates c ON c.id = e.candidate_id
         WHERE e.session_id = ? AND e.outcome IN ('fail', 'absent')
         ORDER BY e.admission_number`,
      )
      .all(sessionId) as { candidateId: number; idNumber: string; name: string }[];
    const skipped: RetakeResult['skipped'] = [];
    const toEnrol = notPassed.filter((p) => {
      const prior = priorQualification(ctx, p.candidateId, retake);
      if (prior) skipped.push({ idNumber: p.idNumber, name: p.name, reason: prior.text });
      return !prior;
    });
    // The employer is the person's current one (read by enrolMany), as for any new enrolment.
    enrolMany(ctx, retake.id, toEnrol.map((p) => ({ candidateId: p.candidateId, attempt: 'retake' as const })), { admitted: true });
    return { id: retake.id, enrolled: toEnrol.length, skipped };
  });
}
