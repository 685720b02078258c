// 「导出被拒绝的行」: the rows an import refused, as the officer sends them back to the employer to
// fix — the file's own columns (its header as written, every cell as it was, unmapped columns
// too) and a 原因 column saying what to change. Built from the original file and the import's
// refusals, so what goes back is exactly what came in.
import path from 'node:path';
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import { fileName, loadBytes, type FileInput } from './files';
import { inspectWorkbook } from './container';
import { readSheetRows, sheetContext } from './sheetXml';
import { readTable } from './reader';
import { ROSTER_FIELDS } from './fields';
import type { ColumnMapping } from './mappings';
import type { Rejection } from './values';
import { openWorkbook, type ExportFile } from './export/output';

export const REASON_HEADER = '原因';

/** Each refused row's reasons, in one cell: a row refused twice (two columns) says both. */
function reasonsByRow(rejected: readonly Pick<Rejection, 'row' | 'column' | 'message'>[]): Map<number, string> {
  const byRow = new Map<number, string[]>();
  for (const r of rejected) {
    const list = byRow.get(r.row) ?? [];
    list.push(r.column ? `【${r.column}】${r.message}` : r.message);
    byRow.set(r.row, list);
  }
  return new Map([...byRow].map(([row, list]) => [row, list.join('；')]));
}

/**
 * The refused rows of a roster as a workbook: the rows above and of the header as they are, then
 * each refused row in the file's order, with 原因 after the last column. A path (`out`) or bytes
 * for a download, as every export.
 */
export async function rejectedRowsWorkbook(
  ctx: Ctx,
  file: FileInput,
  rejected: readonly Pick<Rejection, 'row' | 'column' | 'message'>[],
  opts: { mapping?: ColumnMapping; sheet?: string; out?: string } = {},
): Promise<ExportFile> {
  if (rejected.length === 0) throw new AppError('NOTHING_REJECTED', '这份文件没有被拒绝的行，不需要导出。');
  // The sheet and header row the import used: found the same way, so the rows line up.
  const layout = await readTable(file, ROSTER_FIELDS, { mapping: opts.mapping, sheet: opts.sheet, includeHidden: true, onRow: () => undefined });
  const bytes = loadBytes(file);
  const name = fileName(file);
  const facts = await inspectWorkbook(bytes, name);
  const part = facts.sheets.find((s) => s.name === layout.sheetName)!.part;
  const context = await sheetContext(bytes, name, facts);
  const reasons = reasonsByRow(rejected);
  const head: unknown[][] = [];
  const rows: unknown[][] = [];
  let width = layout.columns.reduce((w, c) => Math.max(w, columnIndex(c.letter)), 0);
  await readSheetRows(bytes, name, part, context, (row, values) => {
    if (row <= layout.headerRow) head[row - 1] = values.slice(1);
    else if (reasons.has(row)) rows.push([...values.slice(1), row]);
    else return;
    width = Math.max(width, values.length - 1);
  });
  const base = path.parse(name).name;
  const { workbook, finish } = openWorkbook(ctx, opts.out, `${base}_被拒绝的行`, 'CertDesk');
  const sheet = workbook.addWorksheet('被拒绝的行');
  sheet.columns = Array.from({ length: width + 1 }, (_, i) => ({ width: i === width ? 60 : 16 }));
  for (let r = 0; r < layout.headerRow; r++) {
    const values = padded(head[r] ?? [], width);
    if (r === layout.headerRow - 1) values.push(REASON_HEADER);
    const added = sheet.addRow(values);
    if (r === layout.headerRow - 1) added.font = { bold: true };
    added.commit();
  }
  for (const values of rows) {
    const row = values.pop() as number;
    // Every cell as text: an ID number the employer typed as text must not come back as a number.
    const added = sheet.addRow([...padded(values, width), reasons.get(row)!]);
    for (let c = 1; c <= width; c++) added.getCell(c).numFmt = '@';
    added.commit();
  }
  sheet.commit();
  return finish();
}

function padded(values: unknown[], width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => values[i] ?? null);
}

function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
