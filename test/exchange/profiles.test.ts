// Export profiles (交换格式): today's 数据上报 unchanged, the 平台上传 profile with codes, a profile
// made from the platform's template workbook whose header the export matches cell for cell, and
// every row checked before anything is written (docs/exchange.md).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import { configureInstitution, finalizedSession, PEOPLE } from '../certificates/fixtures';

const people = PEOPLE.map((p) => ({ ...p, photo: false }));
const [zhang, ouyang, , wang] = people;

/** A finalized session of five, three of whom passed (张伟, 欧阳淑芬, 王堃). */
async function office() {
  const env = createDB();
  await configureInstitution(env.ctx);
  const s = await finalizedSession(env.ctx, { people });
  return { ...env, ...s };
}

async function details(ctx: Parameters<typeof call>[0], idNumber: string, d: { ethnicity?: string; origin?: string; education?: string }) {
  const c = (await call(ctx, 'candidates.history', { idNumber })).candidate;
  const { hasPhoto: _photo, ...record } = c;
  await call(ctx, 'candidates.update', { ...record, ...d });
}

async function cells(file: string, sheet?: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const v = Array.from((row.values as unknown[]).slice(1), (x) => x ?? '').map((x) => (x === null || x === undefined ? '' : typeof x === 'object' && 'richText' in (x as object) ? (x as { richText: { text: string }[] }).richText.map((r) => r.text).join('') : String(x)));
    while (v.length && v[v.length - 1] === '') v.pop();
    out[n - 1] = v;
  });
  return Array.from(out, (r) => r ?? []);
}

describe('the built-in 数据上报 profile', () => {
  it('writes exactly what 导出数据上报表 writes, and records the file in the ledger with its SHA-256', async () => {
    const { ctx, sessionId } = await office();
    await call(ctx, 'certificates.issue', { sessionId, date: '2024-07-01' });
    const dir = tempDir();
    const report = path.join(dir, 'report.xlsx');
    const upload = path.join(dir, 'upload.xlsx');
    await call(ctx, 'export.report', { sessionId, out: report });
    const r = await call(ctx, 'export.upload', { profile: '数据上报', sessionId, batchNumber: 'SB2024-0701', out: upload });
    for (const sheet of ['数据上报', '汇总']) expect(await cells(upload, sheet)).toEqual(await cells(report, sheet));
    expect(r).toMatchObject({ rows: 3, batchNumber: 'SB2024-0701', problems: [] });
    expect(r.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(upload)).digest('hex'));
    const profile = await call(ctx, 'profiles.get', { name: '数据上报' });
    expect(profile.columns.map((c) => c.header)).toEqual((await cells(report, '数据上报'))[2]);
    expect(ctx.db.prepare('SELECT row, certificate_number IS NOT NULL AS numbered FROM upload_batch_rows ORDER BY row').all()).toEqual([
      { row: 4, numbered: 1 },
      { row: 5, numbered: 1 },
      { row: 6, numbered: 1 },
    ]);
  });
});

describe('the built-in 平台上传 profile', () => {
  it('checks every row first: a required 民族 or 考生来源 left empty, or a value with no code, refuses the export with the row, the person and the column', async () => {
    const { ctx, sessionId } = await office();
    await details(ctx, zhang!.idNumber, { ethnicity: '汉族', origin: '企业职工', education: '本科' });
    await details(ctx, ouyang!.idNumber, { ethnicity: '壮族', origin: '社会人员', education: '大学本科' });
    await details(ctx, wang!.idNumber, { origin: '农民工', education: '初中' });
    const out = path.join(tempDir(), 'up.xlsx');
    const refused = await callError(ctx, 'export.upload', { profile: '平台上传', sessionId, out });
    expect(refused.code).toBe('UPLOAD_PROBLEMS');
    expect(refused.message).toContain('第4行 王堃：民族为空');
    expect(fs.existsSync(out)).toBe(false);
    const check = await call(ctx, 'upload.check', { profile: '平台上传', sessionId });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([{ row: 4, name: '王堃', idNumber: wang!.idNumber, column: '民族', message: expect.stringContaining('民族为空') }]);
    // 民族 typed; a code removed from the list is named as such.
    await details(ctx, wang!.idNumber, { ethnicity: '回族' });
    await call(ctx, 'profiles.fromTemplate', { file: { path: await platformTemplate() }, name: '本省平台' });
    await call(ctx, 'profiles.setCode', { name: '本省平台', field: 'ethnicity', value: '回族', code: null });
    const noCode = await call(ctx, 'upload.check', { profile: '本省平台', sessionId });
    expect(noCode.problems.map((p) => [p.row, p.name, p.column, p.message.split('；')[0]])).toEqual([[5, '王堃', '民族', '民族「回族」在交换格式的代码表中没有对应代码']]);
    expect((await call(ctx, 'upload.check', { profile: '平台上传', sessionId })).problems).toEqual([]);

    const r = await call(ctx, 'export.upload', { profile: '平台上传', sessionId, batchNumber: 'PT-01', out });
    const rows = await cells(out);
    expect(rows[0]!.slice(0, 7)).toEqual(['姓名', '证件类型', '证件号码', '性别', '出生日期', '民族', '文化程度']);
    // Codes, not labels: 居民身份证 01, 男 1, 汉族 01, 本科 20; the level a digit; 认定分类 worked out.
    expect(rows[1]!.slice(0, 7)).toEqual(['张伟', '01', zhang!.idNumber, '1', '1990-03-07', '01', '20']);
    expect(rows[3]!.slice(5, 7)).toEqual(['03', '70']);
    const header = rows[0]!;
    expect(rows[1]![header.indexOf('职业技能等级')]).toBe('3');
    expect(rows[1]![header.indexOf('认定分类')]).toBe('初次');
    expect(rows[1]![header.indexOf('理论知识成绩')]).toBe('86.5');
    expect(rows[1]![header.indexOf('考核结果')]).toBe('合格');
    expect(r.rows).toBe(3);
  });

  it('exports rows with problems marked, when the officer chooses, in a 校验问题 column beside the profile\'s own', async () => {
    const { ctx, sessionId } = await office();
    const out = path.join(tempDir(), 'marked.xlsx');
    const r = await call(ctx, 'export.upload', { profile: '平台上传', sessionId, out, onProblem: 'mark' });
    const rows = await cells(out);
    expect(rows[0]!.at(-1)).toBe('校验问题');
    expect(rows[1]!.at(-1)).toMatch(/^民族为空.*考生来源为空/);
    expect(new Set(r.problems.map((p) => p.row))).toEqual(new Set([2, 3, 4]));
    expect((ctx.db.prepare('SELECT marked FROM upload_batch_rows WHERE row = 2').get() as { marked: string }).marked).toContain('民族为空');
  });
});

/** The platform's own template: a title row, then its header, some marked required, one nothing matches. */
async function platformTemplate(): Promise<string> {
  return writeTemp(
    await buildWorkbook([
      {
        name: '考生信息',
        rows: [
          ['2024年职业技能等级认定考生信息上传模板（请勿修改表头）'],
          ['序号', '*姓名', '性别', '*身份证件类型', '*证件号码', '民族', '学历', '人员类别', '职业编码', '职业名称', '技能等级', '认定类别', '理论知识成绩', '操作技能成绩', '备注', '考核结果'],
        ],
      },
    ]),
    'template.xlsx',
  );
}

describe('a profile made from the platform\'s template workbook', () => {
  it('takes its columns from the header row, reports the headers it could not match, and exports a file whose header rows match the template cell for cell', async () => {
    const { ctx, sessionId } = await office();
    for (const p of [zhang!, ouyang!, wang!]) await details(ctx, p.idNumber, { ethnicity: '汉族', origin: '企业职工', education: '高中' });
    const template = await platformTemplate();
    const made = await call(ctx, 'profiles.fromTemplate', { file: { path: template }, name: '广东省平台', dateFormat: 'YYYYMMDD' });
    expect(made.unmatched).toEqual([{ column: 'O', header: '备注' }]);
    expect(made.profile.columns.filter((c) => c.required).map((c) => c.header)).toEqual(['*姓名', '*身份证件类型', '*证件号码']);
    expect(made.profile).toMatchObject({ headerRow: 2, sheetName: '考生信息', rows: 'passed' });
    // The officer maps 备注 to nothing (left empty) and 学历 keeps its GB/T 4658 codes.
    await call(ctx, 'profiles.mapColumn', { name: '广东省平台', header: '人员类别', required: true });
    const out = path.join(tempDir(), 'gd.xlsx');
    await call(ctx, 'export.upload', { profile: '广东省平台', sessionId, batchNumber: 'GD2024060001', out });
    const written = await cells(out, '考生信息');
    const original = await cells(template, '考生信息');
    expect(written.slice(0, 2)).toEqual(original.slice(0, 2));
    expect(written[2]).toEqual(['1', '张伟', '1', '01', zhang!.idNumber, '01', '60', '企业职工', '4-06-01-01', '物业管理师', '3', '初次', '86.5', '90', '', '合格']);
    expect(written.length).toBe(5);
  });

  it('refuses to change a built-in profile, names an unknown one with the ones there are', async () => {
    const { ctx } = createDB();
    expect(await callError(ctx, 'profiles.setCode', { name: '平台上传', field: 'ethnicity', value: '汉族', code: '1' })).toMatchObject({ code: 'PROFILE_BUILTIN' });
    const unknown = await callError(ctx, 'profiles.get', { name: '江苏' });
    expect(unknown.code).toBe('PROFILE_NOT_FOUND');
    expect(unknown.message).toContain('数据上报、平台上传');
  });
});

describe('the command line', () => {
  it('makes a profile from a template, sets a code, and checks and exports an upload', async () => {
    const { file, ctx, sessionId } = await office();
    for (const p of [zhang!, ouyang!, wang!]) await details(ctx, p.idNumber, { ethnicity: '汉族', origin: '企业职工', education: '大专' });
    ctx.db.close();
    const db = ['--db', file];
    const made = runCli([...db, 'profile', 'from-template', await platformTemplate(), '--name', '省平台']);
    expect(made.stderr).toBe('');
    expect(made.stdout).toContain('O列「备注」');
    const code = runCli([...db, 'profile', 'code', 'set', '省平台', '--field', 'education', '--value', '大专', '--code', '31']);
    expect(code.stdout).toContain('大专=31');
    const out = path.join(tempDir(), 'cli.xlsx');
    const r = runCli([...db, 'export', 'upload', '--profile', '省平台', '--session', String(sessionId), '--batch', 'B-1', '--out', out, '--json']);
    expect(r.json).toMatchObject({ rows: 3, batchNumber: 'B-1', file: { path: out } });
    expect((await cells(out, '考生信息'))[2]![6]).toBe('31');
  }, 180_000);
});
