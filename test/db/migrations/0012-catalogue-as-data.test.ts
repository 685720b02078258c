import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion, type DB } from '../../../db/database';

const occ = (db: DB, name: string) => (db.prepare('SELECT id FROM occupations WHERE name = ?').get(name) as { id: number }).id;
const levelsOf = (db: DB, name: string) =>
  (db.prepare('SELECT level, retired_at FROM occupation_levels WHERE occupation_id = ? ORDER BY level DESC').all(occ(db, name)) as { level: number; retired_at: string | null }[]).map(
    (r) => (r.retired_at ? `${r.level}(retired)` : String(r.level)),
  );
const specialtyLevels = (db: DB, name: string) =>
  (db.prepare('SELECT sl.level FROM specialty_levels sl JOIN occupation_specialties sp ON sp.id = sl.specialty_id WHERE sp.name = ? ORDER BY sl.level DESC').all(name) as { level: number }[]).map(
    (r) => r.level,
  );
const addSession = (db: DB, occupationId: number, level: number, specialty: string | null = null) =>
  db.prepare("INSERT INTO sessions (name, occupation_id, specialty, level, exam_date, created_at) VALUES ('s', ?, ?, ?, '2024-06-01', 't')").run(occupationId, specialty, level);

describe('migration 0012: the catalogue as the officer\'s data', () => {
  it('takes 五级 out of 物业管理师 and gives each 消防设施操作员 工种 the levels of its standard', () => {
    const { db, file } = createDB(11);
    migrate(db, file, undefined, 12);
    expect(schemaVersion(db)).toBe(12);
    expect(levelsOf(db, '物业管理师')).toEqual(['4', '3', '2', '1']);
    expect(db.prepare('SELECT count(*) AS n FROM level_parts WHERE occupation_id = ? AND level = 5').get(occ(db, '物业管理师'))).toEqual({ n: 0 });
    expect(specialtyLevels(db, '消防设施监控操作')).toEqual([5, 4, 3, 2]);
    expect(specialtyLevels(db, '消防设施检测维修保养')).toEqual([4, 3, 2, 1]);
    expect(db.prepare('SELECT DISTINCT required FROM level_parts').all()).toEqual([{ required: 1 }]);
  });

  it('retires, never deletes, what a session already uses', () => {
    const { db, file } = createDB(11);
    addSession(db, occ(db, '物业管理师'), 5);
    addSession(db, occ(db, '消防设施操作员'), 5, '消防设施检测维修保养');
    migrate(db, file, undefined, 12);
    expect(levelsOf(db, '物业管理师')).toEqual(['5(retired)', '4', '3', '2', '1']);
    expect(db.prepare('SELECT count(*) AS n FROM level_parts WHERE occupation_id = ? AND level = 5').get(occ(db, '物业管理师'))).toEqual({ n: 2 });
    expect(specialtyLevels(db, '消防设施检测维修保养')).toEqual([5, 4, 3, 2, 1]);
    expect(specialtyLevels(db, '消防设施监控操作')).toEqual([5, 4, 3, 2]);
  });
});
