// Reading typed values out of tidy cells, and the rejection an importer reports for a bad one.
import { parseLooseDate } from '../shared/dates';
import { ID_AS_NUMBER_MESSAGE, normaliseIdNumber } from '../ids/idNumber';
import { serialToIsoDate, type Cell } from './cells';

/** One refused row or cell: the row as Excel shows it, the column title as the file has it. */
export interface Rejection {
  row: number;
  column: string;
  message: string;
  /** The refusal's error code, where the row was refused for a rule that has one (ALREADY_CERTIFIED). */
  code?: string;
  /** Whose row it is, as the file names them (a roster), so a refused row is known by its person. */
  name?: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * An ID number cell. A number with more than 15 significant digits has already lost its tail
 * in Excel (domain.md § Identity documents): it cannot be repaired, only refused.
 */
export function readIdNumber(cell: Cell): Read<string> {
  if (cell.isNumber) {
    const digits = cell.text.replace(/\D/g, '');
    if (/e/i.test(cell.text) || digits.length > 15 || (cell.number !== null && !Number.isSafeInteger(cell.number))) {
      return { ok: false, message: ID_AS_NUMBER_MESSAGE };
    }
  }
  return { ok: true, value: normaliseIdNumber(cell.text) };
}

/** A date cell: a real date, an Excel serial (in the workbook's date system) or text like 1990年3月5日. */
export function readDate(cell: Cell, date1904: boolean): Read<string | null> {
  if (cell.date) return { ok: true, value: cell.date };
  if (cell.text === '') return { ok: true, value: null };
  if (cell.isNumber && cell.number !== null && cell.number < 100000) {
    const iso = serialToIsoDate(cell.number, date1904);
    if (iso) return { ok: true, value: iso };
  }
  const iso = parseLooseDate(cell.text);
  if (iso) return { ok: true, value: iso };
  return { ok: false, message: `「${cell.text}」不是有效日期。请写成 1990-03-05 或 1990年3月5日，或把单元格设为日期格式。` };
}
