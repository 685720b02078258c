import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../../test/helpers';
import { migrate, schemaVersion, type DB } from '../database';

function seed(db: DB): void {
  db.exec(`
    INSERT INTO employers (id, name, created_at) VALUES (1, '锦华物业服务有限公司', 't');
    INSERT INTO sessions (id, name, occupation_id, level, exam_date, created_at) VALUES (1, '2024年上半年物业管理师（三级）', 1, 3, '2024-05-01', 't');
  `);
  const addCandidate = db.prepare("INSERT INTO candidates (id, id_type, id_number, name, employer_id, created_at, updated_at) VALUES (?, '居民身份证', ?, ?, ?, 't', 't')");
  const enrol = db.prepare("INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, outcome, employer_id, created_at) VALUES (1, ?, ?, ?, ?, ?, 't')");
  const rows: [string, string, number | null][] = [['first', 'pass', 1], ['first', 'fail', 1], ['first', 'absent', null], ['retake', 'pass', 1], ['first', 'pending', null]];
  rows.forEach(([attempt, outcome, employer], i) => {
    addCandidate.run(i + 1, makeIdNumber('440106', '19900101', i + 1), `考生${i + 1}`, employer);
    enrol.run(i + 1, `2024000100${i + 1}`, attempt, outcome, employer);
  });
}

const tallies = (db: DB) => ({
  sessions: db.prepare('SELECT * FROM session_tallies ORDER BY 1, 2').all(),
  employers: db.prepare('SELECT * FROM employer_tallies ORDER BY 1, 2, 3').all(),
  totals: db.prepare('SELECT * FROM employer_totals ORDER BY 1, 2').all(),
});

/** What the tallies must always equal: the enrolments counted directly. */
const counted = (db: DB) => ({
  sessions: db.prepare("SELECT session_id, attempt, count(*) AS registered, sum(outcome = 'absent') AS absent, sum(outcome = 'pass') AS passed, sum(outcome = 'pending') AS pending FROM enrolments GROUP BY 1, 2 ORDER BY 1, 2").all(),
  employers: db.prepare("SELECT session_id, attempt, coalesce(employer_id, 0) AS employer_id, count(*) AS registered, sum(outcome = 'absent') AS absent, sum(outcome = 'pass') AS passed, sum(outcome = 'pending') AS pending FROM enrolments GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").all(),
  totals: db.prepare("SELECT coalesce(employer_id, 0) AS employer_id, attempt, count(*) AS registered, sum(outcome = 'absent') AS absent, sum(outcome = 'pass') AS passed, sum(outcome = 'pending') AS pending FROM enrolments GROUP BY 1, 2 ORDER BY 1, 2").all(),
});

describe('migration 0005: pass-rate tallies', () => {
  it('counts the enrolments already on file when a version-4 database is upgraded', () => {
    const { db, file } = createDB(4);
    seed(db);
    migrate(db, file, undefined, 5);
    expect(schemaVersion(db)).toBe(5);
    expect(tallies(db)).toEqual(counted(db));
    expect(db.prepare("SELECT registered, absent, passed, pending FROM session_tallies WHERE attempt = 'first'").get()).toEqual({ registered: 4, absent: 1, passed: 1, pending: 1 });
  });

  it('follows every enrolment written, re-decided, moved to another employer or withdrawn', () => {
    const { db } = createDB(5);
    seed(db);
    expect(tallies(db)).toEqual(counted(db));
    db.prepare("UPDATE enrolments SET outcome = 'pass' WHERE outcome = 'pending'").run();
    db.prepare('UPDATE enrolments SET employer_id = 1 WHERE employer_id IS NULL').run();
    db.prepare("UPDATE enrolments SET attempt = 'retake' WHERE outcome = 'fail'").run();
    expect(tallies(db)).toEqual(counted(db));
    db.prepare('DELETE FROM enrolments WHERE candidate_id IN (1, 4)').run();
    expect(tallies(db)).toEqual(counted(db));
  });

  it('drops a tally row once its last enrolment is gone, so no empty group is reported', () => {
    const { db } = createDB(5);
    seed(db);
    db.prepare('DELETE FROM enrolments').run();
    expect(tallies(db)).toEqual({ sessions: [], employers: [], totals: [] });
  });
});
