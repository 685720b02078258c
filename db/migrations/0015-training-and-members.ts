// Schema version 15: training classes (培训班) and member enterprises (会员单位), docs/training.md
// and docs/members.md. A class has its lessons (课次), trainees and attendance; its completion is
// computed from them by services/training and frozen on each trainee at 结业 (finalize), when the
// class locks as a session does. A member is an employer with a membership term and category; a
// renamed or mistyped employer is merged into the member by an alias, never by rewriting the
// employer an enrolment recorded, so every earlier figure stays as it was counted.
import type { DB } from '../database';

export const version = 15;

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE training_classes (
      id                     INTEGER PRIMARY KEY,
      name                   TEXT NOT NULL,
      occupation_id          INTEGER REFERENCES occupations(id), -- the occupation × level it prepares for, if any
      level                  INTEGER CHECK (level BETWEEN 1 AND 5),
      start_date             TEXT NOT NULL,
      end_date               TEXT NOT NULL,   -- also the 结业 date a completion counts from
      place                  TEXT,
      online                 INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
      teachers               TEXT,
      organiser              TEXT,            -- 培训机构, printed on the 培训合格证明
      planned_hours_tenths   INTEGER CHECK (planned_hours_tenths >= 0), -- 计划学时, in tenths
      -- Completion rule: either or both of a minimum attendance share and a minimum of 学时,
      -- plus an optional 结业考核 pass mark (tenths, like part scores).
      min_attendance_percent INTEGER CHECK (min_attendance_percent BETWEEN 0 AND 100),
      min_hours_tenths       INTEGER CHECK (min_hours_tenths >= 0),
      exam_pass_tenths       INTEGER CHECK (exam_pass_tenths BETWEEN 0 AND 1000),
      status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finalized')),
      finalized_at           TEXT,
      created_at             TEXT NOT NULL,
      CHECK ((occupation_id IS NULL) = (level IS NULL)),
      CHECK (end_date >= start_date)
    ) STRICT;
    CREATE INDEX training_classes_end ON training_classes(end_date);

    -- 课次
    CREATE TABLE training_lessons (
      id           INTEGER PRIMARY KEY,
      class_id     INTEGER NOT NULL REFERENCES training_classes(id),
      date         TEXT NOT NULL,
      hours_tenths INTEGER NOT NULL CHECK (hours_tenths > 0),
      teacher      TEXT,
      topic        TEXT,
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX training_lessons_class ON training_lessons(class_id, date);

    -- 学员. employer_id is the employer at enrolment, as enrolments keep it. The last four columns
    -- are written at 结业 and never after: what the certificate and the statistics read.
    CREATE TABLE training_trainees (
      class_id            INTEGER NOT NULL REFERENCES training_classes(id),
      candidate_id        INTEGER NOT NULL REFERENCES candidates(id),
      employer_id         INTEGER REFERENCES employers(id),
      exam_score_tenths   INTEGER CHECK (exam_score_tenths BETWEEN 0 AND 1000), -- 结业考核
      created_at          TEXT NOT NULL,
      hours_tenths        INTEGER,
      attendance_permille INTEGER,
      completed           INTEGER CHECK (completed IN (0, 1)),
      certificate_number  TEXT UNIQUE,    -- 培训合格证明 serial, given when first printed
      PRIMARY KEY (class_id, candidate_id)
    ) STRICT;
    CREATE INDEX training_trainees_candidate ON training_trainees(candidate_id);
    CREATE INDEX training_trainees_employer ON training_trainees(employer_id);

    -- One lesson × trainee: a status keyed or read from a sign-in sheet, or the 学时 an online
    -- platform's export credits (minutes kept as exported).
    CREATE TABLE training_attendance (
      lesson_id    INTEGER NOT NULL REFERENCES training_lessons(id),
      candidate_id INTEGER NOT NULL REFERENCES candidates(id),
      status       TEXT CHECK (status IN ('present', 'absent', 'late', 'leave')),
      minutes      INTEGER CHECK (minutes >= 0),
      hours_tenths INTEGER CHECK (hours_tenths >= 0),
      updated_at   TEXT NOT NULL,
      PRIMARY KEY (lesson_id, candidate_id),
      CHECK ((status IS NULL) <> (hours_tenths IS NULL))
    ) STRICT, WITHOUT ROWID;

    -- 会员单位: one row per membership term of an employer (joined, left, rejoined later).
    CREATE TABLE members (
      id          INTEGER PRIMARY KEY,
      employer_id INTEGER NOT NULL REFERENCES employers(id),
      category    TEXT NOT NULL CHECK (category IN ('会长单位', '副会长单位', '常务理事单位', '理事单位', '会员单位')),
      joined_on   TEXT NOT NULL,
      left_on     TEXT,
      contact     TEXT,
      phone       TEXT,
      created_at  TEXT NOT NULL,
      CHECK (left_on IS NULL OR left_on >= joined_on)
    ) STRICT;
    CREATE INDEX members_employer ON members(employer_id, joined_on);

    -- 更名 or a second spelling: the employer row under its old name stays (enrolments point to it),
    -- and counts as the one it was merged into.
    CREATE TABLE employer_aliases (
      employer_id INTEGER PRIMARY KEY REFERENCES employers(id),
      into_id     INTEGER NOT NULL REFERENCES employers(id),
      merged_at   TEXT NOT NULL,
      CHECK (employer_id <> into_id)
    ) STRICT;
    CREATE INDEX employer_aliases_into ON employer_aliases(into_id);

    -- Demo loads now also fill training classes and members.
    CREATE TABLE demo_rows_new (
      entity   TEXT NOT NULL CHECK (entity IN ('employer', 'candidate', 'session', 'certificate', 'training_class', 'member')),
      first_id INTEGER NOT NULL,
      last_id  INTEGER NOT NULL,
      size     TEXT NOT NULL CHECK (size IN ('small', 'large')),
      loaded_at TEXT NOT NULL,
      PRIMARY KEY (entity)
    ) STRICT;
    INSERT INTO demo_rows_new SELECT entity, first_id, last_id, size, loaded_at FROM demo_rows;
    DROP TABLE demo_rows;
    ALTER TABLE demo_rows_new RENAME TO demo_rows;
  `);
}
