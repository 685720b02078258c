// The identity rules of docs/identity.md: both 永居证 formats, the wrong document type, the old
// 15-digit 身份证 as the same person as its 18-digit form, and region codes as a warning.
import { describe, expect, it } from 'vitest';
import { canonicalIdNumber, checkCharacter, checkIdNumber, sameIdNumber, upgradeOld15 } from '../../services/ids/idNumber';
import { regionCodeKnown } from '../../services/ids/regions';

const today = new Date('2026-12-07T00:00:00Z');
const with18 = (first17: string) => first17 + checkCharacter(first17);

describe('外国人永久居留身份证: the 2023 number and the older one side by side', () => {
  it('reads a 2023 number (9, province, nationality, birth date, sequence, MOD 11-2) with birth date and gender', () => {
    // A published sample of the 2023 card: 9 | 32 江苏 | 682 沙特阿拉伯 | 19850101 | 001 | 7.
    expect(checkIdNumber('932682198501010017', undefined, today)).toEqual({
      ok: true,
      idType: '外国人永久居留身份证',
      idNumber: '932682198501010017',
      birthDate: '1985-01-01',
      gender: '男',
    });
  });

  it('recognises an 18-digit number starting with 9 and ending in X as one, without being told the type', () => {
    const x = '93315619900615019X';
    expect(with18('93315619900615019')).toBe(x);
    expect(checkIdNumber(x, undefined, today)).toMatchObject({ ok: true, idType: '外国人永久居留身份证', birthDate: '1990-06-15', gender: '男' });
  });

  it('reads the older 15-character number: nationality letters, place, YYMMDD, gender digit, ICAO check digit', () => {
    // KAZ | 1100 | 901231 | 0 | 5: a published sample of the older card.
    expect(checkIdNumber('KAZ110090123105', undefined, today)).toEqual({
      ok: true,
      idType: '外国人永久居留身份证',
      idNumber: 'KAZ110090123105',
      birthDate: '1990-12-31',
      gender: '女',
      birthCenturyGuessed: true,
    });
    expect(checkIdNumber('kaz 1100 9012 3105', '外国人永久居留身份证', today)).toMatchObject({ ok: true, idNumber: 'KAZ110090123105' });
  });

  it('reads a two-digit birth year in the 2000s only for someone of working age', () => {
    // USA 3100 050301 1 ?: born 2005 (21 today); with year 15 the holder would be 11, so it is 1915.
    const check = (body: string) => body + String([...body].reduce((s, ch, i) => s + (ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch)) * [7, 3, 1][i % 3]!, 0) % 10);
    expect(checkIdNumber(check('USA31000503011'), undefined, today)).toMatchObject({ ok: true, birthDate: '2005-03-01', gender: '男' });
    expect(checkIdNumber(check('USA31001503012'), undefined, today)).toMatchObject({ ok: true, birthDate: '1915-03-01', gender: '女' });
  });

  it('refuses an older number whose check digit is wrong, saying which it should be', () => {
    const r = checkIdNumber('KAZ110090123106', undefined, today);
    expect(r).toMatchObject({ ok: false, code: 'ID_CHECK_CHAR' });
    expect(!r.ok && r.message).toContain('应为 5');
  });

  it('refuses an 18-digit number not starting with 9 as a 永居证, naming both formats', () => {
    const r = checkIdNumber(with18('11010519900101002'), '外国人永久居留身份证', today);
    expect(r).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    expect(!r.ok && r.message).toContain('3 个字母加 12 位数字');
  });
});

describe('a 居民身份证 number starting with 8 or 9', () => {
  it('is refused as such, and the right 证件类型 is suggested', () => {
    const foreign = checkIdNumber('932682198501010017', '居民身份证', today);
    expect(foreign).toMatchObject({ ok: false, code: 'ID_WRONG_TYPE', field: 'idType' });
    expect(!foreign.ok && foreign.message).toContain('请把证件类型改为「外国人永久居留身份证」');
    const permit = checkIdNumber(with18('81000019900101001'), '居民身份证', today);
    expect(!permit.ok && permit.message).toContain('「港澳台居民居住证」');
    const eight = checkIdNumber(with18('85010119900101001'), '居民身份证', today);
    expect(eight).toMatchObject({ ok: false, code: 'ID_WRONG_TYPE' });
    expect(!eight.ok && eight.message).toContain('810000、820000 或 830000');
  });
});

describe('an old 15-digit 身份证 number and its 18-digit form', () => {
  it('are one number: the old one is upgraded as GB 11643-1999 says, and kept as what was typed', () => {
    expect(upgradeOld15('110105491231002')).toBe('11010519491231002X');
    expect(checkIdNumber('110105491231002', undefined, today)).toMatchObject({
      ok: true,
      idType: '居民身份证',
      idNumber: '11010519491231002X',
      upgradedFrom: '110105491231002',
      birthDate: '1949-12-31',
      gender: '女',
    });
    expect(sameIdNumber('110105491231002', '11010519491231002x')).toBe(true);
    expect(sameIdNumber('110105491231002', '110105194912310038')).toBe(false);
    expect(canonicalIdNumber(' 110105491231002 ')).toBe('11010519491231002X');
  });
});

describe('region codes (GB/T 2260, any year)', () => {
  it('knows today’s codes and codes long gone', () => {
    expect(regionCodeKnown('110105')).toBe(true); // 北京市朝阳区
    expect(regionCodeKnown('110103')).toBe(true); // 崇文区, merged into 东城区 in 2010
    expect(regionCodeKnown('152124')).toBe(true); // 布特哈旗, in the lists of 1980–1982 only
    expect(regionCodeKnown('132100')).toBe(true); // 邯郸地区, until 1992
    expect(regionCodeKnown('140703')).toBe(true); // 太谷区, from 2019
    expect(regionCodeKnown('999999')).toBe(false);
  });

  it('warns of a code no year knows, and still accepts the number', () => {
    const r = checkIdNumber(with18('11019919900101001'), undefined, today);
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings).toEqual([expect.stringContaining('地区码 110199 不在')]);
    expect(checkIdNumber('11010519491231002X', undefined, today)).not.toHaveProperty('warnings');
  });

  it('warns of a 2023 永居证 whose place of application is no province', () => {
    const r = checkIdNumber(with18('99968219850101001'), undefined, today);
    expect(r.ok && r.warnings).toEqual([expect.stringContaining('受理地代码 99')]);
  });
});
