import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

describe('migration 0002: operators, certificate serials, signing keys, import mappings', () => {
  it('upgrades a version-1 database that already holds data, keeping it', () => {
    const { db, file } = createDB(1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('institution.name', '某市物业管理协会') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    migrate(db, file, undefined, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'institution.name'").get()).toEqual({ value: '某市物业管理协会' });
    for (const t of ['operators', 'certificate_serials', 'signing_keys', 'import_mappings']) {
      expect(db.prepare('SELECT count(*) AS n FROM sqlite_master WHERE name = ?').get(t)).toEqual({ n: 1 });
    }
  });

  it('treats operator logins case-insensitively and allows only the two roles', () => {
    const { db } = createDB(2);
    db.prepare("INSERT INTO operators (login, name, role, password_hash, created_at) VALUES ('Wang', '王芳', 'admin', 'h', 't')").run();
    expect(() => db.prepare("INSERT INTO operators (login, name, role, password_hash, created_at) VALUES ('wang', '王五', 'clerk', 'h', 't')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO operators (login, name, role, password_hash, created_at) VALUES ('li', '李四', 'boss', 'h', 't')").run()).toThrow(/CHECK/);
  });
});
