import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';
import { counted, seed, tallies } from './tallies.testkit';

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
