// The sheets of one session that go back and forth with employers and exam sites: 报名花名册 and
// 成绩单 (and their blank templates, which the importers accept unchanged), and 合格人员名单.
import type { Ctx } from '../../shared/context';
import { getSession, type Session } from '../../sessions/sessions';
import { ROSTER_FIELDS } from '../fields';
import { exportContext, openExport, type ExportScope } from './scope';
import { detailRows, partCell, partsInScope, type DetailRow } from './detail';
import type { ExportFile } from './output';
import { auditNotes } from '../../audit/exportNotes';
import { SEQ_COLUMN, textColumns, writeReportSheet, type ReportColumn, type ReportRow } from './reportSheet';
import { ATTEMPT_LABELS, CARRIED_WORD, LEVEL_LABELS, OUTCOME_LABELS, PART_LABELS } from '../../vocabulary/words';

const SIGNATURES = '填报人：　　　　　　　审核人：　　　　　　　日期：　　　　年　　月　　日';

function occupationText(r: { occupationName: string; specialty: string | null }): string {
  return r.specialty ? `${r.occupationName}（${r.specialty}）` : r.occupationName;
}

/** The roster columns, titled exactly as the roster import knows them. */
const ROSTER_COLUMNS: ReportColumn[] = ['seq', 'name', 'gender', 'idType', 'idNumber', 'birthDate', 'phone', 'education', 'employer', 'occupation', 'level', 'attempt', 'admissionNumber'].map(
  (field): ReportColumn => ({ header: ROSTER_FIELDS.find((f) => f.field === field)!.title, kind: field === 'seq' ? 'int' : 'text' }),
);

function rosterRow(r: DetailRow, i: number): ReportRow {
  return {
    values: [i + 1, r.name, r.gender, r.idType, r.idNumber, r.birthDate, r.phone, r.education, r.employer, occupationText(r), LEVEL_LABELS[r.level], ATTEMPT_LABELS[r.attempt], r.admissionNumber],
  };
}

export async function exportRoster(ctx: Ctx, sessionId: number, out?: string, opts: { blank?: boolean } = {}): Promise<ExportFile> {
  const session = getSession(ctx, sessionId);
  const x = exportContext(ctx, { sessionId });
  const { workbook, finish } = openExport(ctx, x, out, opts.blank ? '报名花名册模板' : '报名花名册');
  writeReportSheet(workbook, {
    name: '报名花名册',
    title: `${session.name}报名花名册`,
    ...x.heading,
    scope: opts.blank ? `填写说明：每人一行；证件号码列已设为文本，请勿改成数字；考试类型填「${ATTEMPT_LABELS.first}」或「${ATTEMPT_LABELS.retake}」` : x.heading.scope,
    columns: ROSTER_COLUMNS,
    rows: opts.blank ? [] : detailRows(ctx, { sessionId }).map(rosterRow),
    notes: opts.blank ? [] : [SIGNATURES],
  });
  return finish();
}

function scoreColumns(session: Session): ReportColumn[] {
  return [
    SEQ_COLUMN,
    ...textColumns('准考证号', '姓名', '性别', '证件号码', '单位', '职业(工种)', '等级'),
    ...session.parts.map((p): ReportColumn => ({ header: p.label, kind: 'score', group: '考核成绩' })),
    { header: '结果', kind: 'text' },
  ];
}

/**
 * 成绩单: the merged 考核成绩 header over one column per part, 缺考/违纪 as words. The blank
 * template lists the enrolled candidates with empty score cells for the exam site to fill.
 */
export async function exportScoreSheet(ctx: Ctx, sessionId: number, out?: string, opts: { blank?: boolean } = {}): Promise<ExportFile> {
  const session = getSession(ctx, sessionId);
  const x = exportContext(ctx, { sessionId });
  const { workbook, finish } = openExport(ctx, x, out, opts.blank ? '成绩单模板' : '成绩单');
  const carried = carriedParts(ctx, sessionId);
  writeReportSheet(workbook, {
    name: '成绩单',
    title: `${session.name}成绩单`,
    ...x.heading,
    scope: opts.blank ? `填写说明：每科填 0–100 的分数（最多一位小数），或「缺考」「违纪」；合格线 ${session.parts.map((p) => `${p.label} ${p.passMark} 分`).join('、')}` : x.heading.scope,
    columns: scoreColumns(session),
    rows: detailRows(ctx, { sessionId }).map((r, i) => ({
      values: [
        i + 1,
        r.admissionNumber,
        r.name,
        r.gender,
        r.idNumber,
        r.employer,
        occupationText(r),
        LEVEL_LABELS[r.level],
        ...session.parts.map((p) => (opts.blank ? null : (carried.get(`${r.enrolmentId}:${p.part}`) ?? partCell(r.parts[p.part])))),
        opts.blank ? null : OUTCOME_LABELS[r.outcome],
      ],
    })),
    notes: opts.blank ? [SIGNATURES] : [...auditNotes(ctx, sessionId), SIGNATURES],
  });
  return finish();
}

/**
 * The parts of a 补考 kept from an earlier pass, as the 成绩单 writes them: 保留（来自 <批次名>）, so
 * nobody reading the sheet takes the kept score for one sat in this session (the score itself is
 * in the sheet of the session it came from). The score import leaves such a cell alone.
 */
function carriedParts(ctx: Ctx, sessionId: number): Map<string, string> {
  const rows = ctx.db
    .prepare(
      `SELECT pr.enrolment_id AS enrolmentId, pr.part, cs.name AS fromName
       FROM part_results pr JOIN enrolments e ON e.id = pr.enrolment_id
       JOIN enrolments ce ON ce.id = pr.carried_from JOIN sessions cs ON cs.id = ce.session_id
       WHERE e.session_id = ? AND pr.carried_from IS NOT NULL`,
    )
    .all(sessionId) as { enrolmentId: number; part: string; fromName: string }[];
  return new Map(rows.map((r) => [`${r.enrolmentId}:${r.part}`, carriedText(r.fromName)]));
}

export function carriedText(sessionName: string): string {
  return `${CARRIED_WORD}（来自 ${sessionName}）`;
}

/** 合格人员名单: those who passed, with their scores and, once issued, the certificate number. */
export async function exportPassedList(ctx: Ctx, scope: ExportScope, out?: string): Promise<ExportFile> {
  const x = exportContext(ctx, scope);
  const parts = partsInScope(ctx, scope);
  const { workbook, finish } = openExport(ctx, x, out, '合格人员名单');
  writeReportSheet(workbook, {
    name: '合格人员名单',
    title: '职业技能等级认定合格人员名单',
    ...x.heading,
    columns: [
      SEQ_COLUMN,
      ...textColumns('姓名', '性别', '证件类型', '证件号码', '工作单位', '职业(工种)', '等级', '考试日期'),
      ...parts.map((p): ReportColumn => ({ header: PART_LABELS[p], kind: 'score', group: '考核成绩' })),
      { header: '证书编号', kind: 'text' },
    ],
    rows: detailRows(ctx, scope, { outcome: 'pass' }).map((r, i) => ({
      values: [i + 1, r.name, r.gender, r.idType, r.idNumber, r.employer, occupationText(r), LEVEL_LABELS[r.level], r.examDate, ...parts.map((p) => partCell(r.parts[p])), r.certificateNumber],
    })),
    notes: [SIGNATURES],
  });
  return finish();
}
