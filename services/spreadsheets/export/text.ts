// Everything an officer typed is written as text, never as something a spreadsheet evaluates:
// a name or employer beginning with = + - @ or a tab must not become a formula (CSV injection).

const FORMULA_START = /^[=+\-@\t\r]/;

/** For CSV: a leading apostrophe makes Excel and LibreOffice show the text as typed. */
export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Text of digits that a spreadsheet opening the CSV would take for a number and spoil: an 18-digit
 * ID number keeps 15 digits in Excel and shows as 4.40106E+17 in LibreOffice; leading zeros go.
 */
const READ_AS_NUMBER = /^(?:\d{12,}|0\d+)$/;

/**
 * For CSV: such a field is written after a tab, which Excel and LibreOffice both take as the sign
 * of text and keep every digit. Nothing but digits follows the tab, so it starts no formula; other
 * systems reading the CSV mostly trim it as whitespace. (The Excel-only ="…" would be read as a formula,
 * and shown as one by a spreadsheet that does not evaluate formulas in CSV.)
 */
function keepDigits(text: string): string {
  return READ_AS_NUMBER.test(text) ? `\t${text}` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values
    .map((v) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'number') return String(v);
      const s = keepDigits(defuse(v));
      return /[",\r\n]/.test(s) || s !== v ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
