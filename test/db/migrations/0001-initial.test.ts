import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { schemaVersion } from '../../../db/database';

describe('migration 0001: the initial schema', () => {
  it('seeds the 16 property-management occupations of the 2022 catalogue with their levels and parts', () => {
    const { db } = createDB(1);
    expect(schemaVersion(db)).toBe(1);
    const occ = db.prepare("SELECT code, name FROM occupations WHERE edition = '2022' ORDER BY code").all() as { code: string; name: string }[];
    expect(occ).toHaveLength(16);
    expect(occ[0]).toEqual({ code: '4-06-01-01', name: '物业管理师' });
    expect(occ.map((o) => o.name)).toContain('电梯安装维修工');
    const parts = (level: number) =>
      (db.prepare("SELECT part FROM level_parts lp JOIN occupations o ON o.id = lp.occupation_id WHERE o.code = '4-06-01-01' AND level = ? ORDER BY sort").all(level) as { part: string }[]).map((p) => p.part);
    expect(parts(3)).toEqual(['theory', 'skill']);
    expect(parts(2)).toEqual(['theory', 'skill', 'review']);
    expect(db.prepare('SELECT DISTINCT pass_mark_tenths AS m FROM level_parts').all()).toEqual([{ m: 600 }]);
  });

  it('keeps the audit log append-only', () => {
    const { db } = createDB(1);
    db.prepare("INSERT INTO audit_log (seq, at, operator, entity, entity_id, action, app_version, prev_hash, hash) VALUES (1, 't', 'o', 'e', '1', 'a', 'v', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET operator = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('refuses a score outside 0–100 and a scored part without a score', () => {
    const { db } = createDB(1);
    db.exec(`INSERT INTO candidates (id, id_type, id_number, name, created_at, updated_at) VALUES (1, '居民身份证', '370101190102039973', '张三', 't', 't');
             INSERT INTO sessions (id, name, occupation_id, level, exam_date, created_at) VALUES (1, 's', 1, 3, '2024-06-01', 't');
             INSERT INTO enrolments (id, session_id, candidate_id, admission_number, attempt, created_at) VALUES (1, 1, 1, 'A1', 'first', 't');`);
    expect(() => db.prepare("INSERT INTO part_results VALUES (1, 'theory', 'scored', 1001, NULL, 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO part_results VALUES (1, 'theory', 'scored', NULL, NULL, 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO part_results VALUES (1, 'theory', 'absent', 50, NULL, 't')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO part_results VALUES (1, 'theory', 'absent', NULL, NULL, 't')").run();
  });
});
