// The provincial platform (docs/exchange.md): export profiles (交换格式), upload files written with
// one and checked row by row, the 上报批次 ledger, and the platform's return file reconciled.
import { z } from 'zod';
import { command, FileArg, Id, NoArgs, query } from '../op';
import { isIsoDate } from '../../services/shared/dates';
import { deleteProfile, getProfile, listProfiles, mapColumn, renameProfile, saveProfile, setCode, DATE_FORMATS } from '../../services/exchange/profiles';
import { standardCodeLists } from '../../services/exchange/codes';
import { EXCHANGE_FIELDS } from '../../services/exchange/fields';
import { checkUpload, exportUpload } from '../../services/exchange/upload';

// exceljs and the reader load on first use, as the other spreadsheet operations do.
const template = () => import('../../services/exchange/template');
const ledger = () => import('../../services/exchange/ledger');

/** A 上报批次 by its 批次号 or its ledger number (#3). */
const BatchRef = z.union([z.string().min(1), z.number().int().positive()]).transform(String);

const IsoDate = z.string().refine(isIsoDate, '日期应写成 YYYY-MM-DD，如 2024-06-30');
const Scope = { sessionId: Id.optional(), from: IsoDate.optional(), to: IsoDate.optional() };
const ProfileName = z.string().min(1).max(40);
const DateFormat = z.enum(DATE_FORMATS as unknown as ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/M/D']);
/** A whole profile as the window's editor sends it (services/exchange/profiles.ts ProfileDefinition). */
const Definition = z.object({
  rows: z.enum(['passed', 'certificates']),
  sheetName: z.string().min(1).max(31),
  headerRow: z.number().int(),
  above: z.array(z.array(z.string().max(500)).max(200)).max(30),
  merges: z.array(z.string().max(20)).max(200).optional(),
  columns: z
    .array(z.object({ header: z.string().max(200), field: z.string().nullable(), coded: z.boolean().optional(), required: z.boolean().optional() }))
    .max(200),
  dateFormat: DateFormat,
  codes: z.record(z.string(), z.record(z.string().max(60), z.string().max(30))),
});
const UploadArgs = z.object({ profile: ProfileName, ...Scope, batchNumber: z.string().max(60).optional() });

export const exchangeOperations = {
  'profiles.list': query({ title: '查看交换格式' }, NoArgs, (ctx) => listProfiles(ctx)),
  'profiles.get': query({ title: '查看交换格式' }, z.object({ name: ProfileName }), (ctx, a) => getProfile(ctx, a.name)),
  /** The fields a column can hold, for mapping a template's header by hand. */
  'profiles.fields': query({ title: '查看可上报的字段' }, NoArgs, () => EXCHANGE_FIELDS.map((f) => ({ field: f.field, title: f.title, aliases: f.aliases ?? [] }))),
  'profiles.fromTemplate': command(
    { title: '用省平台模板新建交换格式' },
    z.object({ file: FileArg, name: ProfileName, dateFormat: DateFormat.optional(), rows: z.enum(['passed', 'certificates']).optional() }),
    async (ctx, a) => (await template()).profileFromTemplate(ctx, a.file, { name: a.name, dateFormat: a.dateFormat, rows: a.rows }),
  ),
  /** One code of a profile's list: CertDesk's value (汉族) → the platform's code (01); code null removes it. */
  'profiles.setCode': command(
    { title: '修改交换格式的代码表' },
    z.object({ name: ProfileName, field: z.string().min(1), value: z.string().min(1).max(60), code: z.string().max(30).nullable() }),
    (ctx, a) => setCode(ctx, a.name, a.field, a.value, a.code),
  ),
  'profiles.mapColumn': command(
    { title: '修改交换格式的列' },
    z.object({ name: ProfileName, header: z.string(), field: z.string().nullable().optional(), coded: z.boolean().optional(), required: z.boolean().optional() }),
    (ctx, { name, header, ...change }) => mapColumn(ctx, name, header, change),
  ),
  /** A template workbook read, nothing saved: the draft profile, its header rows as written, the headers nothing matched. */
  'profiles.readTemplate': query(
    { title: '读取省平台模板' },
    z.object({ file: FileArg, dateFormat: DateFormat.optional(), rows: z.enum(['passed', 'certificates']).optional() }),
    async (ctx, a) => (await template()).readTemplate(a.file, { dateFormat: a.dateFormat, rows: a.rows }),
  ),
  /** The code lists a new profile starts with (docs/exchange.md § The standard code lists): the editor's 恢复默认. */
  'profiles.standardCodes': query({ title: '查看交换格式' }, NoArgs, () => standardCodeLists()),
  /** A whole profile saved at once (the window's editor); previousName renames it in the same step. */
  'profiles.save': command(
    { title: '保存交换格式' },
    z.object({ name: ProfileName, previousName: ProfileName.optional(), definition: Definition }),
    (ctx, a) => saveProfile(ctx, a.name, a.definition, a.previousName),
  ),
  'profiles.rename': command({ title: '交换格式改名' }, z.object({ name: ProfileName, newName: ProfileName }), (ctx, a) => renameProfile(ctx, a.name, a.newName)),
  'profiles.delete': command({ title: '删除交换格式' }, z.object({ name: ProfileName }), (ctx, a) => deleteProfile(ctx, a.name)),

  /** Every row checked against the profile, nothing written: { ok, rows, problems: [{ row, name, column, message }] }. */
  'upload.check': query({ title: '检查上报数据' }, UploadArgs, (ctx, { profile, batchNumber, ...scope }) => checkUpload(ctx, { profile, scope, batchNumber })),
  /** The upload file, recorded in the ledger; rows with problems refuse it (UPLOAD_PROBLEMS, details.problems) or, with onProblem mark, are marked. */
  'export.upload': command(
    { title: '导出上报文件' },
    UploadArgs.extend({ out: z.string().min(1).optional(), onProblem: z.enum(['refuse', 'mark']).optional() }),
    (ctx, { profile, batchNumber, out, onProblem, ...scope }) => exportUpload(ctx, { profile, scope, batchNumber, out, onProblem }),
  ),

  /** The 上报批次 ledger, newest first, with how many rows the platform accepted and refused. */
  'upload.batches': query({ title: '查看上报批次' }, NoArgs, async (ctx) => (await ledger()).listBatches(ctx)),
  'upload.batch': query({ title: '查看上报批次' }, z.object({ batch: BatchRef }), async (ctx, a) => (await ledger()).getBatch(ctx, a.batch)),
  /** The platform's return file (审核结果, 审核意见, 证书编号, 发证日期) reconciled against the batch. */
  'upload.reconcile': command({ title: '导入省平台回执', backup: 'import' }, z.object({ batch: BatchRef, file: FileArg }), async (ctx, a) =>
    (await ledger()).reconcileReturn(ctx, a.batch, a.file),
  ),
  /** The refused rows again, as the records now stand, recorded as a batch that corrects the first. */
  'upload.reexport': command(
    { title: '更正重报被退回的行' },
    z.object({ batch: BatchRef, batchNumber: z.string().max(60).optional(), out: z.string().min(1).optional(), onProblem: z.enum(['refuse', 'mark']).optional() }),
    async (ctx, a) => (await ledger()).reexportRefused(ctx, a.batch, { batchNumber: a.batchNumber, out: a.out, onProblem: a.onProblem }),
  ),
};
