// A year's figures per member enterprise (docs/members.md § Yearly statistics): staff registered,
// sat, passed and 合格率 in certification, certificates issued, training 学时 and completions,
// competition entries and prizes. Each figure counts for a member only when the employer recorded
// with it (the enrolment's, the trainee's, the entrant's) was a member on that day — the session's
// exam date, the certificate's session, the class's 结业 date, the competition's date — and a
// name merged into another (更名) counts as the one it was merged into.
import type { Ctx } from '../shared/context';
import { summarise } from '../passrate/passRate';
import { normaliseEmployerName } from '../candidates/employers';
import { aliasMap, MEMBER_CATEGORIES, type MemberCategory } from './members';

export interface MemberFigures {
  employer: string;
  category: MemberCategory;
  registered: number;
  sat: number;
  passed: number;
  /** 合格率 = 合格 ÷ 实考 (domain.md § Pass rate); null when nobody sat. */
  passRate: number | null;
  certificates: number;
  trainingHours: number;
  trainingCompletions: number;
  competitionEntries: number;
  awards: number;
}

export interface MemberReport {
  year: string;
  members: MemberFigures[];
  /** One row per category with any member, in the order of MEMBER_CATEGORIES, then all. */
  totals: (Omit<MemberFigures, 'employer' | 'category'> & { category: MemberCategory | '合计'; members: number })[];
}

interface Term {
  employerId: number;
  employer: string;
  category: MemberCategory;
  joined: string;
  left: string | null;
}

/** A term counts its last day: a member that leaves on 12-31 is a member that day. */
function memberOn(terms: readonly Term[] | undefined, date: string): boolean {
  return !!terms?.some((t) => t.joined <= date && (t.left === null || t.left >= date));
}

/**
 * Competition entries and prizes of a year by employer id (services/competitions keeps an
 * entrant's employer as the name written): an entry per team or person entered in a competition
 * held that year, a prize per entrant given one at 定稿.
 */
export function competitionFigures(ctx: Ctx, year: string): { employerId: number; date: string; entries: number; awards: number }[] {
  const hasCompetitions = ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'competition_entrants'").get();
  if (!hasCompetitions) return [];
  const rows = ctx.db
    .prepare(
      `SELECT ce.employer, c.held_on AS date, count(*) AS entries,
              sum(EXISTS (SELECT 1 FROM competition_prizes p WHERE p.entrant_id = ce.id AND p.prize IS NOT NULL AND c.status = 'final')) AS awards
       FROM competition_entrants ce JOIN competitions c ON c.id = ce.competition_id
       WHERE c.held_on BETWEEN ? AND ? AND ce.employer IS NOT NULL GROUP BY ce.employer, c.held_on`,
    )
    .all(`${year}-01-01`, `${year}-12-31`) as { employer: string; date: string; entries: number; awards: number }[];
  const byName = ctx.db.prepare('SELECT id FROM employers WHERE name = ?');
  return rows.flatMap((r) => {
    const e = byName.get(normaliseEmployerName(r.employer)) as { id: number } | undefined;
    return e ? [{ employerId: e.id, date: r.date, entries: r.entries, awards: r.awards }] : [];
  });
}

export function memberReport(ctx: Ctx, year: string): MemberReport {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const terms = ctx.db
    .prepare(
      `SELECT m.employer_id AS employerId, e.name AS employer, m.category, m.joined_on AS joined, m.left_on AS "left" FROM members m JOIN employers e ON e.id = m.employer_id
       WHERE m.joined_on <= ? AND (m.left_on IS NULL OR m.left_on >= ?) ORDER BY m.joined_on`,
    )
    .all(to, from) as Term[];
  const termsOf = new Map<number, Term[]>();
  for (const t of terms) termsOf.set(t.employerId, [...(termsOf.get(t.employerId) ?? []), t]);
  const aliases = aliasMap(ctx);
  const figures = new Map<number, { registered: number; absent: number; pending: number; passed: number; certificates: number; hoursTenths: number; completions: number; entries: number; awards: number }>();
  const figuresOf = (employerId: number | null, date: string) => {
    if (employerId === null) return null;
    const member = aliases.get(employerId) ?? employerId;
    if (!memberOn(termsOf.get(member), date)) return null;
    let f = figures.get(member);
    if (!f) figures.set(member, (f = { registered: 0, absent: 0, pending: 0, passed: 0, certificates: 0, hoursTenths: 0, completions: 0, entries: 0, awards: 0 }));
    return f;
  };

  const outcomes = ctx.db
    .prepare(
      `SELECT e.employer_id AS employerId, s.exam_date AS date, e.outcome, count(*) AS n FROM enrolments e JOIN sessions s ON s.id = e.session_id
       WHERE s.exam_date BETWEEN ? AND ? AND e.employer_id IS NOT NULL GROUP BY e.employer_id, s.exam_date, e.outcome`,
    )
    .all(from, to) as { employerId: number; date: string; outcome: string; n: number }[];
  for (const r of outcomes) {
    const f = figuresOf(r.employerId, r.date);
    if (!f) continue;
    f.registered += r.n;
    if (r.outcome === 'absent') f.absent += r.n;
    else if (r.outcome === 'pending') f.pending += r.n;
    else if (r.outcome === 'pass') f.passed += r.n;
  }

  // Certificates issued in the year, counted for the employer of the enrolment they certify.
  const certificates = ctx.db
    .prepare(
      `SELECT e.employer_id AS employerId, s.exam_date AS date, count(*) AS n FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id JOIN sessions s ON s.id = e.session_id
       WHERE c.status = 'issued' AND c.issue_date BETWEEN ? AND ? AND e.employer_id IS NOT NULL GROUP BY e.employer_id, s.exam_date`,
    )
    .all(from, to) as { employerId: number; date: string; n: number }[];
  for (const r of certificates) {
    const f = figuresOf(r.employerId, r.date);
    if (f) f.certificates += r.n;
  }

  // Training counts once a class is finalized (结业), in the year it ended.
  const training = ctx.db
    .prepare(
      `SELECT t.employer_id AS employerId, tc.end_date AS date, sum(t.hours_tenths) AS tenths, sum(t.completed) AS completions FROM training_trainees t
       JOIN training_classes tc ON tc.id = t.class_id WHERE tc.status = 'finalized' AND tc.end_date BETWEEN ? AND ? AND t.employer_id IS NOT NULL
       GROUP BY t.employer_id, tc.end_date`,
    )
    .all(from, to) as { employerId: number; date: string; tenths: number; completions: number }[];
  for (const r of training) {
    const f = figuresOf(r.employerId, r.date);
    if (!f) continue;
    f.hoursTenths += r.tenths;
    f.completions += r.completions;
  }

  for (const r of competitionFigures(ctx, year)) {
    const f = figuresOf(r.employerId, r.date);
    if (!f) continue;
    f.entries += r.entries;
    f.awards += r.awards;
  }

  const members: MemberFigures[] = [...termsOf.entries()].map(([employerId, list]) => {
    const f = figures.get(employerId);
    const s = summarise({ registered: f?.registered ?? 0, absent: f?.absent ?? 0, passed: f?.passed ?? 0, pending: f?.pending ?? 0 });
    return {
      employer: list[0]!.employer,
      // The category it held last in the year.
      category: list[list.length - 1]!.category,
      registered: s.registered,
      sat: s.sat,
      passed: s.passed,
      passRate: s.passRate,
      certificates: f?.certificates ?? 0,
      trainingHours: (f?.hoursTenths ?? 0) / 10,
      trainingCompletions: f?.completions ?? 0,
      competitionEntries: f?.entries ?? 0,
      awards: f?.awards ?? 0,
    };
  });
  members.sort((a, b) => MEMBER_CATEGORIES.indexOf(a.category) - MEMBER_CATEGORIES.indexOf(b.category) || a.employer.localeCompare(b.employer, 'zh-CN'));

  const total = (category: MemberCategory | '合计', list: MemberFigures[]) => {
    const sum = (k: 'registered' | 'sat' | 'passed' | 'certificates' | 'trainingHours' | 'trainingCompletions' | 'competitionEntries' | 'awards') => list.reduce((n, m) => n + m[k], 0);
    const sat = sum('sat');
    return {
      category,
      members: list.length,
      registered: sum('registered'),
      sat,
      passed: sum('passed'),
      passRate: sat > 0 ? sum('passed') / sat : null,
      certificates: sum('certificates'),
      trainingHours: Math.round(sum('trainingHours') * 10) / 10,
      trainingCompletions: sum('trainingCompletions'),
      competitionEntries: sum('competitionEntries'),
      awards: sum('awards'),
    };
  };
  const totals = MEMBER_CATEGORIES.filter((c) => members.some((m) => m.category === c)).map((c) => total(c, members.filter((m) => m.category === c)));
  return { year, members, totals: [...totals, total('合计', members)] };
}
