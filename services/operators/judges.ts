// 裁判 at a competition: a judge account enters marks only for the events it is assigned to
// (competition_event_judges, by seat). Score-entry operations a judge may call declare access
// 'judge' (api/op.ts) and call requireJudgeOf with the event before writing.
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import { currentOperator, currentRole } from './operators';

/** The seats of `eventId` this judge holds; throws JUDGE_NOT_ASSIGNED for a judge with none. Others (clerks, admins, the command line) pass with null. */
export function requireJudgeOf(ctx: Ctx, eventId: number): number[] | null {
  if (ctx.operator.includes(':') || currentRole(ctx) !== 'judge') return null;
  const me = currentOperator(ctx)!;
  const seats = (ctx.db.prepare('SELECT judge FROM competition_event_judges WHERE event_id = ? AND operator_login = ? COLLATE NOCASE ORDER BY judge').all(eventId, me.login) as { judge: number }[]).map(
    (r) => r.judge,
  );
  if (seats.length === 0) throw new AppError('JUDGE_NOT_ASSIGNED', `裁判「${me.name}」没有被分配到这个竞赛项目，不能为它打分。如有误，请联系管理员在竞赛设置中分配。`);
  return seats;
}
