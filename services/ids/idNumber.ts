// Identity documents, docs/identity.md (and domain.md § Identity documents). Pure: runs in Node and
// in the renderer.
import { compactText } from '../vocabulary/text';
import { regionCodeKnown, regionYearsText } from './regions';

export const ID_TYPES = [
  '居民身份证',
  '港澳台居民居住证',
  '外国人永久居留身份证',
  '护照',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '其他',
] as const;
export type IdType = (typeof ID_TYPES)[number];

export type Gender = '男' | '女';

export type IdCheck =
  | {
      ok: true;
      idType: IdType;
      /** The number as stored: an old 15-digit 身份证 number comes back in its 18-digit form. */
      idNumber: string;
      birthDate?: string;
      gender?: Gender;
      /** The 15-digit number it was upgraded from (docs/identity.md § One person, two numbers). */
      upgradedFrom?: string;
      /** The birth year of an old 永居证 number has two digits; the century is our reading. */
      birthCenturyGuessed?: boolean;
      /** Worth a second look at the card, never a refusal (a region code no list knows). */
      warnings?: string[];
    }
  | { ok: false; code: IdErrorCode; message: string; field: 'idType' | 'idNumber'; /** The type this number belongs to. */ suggestedType?: IdType };

export type IdErrorCode =
  | 'ID_EMPTY'
  | 'ID_FORMAT'
  | 'ID_CHECK_CHAR'
  | 'ID_BIRTH_DATE'
  | 'ID_REGION'
  | 'ID_TYPE_UNKNOWN'
  | 'ID_WRONG_TYPE';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Full-width to half-width, spaces removed, check character upper-cased: what a person would tidy. */
export function normaliseIdNumber(raw: string): string {
  return compactText(raw).toUpperCase();
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function birthFrom(yyyymmdd: string, today: Date): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || !validDate(y, m, d)) return null;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (iso > today.toISOString().slice(0, 10)) return null;
  return iso;
}

/**
 * Checks an identity document number and derives birth date and gender where the number carries them.
 * `idType` may be omitted: an 18-character number is then read as a 居民身份证 (or 居住证/永居证 by its prefix).
 */
export function checkIdNumber(raw: string, idType?: string, today: Date = new Date()): IdCheck {
  const n = normaliseIdNumber(raw ?? '');
  if (!n) return { ok: false, code: 'ID_EMPTY', field: 'idNumber', message: '证件号码为空，请填写。' };
  const type = (idType && idType.trim()) || inferIdType(n);
  if (!(ID_TYPES as readonly string[]).includes(type)) {
    return { ok: false, code: 'ID_TYPE_UNKNOWN', field: 'idType', message: `证件类型「${type}」无法识别，请填写：${ID_TYPES.join('、')}。` };
  }
  switch (type as IdType) {
    case '居民身份证':
      if (/^\d{15}$/.test(n)) return checkOld15(n, today);
      if (/^[89]/.test(n) && n.length === 18) return notAResidentId(n);
      return withRegionCheck(check18(n, '居民身份证', today));
    case '港澳台居民居住证': {
      const r = check18(n, '港澳台居民居住证', today);
      if (r.ok && !/^8[123]0000/.test(n)) {
        return { ok: false, code: 'ID_REGION', field: 'idNumber', message: '港澳台居民居住证号码应以 810000、820000 或 830000 开头，请核对。' };
      }
      return r;
    }
    case '外国人永久居留身份证':
      if (/^[A-Z]{3}\d{12}$/.test(n)) return checkForeign15(n, today);
      if (!/^9\d{16}[\dX]$/.test(n)) {
        return {
          ok: false,
          code: 'ID_FORMAT',
          field: 'idNumber',
          message: `外国人永久居留身份证号码有两种：2023 年 12 月起的新版为以 9 开头的 18 位（最后一位可以是 X），旧版为 3 个字母加 12 位数字（共 15 位）。现在是「${n}」，请与证件核对。`,
        };
      }
      return withForeignRegionCheck(check18(n, '外国人永久居留身份证', today));
    case '护照':
    case '港澳居民来往内地通行证':
    case '台湾居民来往大陆通行证':
    case '其他':
      // domain.md: these carry no checksum; only the shape is checked.
      if (!/^[A-Z0-9]{5,20}$/.test(n)) {
        return { ok: false, code: 'ID_FORMAT', field: 'idNumber', message: `${type}号码应为 5–20 位字母或数字，请核对。` };
      }
      return { ok: true, idType: type as IdType, idNumber: n };
  }
}

export function inferIdType(n: string): IdType {
  if (/^8[123]0000\d{11}[\dX]$/.test(n)) return '港澳台居民居住证';
  if (/^9\d{16}[\dX]$/.test(n) || /^[A-Z]{3}\d{12}$/.test(n)) return '外国人永久居留身份证';
  return '居民身份证';
}

/**
 * A 居民身份证 number never starts with 8 or 9 (its first digit is a province's, GB/T 2260): those are
 * the numbers of the 港澳台居民居住证 and the 外国人永久居留身份证, and the type was chosen wrong.
 */
function notAResidentId(n: string): IdCheck {
  const right: IdType | null = /^8[123]0000/.test(n) ? '港澳台居民居住证' : n.startsWith('9') ? '外国人永久居留身份证' : null;
  return {
    ok: false,
    code: 'ID_WRONG_TYPE',
    field: 'idType',
    ...(right ? { suggestedType: right } : {}),
    message: right
      ? `居民身份证号码不会以 ${n[0]} 开头，${n} 是${right}的号码。请把证件类型改为「${right}」。`
      : `居民身份证号码不会以 8 开头；港澳台居民居住证号码以 810000、820000 或 830000 开头。请与证件核对号码和证件类型。`,
  };
}

function check18(n: string, idType: IdType, today: Date): IdCheck {
  if (!/^\d{17}[\dX]$/.test(n)) {
    return {
      ok: false,
      code: 'ID_FORMAT',
      field: 'idNumber',
      message: `${idType}号码应为 18 位（前 17 位数字，最后一位是数字或 X），现在是 ${n.length} 位「${n}」，请核对。`,
    };
  }
  const expected = checkCharacter(n.slice(0, 17));
  if (n[17] !== expected) {
    return {
      ok: false,
      code: 'ID_CHECK_CHAR',
      field: 'idNumber',
      message: `证件号码 ${n} 的校验位不对（按前 17 位应为 ${expected}），多半是抄错了某一位，请与证件原件核对。`,
    };
  }
  // The 2023 永居证 number keeps the birth date and the gender digit where the 身份证 has them
  // (docs/identity.md § 外国人永久居留身份证).
  const birthDate = birthFrom(n.slice(6, 14), today);
  if (!birthDate) {
    return { ok: false, code: 'ID_BIRTH_DATE', field: 'idNumber', message: `证件号码 ${n} 中的出生日期 ${n.slice(6, 14)} 不是有效日期，请核对。` };
  }
  const gender: Gender = Number(n[16]) % 2 === 1 ? '男' : '女';
  return { ok: true, idType, idNumber: n, birthDate, gender };
}

function checkOld15(n: string, today: Date): IdCheck {
  // Old 15-digit 身份证 (GB 11643-1989): 6 region + YYMMDD + 3 sequence; all were born in the 1900s.
  const birthDate = birthFrom(`19${n.slice(6, 12)}`, today);
  if (!birthDate) {
    return { ok: false, code: 'ID_BIRTH_DATE', field: 'idNumber', message: `15 位身份证号 ${n} 中的出生日期 19${n.slice(6, 12)} 不是有效日期，请核对。` };
  }
  const gender: Gender = Number(n[14]) % 2 === 1 ? '男' : '女';
  return withRegionCheck({ ok: true, idType: '居民身份证', idNumber: upgradeOld15(n), upgradedFrom: n, birthDate, gender });
}

/**
 * The 18-digit form of an old 15-digit 身份证 number, as GB 11643-1999 defines it: the century "19"
 * goes before the birth year and the check character is added. The same person, never a second one.
 */
export function upgradeOld15(n15: string): string {
  const first17 = `${n15.slice(0, 6)}19${n15.slice(6)}`;
  return first17 + checkCharacter(first17);
}

/** The form a number is stored and looked up in: tidied, and an old 15-digit 身份证 number upgraded. */
export function canonicalIdNumber(raw: string): string {
  const n = normaliseIdNumber(raw ?? '');
  return /^\d{15}$/.test(n) ? upgradeOld15(n) : n;
}

/** Whether two numbers name the same person's document (an old 15-digit number and its 18-digit form do). */
export function sameIdNumber(a: string, b: string): boolean {
  return canonicalIdNumber(a) === canonicalIdNumber(b);
}

function withRegionCheck(r: IdCheck): IdCheck {
  if (!r.ok) return r;
  const region = r.idNumber.slice(0, 6);
  if (regionCodeKnown(region)) return r;
  return {
    ...r,
    warnings: [
      ...(r.warnings ?? []),
      `证件号码前 6 位的地区码 ${region} 不在 ${regionYearsText()} 年间任何一年的行政区划代码（GB/T 2260）中，请与证件原件核对；核对无误可照常登记。`,
    ],
  };
}

/** The 2023 永居证 number's 2nd–3rd digits are the province where it was applied for. */
function withForeignRegionCheck(r: IdCheck): IdCheck {
  if (!r.ok) return r;
  const province = `${r.idNumber.slice(1, 3)}0000`;
  if (regionCodeKnown(province)) return r;
  return { ...r, warnings: [`永居证号码第 2–3 位的受理地代码 ${r.idNumber.slice(1, 3)} 不是省级行政区划代码，请与证件原件核对；核对无误可照常登记。`] };
}

/** ICAO Doc 9303 check digit (weights 7, 3, 1; A=10 … Z=35), which the old 永居证 number carries last. */
function icaoCheckDigit(text: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const value = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : Number(ch);
    sum += value * weights[i % 3]!;
  }
  return String(sum % 10);
}

/** Holders of an old 永居证 who sit an exam are of working age: the youngest we read a 20YY year as. */
const YOUNGEST_CANDIDATE_AGE = 16;

/**
 * The old (2004 and 2017 editions) 外国人永久居留身份证 number, 15 characters: 3-letter nationality
 * (ISO 3166-1 alpha-3), 4-digit place of application, YYMMDD birth date, a sequence digit whose
 * parity gives the gender (odd = male), and an ICAO check digit (docs/identity.md).
 */
function checkForeign15(n: string, today: Date): IdCheck {
  const expected = icaoCheckDigit(n.slice(0, 14));
  if (n[14] !== expected) {
    return {
      ok: false,
      code: 'ID_CHECK_CHAR',
      field: 'idNumber',
      message: `永居证号码 ${n} 的最后一位校验位不对（按前 14 位应为 ${expected}），多半是抄错了某一位，请与证件原件核对。`,
    };
  }
  const yymmdd = n.slice(7, 13);
  const in2000s = birthFrom(`20${yymmdd}`, today);
  const adultCutoff = `${today.getUTCFullYear() - YOUNGEST_CANDIDATE_AGE}${today.toISOString().slice(4, 10).replace(/-/g, '')}`;
  const birthDate = in2000s && `20${yymmdd}` <= adultCutoff ? in2000s : birthFrom(`19${yymmdd}`, today);
  if (!birthDate) {
    return { ok: false, code: 'ID_BIRTH_DATE', field: 'idNumber', message: `永居证号码 ${n} 中的出生日期 ${yymmdd} 不是有效日期，请核对。` };
  }
  const gender: Gender = Number(n[13]) % 2 === 1 ? '男' : '女';
  return { ok: true, idType: '外国人永久居留身份证', idNumber: n, birthDate, gender, birthCenturyGuessed: true };
}

/**
 * An 18-digit ID typed into Excel as a number keeps only 15 significant digits (domain.md):
 * such a value cannot be repaired and must be refused with this message.
 */
export const ID_AS_NUMBER_MESSAGE =
  '证件号码被 Excel 存成了数字，后几位已经丢失，无法恢复。请把该列设为「文本」格式后重新录入证件号码。';
