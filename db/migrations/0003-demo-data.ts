// Schema version 3: where demo data is recorded, so it can be removed without touching real data.
import type { DB } from '../database';

export const version = 3;

export function up(db: DB): void {
  db.exec(`
    -- One row per table a demo load wrote to: the id range it filled. A load inserts its rows in
    -- one go, so each range holds demo rows only; real rows added later get larger ids.
    CREATE TABLE demo_rows (
      entity   TEXT NOT NULL CHECK (entity IN ('employer', 'candidate', 'session', 'certificate')),
      first_id INTEGER NOT NULL,
      last_id  INTEGER NOT NULL,
      size     TEXT NOT NULL CHECK (size IN ('small', 'large')),
      loaded_at TEXT NOT NULL,
      PRIMARY KEY (entity)
    ) STRICT;
  `);
}
