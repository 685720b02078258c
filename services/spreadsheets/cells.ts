// One spreadsheet cell as a person reads it: whatever exceljs hands us (rich text, formulas,
// hyperlinks, dates, numbers stored as text and text stored as numbers) becomes tidy text,
// with the number and the date kept beside it for the fields that need them.
import { tidyText } from '../vocabulary/text';

export interface Cell {
  /** What the officer sees, tidied: half-width digits and letters, single spaces, trimmed. */
  text: string;
  /** The cell held a number (not text): an ID number here has already lost digits. */
  isNumber: boolean;
  number: number | null;
  /** 'YYYY-MM-DD' when the cell held a date (or a formula whose cached result is one). */
  date: string | null;
  /** Why the cell cannot be taken as it is (a formula without its result): the row is refused for it. */
  problem?: string;
}

export const EMPTY_CELL: Cell = Object.freeze({ text: '', isNumber: false, number: null, date: null });

/** 3.70101190102039E+17 reads back as digits; integers print without exponent where exact. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}

function isoOfDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // exceljs builds dates at UTC midnight of the calendar day.
  return d.toISOString().slice(0, 10);
}

/**
 * An Excel date serial (days) to 'YYYY-MM-DD'. The 1900 system counts from 1899-12-30
 * (Lotus's phantom 1900-02-29 makes serials below 61 one day off; no birth date is that old);
 * the 1904 system (old Mac workbooks) counts from 1904-01-01.
 */
export function serialToIsoDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A formula cell whose result was never saved: files written by programs (not opened and saved in
 * Excel or WPS since) hold the formula only, and what the officer saw on screen is not in the file.
 */
export const FORMULA_WITHOUT_RESULT = Object.freeze({ formulaWithoutResult: true });

export const FORMULA_WITHOUT_RESULT_MESSAGE = '公式没有保存计算结果，请在 Excel/WPS 中打开并保存后再导入，或直接填入数值';

export function readCell(value: unknown): Cell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (value === FORMULA_WITHOUT_RESULT) return { ...EMPTY_CELL, problem: FORMULA_WITHOUT_RESULT_MESSAGE };
  if (typeof value === 'string') return { text: tidyText(value), isNumber: false, number: null, date: null };
  if (typeof value === 'number') return { text: numberText(value), isNumber: true, number: value, date: null };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', isNumber: false, number: null, date: null };
  if (value instanceof Date) {
    const date = isoOfDate(value);
    return { text: date ?? '', isNumber: false, number: null, date };
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; formula?: string; sharedFormula?: string; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return readCell(v.richText.map((r) => r.text).join(''));
    // A formula cell: its cached result is what the officer saw on screen.
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) return readCell(v.result);
    if (v.text !== undefined) return readCell(v.text);
    if (typeof v.error === 'string') return { text: v.error, isNumber: false, number: null, date: null };
  }
  return { text: tidyText(String(value)), isNumber: false, number: null, date: null };
}
