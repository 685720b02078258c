// Bulk writes (an import of 100,000 rows) set aside the triggers that keep the name-character
// index (db/migrations/0007) and the pass-rate tallies (0005, 0006) current row by row, and bring
// both up to date at the end in a few set-based statements: the same rows the triggers would have
// written. Row by row they cost 2.9 s of a 100,000-row roster import (target: under 8 s, docs/performance.md); a
// trigger merely switched off by a WHEN condition still costs half of that, as SQLite starts its
// program for every row. So the triggers are dropped and recreated from their own SQL inside the
// bulk write's transaction: no other connection ever sees them missing, and a failure or a crash
// rolls the drop back with the rest.
import { inTransaction, type Ctx } from './context';

/**
 * The triggers a bulk write sets aside, found in the schema by what they keep rather than by name,
 * so a migration that adds another tally trigger has it set aside too: every trigger on enrolments
 * that writes the session tallies, and the one that indexes a new candidate's name characters
 * (catchUp rebuilds exactly these two things; a trigger on a changed name stays live).
 */
export function upkeepTriggers(ctx: Ctx): { name: string; sql: string }[] {
  return ctx.db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (
         (tbl_name = 'enrolments' AND sql LIKE '%session_tallies%')
         OR (tbl_name = 'candidates' AND sql LIKE '%AFTER INSERT ON candidates%' AND sql LIKE '%candidate_name_chars%'))
       ORDER BY name`,
    )
    .all() as { name: string; sql: string }[];
}

/**
 * Runs `write` without the upkeep triggers, then rebuilds what they keep: the name characters of
 * every candidate added meanwhile, and the tallies of `sessionIds`, which must name every session
 * whose enrolments `write` adds, changes or removes.
 */
export function withUpkeepDeferred<T>(ctx: Ctx, sessionIds: readonly number[], write: () => T): T {
  return inTransaction(ctx.db, () => {
    const upkeep = deferUpkeep(ctx);
    const result = write();
    upkeep.catchUp(sessionIds);
    return result;
  });
}

/**
 * withUpkeepDeferred in two steps, for a transaction that stays open while a file is still being
 * read (a large roster): the triggers are dropped now, and catchUp rebuilds what they keep and
 * recreates them, before the caller commits.
 */
export function deferUpkeep(ctx: Ctx): { catchUp(sessionIds: readonly number[]): void } {
  const db = ctx.db;
  if (!db.inTransaction) throw new Error('deferUpkeep: call it inside the transaction of the bulk write');
  const triggers = upkeepTriggers(ctx);
  // None found: an outer bulk write has them set aside already (calls do not nest).
  if (triggers.length === 0) throw new Error('deferUpkeep: the upkeep triggers are already set aside (calls do not nest)');
  const firstNew = (db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM candidates').get() as { id: number }).id;
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  return {
    catchUp(sessionIds) {
      for (const t of triggers) db.exec(t.sql);
      db.prepare(
        `INSERT OR IGNORE INTO candidate_name_chars (ch, candidate_id)
         SELECT substr(c.name, p.i, 1), c.id FROM candidates c JOIN name_positions p ON p.i <= length(c.name) WHERE c.id >= ?`,
      ).run(firstNew);
      for (const sessionId of new Set(sessionIds)) recountSession(ctx, sessionId);
    },
  };
}

const COUNTS = "count(*), sum(outcome = 'absent'), sum(outcome = 'pass'), sum(outcome = 'pending')";

/**
 * Counts one session's enrolments afresh into session_tallies and employer_tallies, and moves
 * employer_totals (which spans sessions) by the difference between the session's old and new counts.
 */
function recountSession(ctx: Ctx, sessionId: number): void {
  const run = (sql: string) => ctx.db.prepare(sql).run(sessionId);
  const byEmployer = (sign: '+' | '-') =>
    run(`INSERT INTO employer_totals (employer_id, attempt, registered, absent, passed, pending)
         SELECT employer_id, attempt, ${sign}sum(registered), ${sign}sum(absent), ${sign}sum(passed), ${sign}sum(pending)
         FROM employer_tallies WHERE session_id = ? GROUP BY employer_id, attempt
         ON CONFLICT (employer_id, attempt) DO UPDATE SET registered = registered + excluded.registered, absent = absent + excluded.absent,
           passed = passed + excluded.passed, pending = pending + excluded.pending`);
  byEmployer('-');
  run('DELETE FROM session_tallies WHERE session_id = ?');
  run('DELETE FROM employer_tallies WHERE session_id = ?');
  run(`INSERT INTO session_tallies (session_id, attempt, registered, absent, passed, pending)
       SELECT session_id, attempt, ${COUNTS} FROM enrolments WHERE session_id = ? GROUP BY attempt`);
  run(`INSERT INTO employer_tallies (session_id, attempt, employer_id, registered, absent, passed, pending)
       SELECT session_id, attempt, coalesce(employer_id, 0), ${COUNTS} FROM enrolments WHERE session_id = ? GROUP BY attempt, coalesce(employer_id, 0)`);
  byEmployer('+');
  ctx.db.prepare('DELETE FROM employer_totals WHERE registered = 0').run();
}
