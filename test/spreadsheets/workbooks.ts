// Messy workbooks built in code, the way officers' files really arrive.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { tempDir } from '../helpers';

export type CellInput = string | number | Date | null | ExcelJS.CellValue;

export interface SheetSpec {
  name?: string;
  rows: CellInput[][];
  /** 'A1:B2' ranges to merge (after the values are written: the top-left value stays). */
  merges?: string[];
  /** Columns to format as text (so numbers stay as typed), e.g. ['E']. */
  textColumns?: string[];
  /** Column → Excel number format, e.g. { F: 'yyyy-mm-dd' }. */
  formats?: Record<string, string>;
}

export async function buildWorkbook(sheets: SheetSpec[], opts: { date1904?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name ?? `Sheet${wb.worksheets.length + 1}`);
    for (const col of s.textColumns ?? []) ws.getColumn(col).numFmt = '@';
    s.rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      r.forEach((v, j) => {
        if (v !== null && v !== undefined) row.getCell(j + 1).value = v as ExcelJS.CellValue;
      });
    });
    for (const [col, fmt] of Object.entries(s.formats ?? {})) ws.getColumn(col).numFmt = fmt;
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function writeTemp(bytes: Buffer, name = 'file.xlsx'): string {
  const file = path.join(tempDir('certdesk-sheet-'), name);
  fs.writeFileSync(file, bytes);
  return file;
}
