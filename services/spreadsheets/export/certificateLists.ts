// Lists of issued certificates (the certificates area fills the certificates table): the
// 证书发放清单 officers sign against, and the 数据上报 sheet for the authority with its summary
// by occupation, 工种 and level (domain.md § The spreadsheets officers exchange).
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../../shared/context';
import { AppError } from '../../errors';
import { checkOutputPath } from '../../shared/outputPath';
import { exportContext, openExport, type ExportScope } from './scope';
import { exportFolderMissing, safeFileName, type ExportFile } from './output';
import { SEQ_COLUMN, textColumns, writeReportSheet, type ReportRow } from './reportSheet';
import { csvLine } from './text';
import { LEVEL_LABELS } from '../../vocabulary/words';

export interface IssuedCertificate {
  number: string;
  issueDate: string;
  name: string;
  idType: string;
  idNumber: string;
  employer: string | null;
  occupationName: string | null;
  specialty: string | null;
  level: number | null;
}

/** Issued (not void) certificates; a session scope means its enrolments, a period means issue dates. */
export function issuedCertificates(ctx: Ctx, scope: ExportScope): IssuedCertificate[] {
  const where = ["ct.status = 'issued'"];
  const args: unknown[] = [];
  if (scope.sessionId !== undefined) (where.push('e.session_id = ?'), args.push(scope.sessionId));
  if (scope.from) (where.push('ct.issue_date >= ?'), args.push(scope.from));
  if (scope.to) (where.push('ct.issue_date <= ?'), args.push(scope.to));
  return ctx.db
    .prepare(
      `SELECT ct.number, ct.issue_date AS issueDate, c.name, c.id_type AS idType, c.id_number AS idNumber,
              coalesce(emp.name, cemp.name) AS employer, o.name AS occupationName, s.specialty, s.level
       FROM certificates ct
       JOIN candidates c ON c.id = ct.candidate_id
       LEFT JOIN employers cemp ON cemp.id = c.employer_id
       LEFT JOIN enrolments e ON e.id = ct.enrolment_id
       LEFT JOIN employers emp ON emp.id = e.employer_id
       LEFT JOIN sessions s ON s.id = e.session_id
       LEFT JOIN occupations o ON o.id = s.occupation_id
       WHERE ${where.join(' AND ')}
       ORDER BY ct.issue_date, ct.number`,
    )
    .all(...args) as IssuedCertificate[];
}

export async function exportIssueList(ctx: Ctx, scope: ExportScope, out?: string): Promise<ExportFile> {
  const x = exportContext(ctx, scope, '发证日期');
  const { workbook, finish } = openExport(ctx, x, out, '证书发放清单');
  writeReportSheet(workbook, {
    name: '证书发放清单',
    title: '职业技能等级证书发放清单',
    ...x.heading,
    columns: [
      SEQ_COLUMN,
      ...textColumns('姓名', '证件号码', '工作单位', '职业(工种)', '等级', '证书编号', '发证日期', '领取方式', '领取人', '领取日期', '签字'),
    ],
    rows: issuedCertificates(ctx, scope).map((c, i) => ({
      values: [
        i + 1,
        c.name,
        c.idNumber,
        c.employer,
        c.occupationName ? (c.specialty ? `${c.occupationName}（${c.specialty}）` : c.occupationName) : null,
        c.level ? LEVEL_LABELS[c.level] : null,
        c.number,
        c.issueDate,
        null,
        null,
        null,
        null,
      ],
    })),
    notes: ['领取方式：本人领取 / 单位代领 / 邮寄；代领请填写领取人姓名并签字。', '经办人：　　　　　　　审核人：　　　　　　　日期：　　　　年　　月　　日'],
  });
  return finish();
}

const REPORT_HEADERS = ['姓名', '证件类型', '证件号码', '所在单位', '职业名称', '工种名称', '职业技能等级', '证书编号', '发证日期', '评价机构', '发证机构'];

function reportValues(c: IssuedCertificate, institution: string): (string | number | null)[] {
  // 职业技能等级 as the digit 1–5 and 发证日期 as YYYY-MM-DD, as the local form asks.
  return [c.name, c.idType, c.idNumber, c.employer, c.occupationName, c.specialty ?? '--', c.level, c.number, c.issueDate, institution, institution];
}

/** 数据上报: the list for the authority, and a count by occupation, 工种 and level. */
export async function exportAuthorityReport(ctx: Ctx, scope: ExportScope, out?: string, format: 'xlsx' | 'csv' = 'xlsx'): Promise<ExportFile> {
  const x = exportContext(ctx, scope, '发证日期');
  const certificates = issuedCertificates(ctx, scope);
  if (format === 'csv') return writeCsv(ctx, `数据上报_${x.scopeName}`, out, [REPORT_HEADERS, ...certificates.map((c) => reportValues(c, x.heading.institution))]);
  const { workbook, finish } = openExport(ctx, x, out, '数据上报');
  writeReportSheet(workbook, {
    name: '数据上报',
    title: '职业技能等级证书数据上报表',
    ...x.heading,
    columns: REPORT_HEADERS.map((header) => ({ header, kind: header === '职业技能等级' ? 'int' : 'text' })),
    rows: certificates.map((c) => ({ values: reportValues(c, x.heading.institution) })),
  });
  const counts = new Map<string, { occupation: string; specialty: string; level: number | null; n: number }>();
  for (const c of certificates) {
    const key = `${c.occupationName}|${c.specialty ?? '--'}|${c.level}`;
    const entry = counts.get(key) ?? { occupation: c.occupationName ?? '（未关联批次）', specialty: c.specialty ?? '--', level: c.level, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  const summary: ReportRow[] = [...counts.values()]
    .sort((a, b) => a.occupation.localeCompare(b.occupation, 'zh') || a.specialty.localeCompare(b.specialty, 'zh') || (b.level ?? 0) - (a.level ?? 0))
    .map((e, i) => ({ values: [i + 1, e.occupation, e.specialty, e.level, e.level ? LEVEL_LABELS[e.level] : null, e.n] }));
  summary.push({ values: [null, '合计', null, null, null, certificates.length], emphasis: 'total' });
  writeReportSheet(workbook, {
    name: '汇总',
    title: '职业技能等级证书数据上报汇总（按职业、工种、等级）',
    ...x.heading,
    columns: [
      SEQ_COLUMN,
      ...textColumns('职业名称', '工种名称'),
      { header: '职业技能等级', kind: 'int' },
      { header: '等级名称', kind: 'text' },
      { header: '发证人数', kind: 'int' },
    ],
    rows: summary,
  });
  return finish();
}

/** CSV for systems that take no xlsx: UTF-8 with BOM (so Excel reads the Chinese), every text defused. */
function writeCsv(ctx: Ctx, defaultName: string, out: string | undefined, rows: readonly (readonly (string | number | null | undefined)[])[]): ExportFile {
  const text = `\uFEFF${rows.map(csvLine).join('\r\n')}\r\n`;
  if (!out) return { name: `${safeFileName(defaultName)}.csv`, base64: Buffer.from(text, 'utf8').toString('base64') };
  const file = checkOutputPath(ctx, out);
  if (!fs.existsSync(path.dirname(file))) throw exportFolderMissing(path.dirname(file));
  // Written beside the target and renamed, like the workbooks: a failed write leaves no half file.
  fs.writeFileSync(`${file}.part`, text);
  fs.renameSync(`${file}.part`, file);
  return { path: file };
}
