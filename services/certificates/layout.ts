// Where everything sits on the A4 page, in millimetres from the top-left corner. The same
// positions serve the full page and the pre-printed stock (which carries the labels, the
// title and the frame, so only the values are printed, shifted by the calibrated offsets).

export type Orientation = 'portrait' | 'landscape';

export type FieldKey = 'name' | 'idType' | 'idNumber' | 'occupation' | 'specialty' | 'level' | 'number' | 'issueDate';

/** The mandatory fields in the order they are printed (domain.md § The certificate). */
export const FIELDS: readonly { key: FieldKey; label: string; en: string }[] = [
  { key: 'name', label: '姓　　名', en: 'Name' },
  { key: 'idType', label: '证件类型', en: 'ID Type' },
  { key: 'idNumber', label: '证件号码', en: 'ID Number' },
  { key: 'occupation', label: '职业名称', en: 'Occupation' },
  { key: 'specialty', label: '工种/职业方向', en: 'Specialty' },
  { key: 'level', label: '职业技能等级', en: 'Skill Level' },
  { key: 'number', label: '证书编号', en: 'Certificate No.' },
  { key: 'issueDate', label: '发证日期', en: 'Date of Issue' },
];

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  page: { w: number; h: number };
  frame: { outer: number; inner: number };
  title: { y: number; size: number; enY: number };
  rule: { y: number; x1: number; x2: number };
  photo: Box;
  labelX: number;
  valueX: number;
  /** Baseline-ish top of each field row, and where its underline ends. */
  rows: { y: number; valueEnd: number }[];
  qr: Box;
  qrCaptionY: number;
  body: { x: number; y: number; w: number };
  date: { x: number; y: number; w: number };
  lookup: { y: number };
  textSize: number;
}

const PORTRAIT: Layout = {
  page: { w: 210, h: 297 },
  frame: { outer: 9, inner: 12.5 },
  title: { y: 34, size: 30, enY: 50 },
  rule: { y: 60, x1: 40, x2: 170 },
  photo: { x: 150, y: 72, w: 25, h: 35 }, // 一寸 is 25 × 35 mm
  labelX: 30,
  valueX: 70,
  rows: [80, 93, 106, 119, 132, 145, 158, 171].map((y) => ({ y, valueEnd: y < 112 ? 142 : 182 })),
  qr: { x: 30, y: 196, w: 32, h: 32 },
  qrCaptionY: 230,
  body: { x: 92, y: 206, w: 94 },
  date: { x: 92, y: 220, w: 94 },
  lookup: { y: 268 },
  textSize: 12, // 小四号
};

const LANDSCAPE: Layout = {
  page: { w: 297, h: 210 },
  frame: { outer: 9, inner: 12.5 },
  title: { y: 24, size: 30, enY: 39 },
  rule: { y: 47, x1: 70, x2: 227 },
  photo: { x: 38, y: 60, w: 25, h: 35 },
  labelX: 82,
  valueX: 122,
  rows: [60, 71, 82, 93, 104, 115, 126, 137].map((y) => ({ y, valueEnd: 222 })),
  qr: { x: 235, y: 60, w: 32, h: 32 },
  qrCaptionY: 94,
  body: { x: 150, y: 160, w: 118 },
  date: { x: 150, y: 172, w: 118 },
  lookup: { y: 186 },
  textSize: 12,
};

export function layoutFor(orientation: Orientation): Layout {
  return orientation === 'landscape' ? LANDSCAPE : PORTRAIT;
}

export const PT_PER_MM = 72 / 25.4;
export const mm = (v: number): number => v * PT_PER_MM;
