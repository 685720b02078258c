// Pass marks are data per occupation, level and part (domain.md § Exam parts and passing: "The pass
// mark is a setting, per part"). Changing one re-decides the outcomes of sessions still open;
// a finalized session keeps the outcomes it was locked with.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { findOccupation } from './occupations';
import { formatTenths, parseScore } from '../results/rules';
import { recomputeOutcome } from '../results/results';
import { LEVEL_LABELS, PART_LABELS, requirePart } from '../vocabulary/words';

export interface PassMarkChange {
  occupation: string;
  level: number;
  part: string;
  passMark: number;
  /** Enrolments in open sessions whose outcome was decided again. */
  recomputed: number;
}

export function setPassMark(ctx: Ctx, input: { occupation: string; level: number; part: string; passMark: number | string }): PassMarkChange {
  const occ = findOccupation(ctx, input.occupation);
  const part = requirePart(input.part);
  const mark = parseScore(input.passMark);
  if (!mark.ok || mark.status !== 'scored') {
    throw new AppError('PASS_MARK_INVALID', `合格线「${input.passMark}」不对，应为 0–100 的分数（最多一位小数），如 60。`);
  }
  return inTransaction(ctx.db, () => {
    const old = ctx.db.prepare('SELECT pass_mark_tenths FROM level_parts WHERE occupation_id = ? AND level = ? AND part = ?').get(occ.id, input.level, part) as
      | { pass_mark_tenths: number }
      | undefined;
    if (!old) {
      throw new AppError('PART_NOT_REQUIRED', `${occ.name}${LEVEL_LABELS[input.level] ?? `${input.level}级`} 不考「${PART_LABELS[part]}」，请在职业目录中核对。`);
    }
    ctx.db.prepare('UPDATE level_parts SET pass_mark_tenths = ? WHERE occupation_id = ? AND level = ? AND part = ?').run(mark.tenths, occ.id, input.level, part);
    const open = ctx.db
      .prepare(`SELECT e.id FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE s.occupation_id = ? AND s.level = ? AND s.status <> 'finalized'`)
      .all(occ.id, input.level) as { id: number }[];
    for (const e of open) recomputeOutcome(ctx, e.id);
    recordAudit(ctx, {
      entity: 'occupation',
      entityId: `${occ.code}:${input.level}:${part}`,
      action: 'update',
      oldValue: { passMark: old.pass_mark_tenths / 10 },
      newValue: { passMark: mark.tenths / 10 },
    });
    return { occupation: occ.code, level: input.level, part, passMark: Number(formatTenths(mark.tenths)), recomputed: open.length };
  });
}
