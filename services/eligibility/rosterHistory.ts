// The history columns of a 报名花名册 (参加工作时间, 原职业, 原证书等级, 原证书编号, 取证日期, 申报条件):
// read from a row, stored with the person, and merged into the history a clause is checked against
// (docs/eligibility.md). Reading is pure, for the roster checker's thread.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { cachedStatement, type Ctx } from '../shared/context';
import { isIsoDate, nowIso } from '../shared/dates';
import type { History } from './evaluate';

export interface RowHistory {
  workStartDate: string | null;
  prior: { occupation: string; level: number; date: string; number: string | null } | null;
  /** 申报条件 as the employer wrote it: kept for the officer, not evaluated. */
  claimedClause: string | null;
}

const LEVEL_WORDS: Record<string, number> = { 五: 5, 四: 4, 三: 3, 二: 2, 一: 1, 初级: 5, 中级: 4, 高级技师: 1, 高级: 3, 技师: 2 };

/** 「四级」「四级/中级工」「4」「中级」 → 4. */
export function readLevelWord(raw: string): number | null {
  const s = raw.replace(/\s/g, '');
  const digit = /^([1-5])(级)?$/.exec(s);
  if (digit) return Number(digit[1]);
  const han = /^([一二三四五])级/.exec(s);
  if (han) return LEVEL_WORDS[han[1]!]!;
  for (const w of ['高级技师', '技师', '初级', '中级', '高级']) if (s.startsWith(w)) return LEVEL_WORDS[w]!;
  return null;
}

/** 2018-03-01, or a month alone (2018-03, 2018.3, 2018年3月) as its 1st day. */
export function monthOrDate(raw: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-01`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * The row's history from its cells (dates already read, or null); throws AppError('…', message,
 * {field}) naming the column to fix. A prior certificate needs its 原职业, 等级 and 取证日期 together.
 */
export function readRowHistory(cells: {
  workStartDate: string | null;
  priorOccupation: string;
  priorLevel: string;
  priorNumber: string;
  priorDate: string | null;
  claimedClause: string;
}): RowHistory {
  let prior: RowHistory['prior'] = null;
  const anyPrior = cells.priorOccupation || cells.priorLevel || cells.priorNumber || cells.priorDate;
  if (anyPrior) {
    const level = readLevelWord(cells.priorLevel);
    if (!cells.priorOccupation) throw new AppError('ROSTER_PRIOR_OCCUPATION_MISSING', '填了原证书，但没有填原职业。请填写原证书的职业名称（如 保安员），或删去本行的原证书信息。', { field: 'priorOccupation' });
    if (level === null) throw new AppError('ROSTER_PRIOR_LEVEL_INVALID', `原证书等级「${cells.priorLevel}」无法识别，请填 五级、四级、三级、二级 或 一级。`, { field: 'priorLevel' });
    if (!cells.priorDate) throw new AppError('ROSTER_PRIOR_DATE_MISSING', '填了原证书，但没有填取证日期。请按证书填写（如 2020-03-15）。', { field: 'priorDate' });
    prior = { occupation: cells.priorOccupation, level, date: cells.priorDate, number: cells.priorNumber || null };
  }
  return { workStartDate: cells.workStartDate, prior, claimedClause: cells.claimedClause || null };
}

export function hasHistory(h: RowHistory | undefined): h is RowHistory {
  return !!h && (h.workStartDate !== null || h.prior !== null);
}

/** A history as stored, with what the row adds (not yet stored) — what the check sees once the row lands. */
export function withRow(h: History, row: RowHistory | undefined, occupationCode: (name: string) => string | null): History {
  if (!row) return h;
  return {
    ...h,
    workStartDate: row.workStartDate ?? h.workStartDate,
    certificates: row.prior ? [...h.certificates, { occupationCode: occupationCode(row.prior.occupation), level: row.prior.level, date: row.prior.date }] : h.certificates,
  };
}

/** Stores a row's history with the person: 参加工作时间 when given, the prior certificate once (by number, else by occupation, level and date). */
export function storeRowHistory(ctx: Ctx, candidateId: number, row: RowHistory, occupationId: (name: string) => number | null): void {
  if (row.workStartDate) {
    const old = cachedStatement(ctx.db, 'SELECT work_start_date FROM candidates WHERE id = ?').get(candidateId) as { work_start_date: string | null };
    if (old.work_start_date !== row.workStartDate) {
      cachedStatement(ctx.db, 'UPDATE candidates SET work_start_date = ? WHERE id = ?').run(row.workStartDate, candidateId);
      recordAudit(ctx, { entity: 'candidate', entityId: candidateId, action: 'update', oldValue: { workStartDate: old.work_start_date }, newValue: { workStartDate: row.workStartDate } });
    }
  }
  if (row.prior) {
    const p = row.prior;
    const occId = occupationId(p.occupation);
    const seen = cachedStatement(
      ctx.db,
      `SELECT 1 FROM candidate_credentials WHERE candidate_id = ? AND kind = 'certificate'
       AND ((? IS NOT NULL AND number = ?) OR (? IS NULL AND level = ? AND issued_on = ? AND (occupation_id IS ? AND occupation_text IS ?)))`,
    ).get(candidateId, p.number, p.number, p.number, p.level, p.date, occId, occId === null ? p.occupation : null);
    if (seen) return;
    cachedStatement(
      ctx.db,
      "INSERT INTO candidate_credentials (candidate_id, kind, occupation_id, occupation_text, level, issued_on, number, issuer, created_at) VALUES (?, 'certificate', ?, ?, ?, ?, ?, NULL, ?)",
    ).run(candidateId, occId, occId === null ? p.occupation : null, p.level, p.date, p.number, nowIso());
    recordAudit(ctx, { entity: 'candidate', entityId: candidateId, action: 'add-credential', newValue: { occupation: p.occupation, level: p.level, date: p.date, number: p.number, from: '报名花名册' } });
  }
}
