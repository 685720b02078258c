// Every result in scope, one row per enrolment with its parts side by side: the detail sheet of
// the 合格率 workbook and the source of the roster, score and pass lists.
import type { Ctx } from '../../shared/context';
import { PARTS, STATUS_WORDS, type Part, type PartStatus, type Outcome } from '../../results/rules';
import { sessionWhere, type ExportScope } from './scope';

export interface DetailRow {
  enrolmentId: number;
  sessionId: number;
  sessionName: string;
  examDate: string;
  occupationCode: string;
  occupationName: string;
  specialty: string | null;
  level: number;
  admissionNumber: string;
  attempt: 'first' | 'retake';
  outcome: Outcome;
  idType: string;
  idNumber: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  phone: string | null;
  education: string | null;
  employer: string | null;
  /** Part → score, or 缺考 / 违纪; absent when no result is in. */
  parts: Partial<Record<Part, { status: PartStatus; score: number | null }>>;
  certificateNumber: string | null;
}

export function detailRows(ctx: Ctx, scope: ExportScope, opts: { outcome?: Outcome } = {}): DetailRow[] {
  const where = sessionWhere(scope);
  const outcomeSql = opts.outcome ? `${where.sql ? ' AND' : 'WHERE'} e.outcome = ?` : '';
  const rows = ctx.db
    .prepare(
      `SELECT e.id AS enrolmentId, s.id AS sessionId, s.name AS sessionName, s.exam_date AS examDate, o.code AS occupationCode,
              o.name AS occupationName, s.specialty, s.level, e.admission_number AS admissionNumber, e.attempt, e.outcome,
              c.id_type AS idType, c.id_number AS idNumber, c.name, c.gender, c.birth_date AS birthDate, c.phone, c.education,
              emp.name AS employer,
              (SELECT number FROM certificates ct WHERE ct.enrolment_id = e.id AND ct.status = 'issued' ORDER BY ct.id DESC LIMIT 1) AS certificateNumber
       FROM enrolments e
       JOIN sessions s ON s.id = e.session_id
       JOIN occupations o ON o.id = s.occupation_id
       JOIN candidates c ON c.id = e.candidate_id
       LEFT JOIN employers emp ON emp.id = e.employer_id
       ${where.sql}${outcomeSql}
       ORDER BY s.exam_date, s.id, e.admission_number`,
    )
    .all(...where.args, ...(opts.outcome ? [opts.outcome] : [])) as DetailRow[];
  // The parts are attached to the rows in place and streamed from SQLite: for 100,000 results,
  // neither a second copy of every row nor an array of 200,000 part rows is held.
  const byEnrolment = new Map<number, DetailRow>();
  for (const r of rows) {
    r.parts = {};
    byEnrolment.set(r.enrolmentId, r);
  }
  const parts = ctx.db.prepare(
    `SELECT pr.enrolment_id AS enrolmentId, pr.part, pr.status, pr.score_tenths AS tenths
     FROM part_results pr JOIN enrolments e ON e.id = pr.enrolment_id JOIN sessions s ON s.id = e.session_id ${where.sql}`,
  );
  for (const p of parts.iterate(...where.args) as IterableIterator<{ enrolmentId: number; part: Part; status: PartStatus; tenths: number | null }>) {
    const row = byEnrolment.get(p.enrolmentId);
    if (row) row.parts[p.part] = { status: p.status, score: p.tenths === null ? null : p.tenths / 10 };
  }
  return rows;
}

/** The parts any session in scope requires, in the catalog's order. */
export function partsInScope(ctx: Ctx, scope: ExportScope): Part[] {
  const where = sessionWhere(scope);
  const found = new Set(
    (
      ctx.db
        .prepare(`SELECT DISTINCT lp.part FROM sessions s JOIN level_parts lp ON lp.occupation_id = s.occupation_id AND lp.level = s.level ${where.sql}`)
        .all(...where.args) as { part: Part }[]
    ).map((r) => r.part),
  );
  return PARTS.filter((p) => found.has(p));
}

/** What a score sheet shows for a part: the score, or the word (domain.md: never a number for 缺考/违纪). */
export function partCell(result: { status: PartStatus; score: number | null } | undefined): number | string | null {
  if (!result) return null;
  if (result.status === 'absent') return STATUS_WORDS.absent;
  if (result.status === 'misconduct') return STATUS_WORDS.misconduct;
  return result.score;
}
