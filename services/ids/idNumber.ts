// Identity documents, domain.md § Identity documents. Pure: runs in Node and in the renderer.
import { compactText } from '../vocabulary/text';

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
  | { ok: true; idType: IdType; idNumber: string; birthDate?: string; gender?: Gender }
  | { ok: false; code: IdErrorCode; message: string; field: 'idType' | 'idNumber' };

export type IdErrorCode =
  | 'ID_EMPTY'
  | 'ID_FORMAT'
  | 'ID_CHECK_CHAR'
  | 'ID_BIRTH_DATE'
  | 'ID_REGION'
  | 'ID_TYPE_UNKNOWN';

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
      return check18(n, '居民身份证', today);
    case '港澳台居民居住证': {
      const r = check18(n, '港澳台居民居住证', today);
      if (r.ok && !/^8[123]0000/.test(n)) {
        return { ok: false, code: 'ID_REGION', field: 'idNumber', message: '港澳台居民居住证号码应以 810000、820000 或 830000 开头，请核对。' };
      }
      return r;
    }
    case '外国人永久居留身份证': {
      const r = check18(n, '外国人永久居留身份证', today);
      if (r.ok && !n.startsWith('9')) {
        return { ok: false, code: 'ID_FORMAT', field: 'idNumber', message: '外国人永久居留身份证号码应为以 9 开头的 18 位数字，请核对。' };
      }
      return r;
    }
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
  if (/^9\d{17}$/.test(n)) return '外国人永久居留身份证';
  return '居民身份证';
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
  if (idType === '外国人永久居留身份证') {
    // 2023 format: the birth date sits at the same place; gender likewise.
  }
  const birthDate = birthFrom(n.slice(6, 14), today);
  if (!birthDate) {
    return { ok: false, code: 'ID_BIRTH_DATE', field: 'idNumber', message: `证件号码 ${n} 中的出生日期 ${n.slice(6, 14)} 不是有效日期，请核对。` };
  }
  const gender: Gender = Number(n[16]) % 2 === 1 ? '男' : '女';
  return { ok: true, idType, idNumber: n, birthDate, gender };
}

function checkOld15(n: string, today: Date): IdCheck {
  // Old 15-digit 身份证: 6 region + YYMMDD + 3 sequence; all were born in the 1900s.
  const birthDate = birthFrom(`19${n.slice(6, 12)}`, today);
  if (!birthDate) {
    return { ok: false, code: 'ID_BIRTH_DATE', field: 'idNumber', message: `15 位身份证号 ${n} 中的出生日期 19${n.slice(6, 12)} 不是有效日期，请核对。` };
  }
  const gender: Gender = Number(n[14]) % 2 === 1 ? '男' : '女';
  return { ok: true, idType: '居民身份证', idNumber: n, birthDate, gender };
}

/**
 * An 18-digit ID typed into Excel as a number keeps only 15 significant digits (domain.md):
 * such a value cannot be repaired and must be refused with this message.
 */
export const ID_AS_NUMBER_MESSAGE =
  '证件号码被 Excel 存成了数字，后几位已经丢失，无法恢复。请把该列设为「文本」格式后重新录入证件号码。';
