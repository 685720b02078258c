import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion, type DB } from '../../../db/database';

const add = (db: DB, id: number, idType: string, idNumber: string) =>
  db.prepare('INSERT INTO candidates (id, id_type, id_number, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, idType, idNumber, `考生${id}`, 't', 't');
const numbers = (db: DB) => db.prepare('SELECT id, id_number AS n FROM candidates ORDER BY id').all();

describe('migration 0009: old 15-digit 身份证 numbers in their 18-digit form', () => {
  it('rewrites each old number once, and leaves other documents and a person on file twice alone', () => {
    const { db, file } = createDB(8);
    add(db, 1, '居民身份证', '110105491231002'); // 1949-12-31 → 11010519491231002X
    add(db, 2, '居民身份证', '440106900101123');
    add(db, 3, '其他', '440106900101123'); // another document that happens to have 15 digits
    add(db, 4, '居民身份证', '320311770706001');
    migrate(db, file, undefined, 9);
    expect(schemaVersion(db)).toBe(9);
    const after = numbers(db) as { id: number; n: string }[];
    expect(after[0]!.n).toBe('11010519491231002X');
    expect(after[1]!.n).toBe('440106199001011235');
    expect(after[2]!.n).toBe('440106900101123');
    expect(after[3]!.n).toBe('320311197707060018');
  });

  it('keeps both rows of a person registered under both forms', () => {
    const { db, file } = createDB(8);
    add(db, 1, '居民身份证', '110105491231002');
    add(db, 2, '居民身份证', '11010519491231002X');
    migrate(db, file, undefined, 9);
    expect(numbers(db)).toEqual([
      { id: 1, n: '110105491231002' },
      { id: 2, n: '11010519491231002X' },
    ]);
  });
});
