// The 上报批次 ledger (docs/exchange.md): each upload file as exported, and what the platform said
// of each row. The platform's return file (审核结果, 审核意见, 证书编号, 发证日期, with 证件号码 and
// 姓名) is reconciled against the batch: accepted rows marked, refused ones with the platform's
// reason, a certificate number that differs from ours flagged, a row the batch never held flagged.
// The refused rows can then be exported again, corrected, as a batch of their own.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { canonicalIdNumber } from '../ids/idNumber';
import { cellOf, readTable } from '../spreadsheets/reader';
import { readDate, readIdNumber } from '../spreadsheets/values';
import type { FieldSpec } from '../spreadsheets/headers';
import type { FileInput } from '../spreadsheets/files';
import type { ProfileDefinition, Profile } from './profiles';
import type { UploadScope } from './rows';
import { writeUpload, type OnProblem, type UploadResult } from './upload';

export type RowStatus = 'sent' | 'accepted' | 'refused';

export interface BatchSummary {
  id: number;
  batchNumber: string;
  profileName: string;
  exportedAt: string;
  operator: string;
  fileName: string;
  sha256: string;
  /** The batch whose refused rows this one sends again. */
  correctsId: number | null;
  returnedAt: string | null;
  rows: number;
  accepted: number;
  refused: number;
  marked: number;
}

export interface BatchRow {
  row: number;
  candidateId: number;
  name: string;
  idNumber: string;
  certificateNumber: string | null;
  marked: string | null;
  status: RowStatus;
  reason: string | null;
  returnedNumber: string | null;
  returnedDate: string | null;
}

const SUMMARY = `SELECT b.id, b.batch_number AS batchNumber, b.profile_name AS profileName, b.exported_at AS exportedAt, b.operator, b.file_name AS fileName,
    b.sha256, b.corrects_id AS correctsId, b.returned_at AS returnedAt, count(r.row) AS rows,
    count(CASE WHEN r.status = 'accepted' THEN 1 END) AS accepted, count(CASE WHEN r.status = 'refused' THEN 1 END) AS refused,
    count(r.marked) AS marked
  FROM upload_batches b LEFT JOIN upload_batch_rows r ON r.batch_id = b.id`;

export function listBatches(ctx: Ctx): BatchSummary[] {
  return ctx.db.prepare(`${SUMMARY} GROUP BY b.id ORDER BY b.id DESC`).all() as BatchSummary[];
}

/** A batch by its 批次号 (the newest of that number) or, failing that, by its ledger number. */
function findBatch(ctx: Ctx, ref: string): number {
  const r = ref.trim().replace(/^#/, '');
  const byNumber = ctx.db.prepare('SELECT id FROM upload_batches WHERE batch_number = ? ORDER BY id DESC LIMIT 1').get(r) as { id: number } | undefined;
  if (byNumber) return byNumber.id;
  const byId = /^\d+$/.test(r) ? (ctx.db.prepare('SELECT id FROM upload_batches WHERE id = ?').get(Number(r)) as { id: number } | undefined) : undefined;
  if (byId) return byId.id;
  throw new AppError('BATCH_NOT_FOUND', `找不到批次号或编号为「${ref}」的上报批次。请用 upload list 查看已记录的上报批次。`);
}

export function getBatch(ctx: Ctx, ref: string): BatchSummary & { rowsDetail: BatchRow[] } {
  const id = findBatch(ctx, ref);
  const summary = ctx.db.prepare(`${SUMMARY} WHERE b.id = ? GROUP BY b.id`).get(id) as BatchSummary;
  const rowsDetail = ctx.db
    .prepare(
      `SELECT r.row, r.candidate_id AS candidateId, c.name, c.id_number AS idNumber, r.certificate_number AS certificateNumber, r.marked, r.status, r.reason,
              r.returned_number AS returnedNumber, r.returned_date AS returnedDate
       FROM upload_batch_rows r JOIN candidates c ON c.id = r.candidate_id WHERE r.batch_id = ? ORDER BY r.row`,
    )
    .all(id) as BatchRow[];
  return { ...summary, rowsDetail };
}

/** The columns of a return file, in the wordings platforms use. */
const RETURN_FIELDS: readonly FieldSpec[] = [
  { field: 'name', title: '姓名', aliases: ['考生姓名'] },
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码', '公民身份号码', '证件号', '身份证件号码'], required: true },
  { field: 'result', title: '审核结果', aliases: ['审核状态', '审核结论', '审核情况', '是否通过', '状态'], required: true },
  { field: 'reason', title: '审核意见', aliases: ['退回原因', '不通过原因', '驳回原因', '审核说明', '原因', '备注'] },
  { field: 'certificateNumber', title: '证书编号', aliases: ['证书号', '证书号码', '证书编码'] },
  { field: 'issueDate', title: '发证日期', aliases: ['发证时间', '颁证日期'] },
];

/** 审核结果 as platforms write it; null when it says neither (待审核, or empty). */
function verdict(text: string): 'accepted' | 'refused' | null {
  const t = text.replace(/\s/g, '');
  if (/不通过|未通过|不合格|退回|驳回|拒绝|失败|不同意|不予/.test(t)) return 'refused';
  if (/通过|合格|成功|同意|已审核|已发证/.test(t)) return 'accepted';
  return null;
}

export interface Reconciliation {
  batchId: number;
  batchNumber: string;
  accepted: number;
  refused: { row: number; name: string; idNumber: string; reason: string }[];
  /** Accepted with a 证书编号 other than the one CertDesk holds for that person and session. */
  numberDiffers: { row: number; name: string; idNumber: string; ours: string; theirs: string }[];
  /** Accepted with a number CertDesk has not recorded yet: the return file can be imported as certificate numbers (certificates import). */
  newNumbers: number;
  /** Rows of the return file for people the batch never held. */
  notInBatch: { row: number; name: string; idNumber: string }[];
  /** Rows whose 审核结果 says neither (待审核), or whose 证件号码 or 发证日期 cannot be read. */
  unreadable: { row: number; name: string; message: string }[];
  /** People in the batch the return file does not mention. */
  missing: { name: string; idNumber: string }[];
}

export async function reconcileReturn(ctx: Ctx, ref: string, file: FileInput): Promise<Reconciliation> {
  const id = findBatch(ctx, ref);
  const batch = getBatch(ctx, String(id));
  const table = await readTable(file, RETURN_FIELDS);
  const byIdNumber = new Map(batch.rowsDetail.map((r) => [r.idNumber, r]));
  const seen = new Set<string>();
  const out: Reconciliation = { batchId: id, batchNumber: batch.batchNumber, accepted: 0, refused: [], numberDiffers: [], newNumbers: 0, notInBatch: [], unreadable: [], missing: [] };
  const updates: { row: number; status: RowStatus; reason: string | null; number: string | null; date: string | null }[] = [];
  // CertDesk's certificate for the person and the batch row's enrolment, as it stands now.
  const ours = ctx.db.prepare(
    `SELECT ct.number FROM upload_batch_rows r JOIN certificates ct ON ct.status = 'issued' AND ct.candidate_id = r.candidate_id AND (r.enrolment_id IS NULL OR ct.enrolment_id = r.enrolment_id)
     WHERE r.batch_id = ? AND r.row = ? ORDER BY ct.id DESC LIMIT 1`,
  );
  for (const row of table.rows) {
    const text = (f: string) => cellOf(row, f).text.trim();
    const name = text('name');
    const idRead = readIdNumber(cellOf(row, 'idNumber'));
    if (!idRead.ok) {
      out.unreadable.push({ row: row.row, name, message: idRead.message });
      continue;
    }
    const idNumber = canonicalIdNumber(idRead.value);
    const mine = byIdNumber.get(idNumber) ?? byIdNumber.get(idRead.value);
    if (!mine) {
      out.notInBatch.push({ row: row.row, name, idNumber });
      continue;
    }
    seen.add(mine.idNumber);
    const v = verdict(text('result'));
    if (!v) {
      out.unreadable.push({ row: row.row, name, message: `审核结果「${text('result')}」看不出是通过还是不通过，本行未处理` });
      continue;
    }
    if (v === 'refused') {
      const reason = text('reason') || '（省平台未写原因）';
      out.refused.push({ row: row.row, name: mine.name, idNumber: mine.idNumber, reason });
      updates.push({ row: mine.row, status: 'refused', reason, number: null, date: null });
      continue;
    }
    const date = readDate(cellOf(row, 'issueDate'), table.date1904);
    if (!date.ok) {
      out.unreadable.push({ row: row.row, name, message: `发证日期：${date.message}` });
      continue;
    }
    const theirs = text('certificateNumber').replace(/\s/g, '').toUpperCase() || null;
    const held = (ours.get(id, mine.row) as { number: string } | undefined)?.number ?? null;
    if (theirs && held && theirs !== held) out.numberDiffers.push({ row: row.row, name: mine.name, idNumber: mine.idNumber, ours: held, theirs });
    if (theirs && !held) out.newNumbers++;
    out.accepted++;
    updates.push({ row: mine.row, status: 'accepted', reason: null, number: theirs, date: date.value });
  }
  for (const r of batch.rowsDetail) if (!seen.has(r.idNumber)) out.missing.push({ name: r.name, idNumber: r.idNumber });
  inTransaction(ctx.db, () => {
    const set = ctx.db.prepare('UPDATE upload_batch_rows SET status = ?, reason = ?, returned_number = ?, returned_date = ? WHERE batch_id = ? AND row = ?');
    for (const u of updates) set.run(u.status, u.reason, u.number, u.date, id, u.row);
    ctx.db.prepare('UPDATE upload_batches SET returned_at = ? WHERE id = ?').run(nowIso(), id);
    recordAudit(ctx, {
      entity: 'uploadBatch',
      entityId: id,
      action: 'reconcile',
      newValue: { accepted: out.accepted, refused: out.refused.length, numberDiffers: out.numberDiffers.length, notInBatch: out.notInBatch.length, missing: out.missing.length },
    });
  });
  return out;
}

/** The rows the platform refused, read again from the records as corrected since, as a batch of their own. */
export async function reexportRefused(ctx: Ctx, ref: string, opts: { batchNumber?: string; out?: string; onProblem?: OnProblem }): Promise<UploadResult> {
  const id = findBatch(ctx, ref);
  const b = ctx.db.prepare('SELECT batch_number AS batchNumber, profile_name AS name, profile, scope FROM upload_batches WHERE id = ?').get(id) as {
    batchNumber: string;
    name: string;
    profile: string;
    scope: string;
  };
  const definition = JSON.parse(b.profile) as ProfileDefinition;
  const refused = ctx.db.prepare("SELECT candidate_id AS candidateId, enrolment_id AS enrolmentId FROM upload_batch_rows WHERE batch_id = ? AND status = 'refused'").all(id) as {
    candidateId: number;
    enrolmentId: number | null;
  }[];
  if (refused.length === 0) {
    throw new AppError('NOTHING_REFUSED', `上报批次「${b.batchNumber || `#${id}`}」没有被省平台退回的行（或还没有导入回执），无需更正重报。`);
  }
  const only = definition.rows === 'certificates' ? refused.map((r) => r.candidateId) : refused.map((r) => r.enrolmentId!).filter((x) => x !== null);
  const profile: Profile = { name: b.name, builtin: false, ...definition };
  return writeUpload(ctx, profile, JSON.parse(b.scope) as UploadScope, { ...opts, only, corrects: id });
}
