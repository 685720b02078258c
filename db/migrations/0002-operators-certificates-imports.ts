// Schema version 2: operator accounts, certificate number allocation and signing keys,
// and remembered column mappings for spreadsheet imports.
import type { DB } from '../database';

export const version = 2;

export function up(db: DB): void {
  db.exec(`
    -- 操作员: 录入员 (clerk) or 管理员 (admin); passwords as scrypt hashes.
    CREATE TABLE operators (
      id            INTEGER PRIMARY KEY,
      login         TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name          TEXT NOT NULL,
      role          TEXT NOT NULL CHECK (role IN ('clerk', 'admin')),
      password_hash TEXT NOT NULL,
      disabled      INTEGER NOT NULL DEFAULT 0,
      created_at    TEXT NOT NULL
    ) STRICT;

    -- The last serial given out per scope (e.g. '2024' or '2024-3'); numbers are allocated in the
    -- same transaction that issues the certificate, so none is ever duplicated or reused.
    CREATE TABLE certificate_serials (
      scope TEXT PRIMARY KEY,
      last  INTEGER NOT NULL
    ) STRICT;

    -- Ed25519 key pair of this installation, for the signed payload in the certificate QR code.
    CREATE TABLE signing_keys (
      id          INTEGER PRIMARY KEY,
      public_key  TEXT NOT NULL,  -- SPKI, PEM
      private_key TEXT NOT NULL,  -- PKCS#8, PEM
      created_at  TEXT NOT NULL,
      active      INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    -- A column mapping the officer made by hand, remembered for the next file of the same shape.
    CREATE TABLE import_mappings (
      kind       TEXT NOT NULL,      -- roster | scores | certificates
      signature  TEXT NOT NULL,      -- the normalised header row
      mapping    TEXT NOT NULL,      -- JSON: column letter → field
      updated_at TEXT NOT NULL,
      PRIMARY KEY (kind, signature)
    ) STRICT;
  `);
}
