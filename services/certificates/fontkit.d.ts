// fontkit (pdfkit's own dependency) ships no types; we use only opening a font and asking for a glyph.
declare module 'fontkit' {
  export function openSync(file: string): unknown;
}
