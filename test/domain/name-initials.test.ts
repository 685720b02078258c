import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { nameInitials } from '../../services/candidates/names';
import { GIVEN_FEMALE, GIVEN_FIRST_FEMALE, GIVEN_FIRST_MALE, GIVEN_MALE, SURNAMES } from '../../services/demo/catalogue';

/** What search by pinyin initials stores: pinyin-pro reading the whole name in context, its first character(s) as a surname. */
function inContext(name: string): string {
  return pinyin(name.replace(/·/g, ''), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

describe('pinyin initials of a name (search as you type: zw finds 张伟)', () => {
  it('gives the initials an officer types', () => {
    expect(nameInitials('张伟')).toBe('zw');
    expect(nameInitials('欧阳晓燕')).toBe('oyxy');
    expect(nameInitials('阿依古丽·买买提')).toBe('aygl' + 'mmt');
  });

  it('reads a surname of several readings as a surname', () => {
    const names = ['单雄信', '曾国藩', '解缙', '区小红', '仇英', '朴槿', '查良镛', '乐嘉', '尉迟恭', '万俟卨', '长孙无忌', '覃明'];
    expect(names.map(nameInitials)).toEqual(['sxx', 'zgf', 'xj', 'oxh', 'qy', 'pj', 'zly', 'yj', 'ycg', 'mqx', 'zswj', 'qm']);
    for (const name of names) expect(nameInitials(name), name).toBe(inContext(name));
  });

  it('gives exactly the in-context initials for names across the whole range of Chinese characters', () => {
    const names: string[] = [];
    const surnames = SURNAMES.map(([s]) => s);
    const given = [...GIVEN_MALE, ...GIVEN_FEMALE, ...GIVEN_FIRST_MALE, ...GIVEN_FIRST_FEMALE];
    for (const s of surnames) for (const g of given) names.push(`${s}${g}`, `${s}${g}${g}`);
    // Every fifth character of the CJK block in a name, beside a surname and before a given name.
    for (let code = 0x4e00, i = 0; code <= 0x9fff; code += 5, i++) {
      const ch = String.fromCodePoint(code);
      names.push(`${surnames[i % surnames.length]}${ch}${given[i % given.length]}`, `${ch}${given[(i * 7) % given.length]}`);
    }
    names.push('John Smith', 'Anna·Lee', '李a', '王２', '张　伟', '');
    const wrong = names.filter((n) => nameInitials(n) !== inContext(n));
    expect(wrong).toEqual([]);
  });
});
