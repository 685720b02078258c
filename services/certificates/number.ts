// 证书编号: the 22-character certificate number, domain.md § The certificate.
// S/Y · institution code (4) · province (2) · site (6) · issue year (2) · level (1) · serial (6).
import { AppError } from '../errors';
import { getSetting } from '../settings/settings';
import { SETTING_KEYS } from '../settings/keys';
import type { Ctx } from '../shared/context';
import { compactText } from '../vocabulary/text';

export const NUMBER_PATTERN = /^[SY]\d{21}$/;

export interface NumberParts {
  type: 'S' | 'Y';
  institutionCode: string;
  province: string;
  site: string;
  year: string; // two digits
  level: number;
  serial: number;
}

export function formatCertificateNumber(p: NumberParts): string {
  return `${p.type}${p.institutionCode}${p.province}${p.site}${p.year}${p.level}${String(p.serial).padStart(6, '0')}`;
}

/** Reads a number someone typed or imported; returns the reason it is not a certificate number, or its parts. */
export function parseCertificateNumber(raw: string): { ok: true; number: string; parts: NumberParts } | { ok: false; message: string } {
  const number = compactText(raw).toUpperCase();
  if (number.length !== 22) return { ok: false, message: `证书编号「${raw}」有 ${number.length} 位，应为 22 位（1 位字母 S 或 Y 加 21 位数字）` };
  if (!NUMBER_PATTERN.test(number)) return { ok: false, message: `证书编号「${raw}」格式不对：第 1 位应为 S 或 Y，其余 21 位都是数字` };
  const level = Number(number[15]);
  if (level < 1 || level > 5) return { ok: false, message: `证书编号「${number}」第 16 位是等级，应为 1–5，现在是 ${number[15]}` };
  const serial = Number(number.slice(16));
  if (serial === 0) return { ok: false, message: `证书编号「${number}」最后 6 位流水号不能是 000000` };
  return {
    ok: true,
    number,
    parts: {
      type: number[0] as 'S' | 'Y',
      institutionCode: number.slice(1, 5),
      province: number.slice(5, 7),
      site: number.slice(7, 13),
      year: number.slice(13, 15),
      level,
      serial,
    },
  };
}

/** The settings a generated number is built from; a missing one is named so the officer can set it. */
export function numberPrefixSettings(ctx: Ctx): Pick<NumberParts, 'type' | 'institutionCode' | 'province' | 'site'> {
  const values: Record<string, string> = {};
  for (const key of ['institution.type', 'institution.code', 'institution.province', 'institution.site'] as const) {
    const value = getSetting(ctx, key);
    const problem = SETTING_KEYS[key].validate(value);
    if (problem) {
      throw new AppError(
        'CERT_SETTINGS_MISSING',
        `生成证书编号需要设置「${SETTING_KEYS[key].label}」：${problem} 请先运行 certdesk settings set ${key} 值，或在设置页填写。`,
      );
    }
    values[key] = value;
  }
  return {
    type: values['institution.type'] as 'S' | 'Y',
    institutionCode: values['institution.code']!,
    province: values['institution.province']!,
    site: values['institution.site']!,
  };
}

const MAX_SERIAL = 999_999;

function serialsExhausted(issueDate: string): AppError {
  return new AppError('CERT_SERIAL_EXHAUSTED', `${issueDate.slice(0, 4)} 年的证书流水号已用完（最多 999999 个）。请联系省级人社部门分配新的站点序号。`);
}

/**
 * The next number for a year and level. Must run inside the issuing transaction (an IMMEDIATE one,
 * so a second process waits): the counter row and the certificate are committed together, so two
 * issues never share a number and a crash leaves neither a gap nor a duplicate. Numbers already in
 * the certificates table (imported from the provincial system, or voided) are stepped over, never reused.
 */
/** Serials count per year, or per year and level (the setting certificate.serialScope). */
export function serialScopeOf(perLevel: boolean, issueYear: string, level: number | string): string {
  return perLevel ? `${issueYear}-${level}` : issueYear;
}

export function serialsPerLevel(ctx: Ctx): boolean {
  return getSetting(ctx, 'certificate.serialScope') === 'year-level';
}

/**
 * The numbers the next `count` allocations would give, without taking them (the 发证 preview):
 * the same counter and the same stepping over numbers already in the certificates table.
 */
export function peekCertificateNumbers(ctx: Ctx, issueDate: string, level: number, count: number): string[] {
  const prefix = numberPrefixSettings(ctx);
  const year = issueDate.slice(2, 4);
  const scope = serialScopeOf(serialsPerLevel(ctx), issueDate.slice(0, 4), level);
  let last = (ctx.db.prepare('SELECT last FROM certificate_serials WHERE scope = ?').get(scope) as { last: number } | undefined)?.last ?? 0;
  const taken = ctx.db.prepare('SELECT 1 FROM certificates WHERE number = ?');
  const numbers: string[] = [];
  while (numbers.length < count) {
    last++;
    if (last > MAX_SERIAL) {
      throw serialsExhausted(issueDate);
    }
    const number = formatCertificateNumber({ ...prefix, year, level, serial: last });
    if (!taken.get(number)) numbers.push(number);
  }
  return numbers;
}

export function allocateCertificateNumber(ctx: Ctx, issueDate: string, level: number): string {
  if (!ctx.db.inTransaction) throw new Error('allocateCertificateNumber must run inside the issuing transaction');
  const prefix = numberPrefixSettings(ctx);
  const year = issueDate.slice(2, 4);
  const scope = serialScopeOf(serialsPerLevel(ctx), issueDate.slice(0, 4), level);
  const bump = ctx.db.prepare('INSERT INTO certificate_serials (scope, last) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last');
  const taken = ctx.db.prepare('SELECT 1 FROM certificates WHERE number = ?');
  for (;;) {
    const { last } = bump.get(scope) as { last: number };
    if (last > MAX_SERIAL) {
      throw serialsExhausted(issueDate);
    }
    const number = formatCertificateNumber({ ...prefix, year, level, serial: last });
    if (!taken.get(number)) return number;
  }
}
