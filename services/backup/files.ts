// What the worker thread does with backup files (backup/jobs.ts), each on a
// connection of its own, so the main thread keeps answering: it copies the live database into a
// new file (one self-contained file, checked, durable) and writes a checked backup into the live
// database.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, migrate } from '../../db/database';
import { AppError } from '../errors';
import type { OnProgress } from '../shared/progress';
import { checkDatabaseFile, checkHeader, notSqlite, type CheckDepth, type CheckedDatabase } from './check';

/** fsync a file, and its folder so that the rename itself survives a power cut. */
function makeDurable(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (process.platform !== 'win32') {
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}

/**
 * Copies the live database into `partial` with the online backup API in a single step, i.e. inside
 * one read transaction: in WAL mode the main thread's writes go on meanwhile and the copy is the
 * database as it was committed when the step began. (Several short steps would start over whenever
 * the main thread saved a score in between.) Then the copy becomes one file with no -wal beside
 * it, checked and on disk.
 */
export async function writeBackupCopy(live: string, partial: string, label: string, depth: CheckDepth, onProgress: OnProgress): Promise<CheckedDatabase> {
  const src = new Database(live, { readonly: true, fileMustExist: true });
  try {
    const copied = await src.backup(partial, {
      progress: (p) => {
        onProgress({ phase: 'copying', done: p.totalPages - p.remainingPages, total: p.totalPages });
        return ALL_PAGES;
      },
    });
    onProgress({ phase: 'copying', done: copied.totalPages, total: copied.totalPages });
  } finally {
    src.close();
  }
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const checked = checkDatabaseFile(partial, label, depth, onProgress);
  onProgress({ phase: 'saving', done: 0, total: null });
  makeDurable(partial);
  return checked;
}

/** better-sqlite3's largest step: every remaining page at once. */
const ALL_PAGES = 0x7fffffff;

/** Writes a checked backup into the live database file in one step: other connections see the old or the new data, never a mix. */
export async function writeInto(source: string, target: string, onProgress: OnProgress): Promise<void> {
  onProgress({ phase: 'restoring', done: 0, total: null });
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(target, { progress: () => ALL_PAGES });
  } finally {
    src.close();
  }
}

export interface RestoreCandidate extends CheckedDatabase {
  /** The version the file had before it was brought up to this one. */
  fromVersion: number;
  /** Enabled administrator accounts in the file. */
  admins: number;
  /** Accounts of any kind in the file. */
  operators: number;
}

function damaged(e: unknown, label: string): AppError {
  if (e instanceof AppError) return e;
  if ((e as { code?: string }).code === 'SQLITE_NOTADB') return notSqlite(label);
  return new AppError('BACKUP_CORRUPT', `${label} 已损坏（${(e as Error).message}），不能使用。当前数据没有改动；请换一个较早的备份。`);
}

/**
 * Makes `staging` (a new file beside the live database) a checked copy of `source` at this
 * version: the copy takes the -wal (or hot journal) beside the source and is checkpointed into
 * one file; it is checked at its own version, exact schema included; an older one is migrated
 * and checked again at this version. Nothing here touches the live database, so a refusal at any
 * step leaves it exactly as it was.
 */
export function prepareRestore(source: string, staging: string, label: string, onProgress: OnProgress): RestoreCandidate {
  onProgress({ phase: 'copying', done: 0, total: null });
  fs.copyFileSync(source, staging);
  for (const companion of ['-wal', '-journal']) if (fs.existsSync(source + companion)) fs.copyFileSync(source + companion, staging + companion);
  checkHeader(staging, label);
  let db: Database.Database | null = null;
  try {
    db = new Database(staging, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  } catch (e) {
    throw damaged(e, label);
  } finally {
    db?.close();
  }
  const first = checkDatabaseFile(staging, label, 'full', onProgress, { exact: true });
  let checked = first;
  if (first.schemaVersion < LATEST_VERSION) {
    onProgress({ phase: 'checking', done: 0, total: null });
    try {
      db = new Database(staging, { fileMustExist: true });
      db.pragma('foreign_keys = ON');
      migrate(db, staging);
    } catch (e) {
      throw new AppError(
        'BACKUP_MIGRATE_FAILED',
        `${label}（数据版本 ${first.schemaVersion}）无法升级到本程序的数据版本 ${LATEST_VERSION}（${(e as Error).message}）。当前数据没有改动；请换一个备份，或把该文件发给技术支持。`,
      );
    } finally {
      db?.close();
    }
    checked = checkDatabaseFile(staging, label, 'full', onProgress, { exact: true });
  }
  db = new Database(staging, { readonly: true, fileMustExist: true });
  try {
    const accounts = db.prepare("SELECT count(*) AS operators, coalesce(sum(role = 'admin' AND disabled = 0), 0) AS admins FROM operators").get() as { operators: number; admins: number };
    return { ...checked, fromVersion: first.schemaVersion, ...accounts };
  } finally {
    db.close();
  }
}
