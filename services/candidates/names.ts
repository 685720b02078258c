import { pinyin } from 'pinyin-pro';

/** Stray spaces inside a Chinese name are typing accidents; the middle dot of a minority name is not. */
export function normaliseName(raw: string): string {
  const s = raw.replace(/[\u3000\s]+/g, ' ').trim().replace(/[•・．.]/g, '·');
  // Only collapse spaces when the name is Chinese; "John Smith" keeps its space.
  return /[\u4e00-\u9fff]/.test(s) ? s.replace(/ /g, '') : s;
}

/** 张伟 → zw; letters in a foreign name keep their first letters. */
export function nameInitials(name: string): string {
  // Most names are Chinese characters with a single reading each, whose initials need no
  // context: they come from a per-character table (a roster of 100,000 names costs a quarter of
  // the time). A name with anything else (a character of several readings such as 单 or 曾, a
  // foreign letter, a middle dot) is read by pinyin-pro as a whole, in context.
  let out = '';
  for (const ch of name) {
    const initial = singleReadingInitial(ch);
    if (initial === null) return initialsInContext(name);
    out += initial;
  }
  return out;
}

function initialsInContext(name: string): string {
  return pinyin(name.replace(/·/g, ''), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A character's initial when it is a Chinese character with one reading (so one initial); otherwise null. */
const initialOf = new Map<string, string | null>();

function singleReadingInitial(ch: string): string | null {
  let initial = initialOf.get(ch);
  if (initial === undefined) {
    initial = null;
    if (/^[\u4e00-\u9fff]$/.test(ch)) {
      const readings = new Set(pinyin(ch, { pattern: 'first', toneType: 'none', type: 'array', multiple: true }).map((r) => r.toLowerCase()));
      const only = readings.size === 1 ? [...readings][0]! : '';
      if (/^[a-z]$/.test(only)) initial = only;
    }
    initialOf.set(ch, initial);
  }
  return initial;
}
