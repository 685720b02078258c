// An upload file written with a profile (交换格式), and the 上报批次 ledger that records it
// (docs/exchange.md): the 批次号 the platform gave, the date, the file's SHA-256, the profile as it
// was, and one ledger row per person in the file. Before anything is written every row is checked
// against the profile; rows with problems refuse the export, or are exported marked (a 校验问题
// column beside the template's) as the officer chooses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso, todayIso } from '../shared/dates';
import { unsafeCharacter } from '../shared/text';
import { openWorkbook, type ExportFile } from '../spreadsheets/export/output';
import { exportAuthorityReport } from '../spreadsheets/export/certificateLists';
import { exportContext } from '../spreadsheets/export/scope';
import { getProfile, type Profile, type ProfileDefinition } from './profiles';
import { uploadRows, type UploadRow, type UploadScope } from './rows';
import { cellValue, checkRows, type UploadProblem } from './check';

export type OnProblem = 'refuse' | 'mark';

export interface UploadRequest {
  profile: string;
  scope: UploadScope;
  /** 批次号, as the platform gave it ('' when it gives one only after the upload). */
  batchNumber?: string;
  out?: string;
  onProblem?: OnProblem;
}

export interface UploadResult {
  file: ExportFile;
  batchId: number;
  batchNumber: string;
  sha256: string;
  rows: number;
  problems: UploadProblem[];
}

const MARK_HEADER = '校验问题';

function checkBatchNumber(raw: string | undefined): string {
  const n = (raw ?? '').trim();
  if (n.length > 60) throw new AppError('BATCH_NUMBER_INVALID', '批次号超过 60 个字，请核对省平台给出的批次号。');
  const unsafe = unsafeCharacter(n);
  if (unsafe) throw new AppError('BATCH_NUMBER_INVALID', `批次号含有不可见或会颠倒文字顺序的字符（${unsafe}），请删去后重新填写。`);
  return n;
}

/** The data starts on the row after the header. */
const firstDataRow = (p: ProfileDefinition) => p.headerRow + 1;

/** Refused with every problem, so the window and the CLI can list them (details.problems). */
function problemsError(profile: Profile, problems: UploadProblem[]): AppError {
  const rows = new Set(problems.map((p) => p.row)).size;
  const shown = problems
    .slice(0, 5)
    .map((p) => `第${p.row}行 ${p.name}：${p.message}`)
    .join('；');
  return new AppError(
    'UPLOAD_PROBLEMS',
    `有 ${rows} 行不符合交换格式「${profile.name}」的要求，没有导出：${shown}${problems.length > 5 ? ` 等 ${problems.length} 处` : ''}。请补录后重新导出，或选择「标出问题行」导出。`,
    { ok: false, problems },
  );
}

/** The rows and their problems, without writing anything: what the window shows before export. */
export function checkUpload(ctx: Ctx, req: Pick<UploadRequest, 'profile' | 'scope' | 'batchNumber'>): { ok: boolean; rows: number; problems: UploadProblem[] } {
  const profile = getProfile(ctx, req.profile);
  const rows = uploadRows(ctx, profile.rows, req.scope, checkBatchNumber(req.batchNumber));
  const problems = checkRows(profile, rows, firstDataRow(profile));
  return { ok: problems.length === 0, rows: rows.length, problems };
}

async function writePlain(ctx: Ctx, profile: Profile, rows: readonly UploadRow[], problems: readonly UploadProblem[], out: string | undefined, fileBase: string): Promise<ExportFile> {
  const { workbook, finish } = openWorkbook(ctx, out, fileBase, ctx.operator || 'CertDesk');
  const ws = workbook.addWorksheet(profile.sheetName.slice(0, 31) || 'Sheet1');
  // Every cell is text: codes keep their leading zeros (01) and ID numbers all 18 digits.
  const marked = problems.length > 0;
  const width = profile.columns.length + (marked ? 1 : 0);
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: i === profile.columns.length ? 60 : 16, style: { numFmt: '@' } }));
  // Merged before the rows are committed: the streaming writer cannot go back to them.
  for (const m of profile.merges ?? []) ws.mergeCells(m);
  // By number, not addRow: merging has already opened those rows.
  const rowAt = (n: number, values: string[]) => {
    const row = ws.getRow(n);
    row.values = values;
    return row;
  };
  for (let r = 1; r < profile.headerRow; r++) rowAt(r, profile.above[r - 1] ?? []).commit();
  const header = rowAt(profile.headerRow, [...profile.columns.map((c) => c.header), ...(marked ? [MARK_HEADER] : [])]);
  header.font = { bold: true };
  header.commit();
  const byRow = new Map<number, string[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.message]);
  rows.forEach((r, i) => {
    const fileRow = firstDataRow(profile) + i;
    const note = byRow.get(fileRow);
    const row = ws.addRow([...profile.columns.map((c) => cellValue(profile, c, r).value), ...(marked ? [note ? note.join('；') : ''] : [])]);
    if (note) row.getCell(width).font = { color: { argb: 'FFC00000' } };
    row.commit();
  });
  return finish();
}

function fileBytes(file: ExportFile): Buffer {
  return 'path' in file ? fs.readFileSync(file.path) : Buffer.from(file.base64, 'base64');
}

function fileNameOf(file: ExportFile): string {
  return 'path' in file ? file.path : file.name;
}

/** Writes the file and records the batch; `only` and `corrects` make a re-export of another batch's refused rows. */
export async function writeUpload(
  ctx: Ctx,
  profile: Profile,
  scope: UploadScope,
  opts: { batchNumber?: string; out?: string; onProblem?: OnProblem; only?: readonly number[]; corrects?: number },
): Promise<UploadResult> {
  const batchNumber = checkBatchNumber(opts.batchNumber);
  const rows = uploadRows(ctx, profile.rows, scope, batchNumber, opts.only);
  const problems = checkRows(profile, rows, firstDataRow(profile));
  if (problems.length > 0 && (opts.onProblem ?? 'refuse') === 'refuse') throw problemsError(profile, problems);
  const scopeName = exportContext(ctx, scope, profile.rows === 'certificates' ? '发证日期' : '考试日期').scopeName;
  const base = `${profile.name}_${batchNumber || scopeName}${opts.corrects ? '_更正' : ''}`;
  // 数据上报 is written as it always was (title block and summary); its checks and ledger are the
  // same. A re-export of some of its rows is a plain sheet of its columns.
  const file = profile.layout === 'report' && !opts.only ? await exportAuthorityReport(ctx, scope, opts.out) : await writePlain(ctx, profile, rows, problems, opts.out, base);
  const sha256 = crypto.createHash('sha256').update(fileBytes(file)).digest('hex');
  const marks = new Map<number, string[]>();
  for (const p of problems) marks.set(p.row, [...(marks.get(p.row) ?? []), p.message]);
  const batchId = inTransaction(ctx.db, () => {
    const { name: _n, builtin: _b, ...definition } = profile;
    const id = Number(
      ctx.db
        .prepare('INSERT INTO upload_batches (batch_number, profile_name, profile, scope, file_name, sha256, corrects_id, operator, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(batchNumber, profile.name, JSON.stringify(definition), JSON.stringify(scope), fileNameOf(file), sha256, opts.corrects ?? null, ctx.operator, nowIso()).lastInsertRowid,
    );
    const insert = ctx.db.prepare('INSERT INTO upload_batch_rows (batch_id, row, candidate_id, enrolment_id, certificate_number, marked) VALUES (?, ?, ?, ?, ?, ?)');
    rows.forEach((r, i) => {
      const fileRow = firstDataRow(profile) + i;
      insert.run(id, fileRow, r.candidateId, r.enrolmentId, r.certificateNumber, marks.get(fileRow)?.join('；') ?? null);
    });
    recordAudit(ctx, {
      entity: 'uploadBatch',
      entityId: id,
      action: 'upload',
      newValue: { batchNumber, profile: profile.name, scope, rows: rows.length, marked: marks.size, sha256, corrects: opts.corrects ?? null, date: todayIso() },
    });
    return id;
  });
  return { file, batchId, batchNumber, sha256, rows: rows.length, problems };
}

export function exportUpload(ctx: Ctx, req: UploadRequest): Promise<UploadResult> {
  return writeUpload(ctx, getProfile(ctx, req.profile), req.scope, req);
}
