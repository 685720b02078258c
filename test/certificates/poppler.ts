// Reading generated PDFs the way a person (and a phone) would: poppler's text extraction and
// rasteriser, and zbar's QR decoder on the rendered page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers';

/** The text of every page, one string per page, in drawing order (-raw: the default layout mode would join 「--」 to the next line as a hyphenation). */
export function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** One page rendered to PNG; returns the file. */
export function renderPage(file: string, page: number, dpi: number, extra: string[] = []): string {
  const out = path.join(tempDir('certdesk-render-'), 'page');
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', ...extra, file, out]);
  return `${out}.png`;
}

/** Every QR code zbar finds on the page, as its full text. */
export function qrCodesOnPage(file: string, page: number): string[] {
  const png = renderPage(file, page, 200);
  const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  fs.rmSync(path.dirname(png), { recursive: true, force: true });
  // zbar ends each symbol with a newline; the content itself has two line breaks.
  return out.length ? [out.replace(/\n$/, '')] : [];
}

export function pdfFonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

/** Every word pdftotext finds with its box, in points from the top-left of its page (-bbox). */
export function wordBoxes(file: string): { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const words: ReturnType<typeof wordBoxes> = [];
  let page = 0;
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) page++;
    else words.push({ page, text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
  }
  return words;
}
