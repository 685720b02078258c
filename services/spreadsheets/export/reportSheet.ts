// One sheet of an export, laid out the way an officer's superiors expect to open and print it:
// a title and the evaluation body on top, a frozen header with autofilter (one row, or two under
// a merged group title such as 「考核成绩」), widths that fit Chinese text, A4 landscape with the
// header repeated on every page and page numbers at the foot.
import type ExcelJS from 'exceljs';
import { appendRows, type CellValue, type StyledRow } from './streamedRows';
import { columnLetter, displayWidth } from '../../vocabulary/text';

export type ColumnKind = 'text' | 'int' | 'score' | 'percent';

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  /** A title spanning this and the neighbouring columns with the same group (e.g. 考核成绩). */
  group?: string;
}

/** A number, text, or nothing (an empty cell that keeps its border). */
export type ReportValue = CellValue;

/** Columns of typed text, in order: textColumns('姓名', '证件号码'). */
export function textColumns(...headers: string[]): ReportColumn[] {
  return headers.map((header) => ({ header, kind: 'text' }));
}

export const SEQ_COLUMN: ReportColumn = { header: '序号', kind: 'int' };

export interface ReportRow {
  values: readonly ReportValue[];
  /** Subtotal and total rows are set in bold on a shaded band. */
  emphasis?: 'subtotal' | 'total';
}

export interface ReportSheetSpec {
  name: string;
  title: string;
  /** 评价机构名称 (settings institution.name). */
  institution: string;
  /** What the sheet covers, e.g. 「批次：…」 or 「2024-01-01 至 2024-06-30」. */
  scope: string;
  columns: readonly ReportColumn[];
  /** Written as they come, so a generator streams a large sheet without holding its rows. */
  rows: Iterable<ReportRow>;
  /**
   * How wide (text.ts displayWidth) each column's widest value is, for rows that are streamed:
   * widths go to the file ahead of the rows. Without it the rows are measured first.
   */
  widest?: readonly number[];
  /** Lines under the data: the formula used, 填报人/审核人 lines. */
  notes?: readonly string[];
  /** Today's date as printed on the sheet. */
  date: string;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDE6F0' } };
const BAND_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
const FONT = { name: '宋体', size: 11 };

/**
 * Text stays text (numFmt @): typed names and numbers such as IDs and phones are never read as
 * numbers or formulas. Percentages are fractions shown as 84.3%. Text wider than its column (a
 * column is at most 60 wide) wraps within it (styledRows gives the row its height), and every
 * cell of a row so grown sits in its middle.
 */
function dataStyles(): Record<ColumnKind, Record<'plain' | 'band', Partial<ExcelJS.Style>>> {
  const make = (kind: ColumnKind, band: boolean): Partial<ExcelJS.Style> => ({
    border: BORDER,
    font: band ? { ...FONT, bold: true } : FONT,
    ...(band ? { fill: BAND_FILL } : {}),
    ...(kind === 'text' ? { numFmt: '@' } : kind === 'percent' ? { numFmt: '0.0%' } : kind === 'int' ? { numFmt: '0' } : {}),
    alignment: kind === 'text' ? { vertical: 'middle' as const, wrapText: true } : { horizontal: 'right' as const, vertical: 'middle' as const },
  });
  const kinds: ColumnKind[] = ['text', 'int', 'score', 'percent'];
  return Object.fromEntries(kinds.map((k) => [k, { plain: make(k, false), band: make(k, true) }])) as never;
}

function valueText(v: ReportValue, kind: ColumnKind): string {
  if (v === null || v === undefined) return '';
  if (kind === 'percent' && typeof v === 'number') return `${(v * 100).toFixed(1)}%`;
  return String(v);
}

/** Width in Excel character units: CJK characters count double, with a little air. */
function columnWidths(columns: readonly ReportColumn[], widest: readonly number[]): number[] {
  return columns.map((c, i) => Math.min(60, Math.max(6, Math.max(displayWidth(c.header), widest[i] ?? 0) + 2)));
}

/** How wide each column's widest value is, for rows that are all at hand. */
function widestValues(columns: readonly ReportColumn[], rows: readonly ReportRow[]): number[] {
  return columns.map((c, i) => {
    let w = 0;
    for (const r of rows) w = Math.max(w, displayWidth(valueText(r.values[i], c.kind)));
    return w;
  });
}

/** The height of one line of data, in points (宋体 11). */
const LINE_HEIGHT = 15;

/**
 * Each row with the styles of its cells (subtotals and totals bold on a shaded band), and a height
 * when a text is wider than its column and wraps: Excel and LibreOffice keep a row one line high
 * unless told, and a second line would run over the row below.
 */
function* styledRows(
  rows: Iterable<ReportRow>,
  columns: readonly ReportColumn[],
  widths: readonly number[],
  plain: readonly Partial<ExcelJS.Style>[],
  band: readonly Partial<ExcelJS.Style>[],
): Generator<StyledRow> {
  // What fits on one line of each text column (a character never takes more than two).
  const room = widths.map((w, i) => (columns[i]!.kind === 'text' ? w - 1 : Infinity));
  for (const r of rows) {
    let lines = 1;
    for (let i = 0; i < room.length; i++) {
      const v = r.values[i];
      if (typeof v === 'string' && v.length * 2 > room[i]!) lines = Math.max(lines, Math.ceil(displayWidth(v) / room[i]!));
    }
    yield { values: r.values, styles: r.emphasis ? band : plain, ...(lines > 1 ? { height: LINE_HEIGHT * lines } : {}) };
  }
}

function headerRows(spec: ReportSheetSpec): number {
  return spec.columns.some((c) => c.group) ? 2 : 1;
}

export function writeReportSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: ReportSheetSpec): void {
  const depth = headerRows(spec);
  const headerTop = 3;
  const headerBottom = headerTop + depth - 1;
  const last = columnLetter(spec.columns.length - 1);
  const ws = workbook.addWorksheet(spec.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: headerBottom, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerTop}:${headerBottom}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' },
  });
  let rows = spec.rows;
  let widest = spec.widest;
  if (!widest) {
    const all = [...rows];
    widest = widestValues(spec.columns, all);
    rows = all;
  }
  const widths = columnWidths(spec.columns, widest);
  // Text columns are formatted as text for the whole column, so rows an officer adds to a
  // template keep their ID numbers as typed.
  ws.columns = widths.map((width, i) => (spec.columns[i]!.kind === 'text' ? { width, style: { numFmt: '@' } } : { width }));
  // A line of prose merged across the table wraps within it; the row grows to show every line.
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const prose = (row: ExcelJS.Row, text: string) => {
    const cell = row.getCell(1);
    cell.font = FONT;
    cell.numFmt = '@';
    cell.alignment = { wrapText: true, vertical: 'top' };
    row.height = 15 * Math.max(1, Math.ceil((displayWidth(text) * 1.05) / tableWidth));
    ws.mergeCells(`A${row.number}:${last}${row.number}`);
  };

  const title = ws.addRow([spec.title]);
  title.height = 28;
  title.getCell(1).font = { ...FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(`A1:${last}1`);
  title.commit();
  const subtitle = `评价机构：${spec.institution || '（未设置，请在「设置」中填写评价机构名称）'}　　${spec.scope}　　制表日期：${spec.date}`;
  const sub = ws.addRow([subtitle]);
  prose(sub, subtitle);
  sub.commit();

  const styleHeader = (row: ExcelJS.Row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { ...FONT, bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
  };
  if (depth === 1) {
    const h = ws.addRow(spec.columns.map((c) => c.header));
    styleHeader(h);
    h.commit();
  } else {
    // Upper row: the group title over its columns, every other title merged down over both rows.
    const upper = ws.addRow(spec.columns.map((c) => c.group ?? c.header));
    const lower = ws.addRow(spec.columns.map((c) => (c.group ? c.header : null)));
    for (let i = 0; i < spec.columns.length; i++) lower.getCell(i + 1).value = spec.columns[i]!.group ? spec.columns[i]!.header : null;
    styleHeader(upper);
    styleHeader(lower);
    let i = 0;
    while (i < spec.columns.length) {
      const col = spec.columns[i]!;
      const letter = columnLetter(i);
      if (!col.group) {
        ws.mergeCells(`${letter}${headerTop}:${letter}${headerBottom}`);
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < spec.columns.length && spec.columns[j + 1]!.group === col.group) j++;
      if (j > i) ws.mergeCells(`${letter}${headerTop}:${columnLetter(j)}${headerTop}`);
      i = j + 1;
    }
    upper.commit();
    lower.commit();
  }
  ws.autoFilter = `A${headerBottom}:${last}${headerBottom}`;

  // One style object per kind of cell, shared by every row: exceljs recognises a style it has
  // seen by identity. The rows are written as XML of their own (streamedRows.ts: exceljs's Row and
  // Cell objects were two thirds of a 100,000-row export); every cell is given its style, so a
  // missing value is still a bordered cell.
  const styles = dataStyles();
  const plain = spec.columns.map((c) => styles[c.kind].plain);
  const band = spec.columns.map((c) => styles[c.kind].band);
  appendRows(ws, styledRows(rows, spec.columns, widths, plain, band));
  if (spec.notes?.length) {
    ws.addRow([]).commit();
    for (const note of spec.notes) {
      const row = ws.addRow([note]);
      prose(row, note);
      row.commit();
    }
  }
  ws.commit();
}
