// Importing numbers the provincial system assigned (姓名, 证件号码, 证书编号, 发证日期): each row
// must be a well-formed, unused number for a registered person who passed a finalized session
// at the level the number carries. Accepted rows land in one transaction; refused rows are listed.
// It runs in the frame of the other imports (spreadsheets/importRun.ts): off the main thread
// (importJob.ts), its progress under the window's progressId, the same result with a preview.
import { inTransaction, type Ctx } from '../shared/context';
import { cellOf } from '../spreadsheets/reader';
import { PersonRows } from '../spreadsheets/personRows';
import { CERTIFICATE_FIELDS } from '../spreadsheets/fields';
import { readDate } from '../spreadsheets/values';
import { rememberMapping } from '../spreadsheets/mappings';
import { importResult, manualMapping, PREVIEW_LIMIT, type ImportResult } from '../spreadsheets/importResult';
import { runSheetImport, type SheetFrame, type SheetInput } from '../spreadsheets/importRun';
import { parseCertificateNumber } from './number';
import { recordCertificate } from './issue';
import { LEVEL_LABELS } from '../vocabulary/words';

export interface CertificatePreviewRow {
  row: number;
  name: string;
  idNumber: string;
  certificateNumber: string;
  issueDate: string;
  level: string;
  /** new: recorded now; recorded: this person's number already (a file imported twice). */
  status: 'new' | 'recorded';
}

export type CertificateImportResult = ImportResult<CertificatePreviewRow> & {
  /** Rows whose number is already recorded for the same person (a file imported twice); `updated` stays 0, as an import never changes a recorded certificate. */
  unchanged: number;
};

interface Accepted {
  number: string;
  candidateId: number;
  enrolmentId: number;
  issueDate: string;
}

interface PassedEnrolment {
  id: number;
  examDate: string;
  status: string;
  certificate: string | null;
}

/** `mapping` (column letter → field) is the officer's hand mapping for a header the reader did not recognise; it is remembered. */
export function importCertificates(ctx: Ctx, input: SheetInput): Promise<CertificateImportResult> {
  return runSheetImport(ctx, input, 'certificates', CERTIFICATE_FIELDS, () => null, (frame) => checkAndRecord(frame, input));
}

function checkAndRecord({ ctx, table, phase }: SheetFrame, input: SheetInput): CertificateImportResult {
  const people = new PersonRows(table, CERTIFICATE_FIELDS);
  const accepted: Accepted[] = [];
  const preview: CertificatePreviewRow[] = [];
  let unchanged = 0;
  const rowOfNumber = new Map<string, number>();
  const rowOfEnrolment = new Map<number, number>();
  const existing = ctx.db.prepare('SELECT c.candidate_id AS candidateId, p.name FROM certificates c JOIN candidates p ON p.id = c.candidate_id WHERE c.number = ?');
  const passes = ctx.db.prepare(
    `SELECT e.id, s.exam_date AS examDate, s.status,
            (SELECT c.number FROM certificates c WHERE c.enrolment_id = e.id ORDER BY c.id DESC LIMIT 1) AS certificate
     FROM enrolments e JOIN sessions s ON s.id = e.session_id
     WHERE e.candidate_id = ? AND e.outcome = 'pass' AND s.level = ?
     ORDER BY s.exam_date DESC`,
  );

  for (const row of table.rows) {
    const person = people.read(row);
    if (!person) continue;
    const { name } = person;
    const reject = (field: string, message: string) => people.reject(row.row, field, message, name);
    const parsed = parseCertificateNumber(cellOf(row, 'certificateNumber').text);
    if (!parsed.ok) {
      reject('certificateNumber', `${parsed.message}。请按省级系统发放的编号原样填写。`);
      continue;
    }
    const date = readDate(cellOf(row, 'issueDate'), table.date1904);
    if (!date.ok || !date.value) {
      reject('issueDate', date.ok ? '发证日期为空，请填写。' : date.message);
      continue;
    }
    const { number, parts } = parsed;
    if (parts.year !== date.value.slice(2, 4)) {
      reject('certificateNumber', `证书编号 ${number} 第 14–15 位是发证年份「${parts.year}」，与发证日期 ${date.value} 不符。请核对编号或发证日期。`);
      continue;
    }
    const dupRow = rowOfNumber.get(number);
    if (dupRow !== undefined) {
      reject('certificateNumber', `证书编号 ${number} 与第${dupRow}行重复，一个编号只能发给一个人。`);
      continue;
    }
    rowOfNumber.set(number, row.row);
    // A person may be listed twice (two levels, two numbers): only the number and the pass must be new.
    const candidate = people.registered(ctx, person, '请先导入报名花名册和成绩，或核对证件号码。');
    if (!candidate) continue;
    const holder = existing.get(number) as { candidateId: number; name: string } | undefined;
    if (holder) {
      if (holder.candidateId === candidate.id) {
        unchanged++;
        if (preview.length < PREVIEW_LIMIT) preview.push({ row: row.row, name, idNumber: candidate.idNumber, certificateNumber: number, issueDate: date.value, level: LEVEL_LABELS[parts.level] ?? String(parts.level), status: 'recorded' });
      } else reject('certificateNumber', `证书编号 ${number} 已经属于「${holder.name}」，不能再发给「${name}」。请核对编号。`);
      continue;
    }
    const found = passes.all(candidate.id, parts.level) as PassedEnrolment[];
    const open = found.filter((e) => e.status === 'finalized' && !e.certificate && !rowOfEnrolment.has(e.id) && e.examDate <= date.value!);
    if (open.length === 0) {
      const sameRow = found.map((e) => rowOfEnrolment.get(e.id)).find((r) => r !== undefined);
      const why =
        sameRow !== undefined
          ? `「${name}」的${LEVEL_LABELS[parts.level]}合格记录已在第${sameRow}行领了证书编号，一次合格只能发一本证书。请删除重复的一行。`
          : found.length === 0
          ? `没有「${name}」${LEVEL_LABELS[parts.level]}合格的认定记录（证书编号第 16 位表示等级 ${parts.level}），只有合格的人才能发证。`
          : found.some((e) => e.status !== 'finalized')
            ? `「${name}」所在的${LEVEL_LABELS[parts.level]}认定批次还没有定稿，请定稿后再导入证书编号。`
            : found.some((e) => e.certificate)
              ? `「${name}」的${LEVEL_LABELS[parts.level]}合格记录已有证书 ${found.find((e) => e.certificate)!.certificate}，不能再发一本；如需换号请先作废原证书。`
              : `发证日期 ${date.value} 早于「${name}」的考试日期，请核对发证日期。`;
      reject('certificateNumber', why);
      continue;
    }
    rowOfEnrolment.set(open[0]!.id, row.row);
    accepted.push({ number, candidateId: candidate.id, enrolmentId: open[0]!.id, issueDate: date.value });
    if (preview.length < PREVIEW_LIMIT) preview.push({ row: row.row, name, idNumber: candidate.idNumber, certificateNumber: number, issueDate: date.value, level: LEVEL_LABELS[parts.level] ?? String(parts.level), status: 'new' });
  }

  const dryRun = input.dryRun === true;
  const result = { ...importResult(table, CERTIFICATE_FIELDS, { imported: accepted.length, updated: 0, dryRun }, people.rejected, preview), unchanged };
  if (!dryRun) {
    phase('writing');
    inTransaction(ctx.db, () => {
      for (const a of accepted) {
        recordCertificate(ctx, { number: a.number, enrolmentId: a.enrolmentId, candidateId: a.candidateId, issueDate: a.issueDate, replacesId: null, source: 'imported' }, 'import');
      }
      const remembered = manualMapping(table.columns, input.mapping);
      if (remembered) rememberMapping(ctx, 'certificates', table.signature, remembered);
    });
  }
  return result;
}
