// Schema version 16: skill competitions (职业技能竞赛, docs/competitions.md). A competition has
// entrants (a team of registered candidates, or one person), events with their judging rule, the
// judges' and timekeepers' marks, and, once final, its ranking and prizes frozen with the number
// of each 获奖证书. Every rule that decides a ranking (weights, judges dropped, team aggregation,
// tie-break order, prize rule) is data here; services/competitions/rules.ts reads it.
// 以赛代评: a promotion becomes an ordinary finalized session marked with its competition
// (sessions.competition_id), so its certificates take the normal numbering path.
// Scores are integers in hundredths (9.25 → 925): judges write two decimals at most, and the
// ranking is computed on exact fractions from these, never on floats.
import type { DB } from '../database';

export const version = 16;

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE competitions (
      id              INTEGER PRIMARY KEY,
      name            TEXT NOT NULL,
      held_on         TEXT NOT NULL,            -- YYYY-MM-DD (the first day)
      venue           TEXT,
      organiser       TEXT,                     -- 主办/承办单位
      kind            TEXT NOT NULL DEFAULT 'team' CHECK (kind IN ('team', 'individual')),
      occupation_id   INTEGER REFERENCES occupations(id),
      level           INTEGER CHECK (level BETWEEN 1 AND 5),
      status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'final')), -- 准备中 / 公示中 / 已定稿
      complaint_until TEXT,                     -- 申诉截止日期
      tiebreak        TEXT NOT NULL DEFAULT '[]', -- JSON array of event ids, earlier decides first
      prize_rule      TEXT,                     -- JSON, as services/competitions/rules.ts parses it
      team_rule       TEXT NOT NULL DEFAULT 'sum' CHECK (team_rule = 'sum' OR team_rule = 'mean' OR team_rule GLOB 'best:[1-9]*'),
      published_at    TEXT,
      finalized_at    TEXT,
      created_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX competitions_held_on ON competitions(held_on);

    CREATE TABLE competition_events (
      id              INTEGER PRIMARY KEY,
      competition_id  INTEGER NOT NULL REFERENCES competitions(id),
      name            TEXT NOT NULL,
      kind            TEXT NOT NULL DEFAULT 'judged' CHECK (kind IN ('judged', 'timed')),
      max_hundredths  INTEGER NOT NULL CHECK (max_hundredths > 0),
      weight_bp       INTEGER NOT NULL DEFAULT 10000 CHECK (weight_bp > 0), -- weight in ten-thousandths: 0.3 → 3000
      judges          INTEGER NOT NULL DEFAULT 1 CHECK (judges BETWEEN 1 AND 30), -- judges, or timekeepers of a timed event
      drop_high       INTEGER NOT NULL DEFAULT 0 CHECK (drop_high >= 0),
      drop_low        INTEGER NOT NULL DEFAULT 0 CHECK (drop_low >= 0),
      timed_points    TEXT NOT NULL DEFAULT 'rank' CHECK (timed_points IN ('rank', 'ratio')),
      sort            INTEGER NOT NULL,
      UNIQUE (competition_id, name),
      CHECK (drop_high + drop_low < judges)
    ) STRICT;

    -- Which operator judges which seat of an event (a 裁判 login), for the LAN server's judges.
    CREATE TABLE competition_event_judges (
      event_id        INTEGER NOT NULL REFERENCES competition_events(id),
      judge           INTEGER NOT NULL CHECK (judge >= 1),
      operator_login  TEXT NOT NULL,
      PRIMARY KEY (event_id, judge)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE competition_entrants (
      id              INTEGER PRIMARY KEY,
      competition_id  INTEGER NOT NULL REFERENCES competitions(id),
      name            TEXT NOT NULL,            -- the team (often its employer) or the person
      employer        TEXT,
      draw            TEXT,                     -- 工位号/抽签号, as drawn
      created_at      TEXT NOT NULL,
      UNIQUE (competition_id, name)
    ) STRICT;

    CREATE TABLE competition_members (
      entrant_id      INTEGER NOT NULL REFERENCES competition_entrants(id),
      candidate_id    INTEGER NOT NULL REFERENCES candidates(id),
      sort            INTEGER NOT NULL,
      PRIMARY KEY (entrant_id, candidate_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX competition_members_candidate ON competition_members(candidate_id);

    -- One mark: seat 1…N is a judge's score or a timekeeper's time (seconds), seat 0 the penalty
    -- seconds of a timed event. member_id is 0 for the entrant as a whole, else the candidate
    -- scored alone, whose marks the team rule aggregates.
    CREATE TABLE competition_scores (
      event_id        INTEGER NOT NULL REFERENCES competition_events(id),
      entrant_id      INTEGER NOT NULL REFERENCES competition_entrants(id),
      member_id       INTEGER NOT NULL DEFAULT 0,
      seat            INTEGER NOT NULL CHECK (seat >= 0),
      hundredths      INTEGER NOT NULL CHECK (hundredths >= 0),
      updated_at      TEXT NOT NULL,
      PRIMARY KEY (event_id, entrant_id, member_id, seat)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX competition_scores_entrant ON competition_scores(entrant_id);

    -- The ranking and prizes as finalized (定稿), with the number printed on each 获奖证书.
    CREATE TABLE competition_prizes (
      competition_id  INTEGER NOT NULL REFERENCES competitions(id),
      entrant_id      INTEGER NOT NULL REFERENCES competition_entrants(id),
      rank            INTEGER NOT NULL CHECK (rank >= 1),
      total           TEXT NOT NULL,            -- the exact total as a fraction n/d
      prize           TEXT,
      award_number    TEXT UNIQUE,
      PRIMARY KEY (competition_id, entrant_id)
    ) STRICT, WITHOUT ROWID;

    -- 以赛代评: who was granted which level for which rank, and the enrolment that records it.
    CREATE TABLE competition_promotions (
      id              INTEGER PRIMARY KEY,
      competition_id  INTEGER NOT NULL REFERENCES competitions(id),
      entrant_id      INTEGER NOT NULL REFERENCES competition_entrants(id),
      candidate_id    INTEGER NOT NULL REFERENCES candidates(id),
      rank            INTEGER NOT NULL,
      level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
      enrolment_id    INTEGER NOT NULL REFERENCES enrolments(id),
      promoted_on     TEXT NOT NULL,            -- the competition's date: once a year counts from it
      created_at      TEXT NOT NULL,
      UNIQUE (competition_id, candidate_id)
    ) STRICT;
    CREATE INDEX competition_promotions_candidate ON competition_promotions(candidate_id, promoted_on);

    ALTER TABLE sessions ADD COLUMN competition_id INTEGER REFERENCES competitions(id); -- 竞赛认定: the session records a 以赛代评
  `);
}
