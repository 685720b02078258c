// Schema version 14: what the provincial platform asks of an upload, and what became of each one
// (docs/exchange.md). A person gains 民族, 通讯地址 and 考生来源; an enrolment may carry the
// officer's 认定分类 (初次/晋级) where the one worked out from the person's certificates is wrong
// (NULL: worked out). Export profiles (交换格式) the officer makes are kept as JSON the exchange
// service reads; the built-in ones live in code. Each upload is a 上报批次 with the 批次号 the
// platform gave, the file's SHA-256, and one row per person it held, on which the platform's
// return file (审核结果, 证书编号, 发证日期) is reconciled.
import type { DB } from '../database';

export const version = 14;

export function up(db: DB): void {
  db.exec(`
    ALTER TABLE candidates ADD COLUMN ethnicity TEXT;  -- 民族, by name (汉族)
    ALTER TABLE candidates ADD COLUMN address TEXT;    -- 通讯地址
    ALTER TABLE candidates ADD COLUMN origin TEXT;     -- 考生来源 (企业职工, 院校学生, 社会人员 …)
    ALTER TABLE enrolments ADD COLUMN recognition TEXT CHECK (recognition IN ('initial', 'promotion'));  -- 认定分类 set by hand

    -- 交换格式 made by the officer (from the platform's template workbook, or by hand).
    CREATE TABLE exchange_profiles (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      definition TEXT NOT NULL,              -- JSON: columns, header row, code lists, date format
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    -- 上报批次: one upload file as exported.
    CREATE TABLE upload_batches (
      id           INTEGER PRIMARY KEY,
      batch_number TEXT NOT NULL,            -- 批次号, as the platform gave it
      profile_name TEXT NOT NULL,
      profile      TEXT NOT NULL,            -- JSON of the profile as it was used
      scope        TEXT NOT NULL,            -- JSON: session or period
      file_name    TEXT NOT NULL,
      sha256       TEXT NOT NULL,
      corrects_id  INTEGER REFERENCES upload_batches(id), -- a re-export of another batch's refused rows
      operator     TEXT NOT NULL,
      exported_at  TEXT NOT NULL,
      returned_at  TEXT                      -- when the platform's return file was last reconciled
    ) STRICT;
    CREATE INDEX upload_batches_number ON upload_batches(batch_number);

    CREATE TABLE upload_batch_rows (
      batch_id           INTEGER NOT NULL REFERENCES upload_batches(id),
      row                INTEGER NOT NULL,   -- the row in the file
      candidate_id       INTEGER NOT NULL REFERENCES candidates(id),
      enrolment_id       INTEGER REFERENCES enrolments(id),
      certificate_number TEXT,               -- ours, when the row carried one
      marked             TEXT,               -- why the row was exported marked as not ready
      status             TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'refused')),
      reason             TEXT,               -- the platform's 审核意见 on a refused row
      returned_number    TEXT,               -- 证书编号 in the return file
      returned_date      TEXT,               -- 发证日期 in the return file
      PRIMARY KEY (batch_id, row)
    ) STRICT;
    CREATE INDEX upload_batch_rows_candidate ON upload_batch_rows(candidate_id);
  `);
}
