// Backups: taken with SQLite's online backup API into a partial file, checked, made durable, and
// only then renamed into place — so a file in the backups folder is always a whole, sound copy.
// Automatic ones (before migrations, imports, finalize and restore, and daily) form a rolling set.
import fs from 'node:fs';
import path from 'node:path';
import { schemaVersion } from '../../db/database';
import { backupFileName, backupsFolder } from './naming';
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { requireAdmin } from '../operators/operators';
import { checkInputPath, checkOutputPath, pathKey, realPath } from '../shared/outputPath';
import { runInWorker } from '../shared/worker';
import type { OnProgress } from '../shared/progress';
import type { CheckDepth } from './check';
import { removeStaleLeftovers } from './stale';
import { keepSigningKeysOut } from '../certificates/signing';

/** How many automatic backups are kept; manual ones are never removed. */
export const ROLLING_SET = 30;

export type BackupReason = 'manual' | 'import' | 'finalize' | 'before-restore' | 'daily';

export interface BackupInfo {
  file: string;
  name: string;
  bytes: number;
  createdAt: string;
  reason: string;
  schemaVersion: number;
  auditEntries: number;
  auditHead: string;
}

function databaseFile(ctx: Ctx): string {
  if (ctx.db.memory) throw new AppError('BACKUP_MEMORY', '内存数据库不能备份。');
  return ctx.db.name;
}

function describeWriteError(e: unknown, target: string): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return new AppError('DISK_FULL', `磁盘空间不足，备份没有写成（${target}）。原数据完好；请清理磁盘后重试。`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('BACKUP_NO_ACCESS', `没有权限写入 ${target}，请换一个文件夹。`);
  return new AppError('BACKUP_FAILED', `备份没有写成（${(e as Error).message}）。原数据完好。`);
}

/**
 * Copies the open database to `target` (online backup API), checks the copy, renames it into place.
 * The copy, the checks and the fsync (seconds on a decade of data) run in a worker thread on its
 * own read-only connection (services/backup/files.ts); only the rename happens here.
 */
async function writeBackup(ctx: Ctx, target: string, reason: string, depth: CheckDepth, onProgress?: OnProgress): Promise<BackupInfo> {
  const live = databaseFile(ctx);
  const partial = `${target}.partial-${process.pid}`;
  try {
    const checked = await runInWorker('backup.write', { live, file: partial, label: '刚写出的备份', depth }, onProgress);
    fs.renameSync(partial, target);
    return { file: target, name: path.basename(target), bytes: fs.statSync(target).size, createdAt: nowIso(), reason, ...checked };
  } catch (e) {
    for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
    throw describeWriteError(e, target);
  }
}

function ensureBackupsFolder(dbFile: string): string {
  const dir = backupsFolder(dbFile);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw (e as { code?: string }).code === 'EEXIST' || (e as { code?: string }).code === 'ENOTDIR'
      ? new AppError('BACKUP_NO_FOLDER', `${dir} 应是存放备份的文件夹，但那里有一个同名文件。请把该文件改名或移走。`)
      : describeWriteError(e, dir);
  }
  removeStaleLeftovers(dir, 'backups');
  return dir;
}

/** A backup into the backups folder beside the database (or to `out`), then the rolling set is trimmed. */
export async function createBackup(ctx: Ctx, reason: BackupReason, out?: string, onProgress?: OnProgress): Promise<BackupInfo> {
  const file = databaseFile(ctx);
  let target: string;
  if (out) {
    // The menu's save dialog opens in the backups folder, so a new file there is fine; never an existing one.
    target = checkOutputPath(ctx, out, { backupsFolderAllowed: true });
    if (fs.existsSync(target)) throw new AppError('BACKUP_EXISTS', `${target} 已存在。为免覆盖，请换一个文件名。`);
    if (!fs.existsSync(path.dirname(target))) throw new AppError('BACKUP_NO_FOLDER', `文件夹不存在：${path.dirname(target)}，请先创建或换一个位置。`);
  } else {
    const dir = ensureBackupsFolder(file);
    target = path.join(dir, backupFileName(reason, dir));
  }
  // The officer asked for this one and may carry it away: the full check. Automatic ones run while
  // an import or finalize waits, so they get the quick one (seconds less on a decade of data).
  const info = await writeBackup(ctx, target, reason, reason === 'manual' ? 'full' : 'quick', onProgress);
  if (!out) await pruneAutomaticBackups(file);
  return info;
}

const NAME = /^certdesk-(\d{8})-(\d{6})(?:-\d+)?-([a-z0-9-]+)\.sqlite$/;

export interface BackupListing {
  file: string;
  name: string;
  bytes: number;
  /** 本地时间, from the file name. */
  takenAt: string;
  reason: string;
}

export function listBackups(ctx: Ctx): BackupListing[] {
  return listBackupFiles(databaseFile(ctx));
}

function listBackupFiles(dbFile: string): BackupListing[] {
  const dir = backupsFolder(dbFile);
  if (!fs.existsSync(dir)) return [];
  removeStaleLeftovers(dir, 'backups');
  return fs
    .readdirSync(dir)
    .flatMap((name) => {
      const m = NAME.exec(name);
      if (!m) return [];
      const [, d, t, reason] = m;
      const takenAt = `${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6)} ${t!.slice(0, 2)}:${t!.slice(2, 4)}:${t!.slice(4)}`;
      const stat = fs.statSync(path.join(dir, name));
      return [{ file: path.join(dir, name), name, bytes: stat.size, takenAt, reason: reason!, written: stat.mtimeMs }];
    })
    // Newest first; several backups in one second are told apart by when they were written.
    .sort((a, b) => (a.takenAt === b.takenAt ? b.written - a.written : a.takenAt < b.takenAt ? 1 : -1))
    .map(({ written: _w, ...b }) => b);
}

/** Removing a file of hundreds of MB takes a while: done off the main thread (libuv's pool). */
async function pruneAutomaticBackups(dbFile: string): Promise<void> {
  const automatic = listBackupFiles(dbFile).filter((b) => b.reason !== 'manual');
  for (const old of automatic.slice(ROLLING_SET)) await fs.promises.rm(old.file, { force: true });
}

/** Has a backup been taken today (local calendar day)? */
export function backedUpToday(ctx: Ctx, today: string): boolean {
  return listBackups(ctx).some((b) => b.takenAt.startsWith(today));
}

export interface RestoreResult {
  restored: string;
  /** The backup of the database as it was just before the restore. */
  safetyBackup: string;
  schemaVersion: number;
}

/**
 * Replaces the open database's content with a checked backup. The file is copied beside the live
 * one (with its -wal, checkpointed in), checked at its own version with its exact schema, migrated
 * and checked again at this version; only a copy that passed everything is written into the live
 * file, after the current data is backed up. The write uses the backup API, so other connections
 * see the old or the new data, never a mix; any refusal leaves the live file as it was.
 */
export async function restoreBackup(ctx: Ctx, source: string, onProgress?: OnProgress): Promise<RestoreResult> {
  requireAdmin(ctx, '从备份恢复');
  checkInputPath(ctx, source);
  return restoreFrom(ctx, path.resolve(source), onProgress);
}

/**
 * Restores one of the backups listed in the backups folder, named as listBackups names it: how a
 * window or a browser restores, since a page never names a path. Any other name is refused, so
 * nothing outside that folder (../, an absolute path) can be reached this way.
 */
export async function restoreNamedBackup(ctx: Ctx, name: string, onProgress?: OnProgress): Promise<RestoreResult> {
  requireAdmin(ctx, '从备份恢复');
  const listed = NAME.test(name) ? listBackups(ctx).find((b) => b.name === name) : undefined;
  if (!listed) throw new AppError('BACKUP_NOT_FOUND', `备份文件夹中没有名为「${name}」的备份。请刷新备份列表后再选。`);
  return restoreFrom(ctx, listed.file, onProgress);
}

async function restoreFrom(ctx: Ctx, from: string, onProgress?: OnProgress): Promise<RestoreResult> {
  const file = databaseFile(ctx);
  if (!fs.existsSync(from)) throw new AppError('BACKUP_NOT_FOUND', `找不到备份文件 ${from}，请检查路径。`);
  if (!fs.statSync(from).isFile()) throw new AppError('BACKUP_NOT_FOUND', `${from} 不是一个文件。请选择 CertDesk 生成的备份文件（.sqlite）。`);
  if (pathKey(realPath(from)) === pathKey(realPath(file))) throw new AppError('BACKUP_SAME_FILE', '不能用数据文件本身来恢复，请选择一个备份文件。');
  removeStaleLeftovers(path.dirname(path.resolve(file)), 'database');
  const staging = path.join(path.dirname(path.resolve(file)), `.certdesk-restore-${process.pid}-${Date.now()}.sqlite`);
  const label = `备份文件 ${path.basename(from)}`;
  try {
    const candidate = await runInWorker('backup.prepareRestore', { source: from, staging, label }, onProgress);
    refuseLockout(ctx, candidate, label);
    const safety = await createBackup(ctx, 'before-restore', undefined, onProgress);
    // One step for the whole file: the live database changes in a single write transaction.
    await runInWorker('backup.writeInto', { source: staging, target: file }, onProgress);
    // A backup from before version 8 still carries its private key: out of the database at once, as on open.
    keepSigningKeysOut(ctx);
    inTransaction(ctx.db, () =>
      recordAudit(ctx, {
        entity: 'backup',
        entityId: path.basename(from),
        action: 'restore',
        newValue: { from, safetyBackup: safety.file, fromVersion: candidate.fromVersion },
      }),
    );
    return { restored: from, safetyBackup: safety.file, schemaVersion: schemaVersion(ctx.db) };
  } catch (e) {
    throw describeRestoreError(e);
  } finally {
    for (const f of [staging, `${staging}-journal`, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });
  }
}

/**
 * A backup without an enabled administrator, restored over data that has one, would leave nobody
 * able to restore again, void a certificate or change a setting; a file with accounts but no
 * administrator at all was altered (the app never lets the last administrator go).
 */
function refuseLockout(ctx: Ctx, candidate: { admins: number; operators: number }, label: string): void {
  if (candidate.admins > 0) return;
  const live = ctx.db.prepare("SELECT count(*) AS n FROM operators WHERE role = 'admin' AND disabled = 0").get() as { n: number };
  if (live.n > 0 || candidate.operators > 0) {
    throw new AppError(
      'BACKUP_NO_ADMIN',
      `${label} 中没有可用的管理员账号${candidate.operators > 0 ? `（有 ${candidate.operators} 个账号，但都不是可用的管理员）` : '（账号表是空的）'}。恢复后将没有人能做管理员的工作（恢复备份、作废证书、修改设置），而当前数据${live.n > 0 ? `有 ${live.n} 个管理员` : '不受影响'}。当前数据没有改动；请换一个含管理员账号的备份。`,
      { admins: candidate.admins, operators: candidate.operators, liveAdmins: live.n },
    );
  }
}

const UNCHANGED = '当前数据没有改动。';

function describeRestoreError(e: unknown): AppError {
  // The checks word their refusal for any file; here the officer also learns the live data was not touched.
  if (e instanceof AppError) return e.message.includes('当前数据没有改动') ? e : new AppError(e.code, `${e.message}${UNCHANGED}`, e.details);
  const code = (e as { code?: string }).code ?? '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return new AppError('DISK_FULL', '磁盘空间不足，恢复没有完成。当前数据没有改动；请清理磁盘后重试。');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('RESTORE_NO_ACCESS', '没有权限在数据文件所在的文件夹里写入恢复用的副本。当前数据没有改动；请检查该文件夹的权限。');
  return new AppError('RESTORE_FAILED', `恢复没有完成（${(e as Error).message}）。当前数据没有改动。`);
}
