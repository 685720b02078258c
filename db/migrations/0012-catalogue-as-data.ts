// Schema version 12: the occupation catalogue is the officer's data (docs/catalogue.md). An
// occupation, level or 工种 can be retired (kept for the sessions that name it, offered no more);
// each 工种 says which levels it offers; a part of a level can be set not required and carry a
// weighting; an occupation code of an older 大典 edition can name the current occupation it became.
// Two seeded entries the national standards contradict are corrected here, never by deleting a
// row a session already uses (docs/catalogue.md § Corrections to the first catalogue).
import type { DB } from '../database';

export const version = 12;

export function up(db: DB): void {
  db.exec(`
    ALTER TABLE occupations ADD COLUMN retired_at TEXT;
    -- A code from an older edition (2015) that the officer may still find in old material: the
    -- current occupation it is now. Such a row is an alias, never a session's occupation.
    ALTER TABLE occupations ADD COLUMN successor_id INTEGER REFERENCES occupations(id);
    ALTER TABLE occupation_levels ADD COLUMN retired_at TEXT;
    ALTER TABLE occupation_specialties ADD COLUMN retired_at TEXT;
    ALTER TABLE level_parts ADD COLUMN required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1));
    ALTER TABLE level_parts ADD COLUMN weight_percent INTEGER CHECK (weight_percent BETWEEN 0 AND 100);

    -- The levels each 工种 offers (消防设施监控操作: 五级–二级).
    CREATE TABLE specialty_levels (
      specialty_id INTEGER NOT NULL REFERENCES occupation_specialties(id),
      level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
      PRIMARY KEY (specialty_id, level)
    ) STRICT, WITHOUT ROWID;
    -- Until now a 工种 was accepted at every level of its occupation: keep that for every 工种 …
    INSERT INTO specialty_levels (specialty_id, level)
      SELECT sp.id, l.level FROM occupation_specialties sp JOIN occupation_levels l ON l.occupation_id = sp.occupation_id;
  `);

  // … except where the standard says otherwise: 消防设施操作员国家职业技能标准 gives 监控操作
  // 五级–二级 and 检测维修保养 四级–一级. A level already used by a session of that 工种 stays.
  const inUse = db.prepare('SELECT 1 FROM sessions WHERE occupation_id = ? AND specialty = ? AND level = ? LIMIT 1');
  const fire = db.prepare("SELECT id FROM occupations WHERE code = '4-07-05-03' AND edition = '2022' AND name = '消防设施操作员'").get() as { id: number } | undefined;
  if (fire) {
    const notOffered: Record<string, number[]> = { 消防设施监控操作: [1], 消防设施检测维修保养: [5] };
    for (const [name, levels] of Object.entries(notOffered)) {
      const sp = db.prepare('SELECT id FROM occupation_specialties WHERE occupation_id = ? AND name = ?').get(fire.id, name) as { id: number } | undefined;
      if (!sp) continue;
      for (const level of levels) if (!inUse.get(fire.id, name, level)) db.prepare('DELETE FROM specialty_levels WHERE specialty_id = ? AND level = ?').run(sp.id, level);
    }
  }

  // 物业管理师国家职业技能标准 has four levels, 四级 to 一级: no 五级. Removed when no session
  // uses it, retired (kept for those sessions) when one does.
  const pm = db.prepare("SELECT id FROM occupations WHERE code = '4-06-01-01' AND edition = '2022' AND name = '物业管理师'").get() as { id: number } | undefined;
  if (pm && db.prepare('SELECT 1 FROM occupation_levels WHERE occupation_id = ? AND level = 5').get(pm.id)) {
    if (db.prepare('SELECT 1 FROM sessions WHERE occupation_id = ? AND level = 5 LIMIT 1').get(pm.id)) {
      db.prepare("UPDATE occupation_levels SET retired_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE occupation_id = ? AND level = 5").run(pm.id);
    } else {
      db.prepare('DELETE FROM level_parts WHERE occupation_id = ? AND level = 5').run(pm.id);
      db.prepare('DELETE FROM occupation_levels WHERE occupation_id = ? AND level = 5').run(pm.id);
    }
  }
}
