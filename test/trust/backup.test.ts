// Backups: checked copies renamed into place, a rolling set, automatic ones before risky writes,
// and a restore that refuses every kind of bad file and keeps the current data first.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import { LATEST_VERSION } from '../../db/database';
import { backupsFolder } from '../../services/backup/naming';
import { openDataFile } from '../../services/backup/beforeMigrate';
import { createBackup, ROLLING_SET } from '../../services/backup/backup';
import { scoredSession, sqlite3 } from './fixtures';
import { spawn } from 'node:child_process';

let ctx: Ctx;
let file: string;

beforeEach(() => {
  ({ ctx, file } = createDB());
});

async function institutionName(): Promise<string> {
  return (await call(ctx, 'settings.list', {})).find((s) => s.key === 'institution.name')!.value;
}

async function backupNamed(name: string): Promise<string> {
  await call(ctx, 'settings.set', { key: 'institution.name', value: name });
  return (await call(ctx, 'backup.create', {})).file;
}

/** A copy of a good backup, for spoiling. */
async function spoilable(): Promise<{ good: string; copy: string }> {
  await scoredSession(ctx);
  const good = await backupNamed('备份时的名称');
  const copy = path.join(tempDir(), 'to-restore.sqlite');
  fs.copyFileSync(good, copy);
  return { good, copy };
}

describe('taking a backup', () => {
  it('writes a checked, self-contained copy into the backups folder beside the database', async () => {
    await scoredSession(ctx);
    const b = await call(ctx, 'backup.create', {});
    expect(path.dirname(b.file)).toBe(backupsFolder(file));
    expect(b.name).toMatch(/^certdesk-\d{8}-\d{6}-manual\.sqlite$/);
    expect(fs.existsSync(`${b.file}-wal`)).toBe(false);
    expect(fs.readdirSync(path.dirname(b.file)).filter((n) => n.includes('partial'))).toEqual([]);
    const copy = new Database(b.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) AS n FROM enrolments').get()).toEqual({ n: 2 });
    copy.close();
    expect(b.auditHead).toBe((await call(ctx, 'audit.verify', {})).headHash);
  });

  it('writes to a chosen file with backup --out, and will not overwrite one', () => {
    const out = path.join(tempDir(), 'U盘备份.sqlite');
    ctx.db.close();
    const r = runCli(['backup', '--out', out, '--db', file, '--json']);
    expect(r.status).toBe(0);
    expect(r.json.file).toBe(out);
    const again = runCli(['backup', '--out', out, '--db', file, '--json']);
    expect(again.status).toBe(1);
    // It is a CertDesk backup: refused as one, before the plain 'already there'.
    expect(again.json.error.code).toBe('OUTPUT_IS_BACKUP');
    const other = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(other, 'kept');
    expect(runCli(['backup', '--out', other, '--db', file, '--json']).json.error.code).toBe('BACKUP_EXISTS');
  });

  it('says so when the chosen folder does not exist', async () => {
    const e = await callError(ctx, 'backup.create', { out: path.join(tempDir(), 'no', 'such', 'folder', 'b.sqlite') });
    expect(e.code).toBe('BACKUP_NO_FOLDER');
  });

  it('says what is in the way when a file sits where the backups folder should be', async () => {
    fs.writeFileSync(backupsFolder(file), 'not a folder');
    const e = await callError(ctx, 'backup.create', {});
    expect(e.code).toBe('BACKUP_NO_FOLDER');
    expect(e.message).toContain('同名文件');
  });

  it('keeps a rolling set of automatic backups and never removes manual ones', async () => {
    await call(ctx, 'backup.create', {});
    for (let i = 0; i < ROLLING_SET + 3; i++) await createBackup(ctx, 'daily');
    const { backups } = await call(ctx, 'backup.list', {});
    expect(backups.filter((b) => b.reason === 'daily')).toHaveLength(ROLLING_SET);
    expect(backups.filter((b) => b.reason === 'manual')).toHaveLength(1);
  });

  it('takes the day’s first backup on the first change of the day', async () => {
    await call(ctx, 'settings.set', { key: 'institution.name', value: '甲协会' });
    await call(ctx, 'settings.set', { key: 'institution.name', value: '乙协会' });
    await call(ctx, 'settings.set', { key: 'institution.name', value: '丙协会' });
    const { backups } = await call(ctx, 'backup.list', {});
    expect(backups.map((b) => b.reason)).toEqual(['daily']);
  });

  it('takes a backup before a roster import but not before its preview', async () => {
    const s = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 3, date: '2024-06-15' });
    const missing = { path: path.join(tempDir(), 'missing.xlsx') };
    await callError(ctx, 'roster.import', { sessionId: s.id, file: missing, dryRun: true });
    expect((await call(ctx, 'backup.list', {})).backups.map((b) => b.reason)).not.toContain('import');
    await callError(ctx, 'roster.import', { sessionId: s.id, file: missing });
    expect((await call(ctx, 'backup.list', {})).backups.map((b) => b.reason)).toContain('import');
  });
});

describe('before a migration', () => {
  it('keeps a copy of the old version in the backups folder when the command line opens it', () => {
    const old = createDB(1);
    old.db.close();
    expect(runCli(['sessions', '--db', old.file, '--json']).status).toBe(0);
    expect(Number(sqlite3(old.file, 'PRAGMA user_version').trim())).toBe(LATEST_VERSION);
    const [name] = fs.readdirSync(backupsFolder(old.file));
    expect(name).toMatch(/before-migrate-v1\.sqlite$/);
    const copy = new Database(path.join(backupsFolder(old.file), name!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    copy.close();
  });
});

describe('before a migration, when the backup cannot be written', () => {
  it('does not migrate, and leaves the file at its old version', () => {
    const old = createDB(1);
    old.db.close();
    // Something in the way of the backups folder: a file by that name.
    fs.writeFileSync(backupsFolder(old.file), 'not a folder');
    expect(() => openDataFile(old.file)).toThrow(/升级数据文件前的备份没有写成/);
    expect(sqlite3(old.file, 'PRAGMA user_version').trim()).toBe('1');
  });
});

describe('restoring', () => {
  it('brings back the backed-up data, after keeping the current data in a backup of its own', async () => {
    const backup = await backupNamed('备份时的名称');
    await call(ctx, 'settings.set', { key: 'institution.name', value: '恢复前的名称' });
    const r = await call(ctx, 'backup.restore', { file: backup });
    expect(await institutionName()).toBe('备份时的名称');
    const safety = new Database(r.safetyBackup, { readonly: true });
    expect(safety.prepare("SELECT value FROM settings WHERE key = 'institution.name'").get()).toEqual({ value: '恢复前的名称' });
    safety.close();
    const verified = await call(ctx, 'audit.verify', {});
    expect(verified.ok).toBe(true);
    const last = (await call(ctx, 'audit.recent', { limit: 1 }))[0]!;
    expect(last).toMatchObject({ entity: 'backup', action: 'restore' });
  });

  it('restores from the command line with restore FILE', async () => {
    const backup = await backupNamed('备份时的名称');
    await call(ctx, 'settings.set', { key: 'institution.name', value: '恢复前的名称' });
    ctx.db.close();
    const r = runCli(['restore', backup, '--db', file, '--json']);
    expect(r.status).toBe(0);
    expect(sqlite3(file, "SELECT value FROM settings WHERE key = 'institution.name'").trim()).toBe('备份时的名称');
  });

  it('brings an older version’s backup up to the current schema', async () => {
    const old = createDB(2);
    old.db.close();
    const r = await call(ctx, 'backup.restore', { file: old.file });
    expect(r.schemaVersion).toBe(LATEST_VERSION);
  });

  it('refuses a truncated file and leaves the data as it was', async () => {
    const { copy } = await spoilable();
    await call(ctx, 'settings.set', { key: 'institution.name', value: '现在的名称' });
    const bytes = fs.readFileSync(copy);
    fs.writeFileSync(copy, bytes.subarray(0, 4096 * 10));
    const e = await callError(ctx, 'backup.restore', { file: copy });
    expect(e.code).toBe('BACKUP_TRUNCATED');
    expect(e.message).toContain('不完整');
    expect(await institutionName()).toBe('现在的名称');
    expect((await call(ctx, 'backup.list', {})).backups.map((b) => b.reason)).not.toContain('before-restore');
  });

  it('refuses a file that is not a database at all, and another program’s SQLite file', async () => {
    const text = path.join(tempDir(), '名单.sqlite');
    fs.writeFileSync(text, '序号,姓名\n1,张伟\n'.repeat(500));
    expect((await callError(ctx, 'backup.restore', { file: text })).code).toBe('BACKUP_FOREIGN');
    const other = path.join(tempDir(), 'other.sqlite');
    sqlite3(other, 'CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1);');
    const e = await callError(ctx, 'backup.restore', { file: other });
    expect(e.code).toBe('BACKUP_FOREIGN');
    expect(e.message).toContain('不是 CertDesk');
  });

  it('refuses a corrupt file', async () => {
    const { copy } = await spoilable();
    const fd = fs.openSync(copy, 'r+');
    // Scribble over pages in the middle of the file, as a failing disk would.
    fs.writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, 4096 * 3);
    fs.closeSync(fd);
    const e = await callError(ctx, 'backup.restore', { file: copy });
    expect(e.code).toBe('BACKUP_CORRUPT');
    expect(e.message).toContain('损坏');
  });

  it('refuses a file from a newer CertDesk', async () => {
    const { copy } = await spoilable();
    sqlite3(copy, `PRAGMA user_version = ${LATEST_VERSION + 1};`);
    const e = await callError(ctx, 'backup.restore', { file: copy });
    expect(e.code).toBe('BACKUP_TOO_NEW');
    expect(e.message).toContain('升级');
  });

  it('refuses a file whose audit trail was tampered with', async () => {
    const { copy } = await spoilable();
    sqlite3(copy, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET reason = '改过' WHERE seq = 2;");
    expect((await callError(ctx, 'backup.restore', { file: copy })).code).toBe('BACKUP_AUDIT_BROKEN');
  });

  it('says so when the file does not exist', async () => {
    expect((await callError(ctx, 'backup.restore', { file: path.join(tempDir(), 'gone.sqlite') })).code).toBe('BACKUP_NOT_FOUND');
  });

  it('lets only an administrator restore once accounts exist', async () => {
    const { good } = await spoilable();
    await call(ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
    await call({ ...ctx, operator: 'wangfang' }, 'operators.add', { login: 'lina', name: '李娜', role: 'clerk', password: 'clerk-pass-1' });
    expect((await callError({ ...ctx, operator: 'lina' }, 'backup.restore', { file: good })).code).toBe('ADMIN_REQUIRED');
  });
});

/** A process that writes a backup's partial copy under its own PID and is then killed, as by a power button or the task manager. */
async function killedMidBackup(dir: string): Promise<string[]> {
  const child = spawn(process.execPath, [
    '-e',
    `const fs = require('fs'), p = require('path');
     const base = p.join(${JSON.stringify(dir)}, 'certdesk-20240601-093000-manual.sqlite.partial-' + process.pid);
     fs.writeFileSync(base, Buffer.alloc(8192)); fs.writeFileSync(base + '-journal', 'x');
     console.log(process.pid); setInterval(() => {}, 1000);`,
  ]);
  const pid = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return [`certdesk-20240601-093000-manual.sqlite.partial-${pid}`, `certdesk-20240601-093000-manual.sqlite.partial-${pid}-journal`];
}

describe('the leftovers of a killed backup', () => {
  it('are removed when the backups are listed or a backup starts, once their process is gone or they are a day old', async () => {
    await scoredSession(ctx);
    const dir = backupsFolder(file);
    fs.mkdirSync(dir, { recursive: true });
    const killed = await killedMidBackup(dir);
    // One of this very process, just begun (several backups run at once): kept.
    const running = `certdesk-20240601-093001-daily.sqlite.partial-${process.pid}`;
    fs.writeFileSync(path.join(dir, running), 'in progress');
    // One whose PID now belongs to a living process, but written two days ago: removed.
    const reused = `certdesk-20240530-080000-import.sqlite.partial-${process.ppid}`;
    fs.writeFileSync(path.join(dir, reused), 'old');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    fs.utimesSync(path.join(dir, reused), twoDaysAgo, twoDaysAgo);
    // A killed restore's staging copy beside the database, and an officer's own file there that only looks alike.
    fs.writeFileSync(path.join(path.dirname(file), '.certdesk-restore-999999999-1717222222.sqlite'), 'staging');
    fs.writeFileSync(path.join(path.dirname(file), 'notes.partial-999999999'), 'mine');
    ctx.db.close();

    const listed = runCli(['backup', 'list', '--db', file, '--json']);
    expect(listed.status).toBe(0);
    const left = fs.readdirSync(dir);
    for (const name of [...killed, reused]) expect(left).not.toContain(name);
    expect(left).toContain(running);

    const restoredFrom = runCli(['backup', '--db', file, '--json']).json.file as string;
    expect(runCli(['restore', restoredFrom, '--db', file, '--json']).status).toBe(0);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('restore'))).toEqual([]);
    expect(fs.existsSync(path.join(path.dirname(file), 'notes.partial-999999999'))).toBe(true);
  });
});
