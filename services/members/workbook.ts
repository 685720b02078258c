// 会员单位年度统计表: one row per member, then the totals of each category and of all members, in
// the report layout every export uses (spreadsheets/export/reportSheet.ts).
import type { Ctx } from '../shared/context';
import { getSetting } from '../settings/settings';
import { todayIso } from '../shared/dates';
import { openWorkbook, type ExportFile } from '../spreadsheets/export/output';
import { SEQ_COLUMN, writeReportSheet, type ReportColumn, type ReportRow } from '../spreadsheets/export/reportSheet';
import { PASS_RATE_FORMULA } from '../passrate/passRate';
import { memberReport, type MemberFigures } from './report';

const FIGURES: ReportColumn[] = [
  { header: '报名人数', kind: 'int', group: '职业技能等级认定' },
  { header: '实考人数', kind: 'int', group: '职业技能等级认定' },
  { header: '合格人数', kind: 'int', group: '职业技能等级认定' },
  { header: '合格率', kind: 'percent', group: '职业技能等级认定' },
  { header: '发证数', kind: 'int', group: '职业技能等级认定' },
  { header: '培训学时', kind: 'score', group: '培训' },
  { header: '结业人数', kind: 'int', group: '培训' },
  { header: '参赛', kind: 'int', group: '技能竞赛' },
  { header: '获奖', kind: 'int', group: '技能竞赛' },
];

const figures = (f: Omit<MemberFigures, 'employer' | 'category'>) => [f.registered, f.sat, f.passed, f.passRate, f.certificates, f.trainingHours, f.trainingCompletions, f.competitionEntries, f.awards];

export async function exportMemberReport(ctx: Ctx, year: string, out?: string): Promise<ExportFile> {
  const report = memberReport(ctx, year);
  const institution = getSetting(ctx, 'institution.name');
  const { workbook, finish } = openWorkbook(ctx, out, `会员单位年度统计_${year}年`, institution || 'CertDesk');
  const rows: ReportRow[] = [
    ...report.members.map((m, i) => ({ values: [i + 1, m.employer, m.category, ...figures(m)] })),
    ...report.totals.map((t) => ({ values: [null, t.category === '合计' ? `合计（${t.members}家）` : `${t.category}小计（${t.members}家）`, null, ...figures(t)], emphasis: t.category === '合计' ? ('total' as const) : ('subtotal' as const) })),
  ];
  writeReportSheet(workbook, {
    name: `${year}年会员单位统计`,
    title: `${year}年会员单位统计表`,
    institution,
    scope: `统计年度：${year}年（按每次认定、培训结业、竞赛当天的会员身份计入）`,
    columns: [SEQ_COLUMN, { header: '会员单位', kind: 'text' }, { header: '类别', kind: 'text' }, ...FIGURES],
    rows,
    notes: [PASS_RATE_FORMULA, '培训学时、结业人数只计已结业定稿的培训班；发证数为当年发出且未作废的证书。'],
    date: todayIso(),
  });
  return finish();
}
