// Everything an officer typed is written as text, never as something a spreadsheet evaluates:
// a name or employer beginning with = + - @ or a tab must not become a formula (CSV injection).

const FORMULA_START = /^[=+\-@\t\r]/;

/** For CSV: a leading apostrophe makes Excel and LibreOffice show the text as typed. */
export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Wide (CJK) characters take two columns on screen and on paper. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
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
