// Schema version 1: the evaluation body, employers, the occupation catalog, candidates,
// sessions, enrolments, part results, certificates and the audit log.
import type { DB } from '../database';
import { SEED_OCCUPATIONS } from './seed-occupations';

export const version = 1;

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- 工作单位
    CREATE TABLE employers (
      id         INTEGER PRIMARY KEY,
      name       TEXT NOT NULL UNIQUE,
      is_member  INTEGER NOT NULL DEFAULT 0, -- 会员单位
      created_at TEXT NOT NULL
    ) STRICT;

    -- 国家职业分类大典: a code belongs to an edition (2015 or 2022)
    CREATE TABLE occupations (
      id      INTEGER PRIMARY KEY,
      code    TEXT NOT NULL,
      edition TEXT NOT NULL,
      name    TEXT NOT NULL,
      UNIQUE (code, edition)
    ) STRICT;

    -- 工种 / 职业方向
    CREATE TABLE occupation_specialties (
      id            INTEGER PRIMARY KEY,
      occupation_id INTEGER NOT NULL REFERENCES occupations(id),
      name          TEXT NOT NULL,
      UNIQUE (occupation_id, name)
    ) STRICT;

    CREATE TABLE occupation_levels (
      occupation_id INTEGER NOT NULL REFERENCES occupations(id),
      level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
      eligibility   TEXT NOT NULL DEFAULT '', -- 申报条件, as the officer writes it
      PRIMARY KEY (occupation_id, level)
    ) STRICT;

    -- The parts a level requires, each with its own pass mark (in tenths: 600 = 60.0).
    CREATE TABLE level_parts (
      occupation_id    INTEGER NOT NULL,
      level            INTEGER NOT NULL,
      part             TEXT NOT NULL CHECK (part IN ('theory', 'skill', 'review', 'performance')),
      pass_mark_tenths INTEGER NOT NULL DEFAULT 600 CHECK (pass_mark_tenths BETWEEN 0 AND 1000),
      sort             INTEGER NOT NULL,
      PRIMARY KEY (occupation_id, level, part),
      FOREIGN KEY (occupation_id, level) REFERENCES occupation_levels(occupation_id, level)
    ) STRICT;

    CREATE TABLE candidates (
      id           INTEGER PRIMARY KEY,
      id_type      TEXT NOT NULL,
      id_number    TEXT NOT NULL,
      name         TEXT NOT NULL,
      gender       TEXT CHECK (gender IN ('男', '女')),
      birth_date   TEXT,
      phone        TEXT,
      education    TEXT,
      employer_id  INTEGER REFERENCES employers(id),
      photo        BLOB,
      name_initials TEXT NOT NULL DEFAULT '', -- pinyin initials, for search as you type (zw → 张伟)
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL,
      UNIQUE (id_type, id_number)
    ) STRICT;
    CREATE INDEX candidates_id_number ON candidates(id_number);
    CREATE INDEX candidates_name ON candidates(name);
    CREATE INDEX candidates_initials ON candidates(name_initials);
    CREATE INDEX candidates_employer ON candidates(employer_id);

    -- 认定批次
    CREATE TABLE sessions (
      id            INTEGER PRIMARY KEY,
      name          TEXT NOT NULL,
      occupation_id INTEGER NOT NULL REFERENCES occupations(id),
      specialty     TEXT,                 -- 工种; NULL prints as 「--」
      level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
      attempt       TEXT NOT NULL DEFAULT 'first' CHECK (attempt IN ('first', 'retake')), -- 正考 / 补考
      exam_date     TEXT NOT NULL,
      end_date      TEXT,
      venue         TEXT,
      status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('draft', 'open', 'finalized')),
      finalized_at  TEXT,
      created_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sessions_exam_date ON sessions(exam_date);

    CREATE TABLE enrolments (
      id               INTEGER PRIMARY KEY,
      session_id       INTEGER NOT NULL REFERENCES sessions(id),
      candidate_id     INTEGER NOT NULL REFERENCES candidates(id),
      admission_number TEXT NOT NULL,   -- 准考证号
      attempt          TEXT NOT NULL CHECK (attempt IN ('first', 'retake')),
      -- Maintained by the results service on every write, so pass rates are one indexed scan.
      outcome          TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pass', 'fail', 'absent', 'pending')),
      employer_id      INTEGER REFERENCES employers(id), -- the employer at the time of the session
      created_at       TEXT NOT NULL,
      UNIQUE (session_id, candidate_id),
      UNIQUE (session_id, admission_number)
    ) STRICT;
    CREATE INDEX enrolments_candidate ON enrolments(candidate_id);
    CREATE INDEX enrolments_session_outcome ON enrolments(session_id, outcome);

    CREATE TABLE part_results (
      enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
      part         TEXT NOT NULL CHECK (part IN ('theory', 'skill', 'review', 'performance')),
      status       TEXT NOT NULL CHECK (status IN ('scored', 'absent', 'misconduct')),
      score_tenths INTEGER CHECK (score_tenths BETWEEN 0 AND 1000),
      carried_from INTEGER REFERENCES enrolments(id), -- a part kept from an earlier pass (补考)
      updated_at   TEXT NOT NULL,
      PRIMARY KEY (enrolment_id, part),
      CHECK ((status = 'scored') = (score_tenths IS NOT NULL))
    ) STRICT, WITHOUT ROWID;

    -- 职业技能等级证书
    CREATE TABLE certificates (
      id           INTEGER PRIMARY KEY,
      number       TEXT NOT NULL UNIQUE,
      enrolment_id INTEGER REFERENCES enrolments(id),
      candidate_id INTEGER NOT NULL REFERENCES candidates(id),
      issue_date   TEXT NOT NULL,
      status       TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'void')),
      void_reason  TEXT,
      replaces_id  INTEGER REFERENCES certificates(id), -- 补发: the voided certificate this one replaces
      source       TEXT NOT NULL DEFAULT 'generated' CHECK (source IN ('generated', 'imported')),
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX certificates_candidate ON certificates(candidate_id);
    CREATE INDEX certificates_enrolment ON certificates(enrolment_id);

    -- Append-only, hash-chained (see services/audit).
    CREATE TABLE audit_log (
      seq         INTEGER PRIMARY KEY,
      at          TEXT NOT NULL,
      operator    TEXT NOT NULL,
      entity      TEXT NOT NULL,
      entity_id   TEXT NOT NULL,
      action      TEXT NOT NULL,
      old_value   TEXT,
      new_value   TEXT,
      reason      TEXT,
      app_version TEXT NOT NULL,
      prev_hash   TEXT NOT NULL,
      hash        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_entity ON audit_log(entity, entity_id);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);

  const insertOccupation = db.prepare('INSERT INTO occupations (code, edition, name) VALUES (?, ?, ?)');
  const insertSpecialty = db.prepare('INSERT INTO occupation_specialties (occupation_id, name) VALUES (?, ?)');
  const insertLevel = db.prepare('INSERT INTO occupation_levels (occupation_id, level) VALUES (?, ?)');
  const insertPart = db.prepare('INSERT INTO level_parts (occupation_id, level, part, sort) VALUES (?, ?, ?, ?)');
  for (const o of SEED_OCCUPATIONS) {
    const id = Number(insertOccupation.run(o.code, '2022', o.name).lastInsertRowid);
    for (const s of o.specialties ?? []) insertSpecialty.run(id, s);
    for (const level of o.levels ?? [5, 4, 3, 2, 1]) {
      insertLevel.run(id, level);
      // domain.md, Exam parts: every level has theory and skill; levels 2 and 1 add 综合评审.
      const parts = level <= 2 ? ['theory', 'skill', 'review'] : ['theory', 'skill'];
      parts.forEach((p, i) => insertPart.run(id, level, p, i));
    }
  }

  const insertSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries({
    'institution.name': '',
    'institution.type': 'S',
    'institution.code': '0000',
    'institution.province': '',
    'institution.site': '',
    'institution.address': '',
  })) insertSetting.run(k, v);
}
