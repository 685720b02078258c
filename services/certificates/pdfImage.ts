// Opaque PNGs (photos, the QR code) as PDF images without pdfkit's PNG reader: png-js copies the
// compressed data one byte at a time (~0.7 ms for a 30 KB photo, most of a 1,000-page batch).
// PDF decodes PNG's compressed rows itself (FlateDecode with the PNG predictor), so the IDAT
// bytes go in as they are. PNGs with a palette, transparency or interlacing are left to pdfkit.
import type { Doc } from './render';

/** What pdfkit's doc.image() accepts besides a file or bytes: an image that embeds itself. */
export interface PdfImage {
  width: number;
  height: number;
  label: string;
  obj: PDFKit.PDFKitReference | null;
  embed(doc: Doc): void;
}

export interface RawImage {
  width: number;
  height: number;
  bitsPerComponent: number;
  colors: 1 | 3;
  /** zlib data of PNG-filtered rows (a filter byte before each row). */
  deflated: Buffer;
}

let labels = 0;

export function pdfImage(raw: RawImage): PdfImage {
  return {
    width: raw.width,
    height: raw.height,
    label: `CD${++labels}`,
    obj: null,
    embed(doc: Doc) {
      if (this.obj) return;
      const obj = doc.ref({
        Type: 'XObject',
        Subtype: 'Image',
        Width: raw.width,
        Height: raw.height,
        BitsPerComponent: raw.bitsPerComponent,
        ColorSpace: raw.colors === 3 ? 'DeviceRGB' : 'DeviceGray',
        Filter: 'FlateDecode',
        DecodeParms: { Predictor: 15, Colors: raw.colors, BitsPerComponent: raw.bitsPerComponent, Columns: raw.width },
      });
      obj.end(raw.deflated);
      this.obj = obj;
    },
  };
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An opaque greyscale or RGB PNG, read by its chunks; null for anything pdfkit should handle itself. */
export function opaquePng(data: Buffer): RawImage | null {
  if (data.length < 33 || !data.subarray(0, 8).equals(SIGNATURE)) return null;
  let width = 0;
  let height = 0;
  let bits = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  for (let pos = 8; pos + 8 <= data.length; ) {
    const size = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + size);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bits = body[8]!;
      colorType = body[9]!;
      if (body[12] !== 0) return null; // interlaced
    } else if (type === 'PLTE' || type === 'tRNS') {
      return null;
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    pos += size + 12;
  }
  if ((colorType !== 0 && colorType !== 2) || idat.length === 0 || width === 0) return null;
  return { width, height, bitsPerComponent: bits, colors: colorType === 2 ? 3 : 1, deflated: Buffer.concat(idat) };
}
