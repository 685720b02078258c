// Everything an officer typed is written as text, never as something a spreadsheet evaluates:
// a name or employer beginning with = + - @ or a tab must not become a formula (CSV injection).

const FORMULA_START = /^[=+\-@\t\r]/;

/** For CSV: a leading apostrophe makes Excel and LibreOffice show the text as typed. */
export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values
    .map((v) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'number') return String(v);
      const s = defuse(v);
      return /[",\r\n]/.test(s) || s !== v ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
