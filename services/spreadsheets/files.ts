// Getting an officer's file into memory: a path (CLI, Electron) or the bytes of a browser upload.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

export type FileInput = { path: string } | { name: string; base64: string } | Buffer;

/** Larger than any real roster (100,000 rows is about 6 MB); refuse before reading it whole. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export function fileName(file: FileInput): string {
  // A Buffer that crossed to a worker thread arrives as a plain Uint8Array.
  if (file instanceof Uint8Array) return '上传的文件';
  return 'path' in file ? path.basename(file.path) : file.name;
}

export function loadBytes(file: FileInput): Buffer {
  if (file instanceof Uint8Array) {
    const bytes: Uint8Array = file;
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if ('base64' in file) {
    if (file.base64.length > (MAX_FILE_BYTES * 4) / 3) throw tooLarge(file.name);
    return Buffer.from(file.base64, 'base64');
  }
  let size: number;
  try {
    size = fs.statSync(file.path).size;
  } catch {
    throw new AppError('FILE_NOT_FOUND', `找不到文件 ${file.path}，请检查路径是否正确。`);
  }
  if (size > MAX_FILE_BYTES) throw tooLarge(file.path);
  return fs.readFileSync(file.path);
}

function tooLarge(name: string): AppError {
  return new AppError('FILE_TOO_LARGE', `文件 ${name} 超过 200 MB，不像是一份花名册或成绩单。请确认选对了文件，或把数据拆成几个文件导入。`);
}
