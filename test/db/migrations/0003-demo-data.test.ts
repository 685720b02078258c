import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

describe('migration 0003: the record of demo data', () => {
  it('upgrades a version-2 database that already holds data, keeping it', () => {
    const { db, file } = createDB(2);
    db.prepare("INSERT INTO employers (name, created_at) VALUES ('某某物业服务有限公司', 't')").run();
    migrate(db, file, undefined, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT name FROM employers').all()).toEqual([{ name: '某某物业服务有限公司' }]);
    expect(db.prepare('SELECT count(*) AS n FROM demo_rows').get()).toEqual({ n: 0 });
  });

  it('keeps one id range per table and refuses tables demo data never fills', () => {
    const { db } = createDB(3);
    db.prepare("INSERT INTO demo_rows VALUES ('candidate', 1, 40, 'small', 't')").run();
    expect(() => db.prepare("INSERT INTO demo_rows VALUES ('candidate', 41, 50, 'small', 't')").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO demo_rows VALUES ('audit_log', 1, 2, 'small', 't')").run()).toThrow(/CHECK/);
  });
});
