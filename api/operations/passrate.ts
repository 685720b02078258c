// Pass rates (合格率): breakdowns, the overall figure, and the people behind one figure.
import { z } from 'zod';
import { Id, query } from '../op';
import { figureCandidates, GROUPINGS, overallPassRate, passRateBreakdown } from '../../services/passrate/breakdown';
import { PASS_RATE_FORMULA } from '../../services/passrate/passRate';
import { ATTEMPTS } from '../../services/vocabulary/words';

export const PassRateFilter = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    sessionId: Id.optional(),
    occupationId: Id.optional(),
    level: z.coerce.number().int().min(1).max(5).optional(),
    attempt: z.enum(ATTEMPTS).optional(),
    finalizedOnly: z.boolean().optional(),
  })
  .default({});

export const passRateOperations = {
  'passrate.breakdown': query({ title: '查看合格率' }, z.object({ groupBy: z.enum(GROUPINGS), filter: PassRateFilter }), (ctx, a) => ({
    formula: PASS_RATE_FORMULA,
    rows: passRateBreakdown(ctx, a.groupBy, a.filter),
  })),
  'passrate.overall': query({ title: '查看合格率' }, z.object({ filter: PassRateFilter }).default({ filter: {} }), (ctx, a) => ({
    formula: PASS_RATE_FORMULA,
    summary: overallPassRate(ctx, a.filter),
  })),
  /** Click-through from one bar or row of a pass-rate breakdown to the candidates it counts. */
  'desk.figureCandidates': query(
    { title: '查看合格率背后的考生' },
    z.object({ groupBy: z.enum(GROUPINGS), key: z.string(), filter: PassRateFilter, limit: z.coerce.number().int().min(1).max(5000).default(2000) }),
    (ctx, a) => figureCandidates(ctx, a.groupBy, a.key, a.filter, a.limit),
  ),
};
