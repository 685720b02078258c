// The rows of an upload: one per person who passed (with their certificate once issued) or one
// per issued certificate, each with every field a profile column can ask for, as CertDesk keeps
// it (docs/exchange.md). The profile then writes, codes and checks them (upload.ts, check.ts).
import type { Ctx } from '../shared/context';
import { getSetting } from '../settings/settings';
import { AppError } from '../errors';
import { RECOGNITION_SQL } from '../sessions/recognition';
import { RECOGNITIONS, type Recognition } from '../vocabulary/people';
import { ATTEMPT_LABELS, LEVEL_LABELS, OUTCOME_LABELS, STATUS_WORDS, type Attempt, type Outcome } from '../vocabulary/words';
import { formatTenths } from '../results/rules';
import type { ProfileDefinition } from './profiles';

export interface UploadScope {
  sessionId?: number;
  /** Exam dates (or, for a certificates profile, issue dates), inclusive. */
  from?: string;
  to?: string;
}

/** One row: who it is (for the ledger) and each field's natural value ('' when there is none). */
export interface UploadRow {
  candidateId: number;
  enrolmentId: number | null;
  certificateNumber: string | null;
  values: Record<string, string>;
}

interface Raw {
  candidateId: number;
  enrolmentId: number | null;
  name: string;
  gender: string | null;
  idType: string;
  idNumber: string;
  birthDate: string | null;
  ethnicity: string | null;
  education: string | null;
  phone: string | null;
  address: string | null;
  origin: string | null;
  workStartDate: string | null;
  employer: string | null;
  occupationCode: string | null;
  occupationName: string | null;
  specialty: string | null;
  level: number | null;
  recognition: Recognition | null;
  attempt: Attempt | null;
  admissionNumber: string | null;
  examDate: string | null;
  outcome: Outcome | null;
  certificateNumber: string | null;
  issueDate: string | null;
  theory: string | null;
  skill: string | null;
  review: string | null;
}

const PART = (part: string) =>
  `(SELECT CASE pr.status WHEN 'scored' THEN CAST(pr.score_tenths AS TEXT) ELSE pr.status END FROM part_results pr WHERE pr.enrolment_id = e.id AND pr.part = '${part}') AS ${part}`;

const COLUMNS = `c.id AS candidateId, e.id AS enrolmentId, c.name, c.gender, c.id_type AS idType, c.id_number AS idNumber, c.birth_date AS birthDate,
  c.ethnicity, c.education, c.phone, c.address, c.origin, c.work_start_date AS workStartDate, coalesce(emp.name, cemp.name) AS employer,
  o.code AS occupationCode, o.name AS occupationName, s.specialty, s.level, CASE WHEN e.id IS NULL THEN NULL ELSE ${RECOGNITION_SQL} END AS recognition,
  e.attempt, e.admission_number AS admissionNumber, s.exam_date AS examDate, e.outcome, ct.number AS certificateNumber, ct.issue_date AS issueDate,
  ${PART('theory')}, ${PART('skill')}, ${PART('review')}`;

function scopeWhere(scope: UploadScope, dateColumn: string): { sql: string[]; args: unknown[] } {
  const sql: string[] = [];
  const args: unknown[] = [];
  if (scope.sessionId !== undefined) (sql.push('e.session_id = ?'), args.push(scope.sessionId));
  if (scope.from) (sql.push(`${dateColumn} >= ?`), args.push(scope.from));
  if (scope.to) (sql.push(`${dateColumn} <= ?`), args.push(scope.to));
  return { sql, args };
}

function rawRows(ctx: Ctx, rows: ProfileDefinition['rows'], scope: UploadScope, only?: readonly number[]): Raw[] {
  if (rows === 'certificates') {
    const w = scopeWhere(scope, 'ct.issue_date');
    if (only) (w.sql.push('ct.candidate_id IN (SELECT value FROM json_each(?))'), w.args.push(JSON.stringify(only)));
    return ctx.db
      .prepare(
        `SELECT ${COLUMNS}
         FROM certificates ct JOIN candidates c ON c.id = ct.candidate_id LEFT JOIN employers cemp ON cemp.id = c.employer_id
         LEFT JOIN enrolments e ON e.id = ct.enrolment_id LEFT JOIN employers emp ON emp.id = e.employer_id
         LEFT JOIN sessions s ON s.id = e.session_id LEFT JOIN occupations o ON o.id = s.occupation_id
         WHERE ${["ct.status = 'issued'", ...w.sql].join(' AND ')}
         ORDER BY ct.issue_date, ct.number`,
      )
      .all(...w.args) as Raw[];
  }
  const w = scopeWhere(scope, 's.exam_date');
  if (only) (w.sql.push('e.id IN (SELECT value FROM json_each(?))'), w.args.push(JSON.stringify(only)));
  return ctx.db
    .prepare(
      `SELECT ${COLUMNS}
       FROM enrolments e JOIN sessions s ON s.id = e.session_id JOIN occupations o ON o.id = s.occupation_id
       JOIN candidates c ON c.id = e.candidate_id LEFT JOIN employers cemp ON cemp.id = c.employer_id LEFT JOIN employers emp ON emp.id = e.employer_id
       LEFT JOIN certificates ct ON ct.enrolment_id = e.id AND ct.status = 'issued'
       WHERE ${["e.outcome = 'pass'", ...w.sql].join(' AND ')}
       ORDER BY s.exam_date, s.id, e.admission_number`,
    )
    .all(...w.args) as Raw[];
}

const part = (v: string | null) => (v === null ? '' : v === 'absent' || v === 'misconduct' ? STATUS_WORDS[v] : formatTenths(Number(v)));

/**
 * The rows of an upload in the file's order; `only` narrows them to some enrolments (or, for a
 * certificates profile, some people): a corrected re-export of the rows the platform refused.
 */
export function uploadRows(ctx: Ctx, rows: ProfileDefinition['rows'], scope: UploadScope, batchNumber: string, only?: readonly number[]): UploadRow[] {
  const institution = getSetting(ctx, 'institution.name');
  const found = rawRows(ctx, rows, scope, only);
  if (found.length === 0 && !only) {
    throw new AppError(
      'UPLOAD_EMPTY',
      rows === 'passed' ? '所选范围内没有合格的考生，没有可上报的内容。请核对批次或日期范围，或先录入成绩并定稿。' : '所选范围内没有已发放的证书，没有可上报的内容。请核对日期范围（按发证日期）。',
    );
  }
  return found.map((r, i) => ({
    candidateId: r.candidateId,
    enrolmentId: r.enrolmentId,
    certificateNumber: r.certificateNumber,
    values: {
      seq: String(i + 1),
      name: r.name,
      gender: r.gender ?? '',
      idType: r.idType,
      idNumber: r.idNumber,
      birthDate: r.birthDate ?? '',
      ethnicity: r.ethnicity ?? '',
      education: r.education ?? '',
      phone: r.phone ?? '',
      address: r.address ?? '',
      origin: r.origin ?? '',
      workStartDate: r.workStartDate ?? '',
      employer: r.employer ?? '',
      occupationCode: r.occupationCode ?? '',
      occupationName: r.occupationName ?? '',
      // 「--」 where the occupation has no 工种 (domain.md § Occupations), as the certificate prints it.
      specialty: r.specialty ?? (r.occupationName ? '--' : ''),
      level: r.level === null ? '' : String(r.level),
      levelLabel: r.level === null ? '' : (LEVEL_LABELS[r.level] ?? ''),
      recognition: r.recognition ? RECOGNITIONS[r.recognition] : '',
      attempt: r.attempt ? ATTEMPT_LABELS[r.attempt] : '',
      admissionNumber: r.admissionNumber ?? '',
      examDate: r.examDate ?? '',
      theory: part(r.theory),
      skill: part(r.skill),
      review: part(r.review),
      outcome: r.outcome ? OUTCOME_LABELS[r.outcome] : '',
      certificateNumber: r.certificateNumber ?? '',
      issueDate: r.issueDate ?? '',
      institution,
      issuer: institution,
      batchNumber,
    },
  }));
}
