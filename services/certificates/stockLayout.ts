// 套打 layout: where each value lands on pre-printed certificate stock, field by field, in mm from
// the page's top-left corner. Stock from different printers puts its boxes in different places;
// the whole-page offset (certificate.stockOffsetX/Y) corrects a sheet fed a little off, this
// layout corrects a form whose boxes are not where the plain-paper certificate has them.
// Saved as one JSON setting (certificate.stockLayout): a name for the stock and, per orientation,
// only the fields moved from the plain-paper layout (layout.ts).
import { AppError } from '../errors';
import { FIELDS, layoutFor, type FieldKey, type Layout, type Orientation } from './layout';

export type StockFieldKey = FieldKey | 'photo' | 'qr' | 'institution' | 'signDate';

/** A field's box: left, top and width in mm; height for the photo; font size in pt for text. */
export interface StockField {
  x: number;
  y: number;
  w: number;
  h?: number;
  size?: number;
}

export const STOCK_FIELDS: readonly { key: StockFieldKey; label: string; text: boolean }[] = [
  ...FIELDS.map((f) => ({ key: f.key as StockFieldKey, label: f.label.replace(/　/g, ''), text: true })),
  { key: 'photo', label: '照片', text: false },
  { key: 'qr', label: '二维码', text: false },
  { key: 'institution', label: '评价机构名称', text: true },
  { key: 'signDate', label: '发证日期（落款）', text: true },
];

export interface SavedStockLayout {
  name: string;
  portrait?: Partial<Record<StockFieldKey, Partial<StockField>>>;
  landscape?: Partial<Record<StockFieldKey, Partial<StockField>>>;
}

/** Where each field sits on plain paper: the starting point of every stock layout. */
export function defaultStockFields(L: Layout): Record<StockFieldKey, StockField> {
  const out = {} as Record<StockFieldKey, StockField>;
  FIELDS.forEach((f, i) => {
    const row = L.rows[i]!;
    out[f.key] = { x: L.valueX + 1, y: row.y, w: row.valueEnd - L.valueX - 2, size: L.textSize };
  });
  out.photo = { x: L.photo.x, y: L.photo.y, w: L.photo.w, h: L.photo.h };
  out.qr = { x: L.qr.x, y: L.qr.y, w: L.qr.w };
  out.institution = { x: L.body.x, y: L.body.y, w: L.body.w, size: 13 };
  out.signDate = { x: L.date.x, y: L.date.y, w: L.date.w, size: L.textSize };
  return out;
}

const NUMBER_RULES: Record<keyof StockField, { min: number; max: (L: Layout) => number; what: string }> = {
  x: { min: 0, max: (L) => L.page.w, what: '距左边' },
  y: { min: 0, max: (L) => L.page.h, what: '距上边' },
  w: { min: 5, max: (L) => L.page.w, what: '宽度' },
  h: { min: 5, max: (L) => L.page.h, what: '高度' },
  size: { min: 6, max: () => 36, what: '字号' },
};

/** The field a word names: its key (idNumber) or its label (证件号码). */
export function stockFieldOf(word: string): StockFieldKey {
  const w = word.trim().replace(/[\s　]/g, '');
  const f = STOCK_FIELDS.find((x) => x.key.toLowerCase() === w.toLowerCase() || x.label === w || x.label.replace(/（.*）/, '') === w);
  if (!f) {
    throw new AppError('CERT_LAYOUT_FIELD', `证书上没有「${word}」这一项。可以调整的项：${STOCK_FIELDS.map((x) => `${x.label}（${x.key}）`).join('、')}。`);
  }
  return f.key;
}

function checkField(L: Layout, key: StockFieldKey, field: Partial<StockField>, where: string): void {
  const def = STOCK_FIELDS.find((f) => f.key === key)!;
  for (const [k, v] of Object.entries(field) as [keyof StockField, unknown][]) {
    const rule = NUMBER_RULES[k];
    if (!rule) throw new AppError('CERT_LAYOUT_INVALID', `${where}「${def.label}」没有「${k}」这一项，只能设置 x、y、w、h、size。`);
    if (k === 'size' && !def.text) throw new AppError('CERT_LAYOUT_INVALID', `${where}「${def.label}」是图片，没有字号。`);
    if (k === 'h' && key !== 'photo') throw new AppError('CERT_LAYOUT_INVALID', `${where}只有照片可以设置高度；「${def.label}」的高度随字号而定。`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < rule.min || v > rule.max(L)) {
      throw new AppError('CERT_LAYOUT_INVALID', `${where}「${def.label}」的${rule.what}应在 ${rule.min} 到 ${rule.max(L)} ${k === 'size' ? '磅' : '毫米'}之间，现在是「${String(v)}」。`);
    }
  }
}

/** The saved layout read back; a value that is not a layout is refused with what is wrong (settings validate with it). */
export function parseStockLayout(text: string): SavedStockLayout {
  if (!text.trim()) return { name: '' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('CERT_LAYOUT_INVALID', '套打版式不是有效的 JSON。请用 certdesk certificates layout set 或证书页的「套打版式」修改，不要手工编辑。');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AppError('CERT_LAYOUT_INVALID', '套打版式应为一个对象：{"name":…,"portrait":{…},"landscape":{…}}。');
  const r = raw as Record<string, unknown>;
  const out: SavedStockLayout = { name: typeof r.name === 'string' ? r.name : '' };
  for (const o of ['portrait', 'landscape'] as const) {
    const fields = r[o];
    if (fields === undefined) continue;
    if (typeof fields !== 'object' || fields === null) throw new AppError('CERT_LAYOUT_INVALID', `套打版式的 ${o} 应为各项位置的对象。`);
    for (const [k, v] of Object.entries(fields)) {
      const key = stockFieldOf(k);
      checkField(layoutFor(o), key, v as Partial<StockField>, o === 'portrait' ? '竖版' : '横版');
    }
    out[o] = fields as SavedStockLayout['portrait'];
  }
  return out;
}

/** Every field's box for this orientation: the saved position where there is one, else the plain-paper one. */
export function stockFields(saved: SavedStockLayout, orientation: Orientation): Record<StockFieldKey, StockField> {
  const fields = defaultStockFields(layoutFor(orientation));
  for (const [k, v] of Object.entries(saved[orientation] ?? {}) as [StockFieldKey, Partial<StockField>][]) fields[k] = { ...fields[k], ...v };
  return fields;
}

export interface LayoutChange {
  field: string;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  size?: number;
  /** Back to the plain-paper position. */
  reset?: boolean;
}

/** The saved layout with one field moved (or put back); refused when a number is off the page. */
export function changeStockLayout(saved: SavedStockLayout, orientation: Orientation, change: LayoutChange, name?: string): SavedStockLayout {
  const key = stockFieldOf(change.field);
  const fields = { ...(saved[orientation] ?? {}) };
  if (change.reset) delete fields[key];
  else {
    const moved: Partial<StockField> = {};
    for (const k of ['x', 'y', 'w', 'h', 'size'] as const) if (change[k] !== undefined) moved[k] = change[k];
    if (Object.keys(moved).length === 0) throw new AppError('USAGE', `请给出「${STOCK_FIELDS.find((f) => f.key === key)!.label}」的新位置：--x、--y（毫米），或 --width、--size。`);
    checkField(layoutFor(orientation), key, moved, '');
    fields[key] = { ...fields[key], ...moved };
  }
  return { ...saved, name: name?.trim() || saved.name, [orientation]: fields };
}
