// The 合格率 workbook (docs/domain.md § Pass rate): a summary with one row per session and subtotals by occupation
// and level, then sheets by employer, by month, quarter and year, by attempt type (一次通过率), and
// the detail of every result. Every figure comes from services/passrate, so it matches the CLI
// and the window to the person.
import type { Ctx } from '../../shared/context';
import { overallPassRate, passRateBreakdown, type Grouping, type PassRateRow } from '../../passrate/breakdown';
import { PASS_RATE_FORMULA, type PassRateSummary } from '../../passrate/passRate';
import { sessionWhere, exportContext, openExport, passRateFilter, type ExportScope } from './scope';
import { detailWidths, eachDetailRow, partCell, partsInScope, type DetailRow, type DetailWidths } from './detail';
import type { ExportFile } from './output';
import { SEQ_COLUMN, textColumns, writeReportSheet, type ReportColumn, type ReportRow, type ReportSheetSpec, type ReportValue } from './reportSheet';
import { displayWidth } from '../../vocabulary/text';
import { ATTEMPT_LABELS, LEVEL_LABELS, OUTCOME_LABELS, PART_LABELS, STATUS_WORDS, type Attempt, type Part } from '../../vocabulary/words';

const FIGURES: ReportColumn[] = [
  { header: '报名人数', kind: 'int' },
  { header: '缺考人数', kind: 'int' },
  { header: '实考人数', kind: 'int' },
  { header: '合格人数', kind: 'int' },
  { header: '合格率', kind: 'percent' },
];

/** A breakdown (by employer, month …) adds up sessions, so a person in two of them counts twice: 人次. */
const FIGURES_PERSON_TIMES: ReportColumn[] = [
  { header: '报名人次', kind: 'int' },
  { header: '缺考人次', kind: 'int' },
  { header: '实考人次', kind: 'int' },
  { header: '合格人次', kind: 'int' },
  { header: '合格率', kind: 'percent' },
];

const figures = (s: PassRateSummary) => [s.registered, s.absent, s.sat, s.passed, s.passRate];

interface SessionMeta {
  id: number;
  occupationId: number;
  name: string;
  occupationCode: string;
  occupationName: string;
  specialty: string | null;
  level: number;
  attempt: Attempt;
  examDate: string;
}

/**
 * One row per session, grouped by occupation then level, each group closed by its subtotal —
 * asked of services/passrate for the group, so a subtotal is the same figure the window shows.
 */
function summaryRows(ctx: Ctx, scope: ExportScope): { rows: ReportRow[]; total: PassRateSummary } {
  const filter = passRateFilter(scope);
  const where = sessionWhere(scope);
  const meta = new Map(
    (
      ctx.db
        .prepare(
          `SELECT s.id, s.occupation_id AS occupationId, s.name, o.code AS occupationCode, o.name AS occupationName, s.specialty, s.level, s.attempt, s.exam_date AS examDate
           FROM sessions s JOIN occupations o ON o.id = s.occupation_id ${where.sql}`,
        )
        .all(...where.args) as SessionMeta[]
    ).map((m) => [String(m.id), m]),
  );
  const sessions = passRateBreakdown(ctx, 'session', filter)
    .map((r) => ({ row: r, meta: meta.get(r.key)! }))
    .sort((a, b) => a.meta.occupationCode.localeCompare(b.meta.occupationCode) || b.meta.level - a.meta.level || a.meta.examDate.localeCompare(b.meta.examDate) || a.meta.id - b.meta.id);
  const rows: ReportRow[] = [];
  let seq = 0;
  const byOccupation = new Map<string, typeof sessions>();
  for (const s of sessions) byOccupation.set(s.meta.occupationCode, [...(byOccupation.get(s.meta.occupationCode) ?? []), s]);
  for (const group of byOccupation.values()) {
    const levels = new Map<number, typeof sessions>();
    for (const s of group) levels.set(s.meta.level, [...(levels.get(s.meta.level) ?? []), s]);
    for (const [level, list] of levels) {
      for (const { row, meta: m } of list) {
        rows.push({ values: [++seq, m.name, m.occupationName, m.specialty ?? '--', LEVEL_LABELS[m.level], ATTEMPT_LABELS[m.attempt], m.examDate, ...figures(row)] });
      }
      rows.push({ values: [null, `小计：${list[0]!.meta.occupationName} ${LEVEL_LABELS[level]}`, null, null, null, null, null, ...figures(overallPassRate(ctx, { ...filter, occupationId: list[0]!.meta.occupationId, level }))], emphasis: 'subtotal' });
    }
    if (levels.size > 1) rows.push({ values: [null, `小计：${group[0]!.meta.occupationName}（各等级）`, null, null, null, null, null, ...figures(overallPassRate(ctx, { ...filter, occupationId: group[0]!.meta.occupationId }))], emphasis: 'subtotal' });
  }
  const total = overallPassRate(ctx, filter);
  rows.push({ values: [null, '合计', null, null, null, null, null, ...figures(total)], emphasis: 'total' });
  return { rows, total };
}

function breakdownRows(rows: readonly PassRateRow[], total: PassRateSummary): ReportRow[] {
  return [
    ...rows.map((r, i): ReportRow => ({ values: [i + 1, r.label, ...figures(r), r.passRateOfRegistered] })),
    { values: [null, '合计', ...figures(total), total.passRateOfRegistered], emphasis: 'total' },
  ];
}

function notes(total: PassRateSummary): string[] {
  return [
    `说明：${PASS_RATE_FORMULA}；「合格率（合格/报名）」= 合格人数 ÷ 报名人数。缺考人数指所有科目均缺考的人数。`,
    '小计、合计和按单位、按月、按季度、按年度、按考试类型各表按人次统计：同一人参加了几个批次（如正考后又补考），就计几人次。',
    ...(total.pending > 0 ? [`另有 ${total.pending} 人成绩尚未录完（待定），只计入报名人数，不计入实考人数和合格率；定稿后即为最终数字。`] : []),
  ];
}

export async function exportPassRateWorkbook(ctx: Ctx, scope: ExportScope, out?: string): Promise<ExportFile> {
  const x = exportContext(ctx, scope);
  const { workbook, finish } = openExport(ctx, x, out, '合格率统计');
  const summary = summaryRows(ctx, scope);
  writeReportSheet(workbook, {
    ...x.heading,
    name: '合格率汇总',
    title: '职业技能等级认定合格率统计表',
    columns: [
      SEQ_COLUMN,
      ...textColumns('认定批次', '职业', '工种', '等级', '考试类型', '考试日期'),
      ...FIGURES,
    ],
    rows: summary.rows,
    notes: notes(summary.total),
  });
  const sheets: { grouping: Grouping; name: string; title: string; label: string }[] = [
    { grouping: 'employer', name: '按单位', title: '合格率统计（按工作单位）', label: '工作单位' },
    { grouping: 'month', name: '按月', title: '合格率统计（按月）', label: '月份' },
    { grouping: 'quarter', name: '按季度', title: '合格率统计（按季度）', label: '季度' },
    { grouping: 'year', name: '按年度', title: '合格率统计（按年度）', label: '年度' },
    { grouping: 'attempt', name: '一次通过率', title: '合格率统计（按考试类型：正考合格率即一次通过率）', label: '考试类型' },
  ];
  for (const s of sheets) {
    const rows = passRateBreakdown(ctx, s.grouping, passRateFilter(scope)).map((r) =>
      s.grouping === 'attempt' && r.key === 'first' ? { ...r, label: `${ATTEMPT_LABELS.first}（一次通过率）` } : r,
    );
    writeReportSheet(workbook, {
      ...x.heading,
      name: s.name,
      title: s.title,
      columns: [{ header: '序号', kind: 'int' }, { header: s.label, kind: 'text' }, ...FIGURES_PERSON_TIMES, { header: '合格率（合格/报名）', kind: 'percent' }],
      rows: breakdownRows(rows, summary.total),
      notes: notes(summary.total),
    });
  }
  writeReportSheet(workbook, { ...x.heading, ...detailSheet(ctx, scope) });
  return finish();
}

/** A column of the detail sheet: its value in a row, and how wide its widest value in scope is. */
interface DetailColumn {
  column: ReportColumn;
  value(r: DetailRow): ReportValue;
  widest(w: DetailWidths): number;
}

const widestLabel = (labels: Record<string, string>) => Math.max(...Object.values(labels).map(displayWidth));

const detailText = (header: string, value: DetailColumn['value'], widest: DetailColumn['widest']): DetailColumn => ({ column: { header, kind: 'text' }, value, widest });

/** A part's cell holds a score of at most four characters (59.5, 100) or a word (缺考). */
const detailPart = (p: Part): DetailColumn => ({
  column: { header: PART_LABELS[p], kind: 'score', group: '考核成绩' },
  value: (r) => partCell(r.parts[p]),
  widest: () => Math.max(4, widestLabel(STATUS_WORDS)),
});

/**
 * 成绩明细: every result, streamed from SQLite into the sheet (100,000 rows are never held at
 * once), its column widths measured by SQLite beforehand.
 */
function detailSheet(ctx: Ctx, scope: ExportScope): Omit<ReportSheetSpec, 'institution' | 'scope' | 'date'> {
  const columns: DetailColumn[] = [
    detailText('认定批次', (r) => r.sessionName, (w) => w.sessionName),
    detailText('考试日期', (r) => r.examDate, (w) => w.examDate),
    detailText('准考证号', (r) => r.admissionNumber, (w) => w.admissionNumber),
    detailText('姓名', (r) => r.name, (w) => w.name),
    detailText('性别', (r) => r.gender, (w) => w.gender),
    detailText('证件号码', (r) => r.idNumber, (w) => w.idNumber),
    detailText('工作单位', (r) => r.employer, (w) => w.employer),
    detailText('职业', (r) => r.occupationName, (w) => w.occupationName),
    detailText('工种', (r) => r.specialty ?? '--', (w) => Math.max(w.specialty, displayWidth('--'))),
    detailText('等级', (r) => LEVEL_LABELS[r.level], (w) => Math.max(0, ...w.levels.map((l) => displayWidth(LEVEL_LABELS[l]!)))),
    detailText('考试类型', (r) => ATTEMPT_LABELS[r.attempt], () => widestLabel(ATTEMPT_LABELS)),
    ...partsInScope(ctx, scope).map(detailPart),
    detailText('结果', (r) => OUTCOME_LABELS[r.outcome], () => widestLabel(OUTCOME_LABELS)),
  ];
  const widths = detailWidths(ctx, scope);
  function* rows(): Generator<ReportRow> {
    let seq = 0;
    for (const r of eachDetailRow(ctx, scope)) {
      const values: ReportValue[] = [++seq];
      for (const c of columns) values.push(c.value(r));
      yield { values };
    }
  }
  return {
    name: '成绩明细',
    title: '职业技能等级认定成绩明细',
    columns: [SEQ_COLUMN, ...columns.map((c) => c.column)],
    rows: rows(),
    widest: [String(widths.rows).length, ...columns.map((c) => c.widest(widths))],
  };
}
