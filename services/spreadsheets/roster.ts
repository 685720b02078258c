// Importing a 报名花名册: every accepted row becomes (or refreshes) a candidate and is enrolled in
// the session, all in one transaction; refused rows are listed with their row, column and a fix.
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import { withUpkeepDeferred } from '../shared/upkeep';
import { validateCandidate, upsertCandidates, type CandidateInput, type CleanCandidate } from '../candidates/candidates';
import { enrolMany } from '../sessions/enrolments';
import { parseAttempt, ATTEMPT_LABELS, type Attempt } from '../sessions/sessions';
import { cellOf, columnTitle, releaseRows, type Table, type TableRow } from './reader';
import { ROSTER_FIELDS } from './fields';
import { readDate, readIdNumber, type Rejection } from './values';
import { rememberMapping } from './mappings';
import { importResult, manualMapping, PREVIEW_LIMIT, type ImportResult } from './importResult';
import { runImport, type ImportFrame, type ImportInput } from './importRun';
import type { FieldSpec } from './headers';

export interface RosterPreviewRow {
  row: number;
  name: string;
  gender: string | null;
  idType: string;
  idNumber: string;
  birthDate: string | null;
  phone: string | null;
  education: string | null;
  employer: string | null;
  attempt: string;
  /** new: a new person; known: already a candidate, enrolled now; enrolled: already in this session, details refreshed. */
  status: 'new' | 'known' | 'enrolled';
}

interface Accepted {
  row: number;
  /** As validateCandidate returns it: what lands (and what the preview shows). */
  candidate: CleanCandidate;
  attempt: Attempt | undefined;
  admissionNumber: string | null;
}

const spec = (field: string): FieldSpec => ROSTER_FIELDS.find((f) => f.field === field)!;

/** Which column an error of validateCandidate belongs to. */
function fieldOfError(code: string): string {
  if (code.startsWith('ID_')) return code === 'ID_TYPE_UNKNOWN' ? 'idType' : 'idNumber';
  if (code.startsWith('NAME_')) return 'name';
  if (code.startsWith('GENDER_')) return 'gender';
  if (code.startsWith('BIRTH_DATE_')) return 'birthDate';
  if (code.startsWith('PHONE_')) return 'phone';
  return 'idNumber';
}

function readRow(table: Table, row: TableRow, reject: (field: string, message: string) => void): Accepted | null {
  const text = (field: string) => cellOf(row, field).text;
  const id = readIdNumber(cellOf(row, 'idNumber'));
  if (!id.ok) return reject('idNumber', id.message), null;
  const birth = readDate(cellOf(row, 'birthDate'), table.date1904);
  if (!birth.ok) return reject('birthDate', birth.message), null;
  let attempt: Attempt | undefined;
  try {
    attempt = text('attempt') ? parseAttempt(text('attempt')) : undefined;
  } catch (e) {
    return reject('attempt', (e as AppError).message), null;
  }
  const input: CandidateInput = {
    idType: text('idType') || undefined,
    idNumber: id.value,
    name: text('name'),
    gender: text('gender') || null,
    birthDate: birth.value,
    phone: text('phone') || null,
    education: text('education') || null,
    employer: text('employer') || null,
  };
  try {
    return {
      row: row.row,
      candidate: validateCandidate(input),
      attempt,
      admissionNumber: text('admissionNumber') || null,
    };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return reject(fieldOfError(e.code), e.message), null;
  }
}

export function importRoster(ctx: Ctx, input: ImportInput): Promise<ImportResult<RosterPreviewRow>> {
  return runImport(ctx, input, 'roster', ROSTER_FIELDS, (frame) => checkRoster(frame, input));
}

/** Every row read and checked against the file's other rows and the people already in the session. */
function checkRows(table: Table, enrolled: ReadonlyMap<string, string>): { accepted: Accepted[]; rejected: Rejection[] } {
  const rejected: Rejection[] = [];
  const accepted: Accepted[] = [];
  const firstRowOf = new Map<string, number>();
  const admissionRows = new Map<string, number>();
  const takenAdmission = new Map([...enrolled].map(([k, a]) => [a, k]));
  for (const row of table.rows) {
    const reject = (field: string, message: string) => rejected.push({ row: row.row, column: columnTitle(table, spec(field)), message });
    const a = readRow(table, row, reject);
    if (!a) continue;
    const key = `${a.candidate.idType}|${a.candidate.idNumber}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      reject('idNumber', `与第${first}行是同一人（证件号码 ${a.candidate.idNumber}），一个人只能报名一次。请删除重复的一行。`);
      continue;
    }
    if (a.admissionNumber) {
      const clashRow = admissionRows.get(a.admissionNumber);
      const clashKey = takenAdmission.get(a.admissionNumber);
      if (clashRow !== undefined || (clashKey !== undefined && clashKey !== key)) {
        reject('admissionNumber', `准考证号 ${a.admissionNumber} ${clashRow !== undefined ? `与第${clashRow}行重复` : '在本批次已被其他考生使用'}，请改成不重复的准考证号，或留空由系统编号。`);
        continue;
      }
      admissionRows.set(a.admissionNumber, row.row);
    }
    firstRowOf.set(key, row.row);
    accepted.push(a);
  }
  return { accepted, rejected };
}

/** Checks every row; unless it is a dry run, lands the accepted ones in one transaction. */
function checkRoster({ ctx, session, table, phase }: ImportFrame, input: ImportInput): ImportResult<RosterPreviewRow> {
  const enrolled = new Map(
    (
      ctx.db
        .prepare('SELECT c.id_type AS idType, c.id_number AS idNumber, e.admission_number AS admissionNumber FROM enrolments e JOIN candidates c ON c.id = e.candidate_id WHERE e.session_id = ?')
        .all(session.id) as { idType: string; idNumber: string; admissionNumber: string }[]
    ).map((r) => [`${r.idType}|${r.idNumber}`, r.admissionNumber]),
  );
  const { accepted, rejected } = checkRows(table, enrolled);
  releaseRows(table);

  const known = ctx.db.prepare('SELECT 1 FROM candidates WHERE id_type = ? AND id_number = ?');
  const statusOf = (a: Accepted): RosterPreviewRow['status'] =>
    enrolled.has(`${a.candidate.idType}|${a.candidate.idNumber}`) ? 'enrolled' : known.get(a.candidate.idType, a.candidate.idNumber) ? 'known' : 'new';
  const preview = accepted.slice(0, PREVIEW_LIMIT).map(
    (a): RosterPreviewRow => ({
      row: a.row,
      name: a.candidate.name,
      gender: a.candidate.gender,
      idType: a.candidate.idType,
      idNumber: a.candidate.idNumber,
      birthDate: a.candidate.birthDate,
      phone: a.candidate.phone,
      education: a.candidate.education,
      employer: a.candidate.employer,
      attempt: ATTEMPT_LABELS[a.attempt ?? session.attempt],
      status: statusOf(a),
    }),
  );
  const updated = accepted.filter((a) => enrolled.has(`${a.candidate.idType}|${a.candidate.idNumber}`)).length;
  const result = importResult(table, ROSTER_FIELDS, { imported: accepted.length - updated, updated, dryRun: input.dryRun === true }, rejected, preview);
  if (input.dryRun) return result;
  phase('writing');

  // The file lands whole (its accepted rows) or not at all.
  withUpkeepDeferred(ctx, [session.id], () => {
    const people = upsertCandidates(ctx, accepted.map((a) => a.candidate));
    const toEnrol: Parameters<typeof enrolMany>[2][number][] = [];
    people.forEach((person, i) => {
      const a = accepted[i]!;
      if (!enrolled.has(`${person.idType}|${person.idNumber}`)) {
        toEnrol.push({ candidateId: person.id, employerId: person.employerId, attempt: a.attempt ?? session.attempt, admissionNumber: a.admissionNumber ?? undefined });
      }
    });
    enrolMany(ctx, session.id, toEnrol);
    const remembered = manualMapping(table.columns, input.mapping);
    if (remembered) rememberMapping(ctx, 'roster', table.signature, remembered);
  });
  return result;
}
