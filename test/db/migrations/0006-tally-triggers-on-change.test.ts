import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';
import { counted, seed, tallies } from './tallies.testkit';

describe('migration 0006: tally triggers fire only on a real change', () => {
  it('keeps the tallies of a version-5 database and goes on counting after the upgrade', () => {
    const { db, file } = createDB(5);
    seed(db);
    migrate(db, file, undefined, 6);
    expect(schemaVersion(db)).toBe(6);
    db.prepare("UPDATE enrolments SET outcome = 'fail' WHERE outcome = 'pending'").run();
    expect(tallies(db)).toEqual(counted(db));
  });

  it('follows a re-decided outcome, a move to another employer or attempt, both at once, and a rewrite to the same value', () => {
    const { db } = createDB(6);
    seed(db);
    db.prepare("UPDATE enrolments SET outcome = outcome").run();
    expect(tallies(db)).toEqual(counted(db));
    db.prepare("UPDATE enrolments SET outcome = 'pass' WHERE outcome = 'pending'").run();
    expect(tallies(db)).toEqual(counted(db));
    db.prepare('UPDATE enrolments SET employer_id = 1 WHERE employer_id IS NULL').run();
    expect(tallies(db)).toEqual(counted(db));
    db.prepare("UPDATE enrolments SET attempt = 'retake', outcome = 'absent' WHERE outcome = 'fail'").run();
    expect(tallies(db)).toEqual(counted(db));
    db.prepare('UPDATE enrolments SET employer_id = NULL, outcome = \'pass\' WHERE candidate_id = 2').run();
    expect(tallies(db)).toEqual(counted(db));
    db.prepare('DELETE FROM enrolments WHERE candidate_id IN (1, 4)').run();
    expect(tallies(db)).toEqual(counted(db));
  });

  it('has one trigger per kind of change and none left from version 5', () => {
    const { db } = createDB(6);
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'enrolments' ORDER BY name").all();
    expect(triggers).toEqual([{ name: 'enrolments_tally_delete' }, { name: 'enrolments_tally_insert' }, { name: 'enrolments_tally_move' }, { name: 'enrolments_tally_outcome' }]);
  });
});
