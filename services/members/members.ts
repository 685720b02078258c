// 会员单位: the registry of member enterprises (an employer, its category, joined and left), and
// merging employer names when a company is renamed (更名) or typed two ways (docs/members.md).
// A merge never rewrites what was recorded: an enrolment keeps the employer row it named, and the
// old row counts as the one it was merged into (employer_aliases).
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { isIsoDate, nowIso, parseLooseDate } from '../shared/dates';
import { ensureEmployer, normaliseEmployerName } from '../candidates/employers';

import { MEMBER_CATEGORIES, type MemberCategory } from './categories';

export { MEMBER_CATEGORIES, type MemberCategory };

export interface Member {
  id: number;
  employer: string;
  category: MemberCategory;
  joined: string;
  left: string | null;
  contact: string | null;
  phone: string | null;
  /** Other names counted as this employer (更名, other spellings). */
  aliases: string[];
}

function requireDate(raw: string | undefined | null, label: string): string {
  const iso = raw ? parseLooseDate(raw) : null;
  if (!iso || !isIsoDate(iso)) throw new AppError('DATE_INVALID', `${label}「${raw ?? ''}」不是有效日期，请写成 YYYY-MM-DD，如 2024-01-01。`);
  return iso;
}

function parseCategory(raw: string): MemberCategory {
  const s = raw.trim();
  if (!(MEMBER_CATEGORIES as readonly string[]).includes(s)) throw new AppError('MEMBER_CATEGORY_INVALID', `会员类别「${s}」不对，应为 ${MEMBER_CATEGORIES.join('、')} 之一。`);
  return s as MemberCategory;
}

/** Employer id → the employer it counts as (itself unless merged). */
export function aliasMap(ctx: Ctx): Map<number, number> {
  return new Map((ctx.db.prepare('SELECT employer_id AS id, into_id AS target FROM employer_aliases').all() as { id: number; target: number }[]).map((r) => [r.id, r.target]));
}

function employerIdByName(ctx: Ctx, name: string): number | null {
  const row = cachedStatement(ctx.db, 'SELECT id FROM employers WHERE name = ?').get(normaliseEmployerName(name)) as { id: number } | undefined;
  return row?.id ?? null;
}

function canonical(ctx: Ctx, id: number): number {
  const row = cachedStatement(ctx.db, 'SELECT into_id AS target FROM employer_aliases WHERE employer_id = ?').get(id) as { target: number } | undefined;
  return row?.target ?? id;
}

function employerName(ctx: Ctx, id: number): string {
  return (cachedStatement(ctx.db, 'SELECT name FROM employers WHERE id = ?').get(id) as { name: string }).name;
}

interface MemberRow {
  id: number;
  employerId: number;
  employer: string;
  category: MemberCategory;
  joined: string;
  left: string | null;
  contact: string | null;
  phone: string | null;
}

const SELECT_MEMBER = `SELECT m.id, m.employer_id AS employerId, e.name AS employer, m.category, m.joined_on AS joined, m.left_on AS "left", m.contact, m.phone
  FROM members m JOIN employers e ON e.id = m.employer_id`;

function withAliases(ctx: Ctx, r: MemberRow): Member {
  const aliases = (cachedStatement(ctx.db, 'SELECT e.name FROM employer_aliases a JOIN employers e ON e.id = a.employer_id WHERE a.into_id = ? ORDER BY e.name').all(r.employerId) as { name: string }[]).map((a) => a.name);
  return { id: r.id, employer: r.employer, category: r.category, joined: r.joined, left: r.left, contact: r.contact, phone: r.phone, aliases };
}

export function listMembers(ctx: Ctx, filter: { asOf?: string } = {}): Member[] {
  const rows = ctx.db.prepare(`${SELECT_MEMBER} WHERE (? IS NULL OR (m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on >= ?))) ORDER BY e.name, m.joined_on`).all(filter.asOf ?? null, filter.asOf ?? null, filter.asOf ?? null) as MemberRow[];
  return rows
    .map((r) => withAliases(ctx, r))
    .sort((a, b) => MEMBER_CATEGORIES.indexOf(a.category) - MEMBER_CATEGORIES.indexOf(b.category) || a.employer.localeCompare(b.employer, 'zh-CN') || a.joined.localeCompare(b.joined));
}

/**
 * 入会: an employer becomes a member from a date, in a category. A name merged into another
 * employer joins as that employer. A term may not overlap one the employer already has.
 */
export function addMember(ctx: Ctx, input: { employer: string; category: string; joined: string; left?: string | null; contact?: string | null; phone?: string | null }): Member {
  const category = parseCategory(input.category);
  const joined = requireDate(input.joined, '入会日期');
  const left = input.left ? requireDate(input.left, '退会日期') : null;
  if (left && left < joined) throw new AppError('MEMBER_DATES', `退会日期 ${left} 早于入会日期 ${joined}，请核对。`);
  if (!normaliseEmployerName(input.employer)) throw new AppError('MEMBER_EMPLOYER_REQUIRED', '请填写会员单位名称。');
  return inTransaction(ctx.db, () => {
    const employerId = canonical(ctx, ensureEmployer(ctx, input.employer)!);
    const clash = ctx.db
      .prepare(`${SELECT_MEMBER} WHERE m.employer_id = ? AND m.joined_on <= coalesce(?, '9999-12-31') AND coalesce(m.left_on, '9999-12-31') >= ?`)
      .get(employerId, left, joined) as MemberRow | undefined;
    if (clash) {
      throw new AppError('MEMBER_EXISTS', `「${clash.employer}」自 ${clash.joined} 起已是${clash.category}${clash.left ? `（至 ${clash.left}）` : ''}，与本次登记的时间重叠。类别变化请先登记退会日期，再按新类别登记。`);
    }
    const id = Number(
      ctx.db
        .prepare('INSERT INTO members (employer_id, category, joined_on, left_on, contact, phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(employerId, category, joined, left, input.contact?.trim() || null, input.phone?.trim() || null, nowIso()).lastInsertRowid,
    );
    ctx.db.prepare('UPDATE employers SET is_member = 1 WHERE id = ?').run(employerId);
    const member = withAliases(ctx, ctx.db.prepare(`${SELECT_MEMBER} WHERE m.id = ?`).get(id) as MemberRow);
    recordAudit(ctx, { entity: 'member', entityId: id, action: 'create', newValue: member });
    return member;
  });
}

/** 退会: the current term of a member ends on a date (kept: its years as a member still count). */
export function endMembership(ctx: Ctx, input: { employer: string; left: string }): Member {
  const left = requireDate(input.left, '退会日期');
  return inTransaction(ctx.db, () => {
    const id = employerIdByName(ctx, input.employer);
    const row = id === null ? undefined : (ctx.db.prepare(`${SELECT_MEMBER} WHERE m.employer_id = ? AND m.left_on IS NULL`).get(canonical(ctx, id)) as MemberRow | undefined);
    if (!row) throw new AppError('MEMBER_NOT_FOUND', `「${input.employer}」目前不是会员单位，请用 member list 核对名称。`);
    if (left < row.joined) throw new AppError('MEMBER_DATES', `退会日期 ${left} 早于入会日期 ${row.joined}，请核对。`);
    ctx.db.prepare('UPDATE members SET left_on = ? WHERE id = ?').run(left, row.id);
    recordAudit(ctx, { entity: 'member', entityId: row.id, action: 'leave', oldValue: { left: null }, newValue: { left } });
    return withAliases(ctx, { ...row, left });
  });
}

/**
 * 更名 or a second spelling: `from` counts as `into` from now on, for every figure past and future;
 * the employer rows and what was recorded under them stay as they were. Names merged into `from`
 * earlier follow it, and `from`'s membership terms become `into`'s.
 */
export function mergeEmployer(ctx: Ctx, input: { from: string; into: string }): { from: string; into: string; aliases: string[]; movedTerms: number } {
  const fromName = normaliseEmployerName(input.from);
  const intoName = normaliseEmployerName(input.into);
  if (!fromName || !intoName) throw new AppError('MEMBER_EMPLOYER_REQUIRED', '请写明原单位名称（--from）和现单位名称（--into）。');
  return inTransaction(ctx.db, () => {
    // 更名: the new name may be on no record yet; a second spelling: the other may not be. One of
    // the two must be known, so two mistyped names never make a pair of empty employers.
    if (employerIdByName(ctx, intoName) === null && employerIdByName(ctx, fromName) === null) {
      throw new AppError('MEMBER_NOT_FOUND', `「${fromName}」和「${intoName}」都不是已登记的单位名称，请核对（可用 member list 或考生的工作单位查看）。`);
    }
    const into = canonical(ctx, ensureEmployer(ctx, intoName)!);
    const from = ensureEmployer(ctx, fromName)!;
    if (from === into || canonical(ctx, from) === into) throw new AppError('MEMBER_MERGE_SAME', `「${fromName}」已经计入「${employerName(ctx, into)}」，不需要再合并。`);
    const before = canonical(ctx, from);
    ctx.db.prepare('INSERT INTO employer_aliases (employer_id, into_id, merged_at) VALUES (?, ?, ?) ON CONFLICT (employer_id) DO UPDATE SET into_id = excluded.into_id, merged_at = excluded.merged_at').run(from, into, nowIso());
    ctx.db.prepare('UPDATE employer_aliases SET into_id = ? WHERE into_id = ?').run(into, from);
    const movedTerms = ctx.db.prepare('UPDATE members SET employer_id = ? WHERE employer_id = ?').run(into, from).changes;
    if (movedTerms) ctx.db.prepare('UPDATE employers SET is_member = 1 WHERE id = ?').run(into);
    const aliases = (ctx.db.prepare('SELECT e.name FROM employer_aliases a JOIN employers e ON e.id = a.employer_id WHERE a.into_id = ? ORDER BY e.name').all(into) as { name: string }[]).map((a) => a.name);
    const result = { from: fromName, into: employerName(ctx, into), aliases, movedTerms };
    recordAudit(ctx, { entity: 'employer', entityId: from, action: 'merge', oldValue: { countsAs: employerName(ctx, before) }, newValue: result });
    return result;
  });
}
