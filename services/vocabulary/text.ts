// The text tidying every reader of typed or imported text needs: full-width characters to
// half-width, the width a string takes on screen and paper, spreadsheet column letters.
// Pure, with no imports: the renderer bundles it too.

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;

/** Full-width ASCII (１２３ＡＢＣ，－．) to its half-width form; Chinese input methods type these. */
export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const UNTIDY = /[\uFF01-\uFF5E\u3000\u00A0\s]/;

/** Full-width ASCII to half-width, ideographic space, tabs and line breaks to one space, trimmed. */
export function tidyText(raw: string): string {
  // Most cells need nothing; a million of them in a large roster.
  if (!UNTIDY.test(raw)) return raw;
  return toHalfWidth(raw)
    .replace(/[\u3000\u00A0\s]+/g, ' ')
    .trim();
}

/** Half-width, with every space (ideographic ones too) removed: ID numbers, certificate numbers, scores. */
export function compactText(raw: string): string {
  return toHalfWidth(raw).replace(/[\s\u3000\u00A0]+/g, '');
}

/** Columns a string takes in a monospaced terminal or a spreadsheet column: wide (CJK) characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c > 0xffff;
    w += wide ? 2 : 1;
  }
  return w;
}

/** 0 → A, 25 → Z, 26 → AA: column letters as Excel names them. */
export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A → 1, Z → 26, AA → 27 (1-based, as in a cell reference); the letters at the start of `ref` (B12 → 2), 0 when there are none. */
export function columnNumber(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}
