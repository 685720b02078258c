// fontkit (pdfkit's own dependency) ships no types; we use only reading a font from its bytes and asking for a glyph.
declare module 'fontkit' {
  export function create(data: Buffer, postscriptName?: string): unknown;
}
