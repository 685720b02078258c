import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

describe('migration 0014: the fields the provincial platform asks for, export profiles and the 上报批次 ledger', () => {
  it('keeps every candidate and enrolment, with no 民族, 通讯地址, 考生来源 or hand-set 认定分类 yet', () => {
    const { db, file } = createDB(13);
    db.prepare("INSERT INTO candidates (id_type, id_number, name, education, created_at, updated_at) VALUES ('居民身份证', ?, '张伟', '本科', 't', 't')").run(makeIdNumber('440106', '19900101', 1));
    migrate(db, file, undefined, 14);
    expect(schemaVersion(db)).toBe(14);
    expect(db.prepare('SELECT name, education, ethnicity, address, origin FROM candidates').all()).toEqual([{ name: '张伟', education: '本科', ethnicity: null, address: null, origin: null }]);
    expect(db.prepare("SELECT count(*) AS n FROM pragma_table_info('enrolments') WHERE name = 'recognition'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM exchange_profiles').get()).toEqual({ n: 0 });
  });

  it('takes only 初次 or 晋级 as a hand-set 认定分类', () => {
    const { db, file } = createDB(13);
    migrate(db, file, undefined, 14);
    db.exec("INSERT INTO candidates (id, id_type, id_number, name, created_at, updated_at) VALUES (1, '护照', 'E1', '甲', 't', 't')");
    db.exec("INSERT INTO sessions (id, name, occupation_id, level, exam_date, created_at) VALUES (1, 's', 1, 4, '2024-06-01', 't')");
    db.exec("INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, recognition, created_at) VALUES (1, 1, 'A1', 'first', 'promotion', 't')");
    expect(() => db.exec("UPDATE enrolments SET recognition = '晋级'")).toThrow(/CHECK/);
  });
});
