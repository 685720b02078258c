// Text that arrives from outside (a form, the command line, a request) and could hide or disguise
// what it says: NUL and other control characters (all but tab and line breaks), the bidirectional
// overrides and isolates that reorder what is shown (U+202A–U+202E, U+2066–U+2069: «‮txt.exe» that
// reads as «exe.txt»), and broken UTF-16 (a lone surrogate, which no font can print and which
// becomes «�» in a PDF or a workbook). Such text is refused where it enters, never stored.
import { AppError } from '../errors';

const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

/** The first unsafe character of a text, as U+XXXX, or null when it has none. */
export function unsafeCharacter(text: string): string | null {
  const m = UNSAFE.exec(text);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** The refusal of such text: `what` names it for the officer (「姓名」), `field` for the program. */
export function unsafeTextError(code: string, what: string, character: string, field: string | null): AppError {
  return new AppError(code, `${what}含有不可见或会颠倒文字顺序的字符（${character}），请删去后重新填写；从别处复制来的文字常带有这类字符。`, { field, character });
}

/** Throws TEXT_UNSAFE naming the field (e.g. `candidate.name`) and the character found. */
export function refuseUnsafeText(value: unknown, path: string[] = []): void {
  if (typeof value === 'string') {
    const found = unsafeCharacter(value);
    if (found) throw unsafeTextError('TEXT_UNSAFE', `填写的内容${path.length ? `「${path.join('.')}」` : ''}`, found, path.join('.') || null);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => refuseUnsafeText(v, [...path, String(i)]));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      refuseUnsafeText(k, path);
      refuseUnsafeText(v, [...path, k]);
    }
  }
}
