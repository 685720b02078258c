import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

describe('migration 0016: skill competitions', () => {
  it('keeps every session, none of them a 竞赛认定, and starts with no competition', () => {
    const { db, file } = createDB(15);
    db.exec("INSERT INTO sessions (id, name, occupation_id, level, exam_date, created_at) VALUES (1, '2024年电工（四级）', 1, 4, '2024-05-01', 't')");
    migrate(db, file, undefined, 16);
    expect(schemaVersion(db)).toBe(16);
    expect(db.prepare('SELECT id, name, competition_id FROM sessions').all()).toEqual([{ id: 1, name: '2024年电工（四级）', competition_id: null }]);
    expect(db.prepare('SELECT count(*) AS n FROM competitions').get()).toEqual({ n: 0 });
  });

  it('refuses an event that would drop every judge, and a team rule it cannot read', () => {
    const { db, file } = createDB(15);
    migrate(db, file, undefined, 16);
    db.exec("INSERT INTO competitions (id, name, held_on, created_at) VALUES (1, '物业秩序维护人员技能大赛', '2024-05-01', 't')");
    db.exec("INSERT INTO competition_events (competition_id, name, max_hundredths, judges, drop_high, drop_low, sort) VALUES (1, '形象展示', 1000, 5, 1, 1, 1)");
    expect(() => db.exec("INSERT INTO competition_events (competition_id, name, max_hundredths, judges, drop_high, drop_low, sort) VALUES (1, '专业作业', 6000, 2, 1, 1, 2)")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO competition_events (competition_id, name, max_hundredths, sort) VALUES (1, '形象展示', 1000, 3)")).toThrow(/UNIQUE/);
    db.exec("UPDATE competitions SET team_rule = 'best:3'");
    expect(() => db.exec("UPDATE competitions SET team_rule = 'best:'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE competitions SET team_rule = 'median'")).toThrow(/CHECK/);
  });

  it('keeps one mark per event, entrant, member and seat', () => {
    const { db, file } = createDB(15);
    migrate(db, file, undefined, 16);
    db.prepare("INSERT INTO candidates (id, id_type, id_number, name, created_at, updated_at) VALUES (1, '居民身份证', ?, '张伟', 't', 't')").run(makeIdNumber('440106', '19900101', 1));
    db.exec(`
      INSERT INTO competitions (id, name, held_on, created_at) VALUES (1, '大赛', '2024-05-01', 't');
      INSERT INTO competition_events (id, competition_id, name, max_hundredths, sort) VALUES (1, 1, '形象展示', 1000, 1);
      INSERT INTO competition_entrants (id, competition_id, name, created_at) VALUES (1, 1, '成都某物业', 't');
      INSERT INTO competition_members (entrant_id, candidate_id, sort) VALUES (1, 1, 1);
      INSERT INTO competition_scores (event_id, entrant_id, seat, hundredths, updated_at) VALUES (1, 1, 1, 925, 't');
    `);
    expect(() => db.exec("INSERT INTO competition_scores (event_id, entrant_id, seat, hundredths, updated_at) VALUES (1, 1, 1, 900, 't')")).toThrow(/UNIQUE|PRIMARY/);
    db.exec("INSERT INTO competition_scores (event_id, entrant_id, member_id, seat, hundredths, updated_at) VALUES (1, 1, 1, 1, 900, 't')");
    expect(db.prepare('SELECT count(*) AS n FROM competition_scores').get()).toEqual({ n: 2 });
  });
});
