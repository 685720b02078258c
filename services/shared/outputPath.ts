// Where a file may be written or read by path. Every writer (exports, certificate PDFs, the public
// key, backups) asks checkOutputPath first, so no output can land on the live database, its
// -wal/-shm, the backups folder or any CertDesk database or backup. A page (the window's renderer,
// a browser over HTTP) never names a file on this computer at all: it uploads bytes and downloads
// results (see Ctx.caller).
import fs from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID } from '../../db/database';
import { backupsFolder } from '../backup/naming';
import { AppError } from '../errors';
import type { Ctx } from './context';

/** The path as the file system finds it: `..`, symlinked folders and symlinks (even dangling ones) resolved. */
export function realPath(p: string, hops = 0): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync.native(abs);
  } catch {
    // Not there (yet): resolve what does exist.
  }
  try {
    // A dangling link is written through to wherever it points.
    if (hops < 32 && fs.lstatSync(abs).isSymbolicLink()) return realPath(path.resolve(path.dirname(abs), fs.readlinkSync(abs)), hops + 1);
  } catch {
    // Neither a file nor a link.
  }
  const parent = path.dirname(abs);
  return parent === abs ? abs : path.join(realPath(parent, hops), path.basename(abs));
}

/**
 * A path as a comparison key. Windows and macOS file systems ignore case (and macOS the Unicode
 * normal form), so `X.SQLITE` there is `x.sqlite`.
 */
export function pathKey(p: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.win32.normalize(p).toLowerCase();
  if (platform === 'darwin') return p.normalize('NFC').toLowerCase();
  return p;
}

function isInside(child: string, dir: string, platform: NodeJS.Platform = process.platform): boolean {
  const c = pathKey(child, platform);
  const d = pathKey(dir, platform);
  const sep = platform === 'win32' ? '\\' : '/';
  return c === d || c.startsWith(d.endsWith(sep) ? d : d + sep);
}

function sameInode(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/** Does the file start like a CertDesk database (SQLite header with our application id)? */
export function isCertDeskFile(file: string): boolean {
  let fd: number | null = null;
  try {
    if (!fs.statSync(file).isFile()) return false;
    fd = fs.openSync(file, 'r');
    const header = Buffer.alloc(72);
    if (fs.readSync(fd, header, 0, 72, 0) < 72) return false;
    return header.toString('latin1', 0, 16) === 'SQLite format 3\0' && header.readUInt32BE(68) === APPLICATION_ID;
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

const COMPANIONS = ['-wal', '-shm', '-journal'];

function pageMayNotName(what: 'write' | 'read'): AppError {
  return what === 'write'
    ? new AppError(
        'PATH_NOT_ALLOWED',
        '在窗口或浏览器中不能指定本机上的保存位置。请不填保存位置，文件会作为下载交给浏览器；要存到指定文件夹，请用桌面程序的菜单或命令行（--out）。',
      )
    : new AppError('PATH_NOT_ALLOWED', '在窗口或浏览器中不能按路径读取本机上的文件。请用「选择文件」把文件上传；要按路径读取，请用桌面程序的菜单或命令行。');
}

export interface OutputOptions {
  /** A new backup may go into the backups folder (the menu's save dialog opens there); nothing else may. */
  backupsFolderAllowed?: boolean;
}

/**
 * Refuses an output path that would overwrite the live database, its companions, a backup or any
 * other CertDesk database, and any path at all from a page. Returns the absolute path to write.
 * Writers also write `<file>.part` or `<file>.partial-PID` beside it, so those are checked too.
 */
export function checkOutputPath(ctx: Ctx, out: string, options: OutputOptions = {}): string {
  if (ctx.caller === 'page') throw pageMayNotName('write');
  const file = path.resolve(out);
  const real = realPath(file);
  const shown = file;
  const written = [real, `${real}.part`];
  if (!ctx.db.memory) {
    const db = realPath(ctx.db.name);
    const live = [db, ...COMPANIONS.map((s) => db + s), `${db}.instance-lock`];
    for (const target of written) {
      for (const p of live) {
        if (pathKey(target) === pathKey(p) || sameInode(target, p) || pathKey(p).startsWith(`${pathKey(real)}.partial-`)) {
          throw new AppError(
            'OUTPUT_IS_DATABASE',
            `不能保存到 ${shown}：这是 CertDesk 正在使用的数据文件${p === db ? '' : '的配套文件'}，写入会毁掉全部数据。请另选文件名，并保存到别的文件夹（如桌面或「文档」）。`,
          );
        }
      }
    }
    const backups = realPath(backupsFolder(db));
    if (isInside(real, backups) && !(options.backupsFolderAllowed && !fs.existsSync(real))) {
      throw new AppError(
        'OUTPUT_IN_BACKUPS',
        `不能保存到 ${shown}：备份文件夹 ${backups} 只存放备份，不能放导出的文件，也不能覆盖其中的文件。请另选一个文件夹（如桌面或「文档」）。`,
      );
    }
  }
  const companionOf = COMPANIONS.map((s) => (real.toLowerCase().endsWith(s) ? real.slice(0, -s.length) : null)).find((f) => f !== null);
  if (isCertDeskFile(real) || (companionOf && isCertDeskFile(companionOf))) {
    throw new AppError('OUTPUT_IS_BACKUP', `${shown} 是 CertDesk 的数据文件或备份（或其配套文件），不能被覆盖。请另选一个文件名。`);
  }
  return file;
}

/** A file handed over by path may be read only by the command line and the desktop shell; a page uploads. */
export function checkInputPath(ctx: Ctx, file: unknown): void {
  if (ctx.caller !== 'page') return;
  if (typeof file === 'string' || (typeof file === 'object' && file !== null && !(file instanceof Uint8Array) && 'path' in file)) throw pageMayNotName('read');
}
