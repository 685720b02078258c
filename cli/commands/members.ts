// 会员单位 on the command line (docs/cli.md § Members): the registry, 更名 merges and the year's
// statistics per member.
import path from 'node:path';
import { callOp, flag, requireFlag, runCommand, opCommand, type CliCommand } from '../command';
import { renderTable } from '../table';
import type { Member } from '../../services/members/members';
import type { MemberFigures } from '../../services/members/report';

const memberLine = (m: Member) => `${m.employer}（${m.category}，${m.joined} 入会${m.left ? `，${m.left} 退会` : ''}）${m.aliases.length ? `，曾用名/别名：${m.aliases.join('、')}` : ''}`;
const rate = (r: number | null) => (r === null ? '--' : `${Math.round(r * 1000) / 10}%`);

export const memberCommands: CliCommand[] = [
  opCommand({
    words: ['member', 'add'],
    usage: 'certdesk member add --employer NAME --category 会长单位|副会长单位|常务理事单位|理事单位|会员单位 --joined YYYY-MM-DD [--left YYYY-MM-DD] [--contact 联系人] [--phone 电话]',
    summary: '登记会员单位（入会日期起计入会员统计）',
    op: 'members.add',
    args: (p) => ({
      employer: requireFlag(p, 'employer', '单位名称'),
      category: requireFlag(p, 'category', '会员类别，如 会员单位'),
      joined: requireFlag(p, 'joined', '入会日期 YYYY-MM-DD'),
      left: flag(p, 'left'),
      contact: flag(p, 'contact'),
      phone: flag(p, 'phone'),
    }),
    print: (m) => `已登记：${memberLine(m)}`,
  }),
  opCommand({
    words: ['member', 'leave'],
    usage: 'certdesk member leave --employer NAME --date YYYY-MM-DD',
    summary: '登记会员单位退会（之前的统计照旧保留）',
    op: 'members.leave',
    args: (p) => ({ employer: requireFlag(p, 'employer', '单位名称'), left: requireFlag(p, 'date', '退会日期 YYYY-MM-DD') }),
    print: (m) => `已登记退会：${memberLine(m)}`,
  }),
  opCommand({
    words: ['member', 'list'],
    usage: 'certdesk member list [--as-of YYYY-MM-DD]',
    summary: '列出会员单位（--as-of 只列某日在会的）',
    op: 'members.list',
    args: (p) => ({ asOf: flag(p, 'as-of') }),
    print: (list) => (list.length === 0 ? '还没有登记会员单位。' : list.map(memberLine).join('\n')),
  }),
  opCommand({
    words: ['member', 'merge'],
    usage: 'certdesk member merge --from 旧名称 --into 现名称',
    summary: '单位更名或同一单位写法不同时合并：旧名称保留为别名，以前和以后的统计都计入现名称（管理员）',
    op: 'members.merge',
    args: (p) => ({ from: requireFlag(p, 'from', '旧名称'), into: requireFlag(p, 'into', '现名称') }),
    print: (r) => `已合并：「${r.from}」今后计入「${r.into}」${r.aliases.length ? `（别名：${r.aliases.join('、')}）` : ''}`,
  }),
  opCommand({
    words: ['member', 'feedback'],
    usage: 'certdesk member feedback --year YYYY [--employer NAME] --out FILE.pdf',
    summary: '打印会员单位年度服务反馈表（每家一页，本单位数字与全部会员单位对照）',
    op: 'members.feedback',
    args: (p) => ({ year: requireFlag(p, 'year', '统计年度'), employer: flag(p, 'employer'), out: path.resolve(requireFlag(p, 'out', '输出的 PDF 文件路径')) }),
    print: (r) => `已生成 ${r.pages} 页反馈表：${'path' in r ? r.path : r.name}`,
  }),
  runCommand({
    words: ['report', 'members'],
    usage: 'certdesk report members --year YYYY [--out FILE.xlsx]',
    summary: '会员单位年度统计：报名、实考、合格、合格率、发证、培训学时、竞赛获奖（按当天的会员身份计入）；--out 另存统计表',
    run: async (ctx, p) => {
      const year = requireFlag(p, 'year', '统计年度，如 2024');
      const out = flag(p, 'out');
      const r = await callOp(ctx, 'members.report', { year });
      if (out) {
        const saved = (await callOp(ctx, 'export.members', { year, out: path.resolve(out) })) as { path: string };
        process.stderr.write(`统计表已保存：${saved.path}\n`);
      }
      return { members: r.members };
    },
    print: (r: { members: MemberFigures[] }) =>
      r.members.length === 0
        ? '这一年没有会员单位。'
        : renderTable(
            ['会员单位', '类别', '报名', '实考', '合格', '合格率', '发证', '培训学时', '结业', '参赛', '获奖'],
            r.members.map((m) => [m.employer, m.category, m.registered, m.sat, m.passed, rate(m.passRate), m.certificates, m.trainingHours, m.trainingCompletions, m.competitionEntries, m.awards]),
          ),
  }),
];
