// The one date helper. Dates are ISO strings: 'YYYY-MM-DD' for calendar dates, full ISO for instants.
import { AppError } from '../errors';
import { toHalfWidth } from '../vocabulary/text';

export function nowIso(): string {
  return new Date().toISOString();
}

export function todayIso(now: Date = new Date()): string {
  // The officer's calendar day (local time), not UTC's.
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The one wording for a calendar date that is not one, whichever date of a form it is (label: 考试日期, 发证日期 …). */
export function dateInvalid(label: string, value: string | undefined): AppError {
  return new AppError('DATE_INVALID', `${label}「${value ?? ''}」不是有效日期，请写成 YYYY-MM-DD，如 2024-06-15。`);
}

/** Accepts 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305; returns ISO or null. */
export function parseLooseDate(raw: string): string | null {
  const s = toHalfWidth(raw.trim());
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** 'YYYY-MM' → quarter label '2024Q1'. */
export function quarterOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;
}
