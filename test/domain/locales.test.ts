// The window's two languages say the same things: every key in both files, none empty, none twice
// (a key written twice silently keeps only its last wording), and the same {placeholders} in each.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';
import { PASS_RATE_FORMULA } from '../../services/passrate/passRate';

const LOCALES = path.join(ROOT, 'renderer/src/locales');
const read = (name: string) => fs.readFileSync(path.join(LOCALES, name), 'utf8');
const zh = JSON.parse(read('zh-CN.json')) as Record<string, string>;
const en = JSON.parse(read('en.json')) as Record<string, string>;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).filter((k) => !(k in zh))).toEqual([]);
    expect(Object.keys(zh).filter((k) => !(k in en))).toEqual([]);
  });

  it('have no empty value', () => {
    expect(Object.entries(zh).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    expect(Object.entries(en).filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  it('write no key twice', () => {
    for (const file of ['zh-CN.json', 'en.json']) {
      const keys = [...read(file).matchAll(/^\s*"([^"]+)":/gm)].map((m) => m[1]);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i), file).toEqual([]);
    }
  });

  it('fill the same placeholders in both languages', () => {
    const differ = Object.keys(zh).filter((k) => JSON.stringify(placeholders(zh[k]!)) !== JSON.stringify(placeholders(en[k] ?? '')));
    expect(differ).toEqual([]);
  });

  it('give English words, not Chinese ones, wherever an English word exists', () => {
    // A few English texts quote the Chinese an officer sees on a workbook or types in a search (张伟, 缺考, 证件号码).
    const QUOTES_CHINESE = new Set(['candidates.searchPlaceholder', 'scores.hint', 'certs.importHint']);
    const chinese = Object.entries(en).filter(([k, v]) => /[\u4e00-\u9fff]/.test(v) && !QUOTES_CHINESE.has(k));
    expect(chinese).toEqual([]);
  });

  it('state the 合格率 formula in Chinese exactly as the exports do', () => {
    expect(zh['figure.formula']).toBe(PASS_RATE_FORMULA);
  });
});
