// Opening the one CertDesk database: pragmas, the application id, and migrations.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations/index';
import { DbError } from './errors';

export type DB = Database.Database;

/** "CDSK" — marks a SQLite file as a CertDesk database (PRAGMA application_id). */
export const APPLICATION_ID = 0x4344534b;

export const LATEST_VERSION = migrations.length;

export interface OpenOptions {
  /** Apply pending migrations (the default). Off only for tests that step versions by hand. */
  migrate?: boolean;
  readonly?: boolean;
  /**
   * Called before pending migrations run, on the open connection: the backup of the old version
   * (services/backup/beforeMigrate.ts, which the app's doors pass). None by default.
   */
  beforeMigrate?: (db: DB, file: string, fromVersion: number) => void;
}

export function openDatabase(file: string, options: OpenOptions = {}): DB {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    refuseNetworkShare(file);
  }
  let db: DB;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (e) {
    throw new DbError('DB_OPEN_FAILED', `无法打开数据文件 ${file}：${(e as Error).message}。请检查路径和文件权限。`);
  }
  try {
    checkIsCertDesk(db, file);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.migrate ?? true) migrate(db, file, file === ':memory:' ? undefined : options.beforeMigrate);
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
    throw new DbError('DB_NOT_CERTDESK', `${file} 不是 SQLite 数据文件，或文件已损坏。请选择 CertDesk 的数据文件（.sqlite）。`);
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
  if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables.n > 0)) {
    throw new DbError('DB_NOT_CERTDESK', `${file} 不是 CertDesk 的数据文件。请选择 CertDesk 创建的数据文件，或指定一个新文件名。`);
  }
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs every pending migration in one transaction; refuses a database from a newer CertDesk. */
export function migrate(db: DB, file = ':memory:', beforeMigrate?: OpenOptions['beforeMigrate'], target = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new DbError(
      'DB_TOO_NEW',
      `数据文件的版本（${current}）比本程序支持的版本（${LATEST_VERSION}）新，它是由更新版本的 CertDesk 创建的。请升级 CertDesk 后再打开，本程序不会改动该文件。`,
    );
  }
  if (current >= target) return;
  if (beforeMigrate && current > 0) beforeMigrate(db, file, current);
  db.transaction(() => {
    for (let v = current; v < target; v++) {
      const step = migrations[v]!;
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  })();
}

// Filesystem magic numbers (statfs f_type) of network filesystems on Linux, where SQLite's
// file locks cannot be trusted (sqlite.org/useovernet.html).
const NETWORK_FS: Record<number, string> = {
  0x6969: 'NFS',
  0xff534d42: 'CIFS/SMB',
  0xfe534d42: 'SMB2',
  0x517b: 'SMB',
  0x564c: 'NCP',
  0x5346414f: 'AFS',
  0x73757245: 'Coda',
  // FUSE (0x65735546) is left out: sshfs is one, but so are encrypted home folders.
};

/** Why this path is on a network share, or null. `fsType` is statfs's f_type (Linux). */
export function networkShareKind(file: string, platform: NodeJS.Platform, fsType: number | null): string | null {
  // \\server\share\… (UNC) on Windows; a mapped drive letter we cannot see from Node without native code.
  if (platform === 'win32' && /^(\\\\|\/\/)[^\\/?.]/.test(file)) return '网络共享（UNC 路径）';
  if (platform === 'linux' && fsType !== null && NETWORK_FS[fsType >>> 0]) return `网络文件系统（${NETWORK_FS[fsType >>> 0]}）`;
  return null;
}

function refuseNetworkShare(file: string): void {
  let fsType: number | null = null;
  try {
    fsType = fs.statfsSync(path.dirname(path.resolve(file))).type;
  } catch {
    // statfs unavailable: judge by the path alone.
  }
  const kind = networkShareKind(file, process.platform, fsType);
  if (kind) {
    throw new DbError(
      'DB_ON_NETWORK_SHARE',
      `数据文件 ${file} 位于${kind}上，SQLite 在网络共享上无法可靠加锁，多人同时使用可能损坏数据。请把数据文件放在本机磁盘上（备份可以复制到共享文件夹）。`,
    );
  }
}

/**
 * One running CertDesk (window or `certdesk serve`) per database. The lock is SQLite's own
 * exclusive lock on a small file beside the database, so the operating system releases it when the
 * process ends, even by SIGKILL; short command-line runs do not take it. Returns the release.
 */
export function holdInstanceLock(file: string): () => void {
  const lockFile = `${path.resolve(file)}.instance-lock`;
  const lock = new Database(lockFile, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // Exclusive locking mode keeps the lock of the first write until the connection closes, so write.
    lock.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS instance (pid INTEGER, started_at TEXT); DELETE FROM instance;');
    lock.prepare("INSERT INTO instance VALUES (?, datetime('now'))").run(process.pid);
    lock.exec('COMMIT');
  } catch (e) {
    lock.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DbError('DB_IN_USE', `数据文件 ${file} 已经被另一个正在运行的 CertDesk 打开。请切换到那个窗口，或先关闭它再打开。`);
    }
    throw e;
  }
  // Held here as well: a connection nobody references is closed by the garbage collector, and its lock with it.
  heldLocks.add(lock);
  return () => {
    heldLocks.delete(lock);
    lock.close();
  };
}

const heldLocks = new Set<Database.Database>();
