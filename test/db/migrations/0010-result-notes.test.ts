import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

/** One enrolment with a 违纪 and a scored part, at schema version 9. */
function version8WithResults() {
  const env = createDB(9);
  env.db.exec(`
    INSERT INTO sessions (id, name, occupation_id, level, exam_date, created_at) VALUES (1, '2024年电工（四级）', 1, 4, '2024-05-01', 't');
    INSERT INTO candidates (id, id_type, id_number, name, created_at, updated_at) VALUES (1, '居民身份证', '${makeIdNumber('440106', '19900101', 1)}', '张伟', 't', 't');
    INSERT INTO enrolments (id, session_id, candidate_id, admission_number, attempt, outcome, created_at) VALUES (1, 1, 1, '2024000101', 'first', 'fail', 't');
    INSERT INTO part_results (enrolment_id, part, status, score_tenths, updated_at) VALUES (1, 'theory', 'scored', 850, 't'), (1, 'skill', 'misconduct', NULL, 't');
  `);
  return env;
}

describe('migration 0010: a note on a 违纪', () => {
  it('upgrades a version-9 database keeping every result, each without a note', () => {
    const { db, file } = version8WithResults();
    migrate(db, file, undefined, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT part, status, score_tenths, note FROM part_results ORDER BY part').all()).toEqual([
      { part: 'skill', status: 'misconduct', score_tenths: null, note: null },
      { part: 'theory', status: 'scored', score_tenths: 850, note: null },
    ]);
  });

  it('takes a short note on a 违纪 only', () => {
    const { db, file } = version8WithResults();
    migrate(db, file, undefined, 10);
    db.prepare("UPDATE part_results SET note = '夹带小抄' WHERE part = 'skill'").run();
    expect(db.prepare("SELECT note FROM part_results WHERE part = 'skill'").get()).toEqual({ note: '夹带小抄' });
    expect(() => db.prepare("UPDATE part_results SET note = '迟到' WHERE part = 'theory'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE part_results SET note = '' WHERE part = 'skill'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE part_results SET note = ? WHERE part = 'skill'").run('很'.repeat(201))).toThrow(/CHECK/);
    // A 违纪 with a note cannot become a score that keeps it: the note goes with the 违纪.
    expect(() => db.prepare("UPDATE part_results SET status = 'scored', score_tenths = 600 WHERE part = 'skill'").run()).toThrow(/CHECK/);
  });
});
