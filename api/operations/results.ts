// Results: the score grid, and corrections to a finalized session.
import { z } from 'zod';
import { command, Id, query } from '../op';
import { correctResult, getResults, setResult } from '../../services/results/results';
import { sessionCorrections } from '../../services/audit/history';

const SetResult = z.object({
  sessionId: Id,
  idNumber: z.string().optional(),
  enrolmentId: Id.optional(),
  part: z.string(),
  score: z.union([z.number(), z.string()]).optional(),
  absent: z.boolean().optional(),
  misconduct: z.boolean().optional(),
  clear: z.boolean().optional(),
  /** 恢复保留成绩: put back the part carried from an earlier pass (a retake) after it was changed. */
  restoreCarried: z.boolean().optional(),
  /** What happened, with misconduct only (夹带、替考 …). */
  note: z.string().max(1000).optional(),
  reason: z.string().optional(),
  /** The cell as this desk last saw it: a save over someone else's newer value is refused (409), not made. */
  replaced: z.object({ status: z.enum(['scored', 'absent', 'misconduct', 'carried']).nullable(), score: z.number().nullable() }).optional(),
});

export const resultOperations = {
  'results.get': query({ title: '查看成绩' }, z.object({ sessionId: Id }), (ctx, a) => getResults(ctx, a.sessionId)),
  'results.set': command({ title: '录入成绩' }, SetResult, (ctx, a) => setResult(ctx, a)),
  // The same arguments (no clearing a finalized result), with a required reason.
  'results.correct': command({ title: '更正已定稿批次的成绩', access: 'admin' }, SetResult.omit({ clear: true, restoreCarried: true }).extend({ reason: z.string() }), (ctx, a) =>
    correctResult(ctx, a),
  ),
  'results.corrections': query({ title: '查看成绩更正' }, z.object({ sessionId: Id }), (ctx, a) => sessionCorrections(ctx, a.sessionId)),
};
