// Opening the one CertDesk database: pragmas, the application id, and migrations.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations/index';
import { AppError } from '../services/errors';

export type DB = Database.Database;

/** "CDSK" — marks a SQLite file as a CertDesk database (PRAGMA application_id). */
export const APPLICATION_ID = 0x4344534b;

export const LATEST_VERSION = migrations.length;

export interface OpenOptions {
  /** Apply pending migrations (the default). Off only for tests that step versions by hand. */
  migrate?: boolean;
  readonly?: boolean;
  /** Called with the file path before pending migrations run (the trust area takes a backup here). */
  beforeMigrate?: (file: string, fromVersion: number) => void;
}

export function openDatabase(file: string, options: OpenOptions = {}): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: DB;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (e) {
    throw new AppError('DB_OPEN_FAILED', `无法打开数据文件 ${file}：${(e as Error).message}。请检查路径和文件权限。`);
  }
  try {
    checkIsCertDesk(db, file);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.migrate ?? true) migrate(db, file, options.beforeMigrate);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkIsCertDesk(db: DB, file: string): void {
  let appId: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
  } catch {
    throw new AppError('DB_NOT_CERTDESK', `${file} 不是 SQLite 数据文件，或文件已损坏。请选择 CertDesk 的数据文件（.sqlite）。`);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables.n > 0)) {
    throw new AppError('DB_NOT_CERTDESK', `${file} 不是 CertDesk 的数据文件。请选择 CertDesk 创建的数据文件，或指定一个新文件名。`);
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every pending migration in one transaction; refuses a database from a newer CertDesk. */
export function migrate(db: DB, file = ':memory:', beforeMigrate?: OpenOptions['beforeMigrate'], target = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new AppError(
      'DB_TOO_NEW',
      `数据文件的版本（${current}）比本程序支持的版本（${LATEST_VERSION}）新，它是由更新版本的 CertDesk 创建的。请升级 CertDesk 后再打开，本程序不会改动该文件。`,
    );
  }
  if (current >= target) return;
  if (beforeMigrate && current > 0) beforeMigrate(file, current);
  db.transaction(() => {
    for (let v = current; v < target; v++) {
      const step = migrations[v]!;
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  })();
}
