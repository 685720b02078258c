// 会员单位: the registry, 更名 merges of employer names, and the yearly statistics per member.
import { z } from 'zod';
import { command, query } from '../op';
import { addMember, endMembership, listMembers, mergeEmployer } from '../../services/members/members';
import { memberReport } from '../../services/members/report';

const Year = z.string().regex(/^\d{4}$/, '年度写成四位数字，如 2024');
const memberWorkbook = () => import('../../services/members/workbook');
const memberFeedback = () => import('../../services/members/feedback');

export const memberOperations = {
  'members.list': query({ title: '查看会员单位' }, z.object({ asOf: z.string().optional() }).default({}), (ctx, a) => listMembers(ctx, a)),
  'members.add': command(
    { title: '登记会员单位' },
    z.object({ employer: z.string(), category: z.string(), joined: z.string(), left: z.string().nullish(), contact: z.string().nullish(), phone: z.string().nullish() }),
    (ctx, a) => addMember(ctx, a),
  ),
  'members.leave': command({ title: '登记退会' }, z.object({ employer: z.string(), left: z.string() }), (ctx, a) => endMembership(ctx, a)),
  /** 更名 or a second spelling: from counts as into for every figure, past and future. */
  'members.merge': command({ title: '合并单位名称', access: 'admin' }, z.object({ from: z.string(), into: z.string() }), (ctx, a) => mergeEmployer(ctx, a)),
  /** {year, members:[{employer, category, registered, sat, passed, passRate, certificates, trainingHours, …}], totals}. */
  'members.report': query({ title: '会员单位年度统计' }, z.object({ year: Year }), (ctx, a) => memberReport(ctx, a.year)),
  /** 会员单位服务反馈表: one page per member (or the one named) with its figures beside all members'. */
  'members.feedback': command(
    { title: '打印会员单位反馈表' },
    z.object({ year: Year, employer: z.string().optional(), out: z.string().min(1).optional() }),
    async (ctx, a) => (await memberFeedback()).memberFeedbackPdf(ctx, a),
  ),
  'export.members': command({ title: '导出会员单位年度统计表' }, z.object({ year: Year, out: z.string().min(1).optional() }), async (ctx, a) => (await memberWorkbook()).exportMemberReport(ctx, a.year, a.out)),
};
