// Is this file a workbook we can trust to open? Refuses .xls renamed to .xlsx, password-protected
// workbooks, truncated downloads and zip bombs before exceljs sees a byte, in bounded memory and
// time: the zip's own directory is read, and every entry is inflated as a stream that stops at
// the size it claims. The same pass collects what the streaming reader does not give us: sheet
// names, the date system, each sheet's row count and its merged ranges.
import zlib from 'node:zlib';
import { AppError } from '../errors';
import { attributeOf, isTrue, localName, parseXml, prefixedAttribute, Utf8Bytes, XmlStream } from './xml';

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface WorkbookFacts {
  /** Sheet names in workbook order. */
  sheetNames: string[];
  /**
   * Each worksheet's name and its part (xl/worksheets/sheet1.xml), visible ones first, each kind in
   * workbook order. Chart, dialog and macro sheets, and a sheet whose part is missing, are left out.
   */
  sheets: { name: string; part: string; hidden: boolean }[];
  /** The parts holding the workbook's shared strings and cell styles, when it has them. */
  sharedStringsPart: string | null;
  stylesPart: string | null;
  date1904: boolean;
  /** Rows declared by each sheet's <dimension>, for the progress bar. */
  rowCounts: Map<string, number>;
  merges: Map<string, MergeRange[]>;
}

/**
 * No real workbook inflates past these. A 100,000-row roster is about 60 MB of XML in all, its
 * worksheet some 45 MB (streamed) and its shared strings some 12 MB (held whole while its sheet is
 * read). A part over its cap, or a file over the total, is refused as counted while it inflates.
 */
export const MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** Parts held whole in memory: the workbook, its relationships, shared strings and styles. */
export const MAX_HELD_PART_BYTES = 64 * 1024 * 1024;
/** XML compresses about 10:1; a part claiming far more than this, and large, is a bomb. */
const MAX_RATIO = 200;
/** Parts claiming no more than this are inflated in one call rather than as a stream. */
const SMALL_PART_BYTES = 1024 * 1024;
const RATIO_FLOOR_BYTES = 20 * 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  /** CRC-32 of the inflated bytes, as the directory records it. */
  crc: number;
  localOffset: number;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function refuse(code: string, message: string): AppError {
  return new AppError(code, message);
}

/** An OLE compound file: an .xls, a WPS .et, or an encrypted .xlsx. */
export function isOleFile(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE_MAGIC);
}

/** An encrypted workbook (of any format) is an OLE container holding EncryptionInfo and EncryptedPackage streams. */
export function refuseEncrypted(bytes: Buffer, name: string): void {
  if (bytes.includes(Buffer.from('EncryptionInfo', 'utf16le')) || bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
    throw refuse('FILE_ENCRYPTED', `${name} 设置了打开密码，无法读取。请在 Excel 中打开它，在「文件 → 信息 → 保护工作簿 → 用密码进行加密」中清除密码，保存后再导入。`);
  }
}

function checkMagic(bytes: Buffer, name: string): void {
  if (isOleFile(bytes)) {
    refuseEncrypted(bytes, name);
    throw refuse('FILE_XLS', `${name} 是旧版 Excel 97-2003 格式（.xls），只是扩展名改成了 .xlsx。请在 Excel 中打开它，「另存为」选择「Excel 工作簿 (*.xlsx)」后再导入。`);
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    const head = bytes.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
    const what = head.startsWith('<') ? '网页或 XML 文件' : head.startsWith('%pdf') ? 'PDF 文件' : bytes.length === 0 ? '空文件' : '文本或其他格式的文件';
    const csv = what === '文本或其他格式的文件' ? '如果它是逗号分隔的 CSV 文本，把扩展名改为 .csv 即可导入；否则' : '';
    throw refuse('FILE_NOT_XLSX', `${name} 不是 Excel 工作簿（.xlsx），看起来是${what}。${csv}请在 Excel 中打开原表，「另存为」Excel 工作簿 (*.xlsx) 后再导入。`);
  }
}

function truncated(name: string): AppError {
  return refuse('FILE_TRUNCATED', `${name} 不完整（文件被截断或损坏，可能是没有下载完或复制中断）。请重新获取完整的文件后再导入。`);
}

function zipBomb(name: string): AppError {
  return refuse('FILE_ZIP_BOMB', `${name} 解压后远大于其本身（异常的压缩文件），为安全起见不予读取。请确认文件来源，或在 Excel 中打开后另存一份再导入。`);
}

function damaged(name: string): AppError {
  return refuse('FILE_DAMAGED', `${name} 已损坏（其中的内容与文件记录的校验值不符），读出的文字可能是错的，因此不予导入。请用 Excel 或 WPS 打开它并重新保存，或向对方重新要一份文件后再导入。`);
}

function tooMuch(name: string): AppError {
  return refuse(
    'FILE_TOO_LARGE',
    `${name} 解压后的内容过大（单个部件超过 ${MAX_PART_BYTES / 1024 / 1024} MB，共享文字或样式超过 ${MAX_HELD_PART_BYTES / 1024 / 1024} MB，或全部超过 ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB），远超过一份花名册或成绩单，为安全起见不予读取。请确认选对了文件；数据确实很多时，请拆成几个文件分别导入。`,
  );
}

/** Zip64 keeps sizes and offsets past 4 GB (or written so by some libraries) in an extra field. */
const SATURATED = 0xffffffff;

function zip64Extra(bytes: Buffer, from: number, to: number, wanted: { size: boolean; compressed: boolean; offset: boolean }, name: string): { size?: number; compressed?: number; offset?: number } {
  for (let p = from; p + 4 <= to; ) {
    const id = bytes.readUInt16LE(p);
    const len = bytes.readUInt16LE(p + 2);
    if (id === 0x0001) {
      const out: { size?: number; compressed?: number; offset?: number } = {};
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + len) throw truncated(name);
        const v = Number(bytes.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (wanted.size) out.size = next();
      if (wanted.compressed) out.compressed = next();
      if (wanted.offset) out.offset = next();
      return out;
    }
    p += 4 + len;
  }
  return {};
}

/**
 * The zip's central directory. Entry names are taken as every reader takes them: a backslash (as
 * some Windows tools write) is a folder separator, and a leading slash is dropped.
 */
function readDirectory(bytes: Buffer, name: string): Entry[] {
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes at the very end.
  const from = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw truncated(name);
  let count = bytes.readUInt16LE(eocd + 10);
  let dirSize = bytes.readUInt32LE(eocd + 12);
  let dirOffset = bytes.readUInt32LE(eocd + 16);
  let dirEnd = eocd;
  // Zip64: a locator just before the end record points at the Zip64 end record with the true figures.
  if (eocd >= 20 && bytes.readUInt32LE(eocd - 20) === 0x07064b50) {
    const at = Number(bytes.readBigUInt64LE(eocd - 12));
    if (at + 56 > bytes.length || bytes.readUInt32LE(at) !== 0x06064b50) throw truncated(name);
    count = Number(bytes.readBigUInt64LE(at + 32));
    dirSize = Number(bytes.readBigUInt64LE(at + 40));
    dirOffset = Number(bytes.readBigUInt64LE(at + 48));
    dirEnd = at;
  }
  if (dirOffset + dirSize > dirEnd) throw truncated(name);
  const entries: Entry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dirEnd || bytes.readUInt32LE(p) !== 0x02014b50) throw truncated(name);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    let compressedSize = bytes.readUInt32LE(p + 20);
    let size = bytes.readUInt32LE(p + 24);
    let localOffset = bytes.readUInt32LE(p + 42);
    if (size === SATURATED || compressedSize === SATURATED || localOffset === SATURATED) {
      const extraFrom = p + 46 + nameLen;
      const big = zip64Extra(bytes, extraFrom, Math.min(extraFrom + extraLen, dirEnd), { size: size === SATURATED, compressed: compressedSize === SATURATED, offset: localOffset === SATURATED }, name);
      size = big.size ?? size;
      compressedSize = big.compressed ?? compressedSize;
      localOffset = big.offset ?? localOffset;
    }
    entries.push({
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      crc: bytes.readUInt32LE(p + 16),
      compressedSize,
      size,
      localOffset,
      name: bytes.subarray(p + 46, p + 46 + nameLen).toString('utf8').replace(/\\/g, '/').replace(/^\/+/, ''),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(bytes: Buffer, e: Entry, name: string): Buffer {
  const p = e.localOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== 0x04034b50) throw truncated(name);
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  if (start + e.compressedSize > bytes.length) throw truncated(name);
  return bytes.subarray(start, start + e.compressedSize);
}

/** What one inflation may yield, and the count it adds to (the whole file's, across its parts). */
interface Allowance {
  /** Bytes this part may inflate to: MAX_HELD_PART_BYTES for a part held whole, else MAX_PART_BYTES. */
  part: number;
  /** Bytes inflated so far by the file's other parts (inspectWorkbook counts every part once). */
  file?: { bytes: number };
}

const STREAMED: Allowance = { part: 0 };

/**
 * Inflates one entry as a stream and hands each piece to `sink`, memory at one chunk. Nothing the
 * directory says is trusted: the bytes are counted as they come, against the size it claimed, the
 * caps of a part and of the file, and at the end against its CRC-32. A part yielding more than it
 * claimed is no longer handed on; it is counted on only to tell a bomb (far past the caps, or
 * hundreds of times its compressed size) from a damaged file (a little past the claim).
 */
function inflateEntry(bytes: Buffer, e: Entry, name: string, sink: ((chunk: Buffer) => void) | null, allowance: Allowance = STREAMED): Promise<void> {
  const limit = Math.min(allowance.part || MAX_PART_BYTES, MAX_PART_BYTES);
  const data = entryData(bytes, e, name);
  if (e.flags & 0x1) return Promise.reject(refuse('FILE_ENCRYPTED', `${name} 的内容被加密，无法读取。请去掉密码后另存为 .xlsx 再导入。`));
  const overFile = (n: number) => allowance.file !== undefined && allowance.file.bytes + n > MAX_UNCOMPRESSED_BYTES;
  if (e.method === 0) {
    try {
      if (data.length > limit || overFile(data.length)) throw tooMuch(name);
      if (data.length !== e.size || zlib.crc32(data) !== e.crc) throw damaged(name);
      if (allowance.file) allowance.file.bytes += data.length;
      sink?.(data);
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.resolve();
  }
  if (e.method !== 8) return Promise.reject(refuse('FILE_NOT_XLSX', `${name} 使用了不支持的压缩方式，请在 Excel 中打开后另存为 .xlsx 再导入。`));
  if (e.size <= SMALL_PART_BYTES) {
    // Most parts are small, and a stream costs more to set up than they take to inflate: a
    // workbook of 60,000 sheets spent most of its time making streams. Inflated at once, never
    // past one byte more than claimed; one that goes past is left to the stream to tell apart.
    let out: Buffer | null = null;
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: e.size + 1 });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') return Promise.reject(truncated(name));
    }
    if (out) {
      try {
        if (out.length > e.size) out = null;
        else if (out.length < e.size) throw truncated(name);
        else if (out.length > limit || overFile(out.length)) throw tooMuch(name);
        else if (zlib.crc32(out) !== e.crc) throw damaged(name);
        if (out) {
          if (allowance.file) allowance.file.bytes += out.length;
          sink?.(out);
          return Promise.resolve();
        }
      } catch (error) {
        return Promise.reject(error);
      }
    }
  }
  // Past this many bytes a part that outgrew its claim is taken for a bomb without inflating more.
  const bombAt = Math.max(RATIO_FLOOR_BYTES, data.length * MAX_RATIO);
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    let total = 0;
    let crc = 0;
    let failed = false;
    const stop = (error: unknown) => {
      failed = true;
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      total += chunk.length;
      if (total > e.size) {
        // Counted, never handed on: what it is is known only when it ends or grows too far.
        if (total > bombAt || total > limit) stop(zipBomb(name));
        return;
      }
      if (total > limit || overFile(total)) return stop(tooMuch(name));
      crc = zlib.crc32(chunk, crc);
      try {
        sink?.(chunk);
      } catch (error) {
        // What the sink makes of the piece (a reader refusing garbled XML) ends the inflation.
        stop(error);
      }
    });
    inflate.on('error', () => {
      if (!failed) reject(truncated(name));
    });
    inflate.on('end', () => {
      if (failed) return;
      if (total > e.size) reject(total > RATIO_FLOOR_BYTES && total > data.length * MAX_RATIO ? zipBomb(name) : damaged(name));
      else if (total !== e.size) reject(truncated(name));
      else if (crc !== e.crc) reject(damaged(name));
      else {
        if (allowance.file) allowance.file.bytes += total;
        resolve();
      }
    });
    inflate.end(data);
  });
}

/** The last cell a worksheet can have (ECMA-376 §18.3.1.4; Excel's XFD1048576). */
export const MAX_COLUMN = 16384;
export const MAX_ROW = 1048576;

/** A cell or row beyond XFD1048576 exists in no program's sheet: the file is damaged or built to harm. */
export function beyondSheet(fileName: string, ref: string): AppError {
  return new AppError(
    'FILE_DAMAGED',
    `${fileName} 已损坏：其中的单元格位置「${ref.slice(0, 20)}」超出了 Excel 表格的范围（最大为 XFD1048576）。请用 Excel 或 WPS 打开它并重新保存，再导入保存后的文件。`,
  );
}

/** A1 or $A$1 to its row and column; null when it is no reference; refused when it lies beyond the sheet. */
function decodeRef(ref: string, fileName: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return null;
  const letters = m[1]!;
  let col = 0;
  for (let i = 0; i < letters.length && col <= MAX_COLUMN; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  const row = Number(m[2]);
  if (col > MAX_COLUMN || row < 1 || row > MAX_ROW) throw beyondSheet(fileName, ref);
  return { row, col };
}

async function entryBytes(bytes: Buffer, e: Entry, name: string, file: { bytes: number }): Promise<Buffer> {
  const parts: Buffer[] = [];
  await inflateEntry(bytes, e, name, (c) => parts.push(c), { part: MAX_HELD_PART_BYTES, file });
  return Buffer.concat(parts);
}

/** A merged range's reference (A1:B2) as its rows and columns; null when it is no range. */
function mergeOf(ref: string | undefined, name: string): MergeRange | null {
  const m = /^\s*([A-Z$]+\d+):([A-Z$]+\d+)\s*$/.exec(ref ?? '');
  if (!m) return null;
  const a = decodeRef(m[1]!, name);
  const b = decodeRef(m[2]!, name);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

const SHEET_DATA = Buffer.from('sheetData');
/** What may stand before the name in its tag: `<`, `</`, and a prefix (`</x:`). */
const TAG_BEFORE = /<(\/?)(?:[A-Za-z_][\w.-]*:)?$/;
/** A <sheetData/> holding nothing has its end right after it; past this many bytes it held rows. */
const EMPTY_DATA_BYTES = 64 * 1024;
/** What comes before <sheetData> (sheet properties, views, columns) is small; past this it is not kept. */
const MAX_HEAD_BYTES = 4 * 1024 * 1024;

/**
 * Reads a worksheet part for its <dimension> and <mergeCell> elements, without holding it whole
 * and without tokenizing its rows (the row reader does that, once): what comes before <sheetData>
 * and what comes after it are kept and tokenized, and the rows in between only pass by. The
 * merges must be known before the rows are read, and Excel writes them after the rows.
 */
async function scanSheet(bytes: Buffer, e: Entry, name: string, file: { bytes: number }): Promise<{ rows: number | null; merges: MergeRange[] }> {
  let seen = 0;
  let prev = Buffer.alloc(0);
  let head: Buffer[] | null = [];
  let headBytes = 0;
  let headText: Buffer | null = null;
  /** The bytes since the last end of <sheetData> (or since a <sheetData that may close at once). */
  let tail: Buffer[] | null = null;
  let tailBytes = 0;
  let tailAfterOpen = false;
  const utf8 = new Utf8Bytes((chunk) => {
    const window = Buffer.concat([prev, chunk]);
    const windowStart = seen - prev.length;
    let at = window.indexOf(SHEET_DATA);
    let found = false;
    while (at >= 0) {
      const before = TAG_BEFORE.exec(window.subarray(Math.max(0, at - 64), at).toString('latin1'));
      if (before) {
        if (head) {
          // The head was kept from the part's first byte: it ends where this tag starts.
          headText = Buffer.concat([...head, chunk]).subarray(0, Math.max(0, windowStart + at - before[0].length));
          head = null;
        }
        found = true;
        tail = [window.subarray(at + SHEET_DATA.length)];
        tailBytes = tail[0]!.length;
        tailAfterOpen = before[1] === '';
      }
      at = window.indexOf(SHEET_DATA, at + 1);
    }
    if (tail && !found) {
      tail.push(chunk);
      tailBytes += chunk.length;
    }
    if (tail && tailAfterOpen && tailBytes > EMPTY_DATA_BYTES) tail = null;
    else if (tail && tailBytes > MAX_HELD_PART_BYTES) throw tooMuch(name);
    if (head) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes > MAX_HEAD_BYTES) head = null;
    }
    seen += chunk.length;
    prev = window.subarray(Math.max(0, window.length - 64));
  });
  await inflateEntry(bytes, e, name, (chunk) => utf8.write(chunk), { part: MAX_PART_BYTES, file });
  utf8.end();
  let rows: number | null = null;
  if (headText) {
    parseXml(headText, {
      open(tag) {
        if (tag.name !== 'dimension' || rows !== null) return;
        // Only the progress bar uses it: a length past the sheet's last row is not believed, nor refused.
        const m = /^\s*\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?(\d+))?\s*$/.exec(tag.attributes.ref ?? '');
        const declared = m ? Number(m[1] ?? 1) : 0;
        if (declared >= 1 && declared <= MAX_ROW) rows = declared;
      },
    });
  }
  const merges: MergeRange[] = [];
  if (tail) {
    const after = Buffer.concat(tail);
    const gt = after.indexOf(0x3e);
    if (gt >= 0) {
      // What follows the rows, up to the worksheet's end, tokenized as a fragment.
      const xml = new XmlStream(
        {
          open(tag) {
            if (tag.name !== 'mergeCell') return;
            const merge = mergeOf(tag.attributes.ref, name);
            if (merge) merges.push(merge);
          },
        },
        { fragment: true },
      );
      xml.write(after.subarray(gt + 1));
      xml.end();
    }
  }
  return { rows, merges };
}

/**
 * Each file's directory by part name, read once: a workbook of 60,000 sheets would otherwise read
 * its 60,000 entries again for every sheet. Part names are compared without case, as in every
 * Office program (ECMA-376 Part 2 §6.2.2.3): a writer's xl/Workbook.xml is the workbook.
 */
const directories = new WeakMap<Buffer, Map<string, Entry>>();

function byPartName(entries: readonly Entry[]): Map<string, Entry> {
  const map = new Map<string, Entry>();
  for (const e of entries) {
    const key = e.name.toLowerCase();
    if (!map.has(key)) map.set(key, e);
  }
  return map;
}

function directoryOf(bytes: Buffer, name: string): Map<string, Entry> {
  let byName = directories.get(bytes);
  if (!byName) {
    byName = byPartName(readDirectory(bytes, name));
    directories.set(bytes, byName);
  }
  return byName;
}

/** Inflates one part of a workbook already inspected (inspectWorkbook) as a stream, piece by piece. */
export function inflateNamed(bytes: Buffer, name: string, part: string, sink: (chunk: Buffer) => void): Promise<void> {
  const entry = directoryOf(bytes, name).get(part.toLowerCase());
  if (!entry) return Promise.reject(truncated(name));
  return inflateEntry(bytes, entry, name, sink);
}

/** A zip whose directory itself declares too much, or a part inflating hundreds of times its size, is refused before anything is inflated. */
function refuseDeclared(entries: readonly Entry[], name: string): void {
  let declared = 0;
  for (const e of entries) {
    declared += e.size;
    if (e.size > RATIO_FLOOR_BYTES && e.size > e.compressedSize * MAX_RATIO) throw zipBomb(name);
    if (declared > MAX_UNCOMPRESSED_BYTES || e.size > MAX_PART_BYTES) throw tooMuch(name);
  }
}

/** One file inside a zip that is not a workbook (a folder of photos packed by the officer). */
export interface ZipMember {
  /** Its path inside the zip, as stored. */
  name: string;
  /** The size the zip's directory claims; reading never hands on more than this. */
  size: number;
  /** Inflates it under the same caps and checks as a workbook's parts, counted against the whole file's cap. */
  read(): Promise<Buffer>;
}

/** The files of any zip, read lazily; folders are left out. Refuses what the directory declares as a bomb or too much. */
export function zipMembers(bytes: Buffer, name: string): ZipMember[] {
  const entries = readDirectory(bytes, name);
  refuseDeclared(entries, name);
  const inflated = { bytes: 0 };
  return entries
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => ({
      name: e.name,
      size: e.size,
      read: async () => {
        const parts: Buffer[] = [];
        await inflateEntry(bytes, e, name, (c) => parts.push(c), { part: MAX_HELD_PART_BYTES, file: inflated });
        return Buffer.concat(parts);
      },
    }));
}

/** One relationship of a part: its type (the last segment of its Type URI) and the part it points at. */
interface Relationship {
  type: string;
  part: string;
}

/** Where a part's relationships are kept: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
function relationshipsPart(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * A relationship's target as a part name: relative to the folder of the part it belongs to (with
 * ./ and ../ as in a path), or to the package root when it starts with a slash. Null for an
 * external target (a web address) or one that climbs out of the package.
 */
export function resolveTarget(source: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null;
  let path = target.replace(/\\/g, '/');
  try {
    path = decodeURI(path);
  } catch {
    // Not percent-encoded after all: taken as written.
  }
  const segments = path.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return null;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join('/');
}

async function relationshipsOf(bytes: Buffer, byName: Map<string, Entry>, source: string, name: string, inflated: { bytes: number }): Promise<{ entry: Entry | null; byId: Map<string, Relationship> }> {
  const byId = new Map<string, Relationship>();
  const entry = byName.get(relationshipsPart(source).toLowerCase()) ?? null;
  if (!entry) return { entry, byId };
  parseXml(await entryBytes(bytes, entry, name, inflated), {
    open(tag) {
      if (tag.name !== 'Relationship') return;
      const id = attributeOf(tag.attributes, 'Id');
      const target = attributeOf(tag.attributes, 'Target');
      if (!id || !target || /^external$/i.test(attributeOf(tag.attributes, 'TargetMode') ?? '')) return;
      const part = resolveTarget(source, target);
      const type = (attributeOf(tag.attributes, 'Type') ?? '').split('/').pop() ?? '';
      if (part !== null && !byId.has(id)) byId.set(id, { type, part });
    },
  });
  return { entry, byId };
}

/** The sheet kinds that hold no cells an officer typed: read, they would be no table at all. */
const NOT_WORKSHEETS = new Set(['chartsheet', 'dialogsheet', 'xlMacrosheet', 'xlIntlMacrosheet']);

export async function inspectWorkbook(bytes: Buffer, name: string): Promise<WorkbookFacts> {
  checkMagic(bytes, name);
  const entries = readDirectory(bytes, name);
  const byName = byPartName(entries);
  // What the directory declares is refused at once when it is too much; what it does not declare
  // is counted below, as every part is inflated once here.
  refuseDeclared(entries, name);
  const inflated = { bytes: 0 };
  // The package's relationships name the workbook part (xl/workbook.xml by convention only).
  const pkg = await relationshipsOf(bytes, byName, '', name, inflated);
  const officeDocument = [...pkg.byId.values()].find((r) => r.type === 'officeDocument' && byName.has(r.part.toLowerCase()))?.part;
  const workbookPart = officeDocument ?? 'xl/workbook.xml';
  const workbook = byName.get(workbookPart.toLowerCase());
  let root = '';
  const sheetTags: Record<string, string>[] = [];
  let date1904 = false;
  if (workbook) {
    parseXml(await entryBytes(bytes, workbook, name, inflated), {
      open(tag) {
        if (!root) root = tag.name;
        if (tag.name === 'sheet') sheetTags.push(tag.attributes);
        else if (tag.name === 'workbookPr') date1904 = isTrue(attributeOf(tag.attributes, 'date1904'));
      },
    });
  }
  if (!workbook || root !== 'workbook') {
    const what = byName.has('word/document.xml') || root === 'document' ? '这是一份 Word 文档' : byName.has('ppt/presentation.xml') || root === 'presentation' ? '这是一份 PowerPoint 演示文稿' : '这是一个压缩包';
    throw refuse('FILE_NOT_XLSX', `${name} 不是 Excel 工作簿（${what}）。请选择 .xlsx 格式的花名册或成绩单。`);
  }
  const rels = await relationshipsOf(bytes, byName, workbook.name, name, inflated);
  const partOfType = new Map<string, string>();
  for (const r of rels.byId.values()) if (byName.has(r.part.toLowerCase()) && !partOfType.has(r.type)) partOfType.set(r.type, byName.get(r.part.toLowerCase())!.name);
  const sheetNames: string[] = [];
  const listed: WorkbookFacts['sheets'] = [];
  const partOfSheet = new Map<string, string>();
  for (const attributes of sheetTags) {
    const sheetName = attributes.name ?? `Sheet${sheetNames.length + 1}`;
    sheetNames.push(sheetName);
    const rel = rels.byId.get(prefixedAttribute(attributes, 'id') ?? '');
    const entry = rel ? byName.get(rel.part.toLowerCase()) : undefined;
    if (!rel || !entry || NOT_WORKSHEETS.has(rel.type) || partOfSheet.has(entry.name.toLowerCase())) continue;
    listed.push({ name: sheetName, part: entry.name, hidden: /hidden/i.test(attributes.state ?? '') });
    partOfSheet.set(entry.name.toLowerCase(), sheetName);
  }
  // A person looks at the sheets they can see; a hidden one (lists for drop-downs, old data) comes after.
  const sheets = [...listed.filter((s) => !s.hidden), ...listed.filter((s) => s.hidden)];
  const conventional = (part: string) => byName.get(part)?.name ?? null;
  const folder = workbook.name.slice(0, workbook.name.lastIndexOf('/') + 1);
  const sharedStringsPart = partOfType.get('sharedStrings') ?? conventional(`${folder}sharedstrings.xml`);
  const stylesPart = partOfType.get('styles') ?? conventional(`${folder}styles.xml`);
  const rowCounts = new Map<string, number>();
  const merges = new Map<string, MergeRange[]>();
  const held = new Set([sharedStringsPart, stylesPart]);
  const done = new Set([workbook, rels.entry, pkg.entry]);
  for (const e of entries) {
    if (done.has(e) || e.name.endsWith('/')) continue;
    const sheetName = partOfSheet.get(e.name.toLowerCase());
    if (sheetName === undefined) {
      await inflateEntry(bytes, e, name, null, { part: held.has(e.name) ? MAX_HELD_PART_BYTES : MAX_PART_BYTES, file: inflated });
      continue;
    }
    const scanned = await scanSheet(bytes, e, name, inflated);
    if (scanned.rows !== null) rowCounts.set(sheetName, scanned.rows);
    merges.set(sheetName, scanned.merges);
  }
  return { sheetNames, sheets, sharedStringsPart, stylesPart, date1904, rowCounts, merges };
}
