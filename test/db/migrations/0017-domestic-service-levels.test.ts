import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion, type DB } from '../../../db/database';

const occ = (db: DB) => (db.prepare("SELECT id FROM occupations WHERE name = '家政服务员'").get() as { id: number }).id;
const levels = (db: DB) =>
  (db.prepare('SELECT level, retired_at FROM occupation_levels WHERE occupation_id = ? ORDER BY level DESC').all(occ(db)) as { level: number; retired_at: string | null }[]).map((r) =>
    r.retired_at ? `${r.level}(retired)` : String(r.level),
  );
const partsAt = (db: DB, level: number) => (db.prepare('SELECT count(*) AS n FROM level_parts WHERE occupation_id = ? AND level = ?').get(occ(db), level) as { n: number }).n;

describe('migration 0017: 家政服务员 at the four levels of its standard', () => {
  it('takes 一级 out with its parts, leaving 五级 to 二级 as they were', () => {
    const { db, file } = createDB(16);
    expect(levels(db)).toEqual(['5', '4', '3', '2', '1']);
    migrate(db, file, undefined, 17);
    expect(schemaVersion(db)).toBe(17);
    expect(levels(db)).toEqual(['5', '4', '3', '2']);
    expect(partsAt(db, 1)).toBe(0);
    expect(partsAt(db, 2)).toBe(3);
  });

  it('retires, never deletes, 一级 when a session already uses it', () => {
    const { db, file } = createDB(16);
    db.prepare("INSERT INTO sessions (name, occupation_id, level, exam_date, created_at) VALUES ('s', ?, 1, '2024-06-01', 't')").run(occ(db));
    migrate(db, file, undefined, 17);
    expect(levels(db)).toEqual(['5', '4', '3', '2', '1(retired)']);
    expect(partsAt(db, 1)).toBe(3);
  });
});
