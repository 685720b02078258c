// The occupation catalog (国家职业分类大典) with levels, parts and pass marks as data; the officer
// edits it (catalogue.ts), and the sources of the first entries are in docs/catalogue.md.
import { AppError } from '../errors';
import type { RequiredPart } from '../results/rules';
import { cachedStatement, type Ctx } from '../shared/context';
import { nameInitials } from '../candidates/names';
import { LEVEL_LABELS, LEVEL_SHORT, PART_LABELS, type Part } from '../vocabulary/words';

export interface OccupationPart {
  part: Part;
  label: string;
  passMark: number;
  /** A part not required is listed but decides nothing; only required parts are examined. */
  required: boolean;
  /** 权重 (percent) where the standard gives one; null otherwise. */
  weight: number | null;
}

export interface OccupationLevel {
  level: number;
  label: string;
  eligibility: string;
  /** Kept for the sessions that name it; no new session may be of it. */
  retired: boolean;
  parts: OccupationPart[];
}

export interface Specialty {
  name: string;
  levels: number[];
  retired: boolean;
}

export interface Occupation {
  id: number;
  code: string;
  edition: string;
  name: string;
  /** Pinyin initials of the name (物业管理师 → wygls): the picker finds an occupation by them too. */
  initials: string;
  retired: boolean;
  /** The 工种 still offered, by name. */
  specialties: string[];
  /** Every 工种 with the levels it offers, retired ones included. */
  specialtyDetails: Specialty[];
  levels: OccupationLevel[];
  /** Codes of older editions (2015 大典) that name this occupation. */
  olderCodes: { code: string; edition: string; name: string }[];
}

export function listOccupations(ctx: Ctx): Occupation[] {
  const occs = cachedStatement(ctx.db, 'SELECT id, code, edition, name, retired_at, successor_id FROM occupations ORDER BY code, edition').all() as {
    id: number;
    code: string;
    edition: string;
    name: string;
    retired_at: string | null;
    successor_id: number | null;
  }[];
  const specs = cachedStatement(ctx.db, 'SELECT id, occupation_id, name, retired_at FROM occupation_specialties ORDER BY id').all() as {
    id: number;
    occupation_id: number;
    name: string;
    retired_at: string | null;
  }[];
  const specLevels = cachedStatement(ctx.db, 'SELECT specialty_id, level FROM specialty_levels ORDER BY level DESC').all() as { specialty_id: number; level: number }[];
  const levels = cachedStatement(ctx.db, 'SELECT occupation_id, level, eligibility, retired_at FROM occupation_levels ORDER BY level DESC').all() as {
    occupation_id: number;
    level: number;
    eligibility: string;
    retired_at: string | null;
  }[];
  const parts = cachedStatement(ctx.db, 'SELECT occupation_id, level, part, pass_mark_tenths, required, weight_percent FROM level_parts ORDER BY sort').all() as {
    occupation_id: number;
    level: number;
    part: Part;
    pass_mark_tenths: number;
    required: number;
    weight_percent: number | null;
  }[];
  return occs
    .filter((o) => o.successor_id === null)
    .map((o) => {
      const details = specs
        .filter((s) => s.occupation_id === o.id)
        .map((s) => ({ name: s.name, levels: specLevels.filter((l) => l.specialty_id === s.id).map((l) => l.level), retired: s.retired_at !== null }));
      return {
        id: o.id,
        code: o.code,
        edition: o.edition,
        name: o.name,
        initials: nameInitials(o.name),
        retired: o.retired_at !== null,
        specialties: details.filter((s) => !s.retired).map((s) => s.name),
        specialtyDetails: details,
        levels: levels
          .filter((l) => l.occupation_id === o.id)
          .map((l) => ({
            level: l.level,
            label: LEVEL_LABELS[l.level]!,
            eligibility: l.eligibility,
            retired: l.retired_at !== null,
            parts: parts
              .filter((p) => p.occupation_id === o.id && p.level === l.level)
              .map((p) => ({ part: p.part, label: PART_LABELS[p.part], passMark: p.pass_mark_tenths / 10, required: p.required === 1, weight: p.weight_percent })),
          })),
        olderCodes: occs.filter((a) => a.successor_id === o.id).map((a) => ({ code: a.code, edition: a.edition, name: a.name })),
      };
    });
}

export function getOccupation(ctx: Ctx, codeOrName: string): Occupation {
  return occupationById(ctx, findOccupation(ctx, codeOrName).id);
}

export function occupationById(ctx: Ctx, id: number): Occupation {
  return listOccupations(ctx).find((o) => o.id === id)!;
}

/** 「2015:4-06-01-01」, 「4-06-01-01（2015）」 or 「4-06-01-01 2015版」: a code with the edition it comes from. */
function splitEdition(key: string): { key: string; edition: string | null } {
  const before = /^(20\d\d)\s*(?:版)?\s*[:：]\s*(.+)$/.exec(key);
  if (before) return { key: before[2]!.trim(), edition: before[1]! };
  const after = /^(.+?)\s*[（(]?\s*(20\d\d)\s*(?:年版|版)?\s*[）)]?$/.exec(key);
  if (after && /\d-\d\d-\d\d-\d\d$/.test(after[1]!.trim())) return { key: after[1]!.trim(), edition: after[2]! };
  return { key, edition: null };
}

/**
 * Finds an occupation by its code (4-06-01-01) or its name (物业管理师). A code the current
 * edition also uses means the current occupation; a code typed from older material (only in the
 * 2015 edition, or given with its edition: 2015:4-07-05-04) is matched to that edition's entry and
 * from there to the occupation it became.
 */
export function findOccupation(ctx: Ctx, codeOrName: string): { id: number; code: string; name: string; retired: boolean } {
  const typed = codeOrName.trim();
  const { key, edition } = splitEdition(typed);
  const row = cachedStatement(
    ctx.db,
    `SELECT id, code, name, successor_id, retired_at FROM occupations WHERE (code = ? OR name = ?) AND (? IS NULL OR edition = ?)
     ORDER BY successor_id IS NOT NULL, edition DESC LIMIT 1`,
  ).get(key, key, edition, edition) as { id: number; code: string; name: string; successor_id: number | null; retired_at: string | null } | undefined;
  if (!row) {
    throw new AppError(
      'OCCUPATION_UNKNOWN',
      `职业目录中没有「${typed}」${edition ? `（${edition}版大典）` : ''}。请用职业编码（如 4-06-01-01）或职业名称（如 物业管理师），可用 occupations 命令查看目录。`,
    );
  }
  if (row.successor_id !== null) return findOccupationById(ctx, row.successor_id);
  return { id: row.id, code: row.code, name: row.name, retired: row.retired_at !== null };
}

function findOccupationById(ctx: Ctx, id: number): { id: number; code: string; name: string; retired: boolean } {
  const r = cachedStatement(ctx.db, 'SELECT id, code, name, retired_at FROM occupations WHERE id = ?').get(id) as { id: number; code: string; name: string; retired_at: string | null };
  return { id: r.id, code: r.code, name: r.name, retired: r.retired_at !== null };
}

/** The parts that decide an outcome at a level: the required ones. */
export function requiredParts(ctx: Ctx, occupationId: number, level: number): RequiredPart[] {
  return (
    cachedStatement(ctx.db, 'SELECT part, pass_mark_tenths FROM level_parts WHERE occupation_id = ? AND level = ? AND required = 1 ORDER BY sort')
      .all(occupationId, level) as { part: Part; pass_mark_tenths: number }[]
  ).map((r) => ({ part: r.part, passMarkTenths: r.pass_mark_tenths }));
}

/** 「五级、四级、三级」: levels as an officer reads them in a sentence. */
export function levelList(levels: readonly number[]): string {
  return levels.length ? [...levels].sort((a, b) => b - a).map((l) => LEVEL_SHORT[l]).join('、') : '（没有）';
}

/**
 * A new session (or one whose 工种 changes) must be of a level the occupation offers now and,
 * with a 工种, one that 工种 offers; the refusal names what is offered.
 */
export function assertLevelOffered(ctx: Ctx, occ: { id: number; name: string; retired?: boolean }, level: number, specialty: string | null): void {
  const offered = offeredLevels(ctx, occ, level);
  assertSpecialtyLevel(ctx, occ, level, specialty, offered);
}

function offeredLevels(ctx: Ctx, occ: { id: number; name: string; retired?: boolean }, level: number): number[] {
  if (occ.retired) throw new AppError('OCCUPATION_RETIRED', `职业「${occ.name}」已从职业目录停用，不能再新建它的认定批次。如需恢复，请在 设置 → 职业目录 中重新启用。`);
  const offered = (cachedStatement(ctx.db, 'SELECT level FROM occupation_levels WHERE occupation_id = ? AND retired_at IS NULL').all(occ.id) as { level: number }[]).map((r) => r.level);
  if (!offered.includes(level)) {
    throw new AppError('LEVEL_NOT_OFFERED', `职业「${occ.name}」不开设${LEVEL_SHORT[level] ?? `${level}级`}，开设的等级：${levelList(offered)}。请核对等级，或在职业目录中增加该等级。`, {
      offered,
    });
  }
  return offered;
}

/** A session's 工种 must offer its level (消防设施检测维修保养 has no 五级). */
export function assertSpecialtyLevel(ctx: Ctx, occ: { id: number; name: string }, level: number, specialty: string | null, offered?: number[]): void {
  if (!specialty) return;
  const sp = cachedStatement(ctx.db, 'SELECT id FROM occupation_specialties WHERE occupation_id = ? AND name = ? AND retired_at IS NULL').get(occ.id, specialty) as { id: number } | undefined;
  if (!sp) return; // an unknown 工种 is SPECIALTY_UNKNOWN's to refuse
  const ofSpecialty = (cachedStatement(ctx.db, 'SELECT level FROM specialty_levels WHERE specialty_id = ?').all(sp.id) as { level: number }[])
    .map((r) => r.level)
    .filter((l) => !offered || offered.includes(l));
  if (!ofSpecialty.includes(level)) {
    throw new AppError(
      'LEVEL_NOT_OFFERED',
      `职业「${occ.name}」的工种「${specialty}」不开设${LEVEL_SHORT[level] ?? `${level}级`}，该工种开设的等级：${levelList(ofSpecialty)}。请核对等级或工种。`,
      { offered: ofSpecialty },
    );
  }
}
