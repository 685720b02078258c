// The occupation catalog (国家职业分类大典) with levels, parts and pass marks as data.
import { AppError } from '../errors';
import type { RequiredPart } from '../results/rules';
import { cachedStatement, type Ctx } from '../shared/context';
import { LEVEL_LABELS, PART_LABELS, type Part } from '../vocabulary/words';

export interface OccupationLevel {
  level: number;
  label: string;
  eligibility: string;
  parts: { part: Part; label: string; passMark: number }[];
}

export interface Occupation {
  id: number;
  code: string;
  edition: string;
  name: string;
  specialties: string[];
  levels: OccupationLevel[];
}

export function listOccupations(ctx: Ctx): Occupation[] {
  const occs = cachedStatement(ctx.db, 'SELECT id, code, edition, name FROM occupations ORDER BY code, edition').all() as Omit<Occupation, 'specialties' | 'levels'>[];
  const specs = cachedStatement(ctx.db, 'SELECT occupation_id, name FROM occupation_specialties ORDER BY id').all() as { occupation_id: number; name: string }[];
  const levels = cachedStatement(ctx.db, 'SELECT occupation_id, level, eligibility FROM occupation_levels ORDER BY level DESC').all() as {
    occupation_id: number;
    level: number;
    eligibility: string;
  }[];
  const parts = cachedStatement(ctx.db, 'SELECT occupation_id, level, part, pass_mark_tenths FROM level_parts ORDER BY sort').all() as {
    occupation_id: number;
    level: number;
    part: Part;
    pass_mark_tenths: number;
  }[];
  return occs.map((o) => ({
    ...o,
    specialties: specs.filter((s) => s.occupation_id === o.id).map((s) => s.name),
    levels: levels
      .filter((l) => l.occupation_id === o.id)
      .map((l) => ({
        level: l.level,
        label: LEVEL_LABELS[l.level]!,
        eligibility: l.eligibility,
        parts: parts
          .filter((p) => p.occupation_id === o.id && p.level === l.level)
          .map((p) => ({ part: p.part, label: PART_LABELS[p.part], passMark: p.pass_mark_tenths / 10 })),
      })),
  }));
}

/** Finds an occupation by its code (4-06-01-01) or its name (物业管理师); the newest edition wins. */
export function findOccupation(ctx: Ctx, codeOrName: string): { id: number; code: string; name: string } {
  const key = codeOrName.trim();
  const row = cachedStatement(ctx.db, 'SELECT id, code, name FROM occupations WHERE code = ? OR name = ? ORDER BY edition DESC LIMIT 1')
    .get(key, key) as { id: number; code: string; name: string } | undefined;
  if (!row) {
    throw new AppError('OCCUPATION_UNKNOWN', `职业目录中没有「${key}」。请用职业编码（如 4-06-01-01）或职业名称（如 物业管理师），可用 occupations 命令查看目录。`);
  }
  return row;
}

export function requiredParts(ctx: Ctx, occupationId: number, level: number): RequiredPart[] {
  return (
    cachedStatement(ctx.db, 'SELECT part, pass_mark_tenths FROM level_parts WHERE occupation_id = ? AND level = ? ORDER BY sort')
      .all(occupationId, level) as { part: Part; pass_mark_tenths: number }[]
  ).map((r) => ({ part: r.part, passMarkTenths: r.pass_mark_tenths }));
}
