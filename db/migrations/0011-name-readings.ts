// Schema version 11: the other readings of a name's pinyin initials, so that search as you type finds
// 曾伟 by zw and by cw, 单田芳 by stf and dtf, 李长春 by lcc and lzc (docs/search.md). The reading a
// name is sorted by stays in candidates.name_initials; this table holds only the others, a few
// rows for the few names with a character of several readings. Names on file are read again here:
// their stored initials took 曾 as céng, which a surname never is.
import { pinyin } from 'pinyin-pro';
import type { DB } from '../database';

export const version = 11;

// Frozen here, as a migration must be (the database layer imports no service): the readings of
// services/candidates/names.ts nameReadings as they were at version 11.
const initialsOf = (text: string, asSurname: boolean) =>
  pinyin(text.replace(/·/g, ''), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive', ...(asSurname ? { surname: 'head' as const } : {}) })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
const optionsOf = (ch: string) =>
  /^[\u4e00-\u9fff]$/.test(ch)
    ? [...new Set(pinyin(ch, { pattern: 'first', toneType: 'none', type: 'array', multiple: true }).map((r) => r.toLowerCase()))].filter((r) => /^[a-z]$/.test(r))
    : [];

/** The stored reading first, then the others (at most 16). */
function readingsOf(name: string): string[] {
  const chars = [...name.replace(/·/g, '')];
  const single = [...name].every((ch) => optionsOf(ch).length === 1);
  if (single) return [[...name].map((ch) => optionsOf(ch)[0]).join('')];
  const readings = new Set([initialsOf(name, true), initialsOf(name, false)]);
  if (chars.every((ch) => /^[\u4e00-\u9fff]$/.test(ch))) {
    let combos = [''];
    for (const ch of chars) combos = combos.flatMap((c) => optionsOf(ch).map((o) => c + o)).slice(0, 64);
    for (const c of combos) readings.add(c);
  }
  return [...readings].slice(0, 16);
}

export function up(db: DB): void {
  db.exec(`
    CREATE TABLE candidate_initials (
      initials     TEXT NOT NULL,
      candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
      PRIMARY KEY (initials, candidate_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX candidate_initials_candidate ON candidate_initials(candidate_id);
  `);
  const names = db.prepare('SELECT id, name, name_initials AS initials FROM candidates').all() as { id: number; name: string; initials: string | null }[];
  const setPrimary = db.prepare('UPDATE candidates SET name_initials = ? WHERE id = ?');
  const addReading = db.prepare('INSERT OR IGNORE INTO candidate_initials (initials, candidate_id) VALUES (?, ?)');
  for (const { id, name, initials } of names) {
    const [primary, ...others] = readingsOf(name) as [string, ...string[]];
    if (primary !== initials) setPrimary.run(primary, id);
    for (const r of others) addReading.run(r, id);
  }
}
