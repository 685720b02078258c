import { describe, expect, it } from 'vitest';
import { checkCharacter, checkIdNumber, normaliseIdNumber } from '../../services/ids/idNumber';

const today = new Date('2026-11-21T00:00:00Z');

describe('居民身份证 (GB 11643-1999)', () => {
  it('computes the ISO 7064 MOD 11-2 check character of domain.md’s example', () => {
    expect(checkCharacter('37010119010203997')).toBe('3');
  });

  it('computes X as a check character where the remainder is 2', () => {
    // 11010519491231002X is the GB 11643 standard's own sample number.
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X', '居民身份证', today)).toMatchObject({ ok: true, birthDate: '1949-12-31', gender: '女' });
  });

  it('derives birth date and gender from the number: 17th digit odd is 男', () => {
    expect(checkIdNumber('370101190102039973', undefined, today)).toEqual({
      ok: true,
      idType: '居民身份证',
      idNumber: '370101190102039973',
      birthDate: '1901-02-03',
      gender: '男',
    });
  });

  it('accepts a lower-case x, full-width digits and stray spaces as a person would type them', () => {
    expect(normaliseIdNumber(' １１０１０５ 19491231002x ')).toBe('11010519491231002X');
    expect(checkIdNumber(' １１０１０５ 19491231002x ', undefined, today)).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it('refuses a wrong check character and says which one it should be', () => {
    const r = checkIdNumber('370101190102039974', undefined, today);
    expect(r).toMatchObject({ ok: false, code: 'ID_CHECK_CHAR' });
    expect(!r.ok && r.message).toContain('应为 3');
  });

  it('refuses an impossible birth date even when the check character matches', () => {
    const first17 = '11010519990231001';
    const r = checkIdNumber(first17 + checkCharacter(first17), undefined, today);
    expect(r).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
  });

  it('refuses a birth date in the future', () => {
    const first17 = '11010520301010001';
    expect(checkIdNumber(first17 + checkCharacter(first17), undefined, today)).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
  });

  it('refuses a number of the wrong length, naming the length', () => {
    const r = checkIdNumber('37010119010203997', undefined, today);
    expect(r).toMatchObject({ ok: false, code: 'ID_FORMAT' });
    expect(!r.ok && r.message).toContain('17 位');
  });

  it('refuses an empty number', () => {
    expect(checkIdNumber('  ', undefined, today)).toMatchObject({ ok: false, code: 'ID_EMPTY' });
  });

  it('reads an old 15-digit number: 19YYMMDD birth date and gender from the last digit', () => {
    expect(checkIdNumber('110105491231002', '居民身份证', today)).toMatchObject({ ok: true, birthDate: '1949-12-31', gender: '女' });
    expect(checkIdNumber('110105491331002', '居民身份证', today)).toMatchObject({ ok: false, code: 'ID_BIRTH_DATE' });
  });
});

describe('港澳台居民居住证 and 外国人永久居留身份证', () => {
  it('accepts a residence permit with region 810000 and the same check', () => {
    const first17 = '81000019900101001';
    expect(checkIdNumber(first17 + checkCharacter(first17), undefined, today)).toMatchObject({ ok: true, idType: '港澳台居民居住证', gender: '男' });
  });

  it('refuses a residence permit whose region is not 810000/820000/830000', () => {
    const first17 = '11010519900101002';
    expect(checkIdNumber(first17 + checkCharacter(first17), '港澳台居民居住证', today)).toMatchObject({ ok: false, code: 'ID_REGION' });
  });

  it('accepts a 2023 foreign permanent residence card starting with 9', () => {
    const first17 = '93315619850612004';
    expect(checkIdNumber(first17 + checkCharacter(first17), undefined, today)).toMatchObject({ ok: true, idType: '外国人永久居留身份证', birthDate: '1985-06-12', gender: '女' });
  });
});

describe('documents without a checksum', () => {
  it('accepts a passport number by its shape only', () => {
    expect(checkIdNumber('E12345678', '护照', today)).toEqual({ ok: true, idType: '护照', idNumber: 'E12345678' });
  });

  it('refuses a passport number with punctuation', () => {
    expect(checkIdNumber('E123-45678', '护照', today)).toMatchObject({ ok: false, code: 'ID_FORMAT' });
  });

  it('refuses an unknown document type and lists the known ones', () => {
    const r = checkIdNumber('E12345678', '驾驶证', today);
    expect(r).toMatchObject({ ok: false, code: 'ID_TYPE_UNKNOWN' });
    expect(!r.ok && r.message).toContain('护照');
  });
});
