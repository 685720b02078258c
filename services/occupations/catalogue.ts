// Editing the occupation catalogue: occupations, their levels, 工种 and parts are the officer's
// data (README: where a rule varies by province or occupation it is data the officer edits).
// A row some session names is never deleted, only retired, so every session keeps what it was
// of; every change is in the audit log. Sources of the first entries: docs/catalogue.md.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { parseScore } from '../results/rules';
import { recomputeOutcome } from '../results/results';
import { LEVEL_HINT, LEVEL_SHORT, PART_LABELS, requirePart, type Part } from '../vocabulary/words';
import { findOccupation, levelList, occupationById, type Occupation } from './occupations';

/** What an edit did to a row: made it, changed it, took it out, or retired it because a session uses it. */
export type CatalogueChange = 'added' | 'updated' | 'removed' | 'retired' | 'unchanged';

export interface CatalogueEdit {
  change: CatalogueChange;
  occupation: Occupation;
}

const EDITIONS = ['2015', '2022'] as const;

export function parseLevel(raw: unknown): number {
  const n = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim());
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new AppError('LEVEL_INVALID', `等级应为${LEVEL_HINT}，现在是「${String(raw)}」。`);
  return n;
}

/** 「5,4,3,2」 or 「5、4、3」 or [5, 4]: distinct levels, highest number (五级) first. */
export function parseLevels(raw: string | readonly (number | string)[]): number[] {
  const items = typeof raw === 'string' ? raw.split(/[,，、\s]+/).filter(Boolean) : raw;
  if (items.length === 0) throw new AppError('LEVEL_INVALID', `请给出至少一个等级，如 5,4,3,2（${LEVEL_HINT}）。`);
  return [...new Set(items.map(parseLevel))].sort((a, b) => b - a);
}

function occupationUsed(ctx: Ctx, occupationId: number): boolean {
  return !!ctx.db.prepare('SELECT 1 FROM sessions WHERE occupation_id = ? LIMIT 1').get(occupationId);
}

function levelUsed(ctx: Ctx, occupationId: number, level: number): boolean {
  return !!ctx.db.prepare('SELECT 1 FROM sessions WHERE occupation_id = ? AND level = ? LIMIT 1').get(occupationId, level);
}

function specialtyUsed(ctx: Ctx, occupationId: number, name: string, level?: number): boolean {
  return !!ctx.db
    .prepare('SELECT 1 FROM sessions WHERE occupation_id = ? AND specialty = ? AND (? IS NULL OR level = ?) LIMIT 1')
    .get(occupationId, name, level ?? null, level ?? null);
}

/** Parts a new level starts with (docs/domain.md § Exam parts: theory and skill; levels 2 and 1 add 综合评审), each 60 to pass. */
function insertLevel(ctx: Ctx, occupationId: number, level: number): void {
  ctx.db.prepare('INSERT INTO occupation_levels (occupation_id, level) VALUES (?, ?)').run(occupationId, level);
  const parts: Part[] = level <= 2 ? ['theory', 'skill', 'review'] : ['theory', 'skill'];
  parts.forEach((p, i) => ctx.db.prepare('INSERT INTO level_parts (occupation_id, level, part, sort) VALUES (?, ?, ?, ?)').run(occupationId, level, p, i));
}

export interface OccupationInput {
  code: string;
  name: string;
  edition?: string;
  levels?: string | (number | string)[];
  /** For a code of an older edition: the current occupation (code or name) it became. */
  successor?: string;
}

/** A new occupation, an older edition's code for an existing one, or one retired earlier taken back. */
export function addOccupation(ctx: Ctx, input: OccupationInput): CatalogueEdit {
  const code = input.code.trim();
  const name = input.name.trim();
  const edition = (input.edition ?? '2022').trim();
  if (!/^\d-\d\d-\d\d-\d\d$/.test(code)) throw new AppError('OCCUPATION_CODE_INVALID', `职业编码「${input.code}」格式不对，应如 4-06-01-01（大类-中类-小类-细类）。`);
  if (!name) throw new AppError('OCCUPATION_NAME_REQUIRED', '请填写职业名称，如「物业管理师」。');
  if (!(EDITIONS as readonly string[]).includes(edition)) throw new AppError('OCCUPATION_EDITION_INVALID', `大典版本应为 ${EDITIONS.join(' 或 ')}，现在是「${edition}」。`);
  return inTransaction(ctx.db, () => {
    const existing = ctx.db.prepare('SELECT id, name, retired_at FROM occupations WHERE code = ? AND edition = ?').get(code, edition) as
      | { id: number; name: string; retired_at: string | null }
      | undefined;
    if (existing && existing.retired_at === null) {
      throw new AppError('OCCUPATION_EXISTS', `职业编码 ${code}（${edition}版大典）已在目录中：「${existing.name}」。要改名称请用 occupation update，要增加等级请用 occupation level add。`);
    }
    if (existing) {
      ctx.db.prepare('UPDATE occupations SET retired_at = NULL, name = ? WHERE id = ?').run(name, existing.id);
      recordAudit(ctx, { entity: 'occupation', entityId: code, action: 'restore', oldValue: { name: existing.name, retired: true }, newValue: { name, retired: false } });
      return { change: 'updated', occupation: occupationById(ctx, existing.id) };
    }
    if (input.successor !== undefined) {
      const to = findOccupation(ctx, input.successor);
      if (edition >= '2022') throw new AppError('OCCUPATION_EDITION_INVALID', `只有旧版大典（2015版）的编码才能指向现行职业；${code} 请写明 --edition 2015。`);
      ctx.db.prepare('INSERT INTO occupations (code, edition, name, successor_id) VALUES (?, ?, ?, ?)').run(code, edition, name, to.id);
      recordAudit(ctx, { entity: 'occupation', entityId: `${edition}:${code}`, action: 'create', newValue: { code, edition, name, successor: to.code } });
      return { change: 'added', occupation: occupationById(ctx, to.id) };
    }
    const levels = parseLevels(input.levels ?? [5, 4, 3, 2, 1]);
    const id = Number(ctx.db.prepare('INSERT INTO occupations (code, edition, name) VALUES (?, ?, ?)').run(code, edition, name).lastInsertRowid);
    for (const level of levels) insertLevel(ctx, id, level);
    recordAudit(ctx, { entity: 'occupation', entityId: code, action: 'create', newValue: { code, edition, name, levels } });
    return { change: 'added', occupation: occupationById(ctx, id) };
  });
}

/** Corrects an occupation's name or code; sessions follow (they name the occupation by its row). */
export function updateOccupation(ctx: Ctx, input: { occupation: string; name?: string; code?: string }): CatalogueEdit {
  return inTransaction(ctx.db, () => {
    const occ = findOccupation(ctx, input.occupation);
    const before = ctx.db.prepare('SELECT code, name, edition FROM occupations WHERE id = ?').get(occ.id) as { code: string; name: string; edition: string };
    const next = { code: input.code?.trim() || before.code, name: input.name?.trim() || before.name };
    if (!/^\d-\d\d-\d\d-\d\d$/.test(next.code)) throw new AppError('OCCUPATION_CODE_INVALID', `职业编码「${next.code}」格式不对，应如 4-06-01-01（大类-中类-小类-细类）。`);
    if (next.code === before.code && next.name === before.name) return { change: 'unchanged', occupation: occupationById(ctx, occ.id) };
    const clash = ctx.db.prepare('SELECT name FROM occupations WHERE code = ? AND edition = ? AND id <> ?').get(next.code, before.edition, occ.id) as { name: string } | undefined;
    if (clash) throw new AppError('OCCUPATION_EXISTS', `职业编码 ${next.code}（${before.edition}版大典）已是「${clash.name}」的编码，请核对。`);
    ctx.db.prepare('UPDATE occupations SET code = ?, name = ? WHERE id = ?').run(next.code, next.name, occ.id);
    recordAudit(ctx, { entity: 'occupation', entityId: before.code, action: 'update', oldValue: { code: before.code, name: before.name }, newValue: next });
    return { change: 'updated', occupation: occupationById(ctx, occ.id) };
  });
}

/** Takes an occupation out of the catalogue: removed when no session names it, retired when one does. */
export function retireOccupation(ctx: Ctx, input: { occupation: string }): { change: CatalogueChange; code: string; name: string } {
  return inTransaction(ctx.db, () => {
    const occ = findOccupation(ctx, input.occupation);
    if (occupationUsed(ctx, occ.id)) {
      if (!occ.retired) {
        ctx.db.prepare('UPDATE occupations SET retired_at = ? WHERE id = ?').run(nowIso(), occ.id);
        recordAudit(ctx, { entity: 'occupation', entityId: occ.code, action: 'retire', oldValue: { name: occ.name, retired: false }, newValue: { retired: true } });
      }
      return { change: 'retired', code: occ.code, name: occ.name };
    }
    ctx.db.prepare('DELETE FROM specialty_levels WHERE specialty_id IN (SELECT id FROM occupation_specialties WHERE occupation_id = ?)').run(occ.id);
    ctx.db.prepare('DELETE FROM occupation_specialties WHERE occupation_id = ?').run(occ.id);
    ctx.db.prepare('DELETE FROM level_parts WHERE occupation_id = ?').run(occ.id);
    ctx.db.prepare('DELETE FROM occupation_levels WHERE occupation_id = ?').run(occ.id);
    ctx.db.prepare('UPDATE occupations SET successor_id = NULL WHERE successor_id = ?').run(occ.id);
    ctx.db.prepare('DELETE FROM occupations WHERE id = ?').run(occ.id);
    recordAudit(ctx, { entity: 'occupation', entityId: occ.code, action: 'delete', oldValue: { code: occ.code, name: occ.name } });
    return { change: 'removed', code: occ.code, name: occ.name };
  });
}

/** A level the occupation now offers (or offers again), with the default parts. */
export function addLevel(ctx: Ctx, input: { occupation: string; level: number | string }): CatalogueEdit {
  const level = parseLevel(input.level);
  return inTransaction(ctx.db, () => {
    const occ = findOccupation(ctx, input.occupation);
    const row = ctx.db.prepare('SELECT retired_at FROM occupation_levels WHERE occupation_id = ? AND level = ?').get(occ.id, level) as { retired_at: string | null } | undefined;
    if (row && row.retired_at === null) return { change: 'unchanged', occupation: occupationById(ctx, occ.id) };
    if (row) ctx.db.prepare('UPDATE occupation_levels SET retired_at = NULL WHERE occupation_id = ? AND level = ?').run(occ.id, level);
    else insertLevel(ctx, occ.id, level);
    recordAudit(ctx, { entity: 'occupation', entityId: `${occ.code}:${level}`, action: row ? 'restore' : 'create', newValue: { level } });
    return { change: row ? 'updated' : 'added', occupation: occupationById(ctx, occ.id) };
  });
}

/** A level no longer offered: removed with its parts when no session is of it, retired when one is. */
export function removeLevel(ctx: Ctx, input: { occupation: string; level: number | string }): CatalogueEdit {
  const level = parseLevel(input.level);
  return inTransaction(ctx.db, () => {
    const occ = findOccupation(ctx, input.occupation);
    const row = ctx.db.prepare('SELECT retired_at FROM occupation_levels WHERE occupation_id = ? AND level = ?').get(occ.id, level) as { retired_at: string | null } | undefined;
    if (!row) {
      const offered = (ctx.db.prepare('SELECT level FROM occupation_levels WHERE occupation_id = ?').all(occ.id) as { level: number }[]).map((r) => r.level);
      throw new AppError('LEVEL_NOT_OFFERED', `职业「${occ.name}」本来就不开设${LEVEL_SHORT[level]}，开设的等级：${levelList(offered)}。`, { offered });
    }
    if (levelUsed(ctx, occ.id, level)) {
      if (row.retired_at === null) {
        ctx.db.prepare('UPDATE occupation_levels SET retired_at = ? WHERE occupation_id = ? AND level = ?').run(nowIso(), occ.id, level);
        recordAudit(ctx, { entity: 'occupation', entityId: `${occ.code}:${level}`, action: 'retire', oldValue: { level, retired: false }, newValue: { level, retired: true } });
      }
      return { change: 'retired', occupation: occupationById(ctx, occ.id) };
    }
    const parts = ctx.db.prepare('SELECT part, pass_mark_tenths FROM level_parts WHERE occupation_id = ? AND level = ?').all(occ.id, level);
    ctx.db.prepare('DELETE FROM specialty_levels WHERE level = ? AND specialty_id IN (SELECT id FROM occupation_specialties WHERE occupation_id = ?)').run(level, occ.id);
    ctx.db.prepare('DELETE FROM level_parts WHERE occupation_id = ? AND level = ?').run(occ.id, level);
    ctx.db.prepare('DELETE FROM occupation_levels WHERE occupation_id = ? AND level = ?').run(occ.id, level);
    recordAudit(ctx, { entity: 'occupation', entityId: `${occ.code}:${level}`, action: 'delete', oldValue: { level, parts } });
    return { change: 'removed', occupation: occupationById(ctx, occ.id) };
  });
}

/**
 * A 工种 with the levels it offers: added, or corrected (its levels replaced). A level a session
 * of this 工种 already uses stays offered; the levels must be ones the occupation offers.
 */
export function setSpecialty(ctx: Ctx, input: { occupation: string; name: string; levels: string | (number | string)[] }): CatalogueEdit {
  const name = input.name.trim();
  if (!name) throw new AppError('SPECIALTY_NAME_REQUIRED', '请填写工种名称（--name），如「消防设施监控操作」。');
  const levels = parseLevels(input.levels);
  return inTransaction(ctx.db, () => {
    const occ = findOccupation(ctx, input.occupation);
    const offered = (ctx.db.prepare('SELECT level FROM occupation_levels WHERE occupation_id = ? AND retired_at IS NULL').all(occ.id) as { level: number }[]).map((r) => r.level);
    const outside = levels.filter((l) => !offered.includes(l));
    if (outside.length) {
      throw new AppError('LEVEL_NOT_OFFERED', `职业「${occ.name}」不开设${levelList(outside)}，开设的等级：${levelList(offered)}。请先增加等级（occupation level add），或改正工种的等级。`, { offered });
    }
    const row = ctx.db.prepare('SELECT id, retired_at FROM occupation_specialties WHERE occupation_id = ? AND name = ?').get(occ.id, name) as
      | { id: number; retired_at: string | null }
      | undefined;
    const before = row ? (ctx.db.prepare('SELECT level FROM specialty_levels WHERE specialty_id = ? ORDER BY level DESC').all(row.id) as { level: number }[]).map((r) => r.level) : [];
    const kept = before.filter((l) => !levels.includes(l) && specialtyUsed(ctx, occ.id, name, l));
    const next = [...new Set([...levels, ...kept])].sort((a, b) => b - a);
    if (row && row.retired_at === null && next.join() === before.join()) return { change: 'unchanged', occupation: occupationById(ctx, occ.id) };
    let id = row?.id;
    if (id === undefined) id = Number(ctx.db.prepare('INSERT INTO occupation_specialties (occupation_id, name) VALUES (?, ?)').run(occ.id, name).lastInsertRowid);
    else ctx.db.prepare('UPDATE occupation_specialties SET retired_at = NULL WHERE id = ?').run(id);
    ctx.db.prepare('DELETE FROM specialty_levels WHERE specialty_id = ?').run(id);
    for (const l of next) ctx.db.prepare('INSERT INTO specialty_levels (specialty_id, level) VALUES (?, ?)').run(id, l);
    recordAudit(ctx, {
      entity: 'occupation',
      entityId: `${occ.code}:${name}`,
      action: row ? 'update' : 'create',
      oldValue: row ? { specialty: name, levels: before, retired: row.retired_at !== null } : undefined,
      newValue: { specialty: name, levels: next },
    });
    return { change: row ? 'updated' : 'added', occupation: occupationById(ctx, occ.id) };
  });
}

/** A 工种 no longer offered: removed when no session names it, retired when one does. */
export function removeSpecialty(ctx: Ctx, input: { occupation: string; name: string }): CatalogueEdit {
  const name = input.name.trim();
  return inTransaction(ctx.db, () => {
    const occ = findOccupation(ctx, input.occupation);
    const row = ctx.db.prepare('SELECT id, retired_at FROM occupation_specialties WHERE occupation_id = ? AND name = ?').get(occ.id, name) as
      | { id: number; retired_at: string | null }
      | undefined;
    if (!row) throw new AppError('SPECIALTY_UNKNOWN', `职业「${occ.name}」没有工种「${name}」，请用 occupation show ${occ.code} 查看。`);
    if (specialtyUsed(ctx, occ.id, name)) {
      if (row.retired_at === null) {
        ctx.db.prepare('UPDATE occupation_specialties SET retired_at = ? WHERE id = ?').run(nowIso(), row.id);
        recordAudit(ctx, { entity: 'occupation', entityId: `${occ.code}:${name}`, action: 'retire', oldValue: { specialty: name, retired: false }, newValue: { specialty: name, retired: true } });
      }
      return { change: 'retired', occupation: occupationById(ctx, occ.id) };
    }
    ctx.db.prepare('DELETE FROM specialty_levels WHERE specialty_id = ?').run(row.id);
    ctx.db.prepare('DELETE FROM occupation_specialties WHERE id = ?').run(row.id);
    recordAudit(ctx, { entity: 'occupation', entityId: `${occ.code}:${name}`, action: 'delete', oldValue: { specialty: name } });
    return { change: 'removed', occupation: occupationById(ctx, occ.id) };
  });
}

export interface PartInput {
  occupation: string;
  level: number | string;
  part: string;
  passMark?: number | string;
  /** yes | no (or a boolean); left out keeps what it was (a new part is required). */
  required?: string | boolean;
  /** 权重 in percent; '' clears it. */
  weight?: number | string;
}

function parseYesNo(raw: string | boolean | undefined): boolean | undefined {
  if (raw === undefined || typeof raw === 'boolean') return raw;
  const s = raw.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', '是', '必考'].includes(s)) return true;
  if (['no', 'n', 'false', '0', '否', '不考'].includes(s)) return false;
  throw new AppError('USAGE', `--required 只能是 yes 或 no，现在是「${raw}」。`);
}

/**
 * A part of a level: its pass mark, whether it is required, its weighting. Open sessions of the
 * level have their outcomes decided again (domain.md § Exam parts and passing); finalized ones
 * keep what they were locked with.
 */
export function setPart(ctx: Ctx, input: PartInput): CatalogueEdit & { recomputed: number } {
  const level = parseLevel(input.level);
  const part = requirePart(input.part);
  const required = parseYesNo(input.required);
  let markTenths: number | undefined;
  if (input.passMark !== undefined) {
    const mark = parseScore(input.passMark);
    if (!mark.ok || mark.status !== 'scored') throw new AppError('PASS_MARK_INVALID', `合格线「${input.passMark}」不对，应为 0–100 的分数（最多一位小数），如 60。`);
    markTenths = mark.tenths;
  }
  let weight: number | null | undefined;
  if (input.weight !== undefined) {
    const w = String(input.weight).trim().replace(/%$/, '');
    weight = w === '' ? null : Number(w);
    if (weight !== null && (!Number.isInteger(weight) || weight < 0 || weight > 100)) throw new AppError('PART_WEIGHT_INVALID', `权重「${input.weight}」不对，应为 0–100 的整数（百分比），不设权重请留空。`);
  }
  return inTransaction(ctx.db, () => {
    const occ = findOccupation(ctx, input.occupation);
    if (!ctx.db.prepare('SELECT 1 FROM occupation_levels WHERE occupation_id = ? AND level = ?').get(occ.id, level)) {
      const offered = (ctx.db.prepare('SELECT level FROM occupation_levels WHERE occupation_id = ?').all(occ.id) as { level: number }[]).map((r) => r.level);
      throw new AppError('LEVEL_NOT_OFFERED', `职业「${occ.name}」不开设${LEVEL_SHORT[level]}，开设的等级：${levelList(offered)}。`, { offered });
    }
    const old = ctx.db.prepare('SELECT pass_mark_tenths, required, weight_percent FROM level_parts WHERE occupation_id = ? AND level = ? AND part = ?').get(occ.id, level, part) as
      | { pass_mark_tenths: number; required: number; weight_percent: number | null }
      | undefined;
    const next = {
      passMarkTenths: markTenths ?? old?.pass_mark_tenths ?? 600,
      required: required ?? (old ? old.required === 1 : true),
      weight: weight === undefined ? (old?.weight_percent ?? null) : weight,
    };
    if (old) {
      if (old.pass_mark_tenths === next.passMarkTenths && (old.required === 1) === next.required && old.weight_percent === next.weight) {
        return { change: 'unchanged', occupation: occupationById(ctx, occ.id), recomputed: 0 };
      }
      ctx.db
        .prepare('UPDATE level_parts SET pass_mark_tenths = ?, required = ?, weight_percent = ? WHERE occupation_id = ? AND level = ? AND part = ?')
        .run(next.passMarkTenths, next.required ? 1 : 0, next.weight, occ.id, level, part);
    } else {
      const { sort } = ctx.db.prepare('SELECT coalesce(max(sort) + 1, 0) AS sort FROM level_parts WHERE occupation_id = ? AND level = ?').get(occ.id, level) as { sort: number };
      ctx.db
        .prepare('INSERT INTO level_parts (occupation_id, level, part, pass_mark_tenths, required, weight_percent, sort) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(occ.id, level, part, next.passMarkTenths, next.required ? 1 : 0, next.weight, sort);
    }
    const recomputed = recomputeOpenSessions(ctx, occ.id, level);
    const shown = (v: { passMarkTenths: number; required: boolean; weight: number | null }) => ({ part: PART_LABELS[part], passMark: v.passMarkTenths / 10, required: v.required, weight: v.weight });
    recordAudit(ctx, {
      entity: 'occupation',
      entityId: `${occ.code}:${level}:${part}`,
      action: old ? 'update' : 'create',
      oldValue: old ? shown({ passMarkTenths: old.pass_mark_tenths, required: old.required === 1, weight: old.weight_percent }) : undefined,
      newValue: shown(next),
    });
    return { change: old ? 'updated' : 'added', occupation: occupationById(ctx, occ.id), recomputed };
  });
}

/** Outcomes of the level's sessions not yet finalized, decided again after its parts changed; returns how many. */
export function recomputeOpenSessions(ctx: Ctx, occupationId: number, level: number): number {
  const open = ctx.db
    .prepare(`SELECT e.id FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE s.occupation_id = ? AND s.level = ? AND s.status <> 'finalized'`)
    .all(occupationId, level) as { id: number }[];
  for (const e of open) recomputeOutcome(ctx, e.id);
  return open.length;
}
