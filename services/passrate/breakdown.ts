// Pass-rate breakdowns by session, occupation, 工种, level, employer, period and attempt type.
// One grouped scan over the pass-rate tallies, which triggers keep equal to the enrolments' outcomes.
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import { summarise, type PassRateSummary } from './passRate';
import { ATTEMPT_LABELS, LEVEL_LABELS, type Attempt, type Outcome } from '../vocabulary/words';

export const GROUPINGS = ['session', 'occupation', 'specialty', 'level', 'employer', 'month', 'quarter', 'year', 'attempt'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface PassRateFilter {
  from?: string; // exam date, inclusive
  to?: string; // exam date, inclusive
  sessionId?: number;
  occupationId?: number;
  level?: number;
  attempt?: Attempt;
  finalizedOnly?: boolean;
}

export interface PassRateRow extends PassRateSummary {
  key: string;
  label: string;
}

export const GROUP_SQL: Record<Grouping, { key: string; label: string; join?: string }> = {
  // Two sessions may share a name (a 补考 named like its 正考): the exam date tells them apart.
  session: { key: 's.id', label: "s.name || '（' || s.exam_date || '）'" },
  occupation: { key: 'o.code', label: 'o.name' },
  specialty: { key: "o.code || '/' || coalesce(s.specialty, '--')", label: "o.name || '（' || coalesce(s.specialty, '--') || '）'" },
  level: { key: 's.level', label: 's.level' },
  employer: { key: "coalesce(emp.id, 0)", label: "coalesce(emp.name, '（未填单位）')", join: 'LEFT JOIN employers emp ON emp.id = e.employer_id' },
  month: { key: 'substr(s.exam_date, 1, 7)', label: 'substr(s.exam_date, 1, 7)' },
  quarter: {
    key: "substr(s.exam_date, 1, 4) || 'Q' || ((cast(substr(s.exam_date, 6, 2) AS INTEGER) + 2) / 3)",
    label: "substr(s.exam_date, 1, 4) || '年第' || ((cast(substr(s.exam_date, 6, 2) AS INTEGER) + 2) / 3) || '季度'",
  },
  year: { key: 'substr(s.exam_date, 1, 4)', label: "substr(s.exam_date, 1, 4) || '年'" },
  attempt: { key: 'e.attempt', label: 'e.attempt' },
};

/** The WHERE terms of a filter over enrolments e JOIN sessions s (shared with the drill-down to candidates). */
export function filterClause(filter: PassRateFilter): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.from) (where.push('s.exam_date >= ?'), args.push(filter.from));
  if (filter.to) (where.push('s.exam_date <= ?'), args.push(filter.to));
  if (filter.sessionId !== undefined) (where.push('s.id = ?'), args.push(filter.sessionId));
  if (filter.occupationId !== undefined) (where.push('s.occupation_id = ?'), args.push(filter.occupationId));
  if (filter.level !== undefined) (where.push('s.level = ?'), args.push(filter.level));
  if (filter.attempt) (where.push('e.attempt = ?'), args.push(filter.attempt));
  if (filter.finalizedOnly) where.push("s.status = 'finalized'");
  return { where, args };
}

export function passRateBreakdown(ctx: Ctx, groupBy: Grouping, filter: PassRateFilter = {}): PassRateRow[] {
  const g = GROUP_SQL[groupBy];
  if (!g) throw new AppError('GROUPING_UNKNOWN', `不能按「${groupBy}」分组，可选：${GROUPINGS.join('、')}。`);
  const { where, args } = filterClause(filter);
  // The tallies (db/migrations/0005) hold the enrolment counts per session and attempt (and per
  // employer), aliased `e` so the grouping and filter expressions read the same as over enrolments.
  const sql = `
    SELECT ${g.key} AS key, ${g.label} AS label, sum(e.registered) AS registered,
           sum(e.absent) AS absent, sum(e.passed) AS passed, sum(e.pending) AS pending
    FROM ${tallySource(groupBy, filter)} ${g.join ?? ''}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY 1 ORDER BY 1`;
  const rows = ctx.db.prepare(sql).all(...args) as { key: string | number; label: string | number; registered: number; absent: number; passed: number; pending: number }[];
  return rows.map((r) => ({
    key: String(r.key),
    label: groupBy === 'level' ? LEVEL_LABELS[Number(r.label)]! : groupBy === 'attempt' ? ATTEMPT_LABELS[r.label as Attempt] : String(r.label),
    ...summarise(r),
  }));
}

/** The smallest tally that answers the question: by employer over all sessions needs no session at all. */
function tallySource(groupBy: Grouping, filter: PassRateFilter): string {
  const sessions = 'JOIN sessions s ON s.id = e.session_id JOIN occupations o ON o.id = s.occupation_id';
  if (groupBy !== 'employer') return `session_tallies e ${sessions}`;
  const sessionFilter = filter.from || filter.to || filter.sessionId !== undefined || filter.occupationId !== undefined || filter.level !== undefined || filter.finalizedOnly;
  return sessionFilter ? `employer_tallies e ${sessions}` : 'employer_totals e';
}

export function overallPassRate(ctx: Ctx, filter: PassRateFilter = {}): PassRateSummary {
  const rows = passRateBreakdown(ctx, 'attempt', filter);
  return summarise(
    rows.reduce((a, r) => ({ registered: a.registered + r.registered, absent: a.absent + r.absent, passed: a.passed + r.passed, pending: a.pending + r.pending }), {
      registered: 0,
      absent: 0,
      passed: 0,
      pending: 0,
    }),
  );
}

/** One candidate counted in a pass-rate figure. */
export interface FigureCandidate {
  enrolmentId: number;
  sessionId: number;
  sessionName: string;
  admissionNumber: string;
  name: string;
  idNumber: string;
  employer: string | null;
  attempt: Attempt;
  outcome: Outcome;
}

/** The people behind one bar or row of a breakdown: the enrolments its group key counts. */
export function figureCandidates(ctx: Ctx, groupBy: Grouping, key: string, filter: PassRateFilter, limit: number): FigureCandidate[] {
  const g = GROUP_SQL[groupBy];
  const { where, args } = filterClause(filter);
  where.push(`CAST((${g.key}) AS TEXT) = ?`);
  return ctx.db
    .prepare(
      `SELECT e.id AS enrolmentId, s.id AS sessionId, s.name AS sessionName, e.admission_number AS admissionNumber,
              c.name, c.id_number AS idNumber, emp.name AS employer, e.attempt, e.outcome
       FROM enrolments e JOIN sessions s ON s.id = e.session_id JOIN occupations o ON o.id = s.occupation_id
            JOIN candidates c ON c.id = e.candidate_id LEFT JOIN employers emp ON emp.id = e.employer_id
       WHERE ${where.join(' AND ')}
       ORDER BY s.exam_date DESC, e.admission_number LIMIT ?`,
    )
    .all(...args, key, limit) as FigureCandidate[];
}
