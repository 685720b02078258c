// Demo data: what the first-run guide offers a newcomer, clearly marked and removable.
import { z } from 'zod';
import { command, NoArgs, query } from '../op';
import { AppError } from '../../services/errors';
import { loadDemo } from '../../services/demo/generate';
import { demoStatus, removeDemo } from '../../services/demo/remove';

export const demoOperations = {
  'demo.status': query({ title: '查看示例数据' }, NoArgs, (ctx) => demoStatus(ctx)),
  'demo.load': command({ title: '载入示例数据', access: 'admin' }, z.object({ size: z.enum(['small', 'large']).default('small') }).default({ size: 'small' }), (ctx, a) => {
    // The large demo (1,000,000 part results) writes for a minute and would freeze the window:
    // it is for `certdesk demo --size large` and the benchmarks only.
    if (a.size === 'large') throw new AppError('DEMO_LARGE_CLI_ONLY', '大规模示例数据（十年、100 万条成绩）需要约一分钟生成，只能在命令行载入：certdesk demo --size large --db 数据文件。');
    return loadDemo(ctx, a.size);
  }),
  'demo.remove': command({ title: '删除示例数据', access: 'admin' }, NoArgs, (ctx) => removeDemo(ctx)),
};
