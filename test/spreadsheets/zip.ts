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

/**
 * `zip64`: every size and offset in the Zip64 extra field and the directory's end in a Zip64 end
 * record, as some libraries write even small files.
 */
export function zip(parts: ZipPart[], options: { zip64?: boolean } = {}): Buffer {
  const z64 = options.zip64 ?? false;
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const { deflated, size, crc: trueCrc } =
      typeof p.data === 'string' ? { deflated: zlib.deflateRawSync(Buffer.from(p.data)), size: Buffer.byteLength(p.data), crc: zlib.crc32(p.data) } : p.data;
    const claimed = p.claimedSize ?? size;
    const crc = p.crcOf === undefined ? trueCrc : zlib.crc32(p.crcOf);
    const localExtra = z64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (z64) {
      localExtra.writeUInt16LE(0x0001, 0);
      localExtra.writeUInt16LE(16, 2);
      localExtra.writeBigUInt64LE(BigInt(claimed), 4);
      localExtra.writeBigUInt64LE(BigInt(deflated.length), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(z64 ? 45 : 20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(z64 ? 0xffffffff : deflated.length, 18);
    local.writeUInt32LE(z64 ? 0xffffffff : claimed, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    locals.push(local, name, localExtra, deflated);
    const dirExtra = z64 ? Buffer.alloc(28) : Buffer.alloc(0);
    if (z64) {
      dirExtra.writeUInt16LE(0x0001, 0);
      dirExtra.writeUInt16LE(24, 2);
      dirExtra.writeBigUInt64LE(BigInt(claimed), 4);
      dirExtra.writeBigUInt64LE(BigInt(deflated.length), 12);
      dirExtra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(z64 ? 45 : 20, 4);
    dir.writeUInt16LE(z64 ? 45 : 20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(z64 ? 0xffffffff : deflated.length, 20);
    dir.writeUInt32LE(z64 ? 0xffffffff : claimed, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt16LE(dirExtra.length, 30);
    dir.writeUInt32LE(z64 ? 0xffffffff : offset, 42);
    central.push(dir, name, dirExtra);
    offset += 30 + name.length + localExtra.length + deflated.length;
  }
  const dirBytes = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (z64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(dirBytes.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + dirBytes.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(z64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(z64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(z64 ? 0xffffffff : dirBytes.length, 12);
  end.writeUInt32LE(z64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, dirBytes, ...tail, end]);
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
