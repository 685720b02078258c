// Shared by the tests of migrations 0005 and 0006: a session with every kind of outcome, and the
// tallies beside the enrolments counted directly (which they must always equal).
import { makeIdNumber } from '../../helpers';
import type { DB } from '../../../db/database';

export function seed(db: DB): void {
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

export const tallies = (db: DB) => ({
  sessions: db.prepare('SELECT * FROM session_tallies ORDER BY 1, 2').all(),
  employers: db.prepare('SELECT * FROM employer_tallies ORDER BY 1, 2, 3').all(),
  totals: db.prepare('SELECT * FROM employer_totals ORDER BY 1, 2').all(),
});

/** What the tallies must always equal: the enrolments counted directly. */
export const counted = (db: DB) => ({
  sessions: db.prepare("SELECT session_id, attempt, count(*) AS registered, sum(outcome = 'absent') AS absent, sum(outcome = 'pass') AS passed, sum(outcome = 'pending') AS pending FROM enrolments GROUP BY 1, 2 ORDER BY 1, 2").all(),
  employers: db.prepare("SELECT session_id, attempt, coalesce(employer_id, 0) AS employer_id, count(*) AS registered, sum(outcome = 'absent') AS absent, sum(outcome = 'pass') AS passed, sum(outcome = 'pending') AS pending FROM enrolments GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").all(),
  totals: db.prepare("SELECT coalesce(employer_id, 0) AS employer_id, attempt, count(*) AS registered, sum(outcome = 'absent') AS absent, sum(outcome = 'pass') AS passed, sum(outcome = 'pending') AS pending FROM enrolments GROUP BY 1, 2 ORDER BY 1, 2").all(),
});
