import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

describe('migration 0015: training classes and member enterprises', () => {
  it('keeps employers, candidates and the demo ranges, and adds no member or class by itself', () => {
    const { db, file } = createDB(14);
    db.prepare("INSERT INTO employers (id, name, is_member, created_at) VALUES (1, '广州市物业服务有限公司', 1, 't')").run();
    db.prepare("INSERT INTO candidates (id_type, id_number, name, employer_id, created_at, updated_at) VALUES ('居民身份证', ?, '张伟', 1, 't', 't')").run(makeIdNumber('440106', '19900101', 1));
    db.prepare("INSERT INTO demo_rows (entity, first_id, last_id, size, loaded_at) VALUES ('candidate', 1, 40, 'small', 't')").run();
    migrate(db, file, undefined, 15);
    expect(schemaVersion(db)).toBe(15);
    expect(db.prepare('SELECT name, is_member FROM employers').all()).toEqual([{ name: '广州市物业服务有限公司', is_member: 1 }]);
    expect(db.prepare('SELECT entity, first_id, last_id, size FROM demo_rows').all()).toEqual([{ entity: 'candidate', first_id: 1, last_id: 40, size: 'small' }]);
    expect(db.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM training_classes').get()).toEqual({ n: 0 });
  });

  it('refuses an attendance row that is both a status and 学时, or neither', () => {
    const { db } = createDB();
    db.prepare("INSERT INTO training_classes (id, name, start_date, end_date, created_at) VALUES (1, '消防安全培训', '2026-03-01', '2026-03-02', 't')").run();
    db.prepare("INSERT INTO training_lessons (id, class_id, date, hours_tenths, created_at) VALUES (1, 1, '2026-03-01', 40, 't')").run();
    db.prepare("INSERT INTO candidates (id, id_type, id_number, name, created_at, updated_at) VALUES (1, '居民身份证', ?, '张伟', 't', 't')").run(makeIdNumber('440106', '19900101', 1));
    const attend = db.prepare('INSERT INTO training_attendance (lesson_id, candidate_id, status, hours_tenths, updated_at) VALUES (1, 1, ?, ?, ?)');
    expect(() => attend.run('present', 40, 't')).toThrow(/CHECK/);
    expect(() => attend.run(null, null, 't')).toThrow(/CHECK/);
    attend.run('late', null, 't');
    expect(db.prepare('SELECT status FROM training_attendance').get()).toEqual({ status: 'late' });
  });

  it('takes a demo range of training classes and members', () => {
    const { db } = createDB();
    db.prepare("INSERT INTO demo_rows (entity, first_id, last_id, size, loaded_at) VALUES ('training_class', 1, 3, 'small', 't'), ('member', 1, 8, 'small', 't')").run();
    expect(() => db.prepare("INSERT INTO demo_rows (entity, first_id, last_id, size, loaded_at) VALUES ('nonsense', 1, 3, 'small', 't')").run()).toThrow(/CHECK/);
  });
});
