// Photos in bulk: a folder or a .zip of one-inch photos, each file named by its holder's ID number
// (11010519491231002X.jpg), as training schools and employers hand them over. Each file is taken or
// listed with why not; one bad file never stops the others, and an existing photo is replaced only
// when the officer asks. A zip is read under the workbook reader's caps (spreadsheets/container.ts).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { inTransaction, type Ctx } from '../shared/context';
import { checkInputPath } from '../shared/outputPath';
import { MAX_UNCOMPRESSED_BYTES, zipMembers } from '../spreadsheets/container';
import { loadBytes, type FileInput } from '../spreadsheets/files';
import { findCandidateByIdNumber, setCandidatePhoto } from './candidates';
import { checkPhoto, MAX_PHOTO_BYTES, photoTooLarge } from './photo';

/** A browser upload of more than this is refused before it is decoded; a zip of 3,000 one-inch photos is some 100 MB. */
export const MAX_PHOTO_ZIP_BYTES = 100 * 1024 * 1024;

export interface PhotoImportResult {
  /** Photos stored, replacements included. */
  matched: number;
  /** Of those, how many replaced a photo the person already had. */
  replaced: number;
  /** Files whose name is no registered person's ID number. */
  unmatched: string[];
  /** Files not taken, each with the reason in the officer's words. */
  refused: { file: string; reason: string }[];
}

/** Where the photos come from: a folder or a .zip named by path (CLI, desktop), or a .zip's bytes (a browser upload). */
export type PhotoSource = { path: string } | { name: string; base64: string };

/** Photos held in memory at once before they are stored together; a zip's whole content is capped the same (spreadsheets/container.ts). */
const MAX_HELD_PHOTO_BYTES = MAX_UNCOMPRESSED_BYTES;

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);

/** One photo file to consider: its name as shown, its size as known before reading, and how to read it. */
interface PhotoFile {
  file: string;
  size: number;
  read(): Promise<Buffer>;
}

/** Files a computer adds on its own (macOS's __MACOSX/ and ._ files, .DS_Store, Thumbs.db) are not the officer's and are passed over. */
function isSystemFile(file: string): boolean {
  const base = path.posix.basename(file.replace(/\\/g, '/'));
  return file.replace(/\\/g, '/').split('/').includes('__MACOSX') || base.startsWith('.') || base.toLowerCase() === 'thumbs.db' || base.toLowerCase() === 'desktop.ini';
}

function folderFiles(dir: string): PhotoFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const full = path.join(dir, name);
      return { file: name, size: fs.statSync(full).size, read: async () => fs.promises.readFile(full) };
    });
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

function zipFiles(bytes: Buffer, name: string): PhotoFile[] {
  if (!isZip(bytes)) {
    throw new AppError('PHOTO_ZIP_INVALID', `${name} 不是 .zip 压缩包。请把照片放进一个文件夹，用「发送到 → 压缩(zipped)文件夹」打包成 .zip 后再导入。`);
  }
  try {
    return zipMembers(bytes, name).map((m) => ({ file: m.name, size: m.size, read: () => m.read() }));
  } catch (e) {
    throw zipRefused(e, name);
  }
}

/** The zip reader words its refusals for a workbook; here the officer is told about a photo zip. */
function zipRefused(e: unknown, name: string): unknown {
  if (!(e instanceof AppError)) return e;
  switch (e.code) {
    case 'FILE_ZIP_BOMB':
    case 'FILE_TOO_LARGE':
      return new AppError(e.code, `${name} 解压后远大于其本身或超过了安全上限（异常的压缩包），为安全起见不予读取，没有导入任何照片。请确认压缩包的来源，或把照片重新打包后再导入。`);
    case 'FILE_TRUNCATED':
      return new AppError(e.code, `${name} 不完整（可能没有下载完或复制中断），没有导入任何照片。请重新获取完整的压缩包后再导入。`);
    default:
      return e;
  }
}

async function sourceFiles(ctx: Ctx, source: PhotoSource): Promise<PhotoFile[]> {
  if ('base64' in source) {
    if (source.base64.length > (MAX_PHOTO_ZIP_BYTES * 4) / 3) {
      throw new AppError('PHOTO_ZIP_TOO_LARGE', `${source.name} 超过 ${MAX_PHOTO_ZIP_BYTES / 1024 / 1024} MB，请把照片分成几个压缩包分别导入。`);
    }
    return zipFiles(Buffer.from(source.base64, 'base64'), source.name);
  }
  checkInputPath(ctx, source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source.path);
  } catch {
    throw new AppError('FILE_NOT_FOUND', `找不到 ${source.path}，请检查照片文件夹或压缩包的路径。`);
  }
  if (stat.isDirectory()) return folderFiles(source.path);
  return zipFiles(loadBytes(source as FileInput), path.basename(source.path));
}

/**
 * Stores each photo on the person whose ID number names the file (case of a final X ignored).
 * `replace`: a person who already has a photo gets the new one; otherwise the file is refused.
 * Every file is read and checked first and the photos are stored in one transaction, so a zip
 * found hostile half-way stores nothing.
 */
export async function importPhotos(ctx: Ctx, source: PhotoSource, options: { replace?: boolean } = {}): Promise<PhotoImportResult> {
  const sourceName = 'base64' in source ? source.name : path.basename(source.path);
  const files = (await sourceFiles(ctx, source)).filter((f) => !isSystemFile(f.file));
  const result: PhotoImportResult = { matched: 0, replaced: 0, unmatched: [], refused: [] };
  const refuse = (file: string, reason: string) => result.refused.push({ file, reason });
  const taken = new Map<number, { file: string; bytes: Buffer; replaces: boolean }>();
  let held = 0;
  for (const f of files) {
    const base = path.posix.basename(f.file.replace(/\\/g, '/'));
    const ext = path.extname(base).toLowerCase();
    if (!IMAGE_EXTENSIONS.has(ext)) {
      refuse(f.file, '不是照片：只收 .jpg、.jpeg 或 .png 文件。');
      continue;
    }
    let person;
    try {
      person = findCandidateByIdNumber(ctx, base.slice(0, -ext.length).trim());
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refuse(f.file, e.message);
      continue;
    }
    if (!person) {
      result.unmatched.push(f.file);
      continue;
    }
    const earlier = taken.get(person.id);
    if (earlier) {
      refuse(f.file, `与 ${earlier.file} 是同一名考生（${person.name}）的照片，只导入了前一张。`);
      continue;
    }
    if (person.hasPhoto && !options.replace) {
      refuse(f.file, `${person.name} 已有照片，没有替换。要换成这一张，请选择「替换已有照片」（命令行加 --replace）。`);
      continue;
    }
    // The size the folder or the zip's directory states: a large file is refused without being read.
    if (f.size > MAX_PHOTO_BYTES) {
      refuse(f.file, photoTooLarge().message);
      continue;
    }
    if (held + f.size > MAX_HELD_PHOTO_BYTES) {
      refuse(f.file, `本次导入的照片已超过 ${MAX_HELD_PHOTO_BYTES / 1024 / 1024} MB，这一张及以后的没有导入；请把其余的照片另行导入。`);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = checkPhoto(await f.read());
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // A member inflating far past what it claims makes the whole zip suspect: nothing is stored from it.
      if (e.code === 'FILE_ZIP_BOMB' || e.code === 'FILE_TOO_LARGE') throw zipRefused(e, sourceName);
      refuse(f.file, e.code === 'PHOTO_FORMAT' ? '不是 JPEG 或 PNG 图片（只是扩展名像照片），请换成真正的照片。' : e.message);
      continue;
    }
    held += bytes.length;
    taken.set(person.id, { file: f.file, bytes, replaces: person.hasPhoto });
  }
  inTransaction(ctx.db, () => {
    for (const [id, photo] of taken) {
      setCandidatePhoto(ctx, id, photo.bytes);
      result.matched++;
      if (photo.replaces) result.replaced++;
    }
  });
  return result;
}
