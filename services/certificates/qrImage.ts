// The QR code as a small 1-bit image: a page carries ~1 KB for its code instead of a thousand
// vector squares to lay out and deflate. Printers scale it without smoothing (no /Interpolate);
// four pixels a module keep it sharp in viewers that smooth small images anyway (poppler does
// below 4× enlargement).
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import type { RawImage } from './pdfImage';

const QUIET = 4; // modules of white around the code (ISO 18004)
const SCALE = 4; // pixels per module: one nibble, which the row building below relies on

export function qrImage(text: string): RawImage {
  // One byte segment and a fixed mask: the library's segment optimiser and its trial of all eight
  // masks cost ~7 ms a code, most of a 1,000-page batch; both choices give valid ISO 18004 codes.
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
  const n = qr.modules.size;
  const side = (n + 2 * QUIET) * SCALE;
  const stride = Math.ceil(side / 8);
  const raw = Buffer.alloc((stride + 1) * side, 0xff);
  for (let y = 0; y < side; y++) raw[y * (stride + 1)] = 0; // filter byte: none
  // Each module is one nibble (SCALE = 4 pixels): build a module row once, then copy it to its 4 pixel rows.
  const row = Buffer.alloc(stride);
  for (let r = 0; r < n; r++) {
    row.fill(0xff);
    for (let c = 0; c < n; c++) {
      if (!qr.modules.data[r * n + c]) continue;
      const m = c + QUIET;
      row[m >> 1]! &= m & 1 ? 0xf0 : 0x0f;
    }
    for (let k = 0; k < SCALE; k++) row.copy(raw, ((r + QUIET) * SCALE + k) * (stride + 1) + 1);
  }
  return { width: side, height: side, bitsPerComponent: 1, colors: 1, deflated: deflateSync(raw) };
}
