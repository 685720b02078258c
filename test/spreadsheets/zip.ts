// A bare zip writer for tests that need containers exceljs would never write: bombs, directories
// that lie about sizes, parts whose CRC-32 does not match.
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Deflated bytes with the true size and CRC-32, or plain text to deflate. */
  data: string | { deflated: Buffer; size: number; crc: number };
  /** What the directory claims the part inflates to (defaults to the truth). */
  claimedSize?: number;
  /** Text whose CRC-32 the directory records instead of the data's: a part damaged after it was written. */
  crcOf?: string;
}

export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const { deflated, size, crc: trueCrc } =
      typeof p.data === 'string' ? { deflated: zlib.deflateRawSync(Buffer.from(p.data)), size: Buffer.byteLength(p.data), crc: zlib.crc32(p.data) } : p.data;
    const claimed = p.claimedSize ?? size;
    const crc = p.crcOf === undefined ? trueCrc : zlib.crc32(p.crcOf);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(claimed, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, deflated);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(deflated.length, 20);
    dir.writeUInt32LE(claimed, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + deflated.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** `megabytes` of spaces, deflated as a stream (a few hundred KB), without holding them. */
export async function deflatedSpaces(megabytes: number): Promise<{ deflated: Buffer; size: number; crc: number }> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = zlib.crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  await new Promise((r) => deflate.end(r));
  return { deflated: Buffer.concat(out), size: megabytes * 1024 * 1024, crc };
}

export const MINIMAL_PARTS: ZipPart[] = [
  { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
  { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><workbook><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' },
  { name: 'xl/_rels/workbook.xml.rels', data: '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
];
