// Scores and outcomes: docs/domain.md § Exam parts and passing. The words (parts, 缺考, 合格 …)
// are in services/vocabulary/words.ts. Pure: runs in the renderer too.
import { compactText } from '../vocabulary/text';
import { STATUS_WORDS, type Outcome, type Part, type PartStatus } from '../vocabulary/words';

export type ScoreInput =
  | { ok: true; status: 'scored'; tenths: number }
  | { ok: true; status: 'absent' | 'misconduct' }
  | { ok: false; message: string };

/**
 * Reads what an officer types into a score cell: 0–100 with at most one decimal,
 * or the words 缺考 / 违纪. Full-width digits (０–９) and 「．」「。」 as the decimal point are accepted.
 */
export function parseScore(raw: string | number): ScoreInput {
  if (typeof raw === 'number') return scoreFromNumber(raw, String(raw));
  // 「。」 is the decimal point a Chinese input method types (８５。５); full-width digits and 「．」 are made half-width.
  const s = compactText(raw).replace(/。/g, '.');
  if (s === STATUS_WORDS.absent || s === '缺') return { ok: true, status: 'absent' };
  if (s === STATUS_WORDS.misconduct || s === '作弊') return { ok: true, status: 'misconduct' };
  if (s === '') return { ok: false, message: '成绩为空。请填写 0–100 的分数，或「缺考」「违纪」。' };
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, message: `「${raw}」不是分数。请填写 0–100 的分数（最多一位小数），或「缺考」「违纪」。` };
  return scoreFromNumber(Number(s), s);
}

function scoreFromNumber(n: number, text: string): ScoreInput {
  if (!Number.isFinite(n)) return { ok: false, message: `「${text}」不是分数。` };
  if (n < 0 || n > 100) return { ok: false, message: `分数 ${text} 超出范围，应在 0 到 100 之间。` };
  const tenths = Math.round(n * 10);
  if (Math.abs(tenths - n * 10) > 1e-6) return { ok: false, message: `分数 ${text} 最多保留一位小数（如 85.5）。` };
  return { ok: true, status: 'scored', tenths };
}

export function formatTenths(tenths: number): string {
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

export interface RequiredPart {
  part: Part;
  passMarkTenths: number;
}

export interface PartResult {
  part: Part;
  status: PartStatus;
  tenths: number | null;
}

/**
 * A candidate passes only if every required part passes (≥ its pass mark; 60 itself passes).
 * 缺考 or 违纪 on any part fails. Absent from every required part is 缺考 (not 实考).
 * Until every part is in, the outcome is pending, unless a part already decides it.
 */
export function decideOutcome(required: readonly RequiredPart[], results: readonly PartResult[]): Outcome {
  const byPart = new Map(results.map((r) => [r.part, r]));
  let missing = 0;
  let absent = 0;
  let failed = false;
  for (const req of required) {
    const r = byPart.get(req.part);
    if (!r) {
      missing++;
      continue;
    }
    if (r.status === 'absent') absent++;
    else if (r.status === 'misconduct') failed = true;
    else if ((r.tenths ?? 0) < req.passMarkTenths) failed = true;
  }
  if (required.length > 0 && absent === required.length) return 'absent';
  if (failed) return 'fail';
  if (missing > 0) return missing + absent === required.length && absent > 0 ? 'pending' : absent > 0 ? 'fail' : 'pending';
  if (absent > 0) return 'fail';
  return 'pass';
}
