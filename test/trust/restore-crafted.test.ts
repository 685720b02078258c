// Crafted backups: a file that passes SQLite's own checks and the audit chain but carries a schema
// its version does not define, no administrator, a key nobody recorded, or a version CertDesk never
// writes, is refused with what is wrong, and the live file stays byte for byte as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import { LATEST_VERSION } from '../../db/database';
import { scoredSession, sqlite3, ZHANG } from './fixtures';
import { recordAudit } from '../../services/audit/audit';
import { keyIdOf } from '../../services/certificates/signing';

let ctx: Ctx;
let file: string;

beforeEach(() => {
  ({ ctx, file } = createDB());
});

/** The live database as bytes: the main file and its -wal (WAL mode keeps recent writes there). */
function liveBytes(): string {
  const h = crypto.createHash('sha256');
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  return h.digest('hex');
}

/** A good backup of a scored session, copied out for spoiling, and the live data changed since. */
async function spoilable(): Promise<string> {
  await scoredSession(ctx);
  const good = (await call(ctx, 'backup.create', {})).file;
  const copy = path.join(tempDir(), '待恢复.sqlite');
  fs.copyFileSync(good, copy);
  await call(ctx, 'settings.set', { key: 'institution.name', value: '现在的名称' });
  return copy;
}

async function refusedIntact(copy: string, code: string): Promise<{ code: string; message: string; details?: any }> {
  const before = liveBytes();
  const res = await callError(ctx, 'backup.restore', { file: copy });
  expect(res.code, res.message).toBe(code);
  expect(res.message).toContain('当前数据没有改动');
  expect(liveBytes()).toBe(before);
  expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('restore'))).toEqual([]);
  expect((await call(ctx, 'backup.list', {})).backups.map((b) => b.reason)).not.toContain('before-restore');
  return res as never;
}

describe('a backup whose schema is not the one its version defines', () => {
  it('is refused for an extra trigger that would quietly raise a score, naming it', async () => {
    const copy = await spoilable();
    sqlite3(copy, "CREATE TRIGGER keep_them_passing AFTER UPDATE ON part_results BEGIN UPDATE part_results SET score = 99 WHERE rowid = NEW.rowid AND NEW.score < 60; END;");
    const e = await refusedIntact(copy, 'BACKUP_SCHEMA_ALTERED');
    expect(e.message).toContain('多出触发器 keep_them_passing');
    expect(e.details.differences).toEqual([{ kind: 'extra', type: 'trigger', name: 'keep_them_passing' }]);
  });

  it('is refused for dropped or faked append-only triggers of the audit log', async () => {
    const copy = await spoilable();
    sqlite3(copy, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END;");
    const e = await refusedIntact(copy, 'BACKUP_SCHEMA_ALTERED');
    expect(e.details.differences).toEqual([
      { kind: 'changed', type: 'trigger', name: 'audit_log_no_delete' },
      { kind: 'missing', type: 'trigger', name: 'audit_log_no_update' },
    ]);
    expect(e.message).toContain('缺少触发器 audit_log_no_update');
  });

  it('is refused for an extra column, index or view, listing each', async () => {
    const copy = await spoilable();
    sqlite3(copy, 'ALTER TABLE operators ADD COLUMN backdoor TEXT; CREATE INDEX x_idx ON candidates(name); CREATE VIEW v AS SELECT 1;');
    const e = await refusedIntact(copy, 'BACKUP_SCHEMA_ALTERED');
    expect(e.details.differences).toEqual([
      { kind: 'extra', type: 'index', name: 'x_idx' },
      { kind: 'changed', type: 'table', name: 'operators' },
      { kind: 'extra', type: 'view', name: 'v' },
    ]);
  });

  it('is refused when it claims an older version than its schema is (user_version 3 on a current file), from the command line too', async () => {
    const copy = await spoilable();
    sqlite3(copy, 'PRAGMA user_version = 3;');
    await refusedIntact(copy, 'BACKUP_SCHEMA_ALTERED');
    ctx.db.close();
    const before = liveBytes();
    const r = runCli(['restore', copy, '--db', file, '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('BACKUP_SCHEMA_ALTERED');
    expect(liveBytes()).toBe(before);
  });

  it('is refused at user_version 0 or -1, which CertDesk never writes', async () => {
    const copy = await spoilable();
    for (const v of [0, -1]) {
      sqlite3(copy, `PRAGMA user_version = ${v};`);
      const e = await refusedIntact(copy, 'BACKUP_BAD_VERSION');
      expect(e.message).toContain(`数据版本是 ${v}`);
    }
    expect(await call(ctx, 'sessions.list', {})).toHaveLength(1);
  });
});

describe('a backup that would lock the administrators out, or sign as us with a planted key', () => {
  it('is refused when its accounts were emptied while the live data has an administrator', async () => {
    await call(ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
    ctx = { ...ctx, operator: 'wangfang' };
    const copy = await spoilable();
    sqlite3(copy, 'DELETE FROM operators;');
    const e = await refusedIntact(copy, 'BACKUP_NO_ADMIN');
    expect(e.message).toContain('没有可用的管理员');
  });

  it('is refused when every administrator in it was disabled', async () => {
    const copy = await spoilable();
    sqlite3(copy, "INSERT INTO operators (login, name, role, password_hash, disabled, created_at) VALUES ('boss', '王', 'admin', 'x', 1, '2024-01-01'), ('lina', '李娜', 'clerk', 'x', 0, '2024-01-01');");
    await refusedIntact(copy, 'BACKUP_NO_ADMIN');
  });

  it('is refused when its signing key was replaced by one the audit chain never recorded', async () => {
    await call(ctx, 'certificates.publicKey', {});
    const copy = await spoilable();
    const planted = crypto.generateKeyPairSync('ed25519');
    const db = new Database(copy);
    // The public half is what verifies a certificate: swapped, the planter's own key would sign as us.
    db.prepare('UPDATE signing_keys SET public_key = ?').run(planted.publicKey.export({ type: 'spki', format: 'pem' }));
    db.close();
    const e = await refusedIntact(copy, 'BACKUP_KEY_UNRECORDED');
    expect(e.message).toContain('签名密钥');
  });
});

describe('a sound backup', () => {
  it('of an older version is checked at its own version, migrated on a copy, and restored at this one', async () => {
    const old = createDB(3);
    old.db.close();
    const r = await call(ctx, 'backup.restore', { file: old.file });
    expect(r.schemaVersion).toBe(LATEST_VERSION);
    expect((await call(ctx, 'audit.verify', {})).ok).toBe(true);
  });

  it('of a version that kept the private signing key inside has it moved out of the database at once', async () => {
    const old = createDB(7);
    const pair = crypto.generateKeyPairSync('ed25519');
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    old.db.prepare("INSERT INTO signing_keys (public_key, private_key, created_at, active) VALUES (?, ?, '2024-01-01', 1)").run(publicKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    recordAudit(old.ctx, { entity: 'setting', entityId: 'signing_key', action: 'create', newValue: { keyId: keyIdOf(pair.publicKey), publicKey } });
    old.db.close();
    await call(ctx, 'backup.restore', { file: old.file });
    expect(ctx.db.prepare("SELECT count(*) AS n FROM signing_keys WHERE private_key <> ''").get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM signing_keys').get()).toEqual({ n: 1 });
  });

  it('brings along what is still in the -wal beside it', async () => {
    await scoredSession(ctx);
    const source = path.join(tempDir(), 'live-copy.sqlite');
    fs.copyFileSync((await call(ctx, 'backup.create', {})).file, source);
    // Another database in WAL mode with a write that only its -wal holds, copied as it lies.
    const other = new Database(source);
    other.pragma('journal_mode = WAL');
    other.pragma('wal_autocheckpoint = 0');
    const inWal = path.join(tempDir(), 'with-wal.sqlite');
    other.prepare("UPDATE candidates SET name = '张伟伟' WHERE id_number = ?").run(ZHANG);
    fs.copyFileSync(source, inWal);
    fs.copyFileSync(`${source}-wal`, `${inWal}-wal`);
    other.close();
    expect(fs.statSync(`${inWal}-wal`).size).toBeGreaterThan(0);
    await call(ctx, 'backup.restore', { file: inWal });
    expect(ctx.db.prepare('SELECT name FROM candidates WHERE id_number = ?').get(ZHANG)).toEqual({ name: '张伟伟' });
  });
});
