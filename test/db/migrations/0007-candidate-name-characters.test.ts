import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../../helpers';
import { migrate, schemaVersion, type DB } from '../../../db/database';

const addCandidate = (db: DB, id: number, name: string) =>
  db.prepare("INSERT INTO candidates (id, id_type, id_number, name, created_at, updated_at) VALUES (?, '居民身份证', ?, ?, 't', 't')").run(id, makeIdNumber('440106', '19900101', id), name);

const chars = (db: DB) => db.prepare('SELECT ch, candidate_id AS id FROM candidate_name_chars ORDER BY candidate_id, ch').all();

describe('migration 0007: the characters of candidates\' names', () => {
  it('indexes the names already on file when a version-6 database is upgraded', () => {
    const { db, file } = createDB(6);
    addCandidate(db, 1, '李秀英');
    addCandidate(db, 2, '欧阳娜娜');
    migrate(db, file, undefined, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(chars(db)).toEqual([
      { ch: '李', id: 1 }, { ch: '秀', id: 1 }, { ch: '英', id: 1 },
      { ch: '娜', id: 2 }, { ch: '欧', id: 2 }, { ch: '阳', id: 2 },
    ].sort((a, b) => a.id - b.id || (a.ch < b.ch ? -1 : 1)));
  });

  it('follows a name added, corrected and deleted', () => {
    const { db } = createDB(7);
    addCandidate(db, 1, '张伟');
    db.prepare("UPDATE candidates SET name = '张玮' WHERE id = 1").run();
    expect(chars(db)).toEqual([{ ch: '张', id: 1 }, { ch: '玮', id: 1 }]);
    db.prepare('UPDATE candidates SET phone = ? WHERE id = 1').run('13800138000');
    expect(chars(db)).toEqual([{ ch: '张', id: 1 }, { ch: '玮', id: 1 }]);
    db.prepare('DELETE FROM candidates WHERE id = 1').run();
    expect(chars(db)).toEqual([]);
  });
});
