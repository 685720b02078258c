// Schema version 10: a 违纪 result may carry a short note saying what happened (夹带、替考 …),
// shown beside the mark and in the score's history. Only a 违纪 has one, and it stays short: it is
// a note for the record, not a report.
import type { DB } from '../database';

export const version = 10;

export function up(db: DB): void {
  db.exec(`
    ALTER TABLE part_results ADD COLUMN note TEXT CHECK (note IS NULL OR (status = 'misconduct' AND length(note) BETWEEN 1 AND 200));
  `);
}
