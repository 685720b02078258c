// withUpkeepDeferred (services/shared/upkeep.ts): after a bulk write without the upkeep triggers, the
// tallies and the name-character index must be exactly what the triggers would have made.
import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../helpers';
import { counted, tallies } from '../db/migrations/tallies.testkit';
import { upkeepTriggers, withUpkeepDeferred } from '../../services/shared/upkeep';
import type { DB } from '../../db/database';

function fixture() {
  const { db, ctx } = createDB();
  TRIGGERS = triggers(db);
  db.exec(`
    INSERT INTO employers (id, name, created_at) VALUES (1, '锦华物业', 't'), (2, '安居物业', 't');
    INSERT INTO sessions (id, name, occupation_id, level, exam_date, created_at) VALUES (1, '一批', 1, 3, '2024-05-01', 't'), (2, '二批', 1, 3, '2024-06-01', 't');
  `);
  let next = 1;
  const person = (name: string, employer: number | null) => {
    const id = next++;
    db.prepare("INSERT INTO candidates (id, id_type, id_number, name, employer_id, created_at, updated_at) VALUES (?, '居民身份证', ?, ?, ?, 't', 't')").run(id, makeIdNumber('440106', '19900101', id), name, employer);
    return id;
  };
  const enrol = (session: number, candidate: number, outcome: string, employer: number | null, attempt = 'first') =>
    db.prepare('INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, outcome, employer_id, created_at) VALUES (?, ?, ?, ?, ?, ?, \'t\')').run(session, candidate, `A${session}-${candidate}`, attempt, outcome, employer);
  // Session 2 and employer 1 already have counts that the bulk write in session 1 must not disturb.
  enrol(2, person('张伟', 1), 'pass', 1);
  enrol(2, person('李娜', 2), 'fail', 2);
  enrol(1, person('王芳', 1), 'pending', 1);
  return { db, ctx, person, enrol };
}

/** The characters every name should have, as the insert trigger writes them. */
const expectedChars = (db: DB) => db.prepare('SELECT DISTINCT substr(c.name, p.i, 1) AS ch, c.id FROM candidates c JOIN name_positions p ON p.i <= length(c.name) ORDER BY 2, 1').all();
const triggers = (db: DB) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
let TRIGGERS: unknown[] = [];
const chars = (db: DB) => db.prepare('SELECT ch, candidate_id AS id FROM candidate_name_chars ORDER BY 2, 1').all();

describe('a bulk write without the upkeep triggers', () => {
  it('sets aside exactly the triggers that keep the tallies and index new names, found in the schema', () => {
    const { ctx } = createDB();
    expect(upkeepTriggers(ctx).map((t) => t.name)).toEqual([
      'candidates_name_chars_insert',
      'enrolments_tally_delete',
      'enrolments_tally_insert',
      'enrolments_tally_move',
      'enrolments_tally_outcome',
    ]);
  });

  it('ends with the tallies counted afresh and every new name indexed, whatever happened to the session meanwhile', () => {
    const { db, ctx, person, enrol } = fixture();
    const result = withUpkeepDeferred(ctx, [1], () => {
      enrol(1, person('赵秀英', 1), 'pending', 1);
      enrol(1, person('欧阳娜娜', null), 'absent', null, 'retake');
      enrol(1, person('孙强', 2), 'pending', 2);
      db.prepare("UPDATE enrolments SET outcome = 'pass' WHERE session_id = 1 AND outcome = 'pending'").run();
      db.prepare('UPDATE enrolments SET employer_id = 2 WHERE session_id = 1 AND candidate_id = 4').run();
      db.prepare("UPDATE candidates SET name = '王芳芳' WHERE id = 3").run();
      db.prepare('DELETE FROM enrolments WHERE session_id = 1 AND candidate_id = 6').run();
      return 'landed';
    });
    expect(result).toBe('landed');
    expect(tallies(db)).toEqual(counted(db));
    expect(chars(db)).toEqual(expectedChars(db));
    expect(triggers(db)).toEqual(TRIGGERS);
    // The triggers are live again afterwards.
    enrol(1, person('周杰', 1), 'fail', 1);
    expect(tallies(db)).toEqual(counted(db));
    expect(chars(db)).toEqual(expectedChars(db));
  });

  it('rolls the removal of the triggers back with the write when the write fails, leaving every count as it was', () => {
    const { db, ctx, person, enrol } = fixture();
    const before = { tallies: tallies(db), chars: chars(db) };
    expect(() =>
      withUpkeepDeferred(ctx, [1], () => {
        enrol(1, person('赵秀英', 1), 'pending', 1);
        throw new Error('第 3 行有误');
      }),
    ).toThrow('第 3 行有误');
    expect({ tallies: tallies(db), chars: chars(db) }).toEqual(before);
    expect(triggers(db)).toEqual(TRIGGERS);
    enrol(1, person('周杰', 1), 'fail', 1);
    expect(tallies(db)).toEqual(counted(db));
  });
});
