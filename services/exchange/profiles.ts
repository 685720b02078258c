// Export profiles (交换格式) as data (docs/exchange.md): which rows an upload holds, its columns
// (header text, source field, whether the value goes through the profile's code list, whether
// the platform requires it), the header row, the date format and the code lists. Two are built
// in; the officer makes others, most often from the platform's own template workbook, and edits
// their code lists.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { unsafeCharacter } from '../shared/text';
import { exchangeField } from './fields';
import { standardCodeLists, type CodeList } from './codes';

export type DateFormat = 'YYYY-MM-DD' | 'YYYYMMDD' | 'YYYY/M/D';
export const DATE_FORMATS: readonly DateFormat[] = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/M/D'];

export interface ProfileColumn {
  /** The header text, as the platform's template writes it. */
  header: string;
  /** The field it holds; null: a column CertDesk has nothing for, left empty (the officer may map it). */
  field: string | null;
  /** The value goes through the profile's code list for the field (民族 汉族 → 01). */
  coded?: boolean;
  /** The platform refuses a row without it. */
  required?: boolean;
}

export interface ProfileDefinition {
  /** 'passed': everyone who passed in the scope, with their certificate if issued (an upload before numbers are assigned); 'certificates': issued certificates. */
  rows: 'passed' | 'certificates';
  sheetName: string;
  /** The row the header sits in (1 = the first); rows above it hold `above`. */
  headerRow: number;
  /** The text of the rows above the header (a template's title), written back as it was. */
  above: string[][];
  /** Merged ranges of those rows and the header (A1:K1, a title across the sheet), merged again in the file. */
  merges?: string[];
  columns: ProfileColumn[];
  dateFormat: DateFormat;
  /** field → (natural value → the platform's code). */
  codes: Record<string, CodeList>;
  /** The 数据上报 layout: title block and a summary sheet (services/spreadsheets/export/certificateLists.ts). */
  layout?: 'report';
}

export interface Profile extends ProfileDefinition {
  name: string;
  builtin: boolean;
}

export const REPORT_PROFILE = '数据上报';
export const PLATFORM_PROFILE = '平台上传';

const col = (header: string, field: string, extra: Partial<ProfileColumn> = {}): ProfileColumn => ({ header, field, ...extra });

/** Today's 数据上报 exactly: the same columns (certificateLists.ts REPORT_HEADERS), labels not codes. */
const REPORT: ProfileDefinition = {
  rows: 'certificates',
  sheetName: '数据上报',
  headerRow: 3,
  above: [],
  layout: 'report',
  dateFormat: 'YYYY-MM-DD',
  codes: {},
  columns: [
    col('姓名', 'name', { required: true }),
    col('证件类型', 'idType', { required: true }),
    col('证件号码', 'idNumber', { required: true }),
    col('所在单位', 'employer'),
    col('职业名称', 'occupationName', { required: true }),
    col('工种名称', 'specialty'),
    col('职业技能等级', 'level', { required: true }),
    col('证书编号', 'certificateNumber', { required: true }),
    col('发证日期', 'issueDate', { required: true }),
    col('评价机构', 'institution'),
    col('发证机构', 'issuer'),
  ],
};

/** An upload of those who passed, header in row 1, codes not labels (the platform assigns the certificate numbers). */
function platformProfile(): ProfileDefinition {
  const coded = { coded: true, required: true };
  return {
    rows: 'passed',
    sheetName: 'Sheet1',
    headerRow: 1,
    above: [],
    dateFormat: 'YYYY-MM-DD',
    codes: standardCodeLists(),
    columns: [
      col('姓名', 'name', { required: true }),
      col('证件类型', 'idType', coded),
      col('证件号码', 'idNumber', { required: true }),
      col('性别', 'gender', coded),
      col('出生日期', 'birthDate', { required: true }),
      col('民族', 'ethnicity', coded),
      col('文化程度', 'education', coded),
      col('联系电话', 'phone'),
      col('通讯地址', 'address'),
      col('考生来源', 'origin', { required: true }),
      col('工作单位', 'employer'),
      col('参加工作时间', 'workStartDate'),
      col('职业编码', 'occupationCode', { required: true }),
      col('职业名称', 'occupationName', { required: true }),
      col('工种名称', 'specialty'),
      col('职业技能等级', 'level', { required: true }),
      col('认定分类', 'recognition', { required: true }),
      col('考试日期', 'examDate', { required: true }),
      col('理论知识成绩', 'theory'),
      col('操作技能成绩', 'skill'),
      col('综合评审成绩', 'review'),
      col('考核结果', 'outcome', { required: true }),
      col('证书编号', 'certificateNumber'),
      col('发证日期', 'issueDate'),
    ],
  };
}

function builtins(): Profile[] {
  return [
    { name: REPORT_PROFILE, builtin: true, ...REPORT },
    { name: PLATFORM_PROFILE, builtin: true, ...platformProfile() },
  ];
}

/** Built-in profiles first, then the officer's, by name. */
export function listProfiles(ctx: Ctx): Profile[] {
  const own = ctx.db.prepare('SELECT name, definition FROM exchange_profiles ORDER BY name').all() as { name: string; definition: string }[];
  return [...builtins(), ...own.map((r) => ({ name: r.name, builtin: false, ...(JSON.parse(r.definition) as ProfileDefinition) }))];
}

export function getProfile(ctx: Ctx, name: string): Profile {
  const found = listProfiles(ctx).find((p) => p.name === name.trim());
  if (!found) {
    const names = listProfiles(ctx).map((p) => p.name).join('、');
    throw new AppError('PROFILE_NOT_FOUND', `没有名为「${name}」的交换格式。现有：${names}。可用省平台的模板新建（profile from-template）。`);
  }
  return found;
}

/**
 * A profile the officer made, checked: known fields, a date format the export knows, and what
 * would make the platform refuse every row (a required column nothing fills, two columns with the
 * same header, a value whose code is empty). Every problem is listed at once (details.problems),
 * so the editor can show them all.
 */
function checkDefinition(name: string, d: ProfileDefinition): void {
  if (!name.trim() || name.length > 40) throw new AppError('PROFILE_NAME_INVALID', '交换格式的名称不能为空，也不能超过 40 个字。');
  const unsafe = unsafeCharacter(JSON.stringify({ name, d }));
  if (unsafe) throw new AppError('PROFILE_NAME_INVALID', `交换格式中含有不可见或会颠倒文字顺序的字符（${unsafe}），请删去后重试。`);
  if (!DATE_FORMATS.includes(d.dateFormat)) throw new AppError('PROFILE_INVALID', `日期格式只能是 ${DATE_FORMATS.join('、')}。`);
  if (!Number.isInteger(d.headerRow) || d.headerRow < 1 || d.headerRow > 30) throw new AppError('PROFILE_INVALID', '表头所在行应为 1 到 30 之间的整数。');
  if (d.columns.length === 0) throw new AppError('PROFILE_INVALID', '交换格式至少要有一列。');
  for (const m of d.merges ?? []) {
    const rows = /^[A-Z]{1,3}(\d+):[A-Z]{1,3}(\d+)$/.exec(m);
    if (!rows || Number(rows[2]) > d.headerRow) throw new AppError('PROFILE_INVALID', `合并单元格「${m}」应在表头或表头上方的行内（如 A1:K1）。`);
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  d.columns.forEach((c, i) => {
    const where = `第 ${i + 1} 列「${c.header}」`;
    if (c.field !== null && !exchangeField(c.field)) problems.push(`${where}对应的字段「${c.field}」不存在，请从 profile fields 列出的字段中选择`);
    if (c.required && c.field === null) problems.push(`${where}标为必填，却没有对应的字段，导出时每行都会空着；请选择对应的字段，或取消必填`);
    const header = c.header.trim();
    if (header) {
      const first = seen.get(header);
      if (first !== undefined) problems.push(`第 ${first + 1} 列和第 ${i + 1} 列的表头都是「${header}」，省平台分不清；请核对模板`);
      else seen.set(header, i);
    }
  });
  for (const [field, list] of Object.entries(d.codes)) {
    const title = exchangeField(field)?.title;
    if (!title) {
      problems.push(`代码表中的字段「${field}」不存在`);
      continue;
    }
    for (const [value, code] of Object.entries(list)) {
      if (!value.trim()) problems.push(`${title}代码表中有一行没有写本程序的值；请填写或删去该行`);
      else if (!String(code).trim()) problems.push(`${title}代码表中「${value}」的代码为空；请填写省平台的代码，或删去该行`);
    }
  }
  if (problems.length) throw new AppError('PROFILE_INVALID', `交换格式「${name.trim()}」没有保存：${problems.join('；')}。`, { problems });
}

/** A profile a recorded 上报批次 used keeps its name, so the ledger still names it. */
function batchesUsing(ctx: Ctx, name: string): number {
  return (ctx.db.prepare('SELECT count(*) AS n FROM upload_batches WHERE profile_name = ?').get(name) as { n: number }).n;
}

const isBuiltin = (name: string) => builtins().some((b) => b.name === name);

/**
 * Adds or replaces an officer's profile; the built-in names stay as shipped. With `previousName`
 * (the editor's rename) the profile moves to the new name in the same transaction.
 */
export function saveProfile(ctx: Ctx, name: string, d: ProfileDefinition, previousName?: string): Profile {
  const n = name.trim();
  if (isBuiltin(n)) {
    throw new AppError('PROFILE_BUILTIN', `「${n}」是内置的交换格式，不能修改；请另起一个名称保存（如「${n}（本省）」）。`);
  }
  checkDefinition(n, d);
  const from = previousName?.trim();
  if (from && from !== n) renameCheck(ctx, from, n);
  return inTransaction(ctx.db, () => {
    if (from && from !== n) ctx.db.prepare('DELETE FROM exchange_profiles WHERE name = ?').run(from);
    const old = ctx.db.prepare('SELECT definition FROM exchange_profiles WHERE name = ?').get(n) as { definition: string } | undefined;
    const now = nowIso();
    const { layout: _layout, ...stored } = d;
    if (old) ctx.db.prepare('UPDATE exchange_profiles SET definition = ?, updated_at = ? WHERE name = ?').run(JSON.stringify(stored), now, n);
    else ctx.db.prepare('INSERT INTO exchange_profiles (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)').run(n, JSON.stringify(stored), now, now);
    recordAudit(ctx, {
      entity: 'exchangeProfile',
      entityId: n,
      action: old ? 'update' : from && from !== n ? 'rename' : 'create',
      oldValue: old ? JSON.parse(old.definition) : from && from !== n ? { name: from } : null,
      newValue: stored,
    });
    return getProfile(ctx, n);
  });
}

/** An officer's profile, not yet used by a batch, may take a name no other profile has. */
function renameCheck(ctx: Ctx, from: string, to: string): void {
  const p = getProfile(ctx, from);
  if (p.builtin) throw new AppError('PROFILE_BUILTIN', `「${p.name}」是内置的交换格式，不能改名；可以复制后另起名称保存。`);
  const used = batchesUsing(ctx, p.name);
  if (used) throw new AppError('PROFILE_IN_USE', `交换格式「${p.name}」已用于 ${used} 个上报批次，批次台账按这个名称记录，不能改名；如需新名称，请复制一份另存。`);
  if (listProfiles(ctx).some((q) => q.name === to)) throw new AppError('PROFILE_NAME_TAKEN', `已有名为「${to}」的交换格式，请换一个名称。`);
}

export function renameProfile(ctx: Ctx, from: string, to: string): Profile {
  const p = getProfile(ctx, from);
  const { name: _n, builtin: _b, ...definition } = p;
  return saveProfile(ctx, to, definition, p.name);
}

export function deleteProfile(ctx: Ctx, name: string): { deleted: string } {
  const p = getProfile(ctx, name);
  if (p.builtin) throw new AppError('PROFILE_BUILTIN', `「${p.name}」是内置的交换格式，不能删除。`);
  const used = batchesUsing(ctx, p.name);
  if (used) throw new AppError('PROFILE_IN_USE', `交换格式「${p.name}」已用于 ${used} 个上报批次，批次台账按这个名称记录，不能删除；不再使用的留着即可，要换新的格式请复制一份另存。`);
  return inTransaction(ctx.db, () => {
    ctx.db.prepare('DELETE FROM exchange_profiles WHERE name = ?').run(p.name);
    recordAudit(ctx, { entity: 'exchangeProfile', entityId: p.name, action: 'delete', oldValue: p });
    return { deleted: p.name };
  });
}

/**
 * Sets (or with code null removes) one entry of a profile's code list: `value` is CertDesk's word
 * (汉族, 居民身份证, 本科), `code` the platform's. A built-in profile is copied under a new name first.
 */
export function setCode(ctx: Ctx, name: string, field: string, value: string, code: string | null): Profile {
  const p = getProfile(ctx, name);
  if (!exchangeField(field)) throw new AppError('PROFILE_INVALID', `字段「${field}」不存在，请从 profile fields 列出的字段中选择。`);
  const v = value.trim();
  if (!v) throw new AppError('PROFILE_INVALID', '请写出要对应的值（如 汉族）。');
  const codes = { ...p.codes, [field]: { ...(p.codes[field] ?? {}) } };
  if (code === null || code.trim() === '') delete codes[field]![v];
  else codes[field]![v] = code.trim();
  const { name: _n, builtin: _b, ...definition } = p;
  return saveProfile(ctx, p.name, { ...definition, codes });
}

/** Maps a column of an officer's profile to a field (or null: leave it empty), and says whether it is coded or required. */
export function mapColumn(ctx: Ctx, name: string, header: string, change: { field?: string | null; coded?: boolean; required?: boolean }): Profile {
  const p = getProfile(ctx, name);
  const i = p.columns.findIndex((c) => c.header === header.trim());
  if (i < 0) throw new AppError('PROFILE_COLUMN_NOT_FOUND', `交换格式「${p.name}」中没有表头为「${header}」的列。现有列：${p.columns.map((c) => c.header).join('、')}。`);
  const columns = p.columns.map((c, j) => (j === i ? { ...c, ...change } : c));
  const { name: _n, builtin: _b, ...definition } = p;
  return saveProfile(ctx, p.name, { ...definition, columns });
}
