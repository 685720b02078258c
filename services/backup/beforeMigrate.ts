// Opening the officer's data file as the app's doors do (window, command line, server): a copy of
// the old version is kept in the backups folder before a migration changes anything.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type DB, type OpenOptions } from '../../db/database';
import { AppError } from '../errors';
import { backupFileName, backupsFolder } from './naming';

/**
 * Before a migration: a consistent copy of the old version in the backups folder. The open is
 * synchronous, so this uses VACUUM INTO (a snapshot inside one read transaction) rather than the
 * asynchronous backup API; like every backup it is checked and renamed into place.
 */
export function backupBeforeMigrate(db: DB, file: string, fromVersion: number): string {
  const dir = backupsFolder(file);
  const target = path.join(dir, backupFileName(`before-migrate-v${fromVersion}`, dir));
  const partial = `${target}.partial-${process.pid}`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    db.prepare('VACUUM INTO ?').run(partial);
    const copy = new Database(partial, { readonly: true });
    try {
      const ok = copy.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw new Error(String(ok));
    } finally {
      copy.close();
    }
    fs.renameSync(partial, target);
    return target;
  } catch (e) {
    if (fs.existsSync(partial)) fs.rmSync(partial, { force: true });
    throw new AppError('BACKUP_FAILED', `升级数据文件前的备份没有写成（${(e as Error).message}），所以没有升级，数据保持原样。请检查磁盘空间后重试。`);
  }
}

/** openDatabase with the backup of the old version before any migration. */
export function openDataFile(file: string, options: Omit<OpenOptions, 'beforeMigrate'> = {}): DB {
  return openDatabase(file, { ...options, beforeMigrate: (db, f, v) => void backupBeforeMigrate(db, f, v) });
}
