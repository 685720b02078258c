// Schema version 17 (data only): 家政服务员 (4-10-01-06) is offered at the four levels its national
// standard sets, 五级 to 二级. 《家政服务员国家职业技能标准（2019年版）》 divides the occupation
// into 五级/初级工, 四级/中级工, 三级/高级工 and 二级/技师 — no 一级 (docs/catalogue.md § The first
// catalogue, checked). 一级 is removed with its parts when no session uses it, and retired (kept
// for those sessions, offered no more) when one does, as migration 12 did for 物业管理师 五级.
import type { DB } from '../database';

export const version = 17;

export function up(db: DB): void {
  const occupation = db.prepare("SELECT id FROM occupations WHERE code = '4-10-01-06' AND edition = '2022' AND name = '家政服务员'").get() as { id: number } | undefined;
  if (!occupation || !db.prepare('SELECT 1 FROM occupation_levels WHERE occupation_id = ? AND level = 1').get(occupation.id)) return;
  if (db.prepare('SELECT 1 FROM sessions WHERE occupation_id = ? AND level = 1 LIMIT 1').get(occupation.id)) {
    db.prepare("UPDATE occupation_levels SET retired_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE occupation_id = ? AND level = 1 AND retired_at IS NULL").run(occupation.id);
    return;
  }
  db.prepare('DELETE FROM specialty_levels WHERE level = 1 AND specialty_id IN (SELECT id FROM occupation_specialties WHERE occupation_id = ?)').run(occupation.id);
  db.prepare('DELETE FROM level_parts WHERE occupation_id = ? AND level = 1').run(occupation.id);
  db.prepare('DELETE FROM eligibility_clauses WHERE occupation_id = ? AND level = 1').run(occupation.id);
  db.prepare('DELETE FROM occupation_levels WHERE occupation_id = ? AND level = 1').run(occupation.id);
}
