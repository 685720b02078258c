// The QR code as a small 1-bit PNG: pdfkit embeds a PNG's compressed data as it is, so a page
// carries ~1 KB for its code instead of a thousand vector squares to lay out and deflate.
// Printers scale it without smoothing (pdfkit sets no /Interpolate); four pixels a module keep
// it sharp in viewers that smooth small images anyway (poppler does below 4× enlargement).
import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

const QUIET = 4; // modules of white around the code (ISO 18004)
const SCALE = 4; // pixels per module

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
  return out;
}

export function qrPng(text: string): Buffer {
  // One byte segment and a fixed mask: the library's segment optimiser and its trial of all eight
  // masks cost ~7 ms a code, most of a 1,000-page batch; both choices give valid ISO 18004 codes.
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 2 });
  const n = qr.modules.size;
  const side = (n + 2 * QUIET) * SCALE;
  const stride = Math.ceil(side / 8);
  const raw = Buffer.alloc((stride + 1) * side, 0xff);
  for (let y = 0; y < side; y++) {
    const line = y * (stride + 1);
    raw[line] = 0; // filter: none
    const r = Math.floor(y / SCALE) - QUIET;
    if (r < 0 || r >= n) continue;
    for (let x = QUIET * SCALE; x < side - QUIET * SCALE; x++) {
      if (qr.modules.data[r * n + Math.floor(x / SCALE) - QUIET]) raw[line + 1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
