// The certificate's font and seal chosen in a window or a browser: the page uploads the file's
// bytes and the server keeps a copy beside the database (certificate-files/), then points the
// setting at it — a page never names a path on this computer (shared/outputPath.ts).
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import { setSetting, type Setting } from './settings';

export type UploadedSetting = 'certificate.font' | 'certificate.seal';

/** A CJK font collection (msyh.ttc, simsun.ttc) is 20–30 MB; a seal image a few hundred KB. */
const MAX_FONT_BYTES = 64 * 1024 * 1024;
const MAX_SEAL_BYTES = 5 * 1024 * 1024;

/** The folder beside the database that holds uploaded certificate files. */
export function certificateFilesFolder(databaseFile: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'certificate-files');
}

function checkFont(name: string, bytes: Buffer): string {
  const ext = path.extname(name).toLowerCase();
  if (!['.ttf', '.otf', '.ttc'].includes(ext)) throw new AppError('SETTING_FILE_INVALID', `「${name}」不是字体文件。请选择 .ttf、.otf 或 .ttc 字体，如 C:\\Windows\\Fonts\\simfang.ttf（仿宋）。`);
  if (bytes.length > MAX_FONT_BYTES) throw new AppError('SETTING_FILE_INVALID', `「${name}」超过 ${MAX_FONT_BYTES / 1024 / 1024} MB，不像是一个字体文件。请换一个字体文件。`);
  try {
    fontkit.create(bytes);
  } catch {
    throw new AppError('SETTING_FILE_INVALID', `「${name}」无法作为字体读取（文件损坏或不是字体）。请换一个 .ttf / .otf / .ttc 字体文件。`);
  }
  return ext;
}

function checkSeal(name: string, bytes: Buffer): string {
  const png = bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!png) throw new AppError('SETTING_FILE_INVALID', `「${name}」不是 PNG 图片。印章请用透明背景的 PNG 图片（可在图片软件中「另存为 PNG」）。`);
  if (bytes.length > MAX_SEAL_BYTES) throw new AppError('SETTING_FILE_INVALID', `「${name}」超过 ${MAX_SEAL_BYTES / 1024 / 1024} MB。请把印章图片缩小（边长 600 像素左右足够）后再上传。`);
  return '.png';
}

/**
 * Checks the uploaded font or seal, writes a copy under a new name (a font already opened for
 * printing is cached by its path, so a file is never overwritten) and sets the setting to it.
 */
export function storeSettingFile(ctx: Ctx, key: UploadedSetting, name: string, base64: string): Setting {
  if (ctx.db.memory) throw new AppError('SETTING_FILE_INVALID', '内存数据库旁边没有文件夹，不能保存上传的文件。');
  const cap = key === 'certificate.font' ? MAX_FONT_BYTES : MAX_SEAL_BYTES;
  if (base64.length > (cap * 4) / 3 + 4) throw new AppError('SETTING_FILE_INVALID', `「${name}」超过 ${cap / 1024 / 1024} MB，请换一个文件。`);
  const bytes = Buffer.from(base64, 'base64');
  const ext = key === 'certificate.font' ? checkFont(name, bytes) : checkSeal(name, bytes);
  const dir = certificateFilesFolder(ctx.db.name);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  // The officer's own file name is kept at the end, so the window can say which file was chosen.
  const own = path.basename(name, path.extname(name)).replace(/[^\p{L}\p{N}._ -]/gu, '').slice(0, 80) || 'file';
  const target = path.join(dir, `${key === 'certificate.font' ? 'font' : 'seal'}-${stamp}-${process.pid}-${own}${ext}`);
  const partial = `${target}.part`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, target);
  return setSetting(ctx, key, target, { storedHere: true });
}
