// Every result in scope, one row per enrolment with its parts side by side: the detail sheet of
// the 合格率 workbook and the source of the roster, score and pass lists.
import type { Ctx } from '../../shared/context';
import { sessionWhere, type ExportScope } from './scope';
import { PARTS, STATUS_WORDS, type Attempt, type Outcome, type Part, type PartStatus } from '../../vocabulary/words';

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
  attempt: Attempt;
  outcome: Outcome;
  idType: string;
  idNumber: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  phone: string | null;
  education: string | null;
  employer: string | null;
  /** Part → score, or 缺考 / 违纪, for the parts the sessions in scope require; absent when no result is in. */
  parts: Partial<Record<Part, { status: PartStatus; score: number | null }>>;
  certificateNumber: string | null;
}

type SessionFields = Pick<DetailRow, 'sessionId' | 'sessionName' | 'examDate' | 'occupationCode' | 'occupationName' | 'specialty' | 'level'>;

/**
 * Every result in scope, session by session in the order of exam dates, each session's rows in
 * the order of 准考证号. Rows are read one session at a time, so 100,000 results are never held
 * at once, and each query walks the (session, 准考证号) index instead of sorting every row; no
 * SQLite cursor stays open between sessions, so the caller may use the connection in between.
 */
export function* eachDetailRow(ctx: Ctx, scope: ExportScope, opts: { outcome?: Outcome } = {}): Generator<DetailRow> {
  const where = sessionWhere(scope);
  const sessions = ctx.db
    .prepare(
      `SELECT s.id AS sessionId, s.name AS sessionName, s.exam_date AS examDate, o.code AS occupationCode, o.name AS occupationName, s.specialty, s.level
       FROM sessions s JOIN occupations o ON o.id = s.occupation_id ${where.sql} ORDER BY s.exam_date, s.id`,
    )
    .all(...where.args) as SessionFields[];
  // Rows come as arrays, not objects: better-sqlite3 takes twice as long to name every value of
  // 100,000 rows. Each part in scope is joined by its primary key, two columns a part (status, tenths).
  const parts = partsInScope(ctx, scope);
  const rows = ctx.db
    .prepare(
      `SELECT e.id, e.admission_number, e.attempt, e.outcome, c.id_type, c.id_number, c.name, c.gender, c.birth_date, c.phone, c.education, emp.name,
              (SELECT number FROM certificates ct WHERE ct.enrolment_id = e.id AND ct.status = 'issued' ORDER BY ct.id DESC LIMIT 1)
              ${parts.map((_, i) => `, p${i}.status, p${i}.score_tenths`).join('')}
       FROM enrolments e
       JOIN candidates c ON c.id = e.candidate_id
       LEFT JOIN employers emp ON emp.id = e.employer_id
       ${parts.map((_, i) => `LEFT JOIN part_results p${i} ON p${i}.enrolment_id = e.id AND p${i}.part = ?`).join('\n       ')}
       WHERE e.session_id = ?${opts.outcome ? ' AND e.outcome = ?' : ''}
       ORDER BY e.admission_number`,
    )
    .raw();
  const FIRST_PART_COLUMN = 13;
  for (const s of sessions) {
    for (const r of rows.all(...parts, s.sessionId, ...(opts.outcome ? [opts.outcome] : [])) as unknown[][]) {
      const results: DetailRow['parts'] = {};
      for (let i = 0; i < parts.length; i++) {
        const status = r[FIRST_PART_COLUMN + 2 * i] as PartStatus | null;
        const tenths = r[FIRST_PART_COLUMN + 2 * i + 1] as number | null;
        if (status !== null) results[parts[i]!] = { status, score: tenths === null ? null : tenths / 10 };
      }
      yield {
        enrolmentId: r[0] as number,
        sessionId: s.sessionId,
        sessionName: s.sessionName,
        examDate: s.examDate,
        occupationCode: s.occupationCode,
        occupationName: s.occupationName,
        specialty: s.specialty,
        level: s.level,
        admissionNumber: r[1] as string,
        attempt: r[2] as DetailRow['attempt'],
        outcome: r[3] as Outcome,
        idType: r[4] as string,
        idNumber: r[5] as string,
        name: r[6] as string,
        gender: r[7] as string | null,
        birthDate: r[8] as string | null,
        phone: r[9] as string | null,
        education: r[10] as string | null,
        employer: r[11] as string | null,
        certificateNumber: r[12] as string | null,
        parts: results,
      };
    }
  }
}

export function detailRows(ctx: Ctx, scope: ExportScope, opts: { outcome?: Outcome } = {}): DetailRow[] {
  return [...eachDetailRow(ctx, scope, opts)];
}

/** What the widest value of each text column in scope needs, in display columns. */
export interface DetailWidths {
  rows: number;
  sessionName: number;
  examDate: number;
  occupationName: number;
  specialty: number;
  admissionNumber: number;
  name: number;
  gender: number;
  idNumber: number;
  employer: number;
  /** The levels in scope, whose labels (三级/高级工) the level column shows. */
  levels: number[];
}

/**
 * Display width in SQL. UTF-8 spends three bytes on a CJK character (two columns) and one on
 * ASCII (one column), so (bytes + characters) / 2, rounded up, is text.ts displayWidth for both
 * and never narrower for anything else: a column sized by it always fits.
 */
const widest = (expr: string) => `coalesce(max((length(CAST(${expr} AS BLOB)) + length(${expr}) + 1) / 2), 0)`;

/**
 * The widths a detail sheet's columns need, measured by SQLite before the first row is written:
 * a streamed sheet must declare its column widths ahead of its rows, and one pass of aggregates
 * costs a fraction of reading every row twice.
 */
export function detailWidths(ctx: Ctx, scope: ExportScope): DetailWidths {
  const where = sessionWhere(scope);
  // Only sessions with someone enrolled print a row.
  const withRows = `${where.sql ? `${where.sql} AND` : 'WHERE'} EXISTS (SELECT 1 FROM enrolments e WHERE e.session_id = s.id)`;
  const sessions = ctx.db
    .prepare(
      `SELECT ${widest('s.name')} AS sessionName, ${widest('s.exam_date')} AS examDate, ${widest('o.name')} AS occupationName, ${widest('s.specialty')} AS specialty
       FROM sessions s JOIN occupations o ON o.id = s.occupation_id ${withRows}`,
    )
    .get(...where.args) as Pick<DetailWidths, 'sessionName' | 'examDate' | 'occupationName' | 'specialty'>;
  const people = ctx.db
    .prepare(
      `SELECT count(*) AS rows, ${widest('e.admission_number')} AS admissionNumber, ${widest('c.name')} AS name, ${widest('c.gender')} AS gender,
              ${widest('c.id_number')} AS idNumber, ${widest('emp.name')} AS employer
       FROM enrolments e
       JOIN sessions s ON s.id = e.session_id
       JOIN candidates c ON c.id = e.candidate_id
       LEFT JOIN employers emp ON emp.id = e.employer_id
       ${where.sql}`,
    )
    .get(...where.args) as Omit<DetailWidths, keyof typeof sessions | 'levels'>;
  const levels = ctx.db.prepare(`SELECT DISTINCT s.level FROM sessions s ${withRows}`).pluck().all(...where.args) as number[];
  return { ...sessions, ...people, levels };
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
