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
  return readRegularFile(file.path);
}

/**
 * Only a regular file is read, and only as many bytes as it had when it was opened: a device
 * (/dev/zero), a pipe or a folder given as the path would otherwise be read without end. The
 * path is looked at before it is opened (opening a pipe waits for a writer) and the open file
 * again, in case the path was changed in between.
 */
function readRegularFile(file: string): Buffer {
  let fd: number;
  try {
    if (!fs.statSync(file).isFile()) throw notRegular(file);
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `找不到文件 ${file}，请检查路径是否正确。`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw notRegular(file);
    if (stat.size > MAX_FILE_BYTES) throw tooLarge(file);
    const bytes = Buffer.allocUnsafe(stat.size);
    let got = 0;
    while (got < bytes.length) {
      const n = fs.readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return bytes.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

function notRegular(file: string): AppError {
  return new AppError('FILE_NOT_REGULAR', `${file} 不是一个普通文件（是文件夹、设备或管道），无法作为表格导入。请选择保存在磁盘上的 .xlsx 文件。`);
}

function tooLarge(name: string): AppError {
  return new AppError('FILE_TOO_LARGE', `文件 ${name} 超过 200 MB，不像是一份花名册或成绩单。请确认选对了文件，或把数据拆成几个文件导入。`);
}
