import { pinyin } from 'pinyin-pro';

/** Stray spaces inside a Chinese name are typing accidents; the middle dot of a minority name is not. */
export function normaliseName(raw: string): string {
  const s = raw.replace(/[\u3000\s]+/g, ' ').trim().replace(/[•・．.]/g, '·');
  // Only collapse spaces when the name is Chinese; "John Smith" keeps its space.
  return /[\u4e00-\u9fff]/.test(s) ? s.replace(/ /g, '') : s;
}

/**
 * 张伟 → zw, 曾伟 → zw (the surname's own reading), 单田芳 → stf; letters in a foreign name keep
 * their first letters. The one reading stored with the person and sorted by; nameReadings gives
 * the others a person might type (docs/search.md).
 */
export function nameInitials(name: string): string {
  // Most names are Chinese characters with a single reading each, whose initials need no
  // context: they come from a per-character table (a roster of 100,000 names costs a quarter of
  // the time). A name with anything else (a character of several readings such as 单 or 曾, a
  // foreign letter, a middle dot) is read by pinyin-pro as a whole, in context, its surname as a surname.
  let out = '';
  for (const ch of name) {
    const initial = singleReadingInitial(ch);
    if (initial === null) return initialsInContext(name, true);
    out += initial;
  }
  return out;
}

/** Most names have one reading: nothing more to store or search. */
const MAX_READINGS = 16;

/**
 * Every reading of a name's initials a person might type, nameInitials first: the surname read as
 * a surname (曾 zēng, 单 shàn, 区 ōu, 万俟 mòqí) and as the everyday character (céng, dān, qū), and
 * each character of several readings in the given name by each of them (李长春: lcc and lzc).
 * At most 16, so a name of many such characters stays a few rows.
 */
export function nameReadings(name: string): string[] {
  const primary = nameInitials(name);
  if ([...name].every((ch) => singleReadingInitial(ch) !== null)) return [primary];
  const readings = new Set([primary, initialsInContext(name, false)]);
  // Each character's possible initials; a character that is not Chinese keeps what the context gives.
  const chars = [...name.replace(/·/g, '')];
  if (chars.every((ch) => /^[\u4e00-\u9fff]$/.test(ch))) {
    let combos = [''];
    for (const ch of chars) {
      const options = initialsOfCharacter(ch);
      combos = combos.flatMap((c) => options.map((o) => c + o)).slice(0, MAX_READINGS * 4);
    }
    for (const c of combos) readings.add(c);
  }
  return [...readings].slice(0, MAX_READINGS);
}

function initialsInContext(name: string, asSurname: boolean): string {
  return pinyin(name.replace(/·/g, ''), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive', ...(asSurname ? { surname: 'head' as const } : {}) })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Every initial a Chinese character can be read with, most common first. */
const initialsOf = new Map<string, string[]>();

function initialsOfCharacter(ch: string): string[] {
  let options = initialsOf.get(ch);
  if (options === undefined) {
    options = /^[\u4e00-\u9fff]$/.test(ch)
      ? [...new Set(pinyin(ch, { pattern: 'first', toneType: 'none', type: 'array', multiple: true }).map((r) => r.toLowerCase()))].filter((r) => /^[a-z]$/.test(r))
      : [];
    initialsOf.set(ch, options);
  }
  return options;
}

/** A character's initial when it is a Chinese character with one reading (so one initial); otherwise null. */
function singleReadingInitial(ch: string): string | null {
  const options = initialsOfCharacter(ch);
  return options.length === 1 ? options[0]! : null;
}
