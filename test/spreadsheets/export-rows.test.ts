// A report's data rows are written as sheet XML of their own (streamedRows.ts), beside exceljs,
// which writes the rest of the sheet. They must be the XML exceljs would have written, and what
// an officer typed — entities, a leading =, a tab, a control character, an emoji, spaces at
// either end — must come back as typed from exceljs, from our own reader and from LibreOffice.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDB, tempDir } from '../helpers';
import { appendRows, writerInternals, type CellValue } from '../../services/spreadsheets/export/streamedRows';
import { openWorkbook } from '../../services/spreadsheets/export/output';
import { writeReportSheet, type ReportColumn } from '../../services/spreadsheets/export/reportSheet';
import { inflateNamed, inspectWorkbook } from '../../services/spreadsheets/container';
import { readSheetRows, sheetContext } from '../../services/spreadsheets/sheetXml';
import { cellOf, readTable } from '../../services/spreadsheets/reader';
import { ROSTER_FIELDS } from '../../services/spreadsheets/fields';
import { tidyText } from '../../services/vocabulary/text';

async function part(bytes: Buffer, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  await inflateNamed(bytes, 'test.xlsx', name, (c) => chunks.push(c));
  return Buffer.concat(chunks).toString('utf8');
}

/** A streamed workbook held in memory, as the export writes it. */
function memoryWorkbook(): { workbook: ExcelJS.stream.xlsx.WorkbookWriter; bytes: () => Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  return { workbook, bytes: async () => (await workbook.commit(), Buffer.concat(chunks)) };
}

describe('data rows written straight into the sheet XML', () => {
  const border = { top: { style: 'thin' as const }, left: { style: 'thin' as const }, bottom: { style: 'thin' as const }, right: { style: 'thin' as const } };
  const text: Partial<ExcelJS.Style> = { border, numFmt: '@' };
  const score: Partial<ExcelJS.Style> = { border, alignment: { horizontal: 'right' } };
  const bold: Partial<ExcelJS.Style> = { border, font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } };
  const plain = [score, text, text, score];
  const band = [bold, bold, bold, bold];
  // The score column meets text (缺考) before its first number, which decides its style's format.
  const rows: { values: CellValue[]; styles: Partial<ExcelJS.Style>[]; height?: number }[] = [
    { values: [1, '陈一', '370101198001100014', '缺考'], styles: plain },
    { values: [2, 'A & B <c> "引号" \'单引号\'', '', 59.9], styles: plain, height: 30 },
    { values: [3, '=SUM(A1:A2)', null, 100], styles: plain },
    { values: [null, null, null, null], styles: plain },
    { values: [4, '第一行\n第二行', undefined, 0], styles: plain },
    { values: [null, '合计', null, -1.5], styles: band },
  ];

  async function written(how: 'exceljs' | 'appendRows'): Promise<{ sheet: string; styles: string }> {
    const { workbook, bytes } = memoryWorkbook();
    const ws = workbook.addWorksheet('S');
    ws.addRow(['标题']).commit();
    if (how === 'exceljs') {
      for (const r of rows) {
        const row = ws.addRow(r.values);
        if (r.height) row.height = r.height;
        r.styles.forEach((style, i) => (row.getCell(i + 1).style = style));
        row.commit();
      }
    } else {
      appendRows(ws, rows);
    }
    ws.addRow([]).commit();
    ws.addRow(['说明']).commit();
    ws.commit();
    const file = await bytes();
    return { sheet: await part(file, 'xl/worksheets/sheet1.xml'), styles: await part(file, 'xl/styles.xml') };
  }

  it('writes byte for byte the XML exceljs writes for the same values and styles, and the rows after them in their places', async () => {
    const ours = await written('appendRows');
    const theirs = await written('exceljs');
    expect(ours.sheet).toBe(theirs.sheet);
    expect(ours.styles).toBe(theirs.styles);
    // The row without values takes its number (5) but is not written; the note lands on row 9.
    expect(ours.sheet).not.toContain('<row r="5"');
    expect(ours.sheet).toContain('<row r="3" ht="30" customHeight="1"');
    expect(ours.sheet).toContain('<row r="9"');
  });

  it("fails loudly when exceljs's streaming writer no longer has what appendRows relies on", () => {
    const { workbook } = memoryWorkbook();
    const ws = workbook.addWorksheet('S');
    expect(() => writerInternals(ws)).not.toThrow();
    expect(() => writerInternals({} as ExcelJS.Worksheet)).toThrow(/exceljs's streaming WorksheetWriter has changed \(no _rows, _rowZero, startedData, useSharedStrings, stream.write, _workbook.styles.addStyleModel\)/);
    // Before any row is committed, <sheetData> is not open yet.
    expect(() => appendRows(ws, rows)).toThrow(/commit the rows above first/);
  });
});

/** What officers type that a careless writer would mangle. */
const TYPED = [
  'A & B <c> "引号" \'单引号\'',
  '=HYPERLINK("http://x","点我")',
  '\t制表符开头',
  '换\u000b页符',
  '😀 表情 𠀋',
  '  两头空格  ',
  '_x0041_ 像转义',
  '回车\r\n换行',
];
const COLUMNS: ReportColumn[] = [
  { header: '序号', kind: 'int' },
  { header: '姓名', kind: 'text' },
  { header: '证件号码', kind: 'text' },
  { header: '理论知识', kind: 'score', group: '考核成绩' },
  { header: '技能操作', kind: 'score', group: '考核成绩' },
];
const HEADER_ROWS = 4;
const idOf = (i: number) => `37010119800110${String(i).padStart(4, '0')}`;
const scoreOf = (i: number) => (i % 2 ? null : 59.5 + i);

let dir: string;
let file: string;
beforeAll(async () => {
  dir = tempDir('certdesk-export-rows-');
  file = path.join(dir, 'typed.xlsx');
  const { workbook, finish } = openWorkbook(createDB().ctx, file, 'typed', 'test');
  writeReportSheet(workbook, {
    name: '成绩明细',
    title: '成绩明细',
    institution: '某协会',
    scope: '全部',
    date: '2024-07-01',
    columns: COLUMNS,
    rows: TYPED.map((name, i) => ({ values: [i + 1, name, idOf(i), 60 + i / 10, scoreOf(i)] })),
    notes: ['填报人：'],
  });
  await finish();
});

describe('what an officer typed comes back as typed', () => {
  it('reads back exactly through exceljs, which leaves Excel escapes (_x000B_) for the caller to decode', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('成绩明细')!;
    // exceljs's reader decodes the _xHHHH_ escapes only in rich text (its writer drops control characters instead).
    const excel = (s: unknown) => String(s).replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    TYPED.forEach((name, i) => {
      const row = ws.getRow(HEADER_ROWS + 1 + i);
      expect(excel(row.getCell(2).value)).toBe(name);
      expect(row.getCell(1).value).toBe(i + 1);
      expect(row.getCell(3).value).toBe(idOf(i));
      expect(row.getCell(4).value).toBe(60 + i / 10);
      expect(row.getCell(5).value).toBe(scoreOf(i));
      for (let c = 1; c <= COLUMNS.length; c++) expect(row.getCell(c).type).not.toBe(ExcelJS.ValueType.Formula);
    });
    expect(ws.getRow(HEADER_ROWS + TYPED.length + 2).getCell(1).value).toBe('填报人：');
  });

  it('reads back exactly through our own worksheet reader, and tidied through the import reader', async () => {
    const bytes = fs.readFileSync(file);
    const facts = await inspectWorkbook(bytes, 'typed.xlsx');
    const raw = new Map<number, unknown[]>();
    await readSheetRows(bytes, 'typed.xlsx', facts.sheets[0]!.part, await sheetContext(bytes, 'typed.xlsx', facts), (r, values) => raw.set(r, values));
    TYPED.forEach((name, i) => {
      const values = raw.get(HEADER_ROWS + 1 + i)!;
      const score = scoreOf(i);
      expect(values.slice(1)).toEqual([i + 1, name, idOf(i), 60 + i / 10, ...(score === null ? [] : [score])]);
    });

    const table = await readTable({ path: file }, ROSTER_FIELDS);
    expect(table.rows.map((r) => cellOf(r, 'name').text)).toEqual(TYPED.map(tidyText));
    expect(table.rows.map((r) => cellOf(r, 'idNumber'))).toEqual(TYPED.map((_, i) => expect.objectContaining({ text: idOf(i), isNumber: false })));
  });

  it('opens in LibreOffice Calc with the text as typed', () => {
    const profile = `file://${tempDir('certdesk-lo-profile-')}`;
    const csv = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
    const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', csv, '--outdir', dir, file], { encoding: 'utf8', timeout: 120_000 });
    if (r.error) throw new Error(`LibreOffice (soffice) is needed for this test: ${r.error.message}. Install libreoffice-calc-nogui.`);
    expect(r.status).toBe(0);
    const out = fs.readFileSync(path.join(dir, 'typed-成绩明细.csv'), 'utf8');
    // A field is quoted when it holds a quote, comma or line break; Calc holds a line break as a line feed.
    for (const name of TYPED.map((t) => t.replace(/\r\n/g, '\n'))) expect(out).toContain(/[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : `,${name},`);
  });

  it('keeps the border on an empty part cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('成绩明细')!;
    const empty = ws.getRow(HEADER_ROWS + 2).getCell(5);
    expect(empty.value).toBeNull();
    expect(empty.border).toEqual(ws.getRow(HEADER_ROWS + 1).getCell(5).border);
    expect(empty.border?.bottom?.style).toBe('thin');
  });
});
