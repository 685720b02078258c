// Schema version 18: 裁判 (judge) joins 录入员 and 管理员 as an operator role. A judge logs in at a
// competition (on the LAN server, docs/lan.md) and may enter only the marks of the events they
// are assigned to (competition_event_judges). SQLite cannot widen a CHECK in place, so the table
// is rebuilt with the same rows; nothing references it by key.
import type { DB } from '../database';

export const version = 18;

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE operators_new (
      id            INTEGER PRIMARY KEY,
      login         TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name          TEXT NOT NULL,
      role          TEXT NOT NULL CHECK (role IN ('clerk', 'admin', 'judge')),
      password_hash TEXT NOT NULL,
      disabled      INTEGER NOT NULL DEFAULT 0,
      created_at    TEXT NOT NULL
    ) STRICT;
    INSERT INTO operators_new (id, login, name, role, password_hash, disabled, created_at)
      SELECT id, login, name, role, password_hash, disabled, created_at FROM operators;
    DROP TABLE operators;
    ALTER TABLE operators_new RENAME TO operators;
  `);
}
