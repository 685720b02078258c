// Reads every sheet of one .xlsx with CertDesk's reader and with SheetJS (@e965/xlsx), and lists
// the cells where they differ (test/spreadsheets/corpus.test.ts).
import * as XLSX from '@e965/xlsx';
import { inspectWorkbook } from '../../services/spreadsheets/container';
import { readSheetRows, sheetContext } from '../../services/spreadsheets/sheetXml';
import { FORMULA_WITHOUT_RESULT } from '../../services/spreadsheets/cells';
import { AppError } from '../../services/errors';

/** A cell's value as both readers can say it. */
type Plain = string | number | boolean | { error: string } | { formulaWithoutResult: true } | null;

export interface Difference {
  sheet: string;
  cell: string;
  ours: Plain;
  theirs: Plain;
}

export interface Compared {
  /** Our refusal's code, when we refused the file. */
  refused?: string;
  /** SheetJS's failure, when it could not read the file. */
  theirsFailed?: string;
  sheets: number;
  cells: number;
  differences: Difference[];
}

const EPOCH_1900 = 25569;

function ours(value: unknown, date1904: boolean): Plain {
  if (value === null || value === undefined) return null;
  if (value === FORMULA_WITHOUT_RESULT) return { formulaWithoutResult: true };
  if (value instanceof Date) {
    // Back to the serial it was made from (sheetXml.ts), to compare with SheetJS's number.
    const t = value.getTime();
    return Number.isNaN(t) ? 'Invalid Date' : t / 86_400_000 + EPOCH_1900 - (date1904 ? 1462 : 0);
  }
  if (typeof value === 'object') return { error: (value as { error: string }).error };
  if (value === '') return null;
  return value as string | number | boolean;
}

function theirs(cell: XLSX.CellObject | undefined): Plain {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return cell.v === '' || cell.v === undefined ? null : String(cell.v);
    case 'n':
      return cell.v as number;
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return { error: cell.w ?? '#ERR' };
    case 'd':
      return cell.v instanceof Date ? cell.v.getTime() / 86_400_000 + EPOCH_1900 : String(cell.v);
    default:
      return null;
  }
}

function same(a: Plain, b: Plain): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

function colLetter(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export async function compareWorkbook(bytes: Buffer, name: string): Promise<Compared> {
  const out: Compared = { sheets: 0, cells: 0, differences: [] };
  let wb: XLSX.WorkBook | null = null;
  const report = console.error;
  console.error = () => undefined;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    out.theirsFailed = (e as Error).message.slice(0, 200);
  } finally {
    console.error = report;
  }
  let facts;
  try {
    facts = await inspectWorkbook(bytes, name);
    const context = await sheetContext(bytes, name, facts);
    for (const sheet of facts.sheets) {
      out.sheets++;
      const mine = new Map<string, Plain>();
      await readSheetRows(bytes, name, sheet.part, context, (row, values) => {
        values.forEach((v, c) => {
          const plain = ours(v, facts!.date1904);
          if (plain !== null) mine.set(`${colLetter(c)}${row}`, plain);
        });
      });
      const ws = wb?.Sheets[sheet.name];
      const dense = ((ws as { '!data'?: (XLSX.CellObject | undefined)[][] } | undefined)?.['!data']) ?? [];
      const seen = new Set<string>();
      dense.forEach((cells, r) =>
        cells?.forEach((cell, c) => {
          const v = theirs(cell);
          if (v === null) return;
          const ref = `${colLetter(c + 1)}${r + 1}`;
          seen.add(ref);
          out.cells++;
          const m = mine.get(ref) ?? null;
          if (!same(m, v)) out.differences.push({ sheet: sheet.name, cell: ref, ours: m, theirs: v });
        }),
      );
      if (!wb) continue;
      for (const [ref, m] of mine) if (!seen.has(ref)) out.differences.push({ sheet: sheet.name, cell: ref, ours: m, theirs: null });
    }
  } catch (e) {
    out.refused = e instanceof AppError ? e.code : `ERROR ${(e as Error).message.slice(0, 120)}`;
  }
  return out;
}
