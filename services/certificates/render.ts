// Drawing one certificate page with pdfkit: the full page on plain paper, the values only on
// pre-printed stock, or the calibration page that finds the stock's offsets.
import { AppError } from '../errors';
import { qrImage } from './qrImage';
import { opaquePng, pdfImage } from './pdfImage';
import { FIELDS, mm, type FieldKey, type Layout } from './layout';
import { STOCK_FIELDS, type StockField, type StockFieldKey } from './stockLayout';

export type Doc = PDFKit.PDFDocument;

export interface PrintedCertificate {
  values: Record<FieldKey, string>;
  /** English of the level, for bilingual certificates. */
  levelEn: string;
  institution: string;
  photo: Buffer | null;
  qr: string;
  /** Who this page is, for error messages. */
  who: string;
}

export interface PageStyle {
  layout: Layout;
  bilingual: boolean;
  lookupUrl: string;
  bodyLookupUrl: string;
  seal: { file: string; x: number; y: number; size: number } | null;
  /** Stock mode: shift (mm) applied to everything printed. */
  offset: { x: number; y: number } | null;
  /** Stock mode: where each value lands (the saved 套打 layout, stockLayout.ts). */
  fields: Record<StockFieldKey, StockField>;
  /** The stock the layout is for, named by the officer (empty: the plain-paper positions). */
  layoutName: string;
}

const INK = '#1a1a1a';
const RED = '#9b1c1c';
const MUTED = '#555555';

/** Writes a line that never wraps: a value too long for its space is set smaller, not cut. */
export function fitLine(doc: Doc, text: string, x: number, y: number, maxWidth: number, size: number, align: 'left' | 'center' = 'left'): void {
  doc.fontSize(size);
  let s = size;
  // No CJK or Latin glyph is wider than 1 em: a short value fits without laying it out twice.
  const surelyFits = align === 'left' && [...text].length * size <= maxWidth;
  if (!surelyFits) while (s > 7 && doc.widthOfString(text) > maxWidth) doc.fontSize((s -= 0.5));
  const left = align === 'center' ? x + (maxWidth - doc.widthOfString(text)) / 2 : x;
  doc.text(text, left, y + (size - s) / 2, { lineBreak: false });
}

export function drawQr(doc: Doc, text: string, box: { x: number; y: number; w: number }): void {
  doc.image(pdfImage(qrImage(text)) as unknown as Buffer, box.x, box.y, { width: box.w, height: box.w });
}

function drawPhoto(doc: Doc, p: PrintedCertificate, box: { x: number; y: number; w: number; h: number }, full: boolean): void {
  if (p.photo) {
    try {
      // pdfkit takes an image that embeds itself as well as bytes (its typings know only the bytes).
      const raw = opaquePng(p.photo);
      doc.image(raw ? (pdfImage(raw) as unknown as Buffer) : p.photo, box.x, box.y, { fit: [box.w, box.h], align: 'center', valign: 'center' });
    } catch {
      throw new AppError('CERT_PHOTO_UNREADABLE', `${p.who}的照片无法读取（文件已损坏或不是 JPEG/PNG）。请重新上传照片后再打印。`);
    }
    if (full) doc.save().lineWidth(0.4).strokeColor('#999999').rect(box.x, box.y, box.w, box.h).stroke().restore();
  } else if (full) {
    doc.save().lineWidth(0.5).dash(2, { space: 2 }).strokeColor('#888888').rect(box.x, box.y, box.w, box.h).stroke().undash().restore();
    doc.fillColor('#888888').fontSize(9).text('照片粘贴处', box.x, box.y + box.h / 2 - 5, { width: box.w, align: 'center', lineBreak: false });
  }
}

function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

export function issueDateText(iso: string): string {
  return chineseDate(iso);
}

function drawFrame(doc: Doc, L: Layout): void {
  const W = mm(L.page.w);
  const H = mm(L.page.h);
  const o = mm(L.frame.outer);
  const i = mm(L.frame.inner);
  doc.save().lineWidth(2.2).strokeColor(RED).rect(o, o, W - 2 * o, H - 2 * o).stroke();
  doc.lineWidth(0.6).rect(i, i, W - 2 * i, H - 2 * i).stroke();
  // Small squares at the inner corners, as certificate frames usually have.
  const s = mm(2.2);
  for (const [x, y] of [[i, i], [W - i, i], [i, H - i], [W - i, H - i]] as const) doc.rect(x - s / 2, y - s / 2, s, s).fill(RED);
  doc.restore();
}

/** The full certificate on plain A4. */
export function drawFullPage(doc: Doc, p: PrintedCertificate, st: PageStyle, fonts: { regular: string; bold: string }): void {
  const L = st.layout;
  drawFrame(doc, L);
  const W = mm(L.page.w);
  doc.font(fonts.bold).fillColor(RED).fontSize(L.title.size);
  const title = '职业技能等级证书';
  const spacing = 6;
  const tw = doc.widthOfString(title, { characterSpacing: spacing }) - spacing;
  doc.text(title, (W - tw) / 2, mm(L.title.y), { characterSpacing: spacing, lineBreak: false });
  if (st.bilingual) {
    doc.font(fonts.regular).fontSize(13).fillColor(RED);
    const en = 'Certificate of Vocational Skill Level';
    doc.text(en, (W - doc.widthOfString(en)) / 2, mm(L.title.enY), { lineBreak: false });
  }
  doc.save().lineWidth(0.8).strokeColor(RED).moveTo(mm(L.rule.x1), mm(L.rule.y)).lineTo(mm(L.rule.x2), mm(L.rule.y)).stroke().restore();

  drawPhoto(doc, p, { x: mm(L.photo.x), y: mm(L.photo.y), w: mm(L.photo.w), h: mm(L.photo.h) }, true);

  FIELDS.forEach((f, idx) => {
    const row = L.rows[idx]!;
    doc.font(fonts.regular).fillColor(INK).fontSize(L.textSize).text(f.label, mm(L.labelX), mm(row.y), { lineBreak: false });
    if (st.bilingual) doc.fillColor(MUTED).fontSize(7.5).text(f.en, mm(L.labelX), mm(row.y) + 15, { lineBreak: false });
    const value = f.key === 'level' && st.bilingual ? `${p.values.level}  ${p.levelEn}` : p.values[f.key];
    doc.fillColor(INK);
    fitLine(doc, value, mm(L.valueX + 1), mm(row.y), mm(row.valueEnd - L.valueX - 2), L.textSize);
    doc.save().lineWidth(0.5).strokeColor('#7a7a7a').moveTo(mm(L.valueX), mm(row.y) + 16).lineTo(mm(row.valueEnd), mm(row.y) + 16).stroke().restore();
  });

  drawQr(doc, p.qr, { x: mm(L.qr.x), y: mm(L.qr.y), w: mm(L.qr.w) });
  doc.font(fonts.regular).fillColor(MUTED).fontSize(8).text(st.bilingual ? '扫码核验 Scan to verify' : '扫码核验', mm(L.qr.x), mm(L.qrCaptionY), { width: mm(L.qr.w), align: 'center', lineBreak: false });

  doc.fillColor(INK).fontSize(L.textSize).text(st.bilingual ? '评价机构（盖章）/ Evaluation Body' : '评价机构（盖章）', mm(L.body.x), mm(L.body.y) - 20, { width: mm(L.body.w), align: 'center', lineBreak: false });
  fitLine(doc, p.institution, mm(L.body.x), mm(L.body.y), mm(L.body.w), 13, 'center');
  doc.fontSize(L.textSize).text(p.values.issueDate, mm(L.date.x), mm(L.date.y), { width: mm(L.date.w), align: 'center', lineBreak: false });
  drawSeal(doc, st);

  doc.fillColor(MUTED).fontSize(8.5);
  const lookup = `证书查询：${st.lookupUrl.replace(/^https?:\/\//, '')}　　评价机构查询：${st.bodyLookupUrl.replace(/^https?:\/\//, '')}`;
  doc.text(lookup, (W - doc.widthOfString(lookup)) / 2, mm(L.lookup.y), { lineBreak: false });
  if (st.bilingual) {
    const en = 'Verify this certificate and the evaluation body at the addresses above.';
    doc.fontSize(7.5).text(en, (W - doc.widthOfString(en)) / 2, mm(L.lookup.y) + 13, { lineBreak: false });
  }
}

function drawSeal(doc: Doc, st: PageStyle): void {
  if (!st.seal) return;
  const dx = st.offset?.x ?? 0;
  const dy = st.offset?.y ?? 0;
  const s = st.seal;
  try {
    doc.image(s.file, mm(s.x + dx), mm(s.y + dy), { fit: [mm(s.size), mm(s.size)], align: 'center', valign: 'center' });
  } catch {
    throw new AppError('CERT_SEAL_UNREADABLE', `印章图片 ${s.file} 无法读取。请在设置 certificate.seal 中填写一个存在的透明背景 PNG 文件，或留空不印章。`);
  }
}

/** Values only, for stock that already carries the frame, title and labels, each at its own place in the 套打 layout. */
export function drawStockPage(doc: Doc, p: PrintedCertificate, st: PageStyle, fonts: { regular: string }): void {
  const F = st.fields;
  const dx = st.offset?.x ?? 0;
  const dy = st.offset?.y ?? 0;
  drawPhoto(doc, p, { x: mm(F.photo.x + dx), y: mm(F.photo.y + dy), w: mm(F.photo.w), h: mm(F.photo.h ?? 35) }, false);
  doc.font(fonts.regular).fillColor('#000000');
  for (const f of FIELDS) {
    const b = F[f.key];
    fitLine(doc, p.values[f.key], mm(b.x + dx), mm(b.y + dy), mm(b.w), b.size ?? st.layout.textSize);
  }
  drawQr(doc, p.qr, { x: mm(F.qr.x + dx), y: mm(F.qr.y + dy), w: mm(F.qr.w) });
  doc.fillColor('#000000');
  fitLine(doc, p.institution, mm(F.institution.x + dx), mm(F.institution.y + dy), mm(F.institution.w), F.institution.size ?? 13, 'center');
  fitLine(doc, p.values.issueDate, mm(F.signDate.x + dx), mm(F.signDate.y + dy), mm(F.signDate.w), F.signDate.size ?? st.layout.textSize, 'center');
  drawSeal(doc, st);
}

/** A field's box on the calibration page: text fields as tall as a line of their size. */
export function stockBox(key: StockFieldKey, f: StockField): { x: number; y: number; w: number; h: number } {
  if (key === 'photo') return { x: f.x, y: f.y, w: f.w, h: f.h ?? 35 };
  if (key === 'qr') return { x: f.x, y: f.y, w: f.w, h: f.w };
  const lineMm = ((f.size ?? 12) * 25.4) / 72;
  return { x: f.x - 1, y: f.y - 1, w: f.w + 2, h: lineMm * 1.3 + 2 };
}

/**
 * The calibration page: printed on plain paper and laid over a sheet of stock against the light,
 * it shows where every value would land with the current offsets, with millimetre rulers to
 * measure how far off they are.
 */
export function drawCalibrationPage(doc: Doc, st: PageStyle, fonts: { regular: string }): void {
  const L = st.layout;
  const dx = st.offset?.x ?? 0;
  const dy = st.offset?.y ?? 0;
  doc.font(fonts.regular).lineWidth(0.3).strokeColor('#000000').fillColor('#000000');
  for (let x = 0; x <= L.page.w; x++) {
    const len = x % 10 === 0 ? 6 : x % 5 === 0 ? 4 : 2;
    doc.moveTo(mm(x), 0).lineTo(mm(x), mm(len)).stroke();
    if (x % 10 === 0 && x > 0 && x < L.page.w) doc.fontSize(6).text(String(x), mm(x) - 6, mm(6.5), { width: 12, align: 'center', lineBreak: false });
  }
  for (let y = 0; y <= L.page.h; y++) {
    const len = y % 10 === 0 ? 6 : y % 5 === 0 ? 4 : 2;
    doc.moveTo(0, mm(y)).lineTo(mm(len), mm(y)).stroke();
    if (y % 10 === 0 && y > 0 && y < L.page.h) doc.fontSize(6).text(String(y), mm(6.5), mm(y) - 3, { lineBreak: false });
  }
  // Every field of the 套打 layout, at its own position, named.
  for (const f of STOCK_FIELDS) {
    const box = stockBox(f.key, st.fields[f.key]);
    doc.save().lineWidth(0.6).strokeColor('#c0392b').rect(mm(box.x + dx), mm(box.y + dy), mm(box.w), mm(box.h)).stroke().restore();
    doc.fillColor('#c0392b').fontSize(7).text(f.label, mm(box.x + dx) + 2, mm(box.y + dy) + 2, { lineBreak: false });
  }
  doc.fillColor('#000000').fontSize(10);
  const lines = [
    `证书套打校准页${st.layoutName ? `（版式：${st.layoutName}）` : ''}`,
    `当前偏移：水平 ${dx} 毫米，垂直 ${dy} 毫米（${L.page.w > L.page.h ? '横版' : '竖版'}）`,
    '用法：用普通 A4 纸打印本页，与一张空白证书纸叠在一起对着光看；红框是各项内容将要打印的位置。',
    '所有红框都偏了同样的距离：修改整页偏移 certificate.stockOffsetX（向右为正）和 certificate.stockOffsetY（向下为正）。',
    '只有某一项不对：在证书页「套打版式」里改这一项的位置，或运行 certdesk certificates layout set --field 姓名 --x 毫米 --y 毫米。',
  ];
  const top = L.page.h > L.page.w ? 240 : 178;
  lines.forEach((t, i) => doc.fontSize(i === 0 ? 13 : 9).text(t, mm(20), mm(top) + i * 15 + (i > 0 ? 6 : 0), { lineBreak: false }));
}
