import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_VERSION, migrate, openDatabase, schemaVersion } from '../../db/database';
import { migrations } from '../../db/migrations/index';
import { tempDir } from '../helpers';

describe('the database file', () => {
  it('lists migrations in strictly increasing order, one per version', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(LATEST_VERSION).toBe(migrations.length);
  });

  it('creates a new file at the latest version with WAL, FULL sync, foreign keys and our application id', () => {
    const file = path.join(tempDir(), 'sub', 'folder', 'certdesk.sqlite');
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });

  it('opens an existing file again without changing it', () => {
    const file = path.join(tempDir(), 'certdesk.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database made by a newer CertDesk, and leaves it untouched', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/更新版本的 CertDesk/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    check.close();
  });

  it('refuses another application’s SQLite file instead of adding tables to it', () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_NOT_CERTDESK' }));
  });

  it('refuses a file that is not a database at all', () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    fs.writeFileSync(file, '这不是数据库文件，只是一段文字。'.repeat(200));
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_NOT_CERTDESK' }));
  });

  it('runs all pending migrations in one transaction: a failing step leaves the old version', () => {
    const file = path.join(tempDir(), 'half.sqlite');
    const db = openDatabase(file, { migrate: false });
    // A table that migration 1 wants to create makes it fail half way.
    db.exec('CREATE TABLE occupations (x)');
    expect(() => migrate(db, file)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'settings'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('the database layer', () => {
  it('imports nothing from the services above it (backup naming and the pre-migration backup live in services/backup)', () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) expect(fs.readFileSync(path.join(dir, name), 'utf8'), name).not.toMatch(/from '(\.\.\/)+(services|api|electron|cli)\//);
  });
});
