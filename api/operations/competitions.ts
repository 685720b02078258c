// Skill competitions (职业技能竞赛): setup, marks, ranking, prizes, 公示 and 定稿 (services/competitions).
import { z } from 'zod';
import { command, FileArg, Id, query } from '../op';
import { addEntrant, addEvent, assignJudge, createCompetition, getCompetition, listCompetitions, listMarks, setMark, setPrizeRule, setTiebreak, updateCompetition } from '../../services/competitions/competitions';
import { competitionResults, finalizeCompetition, publishCompetition } from '../../services/competitions/ranking';
import { importCompetitionScores } from '../../services/competitions/import';
import { promoteWinners } from '../../services/competitions/promote';

// pdfkit, fontkit and exceljs load on first use, so other commands start fast.
const awards = () => import('../../services/competitions/awards');
const exports = () => import('../../services/competitions/exports');

const optText = z.string().nullish();
const Num = z.union([z.number(), z.string()]);

export const competitionOperations = {
  'competitions.list': query({ title: '查看竞赛' }, z.object({}).default({}), (ctx) => listCompetitions(ctx)),
  'competitions.get': query({ title: '查看竞赛', access: 'judge' }, z.object({ id: Id }), (ctx, a) => getCompetition(ctx, a.id)),
  'competitions.create': command(
    { title: '新建竞赛' },
    z.object({
      name: z.string(),
      date: z.string(),
      kind: z.enum(['team', 'individual']).optional(),
      venue: optText,
      organiser: optText,
      occupation: optText,
      level: z.coerce.number().nullish(),
      complaintUntil: optText,
      teamRule: optText,
    }),
    (ctx, a) => createCompetition(ctx, a),
  ),
  'competitions.update': command(
    { title: '修改竞赛' },
    z.object({
      id: Id,
      name: z.string().optional(),
      date: z.string().optional(),
      venue: optText,
      organiser: optText,
      occupation: optText,
      level: z.coerce.number().nullish(),
      complaintUntil: optText,
      teamRule: z.string().optional(),
    }),
    (ctx, { id, ...changes }) => updateCompetition(ctx, id, changes),
  ),
  'competitions.addEvent': command(
    { title: '添加竞赛项目' },
    z.object({
      competitionId: Id,
      name: z.string(),
      max: Num,
      weight: Num.optional(),
      judges: z.coerce.number().optional(),
      dropHigh: z.coerce.number().optional(),
      dropLow: z.coerce.number().optional(),
      timed: z.boolean().optional(),
      timedPoints: z.enum(['rank', 'ratio']).optional(),
    }),
    (ctx, a) => addEvent(ctx, a),
  ),
  'competitions.addEntrant': command(
    { title: '添加参赛队' },
    z.object({ competitionId: Id, name: z.string(), employer: optText, draw: optText, members: z.array(z.string()).optional() }),
    (ctx, a) => addEntrant(ctx, a),
  ),
  /** The marks keyed so far for one event (the score grid reads them back). */
  'competitions.marks': query(
    { title: '查看竞赛成绩', access: 'judge' },
    z.object({ competitionId: Id, event: z.union([z.string(), z.number()]) }),
    (ctx, a) => listMarks(ctx, a.competitionId, a.event),
  ),
  /** One cell of the score grid: a judge's mark, a timekeeper's time or 罚时 ('penalty'); an empty value clears it. A 裁判 account keys only its own seats. */
  'competitions.setMark': command(
    { title: '录入竞赛成绩', access: 'judge' },
    z.object({
      competitionId: Id,
      event: z.union([z.string(), z.number()]),
      entrant: z.union([z.string(), z.number()]),
      member: z.string().optional(),
      seat: z.union([z.coerce.number(), z.literal('penalty')]),
      value: z.union([z.string(), z.number()]).nullable(),
      /** The cell as this desk showed it ('' or null: empty); someone else's save meanwhile is refused (409). */
      replaced: z.union([z.string(), z.number()]).nullable().optional(),
    }),
    (ctx, a) => setMark(ctx, a),
  ),
  'competitions.importScores': command(
    { title: '导入竞赛评分表', backup: 'import' },
    z.object({ competitionId: Id, file: FileArg, dryRun: z.boolean().optional() }),
    (ctx, a) => importCompetitionScores(ctx, a.competitionId, a.file, { dryRun: a.dryRun }),
  ),
  'competitions.tiebreak': command({ title: '设置并列排序规则' }, z.object({ competitionId: Id, order: z.array(z.string()) }), (ctx, a) => setTiebreak(ctx, a.competitionId, a.order)),
  'competitions.prizes': command({ title: '设置奖项规则' }, z.object({ competitionId: Id, rule: z.string() }), (ctx, a) => setPrizeRule(ctx, a.competitionId, a.rule)),
  'competitions.assignJudge': command(
    { title: '指定项目裁判', access: 'admin' },
    z.object({ competitionId: Id, event: z.union([z.string(), z.number()]), seat: z.coerce.number(), login: z.string().nullable() }),
    (ctx, a) => assignJudge(ctx, a.competitionId, a.event, a.seat, a.login),
  ),
  'competitions.results': query({ title: '查看竞赛成绩' }, z.object({ competitionId: Id }), (ctx, a) => competitionResults(ctx, a.competitionId)),
  'competitions.publish': command({ title: '公示竞赛成绩' }, z.object({ competitionId: Id, complaintUntil: optText }), (ctx, a) => publishCompetition(ctx, a.competitionId, a.complaintUntil)),
  /** 获奖证书 of a finalized competition, one page per prize, with a signed QR code; without `out`, the bytes come back. */
  'competitions.certificates': command(
    { title: '打印获奖证书' },
    z.object({ competitionId: Id, out: z.string().optional() }),
    async (ctx, a) => (await awards()).awardCertificatesPdf(ctx, a.competitionId, a.out),
  ),
  'competitions.exportResults': command({ title: '导出成绩汇总表' }, z.object({ competitionId: Id, out: z.string().optional() }), async (ctx, a) => (await exports()).exportCompetitionResults(ctx, a.competitionId, a.out)),
  'competitions.exportAwards': command({ title: '导出获奖名单' }, z.object({ competitionId: Id, out: z.string().optional() }), async (ctx, a) => (await exports()).exportAwardList(ctx, a.competitionId, a.out)),
  /** 以赛代评: ranks → levels; each promotion a finalized 竞赛认定 session with its certificate. */
  'competitions.promote': command(
    { title: '以赛代评', access: 'admin', backup: 'finalize' },
    z.object({ competitionId: Id, rule: z.string(), issueDate: z.string().optional() }),
    (ctx, a) => promoteWinners(ctx, a.competitionId, a.rule, { issueDate: a.issueDate }),
  ),
  'competitions.finalize': command({ title: '竞赛定稿', access: 'admin', backup: 'finalize' }, z.object({ competitionId: Id }), (ctx, a) => finalizeCompetition(ctx, a.competitionId)),
};
