// The face certificates are printed in: the bundled Noto Serif SC (SIL OFL 1.1, licence in
// assets/fonts/) or a 仿宋 font file on the officer's machine (setting certificate.font).
// Before printing, every character is checked against the font: a rare character in a name
// must be refused by name, never printed as a blank (domain.md § The certificate).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { AppError } from '../errors';

export interface FontFace {
  file: string;
  /** The file's bytes, read once: pdfkit and the coverage check share them (the bundled face is 15 MB). */
  data: Buffer;
  postscriptName?: string;
}

export interface CertificateFont {
  label: string;
  regular: FontFace;
  bold: FontFace;
  has(codePoint: number): boolean;
}

interface GlyphSource {
  postscriptName: string;
  familyName: string;
  hasGlyphForCodePoint(cp: number): boolean;
}

const require = createRequire(import.meta.url);

function bundledDir(): string {
  return path.join(path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json')));
}

const opened = new Map<string, { data: Buffer; face: GlyphSource }>();

function openFace(file: string): { data: Buffer; face: GlyphSource } {
  const cached = opened.get(file);
  if (cached) return cached;
  let data: Buffer;
  let font: unknown;
  try {
    data = fs.readFileSync(file);
    font = fontkit.create(data);
  } catch (e) {
    throw new AppError('CERT_FONT_UNREADABLE', `字体文件 ${file} 无法读取（${(e as Error).message}）。请在设置 certificate.font 中换一个 .ttf / .otf 字体文件，或改回 bundled。`);
  }
  // A .ttc holds several faces; the Simplified Chinese one is preferred.
  const collection = (font as { fonts?: GlyphSource[] }).fonts;
  const face = collection ? (collection.find((f) => / SC\b|SC-|GB|Simplified/.test(f.postscriptName + f.familyName)) ?? collection[0]!) : (font as GlyphSource);
  opened.set(file, { data, face });
  return { data, face };
}

/** The font chosen in settings ('bundled' or a file path). */
export function certificateFont(setting: string): CertificateFont {
  if (setting === 'bundled' || setting === '') {
    const dir = bundledDir();
    const regular = path.join(dir, '400Regular', 'NotoSerifSC_400Regular.ttf');
    const bold = path.join(dir, '700Bold', 'NotoSerifSC_700Bold.ttf');
    const r = openFace(regular);
    return {
      label: '思源宋体（Noto Serif SC，随附）',
      regular: { file: regular, data: r.data },
      bold: { file: bold, data: openFace(bold).data },
      has: (cp) => r.face.hasGlyphForCodePoint(cp),
    };
  }
  if (!fs.existsSync(setting)) {
    throw new AppError('CERT_FONT_NOT_FOUND', `找不到设置的证书字体文件 ${setting}。请确认该字体已安装，或把设置 certificate.font 改回 bundled。`);
  }
  const { data, face } = openFace(setting);
  const collectionName = setting.toLowerCase().endsWith('.ttc') ? face.postscriptName : undefined;
  // A 仿宋 font has one weight; the title is set larger in the same face.
  const only = { file: setting, data, postscriptName: collectionName };
  return { label: `${face.familyName}（${path.basename(setting)}）`, regular: only, bold: only, has: (cp) => face.hasGlyphForCodePoint(cp) };
}

/** Throws with the first character the font cannot draw, naming the certificate and the field. */
export function assertFontCovers(font: CertificateFont, texts: readonly { what: string; text: string }[]): void {
  for (const { what, text } of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0x20 || font.has(cp)) continue;
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      throw new AppError(
        'CERT_FONT_MISSING_CHAR',
        `${what}中的「${ch}」（U+${hex}）在证书字体 ${font.label} 中没有，打印出来会是空白。请在设置 certificate.font 中选用包含该字的字体文件（如本机安装的仿宋或生僻字字体），再打印。`,
        { char: ch, codePoint: `U+${hex}` },
      );
    }
  }
}
