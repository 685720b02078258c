import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../../helpers';
import { migrate, schemaVersion, type DB } from '../../../db/database';

const clauses = (db: DB) =>
  db.prepare('SELECT o.name, ec.level, ec.label, ec.conditions FROM eligibility_clauses ec JOIN occupations o ON o.id = ec.occupation_id ORDER BY ec.sort').all() as {
    name: string;
    level: number;
    label: string;
    conditions: string;
  }[];

describe('migration 0013: 申报条件 as data, and the history they are checked against', () => {
  it('keeps every candidate, with no history yet, and writes the clauses of 保安员 and 物业管理师', () => {
    const { db, file } = createDB(12);
    db.prepare("INSERT INTO candidates (id_type, id_number, name, education, created_at, updated_at) VALUES ('居民身份证', ?, '张伟', '本科', 't', 't')").run(makeIdNumber('440106', '19900101', 1));
    migrate(db, file, undefined, 13);
    expect(schemaVersion(db)).toBe(13);
    expect(db.prepare('SELECT name, education, work_start_date, graduation_date FROM candidates').all()).toEqual([{ name: '张伟', education: '本科', work_start_date: null, graduation_date: null }]);
    expect(clauses(db).map((c) => `${c.name}${c.level}${c.label}`)).toEqual([
      '保安员5（1）',
      '保安员5（2）',
      '保安员4（1）',
      '物业管理师2（1）',
      '物业管理师2（1）之二',
      '物业管理师2（2）',
      '物业管理师2（3）',
      '物业管理师2（4）',
    ]);
    expect(JSON.parse(clauses(db)[2]!.conditions)).toEqual([{ kind: 'certificate', level: 5, years: 4, related: [] }]);
  });

  it('writes no clause for a level the officer already took out', () => {
    const { db, file } = createDB(12);
    db.exec("DELETE FROM level_parts WHERE level = 4 AND occupation_id = (SELECT id FROM occupations WHERE name = '保安员')");
    db.exec("DELETE FROM occupation_levels WHERE level = 4 AND occupation_id = (SELECT id FROM occupations WHERE name = '保安员')");
    migrate(db, file, undefined, 13);
    expect(clauses(db).filter((c) => c.name === '保安员').map((c) => c.level)).toEqual([5, 5]);
  });
});
