// Is this file a sound CertDesk database we may keep or restore? Checked on a copy, read-only in
// spirit: the header against the file's length (truncated), SQLite's own checks (corrupt), our
// application id (foreign), the schema version (newer), and the audit chain.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { APPLICATION_ID, LATEST_VERSION } from '../../db/database';
import { describeDifference, schemaDifferences } from '../../db/schema';
import { keyIdOf } from '../certificates/signing';
import { createPublicKey } from 'node:crypto';
import { AppError } from '../errors';
import { auditHead, verifyAuditChain } from '../audit/verify';
import type { OnProgress } from '../shared/progress';

/** The quick check walks the newest entries of the audit chain only. */
const QUICK_AUDIT_TAIL = 1000;

export interface CheckedDatabase {
  schemaVersion: number;
  auditEntries: number;
  auditHead: string;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** A file that is not SQLite at all, whether its header or SQLite itself finds out: one wording. */
export function notSqlite(label: string): AppError {
  return new AppError('BACKUP_FOREIGN', `${label} 不是 SQLite 数据文件，也就不是 CertDesk 的备份。请选择 CertDesk 生成的备份文件（.sqlite）。`);
}

/** Reads the 100-byte header: the page size and the page count it promises. */
export function checkHeader(file: string, label: string): void {
  const size = fs.statSync(file).size;
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (size < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw notSqlite(label);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  // The page count in the header is valid only when its "version-valid-for" matches the change counter.
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (size % pageSize !== 0 || (countValid && pages * pageSize > size)) {
    throw new AppError('BACKUP_TRUNCATED', `${label} 不完整（只有 ${size} 字节，应有 ${countValid ? pages * pageSize : '整页的'} 字节），可能复制时中断了。请换一个完整的备份文件。`);
  }
}

/**
 * `full` (a manual backup, a file to restore): integrity_check and foreign_key_check, which take
 * seconds on a decade of data. `quick` (the automatic backup before an import or finalize, where
 * the officer is waiting): quick_check, which skips comparing indexes with their tables, and only
 * the newest entries of the audit chain.
 */
export type CheckDepth = 'full' | 'quick';

export interface CheckOptions {
  /**
   * For a file about to become the live database: its schema exactly as its version defines it
   * (db/schema.ts), and every signing key recorded in its audit chain. A backup of the live
   * database is not held to this, so a damaged live file can still be copied away.
   */
  exact?: boolean;
}

/** Runs in the worker thread (backup/jobs.ts) on a connection of its own, read-only. */
export function checkDatabaseFile(file: string, label = '该文件', depth: CheckDepth = 'full', onProgress?: OnProgress, options: CheckOptions = {}): CheckedDatabase {
  checkHeader(file, label);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new AppError('BACKUP_FOREIGN', `${label} 是 SQLite 文件，但不是 CertDesk 的数据或备份。请选择 CertDesk 生成的备份文件。`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) {
      throw new AppError('BACKUP_TOO_NEW', `${label} 来自更新版本的 CertDesk（数据版本 ${version}，本程序支持到 ${LATEST_VERSION}）。请先升级 CertDesk 再恢复。`);
    }
    // CertDesk writes versions 1 to LATEST_VERSION only; 0 or a negative number is a file made or altered elsewhere.
    if (version < 1) throw new AppError('BACKUP_BAD_VERSION', `${label} 的数据版本是 ${version}，CertDesk 从不写出这样的版本：文件被其他工具改动过，不能使用。请换一个 CertDesk 生成的备份。`);
    const check = depth === 'full' ? 'integrity_check' : 'quick_check';
    onProgress?.({ phase: 'checking', done: 0, total: null });
    const problems = (db.pragma(`${check}(20)`) as Record<string, string>[]).map((r) => r[check]);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new AppError('BACKUP_CORRUPT', `${label} 已损坏（${problems[0] ?? '完整性检查失败'}），不能使用。请换一个较早的备份。`);
    }
    const orphans = depth === 'full' ? (db.pragma('foreign_key_check') as unknown[]) : [];
    if (orphans.length > 0) throw new AppError('BACKUP_CORRUPT', `${label} 中有 ${orphans.length} 处数据引用了不存在的记录，不能使用。请换一个较早的备份。`);
    const auditCtx = { db, operator: 'backup' };
    const audit = verifyAuditChain(auditCtx, undefined, depth === 'full' ? 1 : auditHead(auditCtx).seq - QUICK_AUDIT_TAIL + 1, onProgress);
    // The chain itself: missing append-only triggers are the exact-schema check's to refuse (a restore), not a reason to keep no copy of the live file.
    if (audit.firstBad) throw new AppError('BACKUP_AUDIT_BROKEN', `${label} 的操作记录链条被破坏：${audit.firstBad?.message ?? ''}不能使用。请换一个较早的备份。`);
    if (options.exact) {
      checkExactSchema(db, version, label);
      checkSigningKeysRecorded(db, label);
    }
    return { schemaVersion: version, auditEntries: audit.entries, auditHead: audit.headHash };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') throw notSqlite(label);
    throw new AppError('BACKUP_CORRUPT', `${label} 已损坏（${(e as Error).message}），不能使用。请换一个较早的备份。`);
  } finally {
    db?.close();
  }
}

/** How many differences a message names; the error's details list all of them. */
const NAMED_IN_MESSAGE = 6;

function checkExactSchema(db: Database.Database, version: number, label: string): void {
  const differences = schemaDifferences(db, version);
  if (differences.length === 0) return;
  const named = differences.slice(0, NAMED_IN_MESSAGE).map(describeDifference).join('、');
  const more = differences.length > NAMED_IN_MESSAGE ? `等 ${differences.length} 处` : '';
  throw new AppError(
    'BACKUP_SCHEMA_ALTERED',
    `${label} 的数据库结构与 CertDesk 数据版本 ${version} 应有的结构不符（${named}${more}），文件被其他工具改动过，恢复后可能悄悄改动数据，不能使用。当前数据没有改动；请换一个较早的备份。`,
    { differences },
  );
}

/**
 * The certificate signing key is created once and recorded in the audit chain with its key id
 * (services/certificates/signing.ts). A key in the file that the chain never recorded was put there
 * by other means, and certificates signed with it would verify as ours.
 */
function checkSigningKeysRecorded(db: Database.Database, label: string): void {
  const columns = (db.pragma('table_info(signing_keys)') as { name: string }[]).map((c) => c.name);
  if (!columns.includes('public_key')) return;
  const recorded = new Set(
    (db.prepare("SELECT new_value FROM audit_log WHERE entity = 'setting' AND entity_id = 'signing_key' AND action = 'create'").all() as { new_value: string | null }[]).map((r) => {
      try {
        return String((JSON.parse(r.new_value ?? '{}') as { keyId?: unknown }).keyId);
      } catch {
        return '';
      }
    }),
  );
  for (const { public_key } of db.prepare('SELECT public_key FROM signing_keys').all() as { public_key: string }[]) {
    let keyId: string;
    try {
      keyId = keyIdOf(createPublicKey(public_key));
    } catch {
      keyId = '';
    }
    if (!recorded.has(keyId)) {
      throw new AppError(
        'BACKUP_KEY_UNRECORDED',
        `${label} 中的证书签名密钥${keyId ? `（${keyId}）` : ''}没有在操作记录中登记，是被人用其他工具换进去的；用它签出的证书会被当成本机构的。不能使用。当前数据没有改动；请换一个较早的备份。`,
      );
    }
  }
}
