// Importing a 成绩单: one score (or 缺考 / 违纪) per part for each enrolled candidate, all in one
// transaction; a row for someone not enrolled, or a score that cannot be right, is refused.
import { AppError } from '../errors';
import { inTransaction, type Ctx } from '../shared/context';
import type { Session } from '../sessions/sessions';
import { normaliseName } from '../candidates/names';
import { setResultsBatch, type PartResultWrite } from '../results/results';
import { requiredParts } from '../occupations/occupations';
import { decideOutcome, formatTenths, parseScore, type PartResult } from '../results/rules';
import { cellOf, cellProblem, columnTitle, releaseRows, type Table, type TableColumn, type TableRow } from './reader';
import { SCORE_FIELDS } from './fields';
import { readIdNumber, type Rejection } from './values';
import { rememberMapping } from './mappings';
import { importResult, manualMapping, PREVIEW_LIMIT, type ImportResult } from './importResult';
import { runImport, type ImportFrame, type ImportInput } from './importRun';
import type { FieldSpec } from './headers';
import { CARRIED_WORD, OUTCOME_LABELS, STATUS_WORDS, type Part, type PartStatus } from '../vocabulary/words';

export interface ScorePreviewRow {
  row: number;
  admissionNumber: string;
  idNumber: string;
  name: string;
  /** Part → what lands: '85.5', '缺考', '违纪'; a part left blank keeps what was there. */
  parts: Partial<Record<Part, string>>;
  /** The outcome once this row lands. */
  outcome: string;
}

interface EnrolledRow {
  id: number;
  admissionNumber: string;
  idNumber: string;
  name: string;
}

const spec = (field: string): FieldSpec => SCORE_FIELDS.find((f) => f.field === field)!;

export function importScores(ctx: Ctx, input: ImportInput): Promise<ImportResult<ScorePreviewRow>> {
  // A sheet without a column for any of the session's parts is not the score sheet: the next one may be.
  const fits = (session: Session) => (columns: readonly TableColumn[], headerRow: number) => (scoredParts(session, columns).length === 0 ? noScoreColumns(session, columns, headerRow) : null);
  return runImport(ctx, input, 'scores', SCORE_FIELDS, (frame) => checkScores(frame, input), fits);
}

function scoredParts(session: Session, columns: readonly TableColumn[]): Part[] {
  return session.parts.map((p) => p.part).filter((part) => columns.some((c) => c.field === part));
}

function noScoreColumns(session: Session, columns: readonly TableColumn[], headerRow: number): AppError {
  return new AppError(
    'IMPORT_NO_SCORE_COLUMNS',
    `第${headerRow}行表头中找不到本批次的考核科目列（${session.parts.map((p) => p.label).join('、')}）。请把成绩列的表头写成科目名称，或在预览中指定哪一列是哪一科。`,
    { columns },
  );
}

/** Checks every row; unless it is a dry run, lands the accepted scores in one transaction. */
function checkScores({ ctx, session, table, phase }: ImportFrame, input: ImportInput): ImportResult<ScorePreviewRow> {
  // What the check looked up (the session's people and results: 20 MB of a 100,000-row sheet)
  // stays inside checkRows, so the write that follows does not carry it.
  const { writes, rejected, preview, imported, updated } = checkRows(ctx, session, table);
  releaseRows(table);
  const result = importResult(table, SCORE_FIELDS, { imported, updated, dryRun: input.dryRun === true }, rejected, preview);
  if (input.dryRun) return result;
  phase('writing');
  inTransaction(ctx.db, () => {
    setResultsBatch(ctx, session.id, writes, '成绩单导入');
    const remembered = manualMapping(table.columns, input.mapping);
    if (remembered) rememberMapping(ctx, 'scores', table.signature, remembered);
  });
  return result;
}

interface CheckedRows {
  writes: PartResultWrite[];
  rejected: Rejection[];
  preview: ScorePreviewRow[];
  imported: number;
  updated: number;
}

function checkRows(ctx: Ctx, session: Session, table: Table): CheckedRows {
  const parts = scoredParts(session, table.columns);
  if (parts.length === 0) throw noScoreColumns(session, table.columns, table.headerRow);
  const enrolled = new Map(
    (
      ctx.db
        .prepare(
          `SELECT e.id, e.admission_number AS admissionNumber, c.id_number AS idNumber, c.name
           FROM enrolments e JOIN candidates c ON c.id = e.candidate_id WHERE e.session_id = ?`,
        )
        .all(session.id) as EnrolledRow[]
    ).map((e) => [e.idNumber, e]),
  );
  const existing = new Map<number, PartResult[]>();
  for (const r of ctx.db
    .prepare('SELECT pr.enrolment_id AS id, pr.part, pr.status, pr.score_tenths AS tenths FROM part_results pr JOIN enrolments e ON e.id = pr.enrolment_id WHERE e.session_id = ?')
    .all(session.id) as { id: number; part: Part; status: PartStatus; tenths: number | null }[]) {
    existing.set(r.id, [...(existing.get(r.id) ?? []), { part: r.part, status: r.status, tenths: r.tenths }]);
  }
  const required = requiredParts(ctx, session.occupationId, session.level);

  const rejected: Rejection[] = [];
  const writes: PartResultWrite[] = [];
  const preview: ScorePreviewRow[] = [];
  const firstRowOf = new Map<number, number>();
  let imported = 0;
  let updated = 0;
  const readRow = (row: TableRow) => {
    const reject = (field: string, message: string) => rejected.push({ row: row.row, column: columnTitle(table, spec(field)), message });
    const problem = cellProblem(row);
    if (problem) return reject(problem.field, problem.message);
    const id = readIdNumber(cellOf(row, 'idNumber'));
    if (!id.ok) return reject('idNumber', id.message);
    if (!id.value) return reject('idNumber', '证件号码为空。成绩按证件号码对应到考生，请填写。');
    const e = enrolled.get(id.value);
    if (!e) return reject('idNumber', `证件号码 ${id.value} 的考生没有报名本批次。请核对证件号码；如确是本批次考生，请先导入报名花名册或把他加入批次。`);
    const name = cellOf(row, 'name').text;
    if (name && normaliseName(name) !== e.name) {
      return reject('name', `姓名「${name}」与证件号码 ${e.idNumber} 登记的考生「${e.name}」不符。请核对是否填错了行。`);
    }
    const first = firstRowOf.get(e.id);
    if (first !== undefined) return reject('idNumber', `与第${first}行是同一名考生（${e.name}），成绩只能填一行。请删除重复的一行。`);
    const rowWrites: PartResultWrite[] = [];
    let bad = false;
    for (const part of parts) {
      const cell = cellOf(row, part);
      // 保留（来自 …）: a part this 补考 carried, as the 成绩单 export writes it; it keeps what is there, as a blank does.
      if (cell.text === '' || cell.text.startsWith(CARRIED_WORD)) continue;
      const score = parseScore(cell.isNumber && cell.number !== null ? cell.number : cell.text);
      if (!score.ok) {
        reject(part, score.message);
        bad = true;
        continue;
      }
      rowWrites.push({ enrolmentId: e.id, part, status: score.status, tenths: score.status === 'scored' ? score.tenths : null });
    }
    if (bad || rowWrites.length === 0) return;
    firstRowOf.set(e.id, row.row);
    const before = existing.get(e.id) ?? [];
    if (rowWrites.some((w) => before.some((b) => b.part === w.part))) updated++;
    else imported++;
    for (const w of rowWrites) writes.push(w);
    if (preview.length < PREVIEW_LIMIT) {
      // Only the previewed rows need their outcome worked out here; setResultsBatch decides every row's.
      const after = new Map(before.map((r) => [r.part, r]));
      for (const w of rowWrites) after.set(w.part, w);
      preview.push({
        row: row.row,
        admissionNumber: e.admissionNumber,
        idNumber: e.idNumber,
        name: e.name,
        parts: Object.fromEntries(rowWrites.map((w) => [w.part, w.status === 'scored' ? formatTenths(w.tenths!) : STATUS_WORDS[w.status]])),
        outcome: OUTCOME_LABELS[decideOutcome(required, [...after.values()])],
      });
    }
  };
  for (const row of table.rows) readRow(row);
  return { writes, rejected, preview, imported, updated };
}
