// Demo data: what the first-run guide offers a newcomer, clearly marked and removable.
import { z } from 'zod';
import { command, query } from '../op';
import { loadDemo } from '../../services/demo/generate';
import { demoStatus, removeDemo } from '../../services/demo/remove';

export const demoOperations = {
  'demo.status': query(z.object({}).default({}), (ctx) => demoStatus(ctx)),
  // The large demo (1,000,000 part results) takes half a minute: the window offers only `small`;
  // `large` is for `certdesk demo --size large` and the benchmarks.
  'demo.load': command(z.object({ size: z.enum(['small', 'large']).default('small') }).default({ size: 'small' }), (ctx, a) => loadDemo(ctx, a.size)),
  'demo.remove': command(z.object({}).default({}), (ctx) => removeDemo(ctx)),
};
