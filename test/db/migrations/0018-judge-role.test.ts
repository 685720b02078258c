import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

describe('migration 0018: the 裁判 role', () => {
  it('keeps every account as it was and accepts judges afterwards', () => {
    const { db, file } = createDB(17);
    db.prepare("INSERT INTO operators (login, name, role, password_hash, disabled, created_at) VALUES ('wangfang', '王芳', 'admin', 'h1', 0, 't1'), ('lina', '李娜', 'clerk', 'h2', 1, 't2')").run();
    expect(() => db.prepare("INSERT INTO operators (login, name, role, password_hash, created_at) VALUES ('zhou', '周', 'judge', 'h', 't')").run()).toThrow(/CHECK/);
    migrate(db, file, undefined, 18);
    expect(schemaVersion(db)).toBe(18);
    expect(db.prepare('SELECT id, login, name, role, password_hash, disabled, created_at FROM operators ORDER BY id').all()).toEqual([
      { id: 1, login: 'wangfang', name: '王芳', role: 'admin', password_hash: 'h1', disabled: 0, created_at: 't1' },
      { id: 2, login: 'lina', name: '李娜', role: 'clerk', password_hash: 'h2', disabled: 1, created_at: 't2' },
    ]);
    db.prepare("INSERT INTO operators (login, name, role, password_hash, created_at) VALUES ('zhou', '周', 'judge', 'h', 't')").run();
    // Logins stay unique whatever their case.
    expect(() => db.prepare("INSERT INTO operators (login, name, role, password_hash, created_at) VALUES ('LiNa', 'x', 'clerk', 'h', 't')").run()).toThrow(/UNIQUE/);
  });
});
