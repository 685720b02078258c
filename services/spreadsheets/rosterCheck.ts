// Checking a 报名花名册 row by row: each row read into a candidate (or refused with its row, its
// column and how to fix it), checked against the file's earlier rows and the people already in
// the session. Pure of the database, so a large file is checked on a thread of its own while the
// rows already accepted are written (roster.ts).
import { AppError } from '../errors';
import { validateCandidate, type CandidateInput, type CleanCandidate } from '../candidates/candidates';
import { nameReadings } from '../candidates/names';
import { unsafeCharacter } from '../shared/text';
import { cellOf, cellProblem, columnTitle, readTable, type SheetLayout, type TableRow } from './reader';
import { ROSTER_FIELDS } from './fields';
import { duplicateMessage, idNotes, personKey } from './personRows';
import { readDate, readIdNumber, type Rejection } from './values';
import type { ColumnMapping } from './mappings';
import type { FieldSpec } from './headers';
import type { FileInput } from './files';
import type { OnProgress } from '../shared/progress';
import { parseAttempt, type Attempt } from '../vocabulary/words';
import { parseRecognition, type Recognition } from '../vocabulary/people';
import { monthOrDate, readRowHistory, type RowHistory } from '../eligibility/rosterHistory';

export interface Accepted {
  row: number;
  /** As validateCandidate returns it: what lands (and what the preview shows). */
  candidate: CleanCandidate;
  /** Worth a second look, never a refusal: what the ID number's check noticed (idNotes). */
  notes: string[];
  /** The name's pinyin initials, the stored one first, for search as you type (worked out here, off the writing thread). */
  readings: string[];
  attempt: Attempt | undefined;
  admissionNumber: string | null;
  /** 参加工作时间 and a prior certificate from the row, for 申报条件 (docs/eligibility.md). */
  history: RowHistory;
  /** 认定分类 written in the row; absent: worked out from the person's certificates (sessions/recognition.ts). */
  recognition?: Recognition;
}

const spec = (field: string): FieldSpec => ROSTER_FIELDS.find((f) => f.field === field)!;

/**
 * Which column a refusal of validateCandidate belongs to: the field its details name. Every
 * refusal of a person names one; were one to come without, the row is still refused, under the
 * 证件号码 that says whose row it is.
 */
function fieldOfError(e: AppError): string {
  const field = (e.details as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' && ROSTER_FIELDS.some((f) => f.field === field) ? field : 'idNumber';
}

function readRow(sheet: SheetLayout, row: TableRow, reject: (field: string, message: string) => void): Accepted | null {
  const problem = cellProblem(row);
  if (problem) return reject(problem.field, problem.message), null;
  const text = (field: string) => cellOf(row, field).text;
  const id = readIdNumber(cellOf(row, 'idNumber'));
  if (!id.ok) return reject('idNumber', id.message), null;
  const birth = readDate(cellOf(row, 'birthDate'), sheet.date1904);
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
    ethnicity: text('ethnicity') || null,
    address: text('address') || null,
    origin: text('origin') || null,
  };
  const recognition = text('recognition') ? parseRecognition(text('recognition')) : undefined;
  if (recognition === null) return reject('recognition', `认定分类「${text('recognition')}」无法识别，请填写「初次」或「晋级」；不填则按考生已持有的本职业证书自动判断。`), null;
  const admissionNumber = text('admissionNumber') || null;
  const dateOf = (field: string, label: string): string | null => {
    const read = readDate(cellOf(row, field), sheet.date1904);
    if (read.ok) return read.value;
    const month = monthOrDate(text(field));
    if (month) return month;
    throw new AppError('DATE_INVALID', `${label}「${text(field)}」不是有效日期，请写成 YYYY-MM-DD 或 YYYY-MM（如 2018-03）。`, { field });
  };
  let history: RowHistory;
  try {
    history = readRowHistory({
      workStartDate: dateOf('workStartDate', '参加工作时间'),
      priorOccupation: text('priorOccupation'),
      priorLevel: text('priorLevel'),
      priorNumber: text('priorNumber'),
      priorDate: dateOf('priorDate', '取证日期'),
      claimedClause: text('claimedClause'),
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return reject(fieldOfError(e), e.message), null;
  }
  const unsafe = admissionNumber && unsafeCharacter(admissionNumber);
  if (unsafe) return reject('admissionNumber', `准考证号含有不可见或会颠倒文字顺序的字符（${unsafe}），请删去后重新填写。`), null;
  try {
    const candidate = validateCandidate(input);
    return {
      row: row.row,
      candidate,
      notes: idNotes(id.value, candidate),
      readings: nameReadings(candidate.name),
      attempt,
      admissionNumber,
      history,
      ...(recognition ? { recognition } : {}),
    };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return reject(fieldOfError(e), e.message), null;
  }
}

/**
 * The checks of a roster, one row at a time in the file's order: a second row for the same
 * person, or a 准考证号 already used above or by someone else in the session, is refused.
 */
export class RosterCheck {
  readonly rejected: Rejection[] = [];
  private readonly firstRowOf = new Map<string, number>();
  private readonly admissionRows = new Map<string, number>();
  private readonly takenAdmission: Map<string, string>;

  /** `enrolled`: the people already in the session (personKey → their 准考证号). */
  constructor(enrolled: ReadonlyMap<string, string>) {
    this.takenAdmission = new Map([...enrolled].map(([k, a]) => [a, k]));
  }

  check(sheet: SheetLayout, row: TableRow): Accepted | null {
    const name = cellOf(row, 'name').text;
    const reject = (field: string, message: string) => this.rejected.push({ row: row.row, column: columnTitle(sheet, spec(field)), message, ...(name ? { name } : {}) });
    const a = readRow(sheet, row, reject);
    if (!a) return null;
    const key = personKey(a.candidate);
    const first = this.firstRowOf.get(key);
    if (first !== undefined) {
      reject('idNumber', duplicateMessage(first, a.candidate.idNumber, '一个人只能报名一次'));
      return null;
    }
    if (a.admissionNumber) {
      const clashRow = this.admissionRows.get(a.admissionNumber);
      const clashKey = this.takenAdmission.get(a.admissionNumber);
      if (clashRow !== undefined || (clashKey !== undefined && clashKey !== key)) {
        reject('admissionNumber', `准考证号 ${a.admissionNumber} ${clashRow !== undefined ? `与第${clashRow}行重复` : '在本批次已被其他考生使用'}，请改成不重复的准考证号，或留空由系统编号。`);
        return null;
      }
      this.admissionRows.set(a.admissionNumber, row.row);
    }
    this.firstRowOf.set(key, row.row);
    return a;
  }
}

/** What the roster checker needs: nothing of the database but what is passed here. */
export interface RosterCheckJob {
  file: FileInput;
  mapping?: ColumnMapping;
  sheet?: string;
  includeHidden?: boolean;
  /** import_mappings for rosters, by header signature. */
  remembered: Record<string, ColumnMapping>;
  /** The people already in the session: personKey → 准考证号. */
  enrolled: [string, string][];
}

export interface RosterChecked {
  sheet: SheetLayout;
  rowCount: number;
  hiddenRows: number[];
  rejected: Rejection[];
}

/** Rows are handed over in batches of this many: large enough to cost little to post, small enough to keep both threads busy. */
export const ACCEPTED_BATCH = 2000;

/**
 * The checking thread's side (worker job spreadsheets.checkRoster): reads the file, checks each
 * row as it is read and sends the accepted ones in batches, in the file's order; returns the
 * sheet's layout and the refused rows.
 */
export async function checkRosterFile(job: RosterCheckJob, progress: OnProgress, send: (accepted: Accepted[]) => void): Promise<RosterChecked> {
  const checks = new RosterCheck(new Map(job.enrolled));
  let batch: Accepted[] = [];
  const table = await readTable(job.file, ROSTER_FIELDS, {
    mapping: job.mapping,
    sheet: job.sheet,
    includeHidden: job.includeHidden,
    remembered: (signature) => job.remembered[signature] ?? null,
    onProgress: (p) => progress({ phase: 'reading', done: p.rows, total: p.totalRows }),
    onRow: (row, sheet) => {
      const a = checks.check(sheet, row);
      if (!a) return;
      batch.push(a);
      if (batch.length === ACCEPTED_BATCH) {
        send(batch);
        batch = [];
      }
    },
  });
  if (batch.length > 0) send(batch);
  const { rows: _, rowCount, hiddenRows, ...sheet } = table;
  return { sheet, rowCount, hiddenRows, rejected: checks.rejected };
}
