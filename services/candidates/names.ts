import { pinyin } from 'pinyin-pro';

/** Stray spaces inside a Chinese name are typing accidents; the middle dot of a minority name is not. */
export function normaliseName(raw: string): string {
  const s = raw.replace(/[\u3000\s]+/g, ' ').trim().replace(/[•・．.]/g, '·');
  // Only collapse spaces when the name is Chinese; "John Smith" keeps its space.
  return /[\u4e00-\u9fff]/.test(s) ? s.replace(/ /g, '') : s;
}

/** 张伟 → zw; letters in a foreign name keep their first letters. */
export function nameInitials(name: string): string {
  return pinyin(name.replace(/·/g, ''), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
