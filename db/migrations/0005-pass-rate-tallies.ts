// Schema version 5: pass-rate tallies kept current by triggers, so a breakdown over ten years
// (470,000 enrolments) reads a few thousand rows instead of scanning every enrolment
// (targets: breakdowns under 100 ms, the home page under 1 s on 1,000,000 part results).
import type { DB } from '../database';

export const version = 5;

const COUNTS = `registered INTEGER NOT NULL, absent INTEGER NOT NULL, passed INTEGER NOT NULL, pending INTEGER NOT NULL`;

/** Each tally: its table, its key columns, and how an enrolment row (NEW/OLD) maps to them. */
const TALLIES = [
  // Every grouping but employer: session attributes and attempt.
  { table: 'session_tallies', keys: ['session_id', 'attempt'], of: (r: string) => [`${r}.session_id`, `${r}.attempt`] },
  // Employer with any session filter (period, occupation, level…); employer 0 = none filled in.
  { table: 'employer_tallies', keys: ['session_id', 'attempt', 'employer_id'], of: (r: string) => [`${r}.session_id`, `${r}.attempt`, `coalesce(${r}.employer_id, 0)`] },
  // Employer over all sessions, the home page's view.
  { table: 'employer_totals', keys: ['employer_id', 'attempt'], of: (r: string) => [`coalesce(${r}.employer_id, 0)`, `${r}.attempt`] },
] as const;

function add(t: (typeof TALLIES)[number], row: 'NEW'): string {
  return `INSERT INTO ${t.table} (${t.keys.join(', ')}, registered, absent, passed, pending)
      VALUES (${t.of(row).join(', ')}, 1, ${row}.outcome = 'absent', ${row}.outcome = 'pass', ${row}.outcome = 'pending')
      ON CONFLICT (${t.keys.join(', ')}) DO UPDATE SET registered = registered + 1, absent = absent + excluded.absent,
        passed = passed + excluded.passed, pending = pending + excluded.pending;`;
}

function subtract(t: (typeof TALLIES)[number], row: 'OLD'): string {
  const where = t.keys.map((k, i) => `${k} = ${t.of(row)[i]}`).join(' AND ');
  return `UPDATE ${t.table} SET registered = registered - 1, absent = absent - (${row}.outcome = 'absent'),
        passed = passed - (${row}.outcome = 'pass'), pending = pending - (${row}.outcome = 'pending') WHERE ${where};
      DELETE FROM ${t.table} WHERE ${where} AND registered = 0;`;
}

export function up(db: DB): void {
  for (const t of TALLIES) {
    db.exec(`CREATE TABLE ${t.table} (${t.keys.map((k) => `${k} ${k === 'attempt' ? 'TEXT' : 'INTEGER'} NOT NULL`).join(', ')}, ${COUNTS},
      PRIMARY KEY (${t.keys.join(', ')})) STRICT, WITHOUT ROWID;`);
    const keyExprs = t.of('e').join(', ');
    db.exec(`INSERT INTO ${t.table} (${t.keys.join(', ')}, registered, absent, passed, pending)
      SELECT ${keyExprs}, count(*), sum(e.outcome = 'absent'), sum(e.outcome = 'pass'), sum(e.outcome = 'pending') FROM enrolments e GROUP BY ${keyExprs};`);
  }
  db.exec(`
    CREATE TRIGGER enrolments_tally_insert AFTER INSERT ON enrolments BEGIN
      ${TALLIES.map((t) => add(t, 'NEW')).join('\n      ')}
    END;
    CREATE TRIGGER enrolments_tally_delete AFTER DELETE ON enrolments BEGIN
      ${TALLIES.map((t) => subtract(t, 'OLD')).join('\n      ')}
    END;
    CREATE TRIGGER enrolments_tally_update AFTER UPDATE OF session_id, attempt, employer_id, outcome ON enrolments BEGIN
      ${TALLIES.map((t) => subtract(t, 'OLD')).join('\n      ')}
      ${TALLIES.map((t) => add(t, 'NEW')).join('\n      ')}
    END;
  `);
}
