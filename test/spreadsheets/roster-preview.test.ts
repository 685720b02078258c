// The roster preview tells the truth before anything is written: how many people are new, how many
// are registered already and how many are in the session already, what the file changes of each
// known person (old → new), whose row each refused row is — and the refused rows go back to the
// employer as a workbook of their own columns with a 原因 column (read back with exceljs and
// opened once by LibreOffice).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { buildWorkbook, writeTemp } from './workbooks';

const id = (seq: number) => makeIdNumber('370101', '19900305', seq);
const bad = id(9).slice(0, 17) + (id(9).endsWith('0') ? '1' : '0');

/** One person in the session, one registered from an earlier session; the file adds two and refuses two. */
async function office() {
  const env = createDB();
  const earlier = await call(env.ctx, 'sessions.create', { occupation: '保安员', level: 5, date: '2024-03-01' });
  await call(env.ctx, 'enrolments.add', { sessionId: earlier.id, candidate: { idNumber: id(1), name: '张伟', phone: '13900000001', employer: '甲物业' } });
  const s = await call(env.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  await call(env.ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: id(2), name: '李娜', phone: '13900000002', employer: '乙物业' } });
  const file = writeTemp(
    await buildWorkbook([
      {
        rows: [
          ['2024年物业管理师报名表'],
          ['序号', '姓名', '身份证号码', '联系电话', '工作单位', '备注'],
          [1, '张伟', id(1), '13700000001', '甲物业', '老学员'],
          [2, '李娜', id(2), null, '丙物业', null],
          [3, '王芳', id(3), '13700000003', '甲物业', null],
          [4, '刘洋', id(4), null, null, '新人'],
          [5, '陈静', bad, '13700000005', '乙物业', '号码待核'],
          [6, '张伟', id(1), null, null, '重复'],
        ],
        textColumns: ['C'],
      },
    ]),
    '甲物业报名表.xlsx',
  );
  return { ...env, sessionId: s.id, file };
}

describe('the roster preview', () => {
  it('counts new, already registered and already enrolled people over the whole file', async () => {
    const { ctx, sessionId, file } = await office();
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file }, dryRun: true });
    expect(r.people).toEqual({ new: 2, known: 1, enrolled: 1, changed: 2 });
    expect(r.preview.map((p) => [p.name, p.status])).toEqual([
      ['张伟', 'known'],
      ['李娜', 'enrolled'],
      ['王芳', 'new'],
      ['刘洋', 'new'],
    ]);
    // The CLI's two counts stay as they were: enrolled now, and refreshed in the session.
    expect([r.imported, r.updated]).toEqual([3, 1]);
  });

  it('shows old → new for each field the file changes of a known person; a blank cell changes nothing', async () => {
    const { ctx, sessionId, file } = await office();
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file }, dryRun: true });
    const changes = Object.fromEntries(r.preview.map((p) => [p.name, p.changes.map((c) => `${c.label}：${c.old ?? '空'} → ${c.new ?? '空'}`)]));
    expect(changes).toEqual({ 张伟: ['手机号码：13900000001 → 13700000001'], 李娜: ['工作单位：乙物业 → 丙物业'], 王芳: [], 刘洋: [] });
  });

  it('names the person on each refused row', async () => {
    const { ctx, sessionId, file } = await office();
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file }, dryRun: true });
    expect(r.rejected.map((x) => [x.row, x.name])).toEqual([
      [7, '陈静'],
      [8, '张伟'],
    ]);
  });
});

describe('导出被拒绝的行', () => {
  async function rejectedBook(ctx: ReturnType<typeof createDB>['ctx'], sessionId: number, file: string, out: string) {
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file }, dryRun: true });
    await call(ctx, 'roster.rejected', { file: { path: file }, rejected: r.rejected, out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0]!;
    return Array.from({ length: sheet.rowCount }, (_, r) => Array.from({ length: 7 }, (_, c) => sheet.getRow(r + 1).getCell(c + 1).value ?? null));
  }

  it('gives back the refused rows with the file’s own columns, as written, and a 原因 column', async () => {
    const { ctx, sessionId, file } = await office();
    const out = path.join(tempDir(), '被拒绝的行.xlsx');
    const rows = await rejectedBook(ctx, sessionId, file, out);
    expect(rows[0]).toEqual(['2024年物业管理师报名表', null, null, null, null, null, null]);
    expect(rows[1]).toEqual(['序号', '姓名', '身份证号码', '联系电话', '工作单位', '备注', '原因']);
    expect(rows.slice(2).map((r) => r.slice(0, 6))).toEqual([
      [5, '陈静', bad, '13700000005', '乙物业', '号码待核'],
      [6, '张伟', id(1), null, null, '重复'],
    ]);
    expect(rows[2]![6]).toMatch(/^【身份证号码】.*校验/);
    expect(rows[3]![6]).toContain('与第3行是同一人');
    // LibreOffice opens it as any workbook.
    const dir = tempDir();
    // A profile of its own, so a LibreOffice run elsewhere on the machine cannot lock it out; UTF-8 CSV.
    const profile = `file://${tempDir('certdesk-lo-profile-')}`;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, out], { timeout: 120_000, stdio: 'ignore' });
    const csv = fs.readFileSync(path.join(dir, '被拒绝的行.csv'), 'utf8');
    expect(csv).toContain('陈静');
    expect(csv).toContain('原因');
    expect(csv).toContain(bad);
  }, 180_000);

  it('comes back as bytes for the window to download, named after the file', async () => {
    const { ctx, sessionId, file } = await office();
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file }, dryRun: true });
    const bytes = await call(ctx, 'roster.rejected', { file: { name: '甲物业报名表.xlsx', base64: fs.readFileSync(file).toString('base64') }, rejected: r.rejected });
    expect(bytes).toMatchObject({ name: '甲物业报名表_被拒绝的行.xlsx', base64: expect.any(String) });
    expect((await callError(ctx, 'roster.rejected', { file: { path: file }, rejected: [] })).code).toBe('INVALID_ARGUMENT');
  });

  it('is saved by the CLI with import roster --rejected-out, the printed result unchanged', async () => {
    const { ctx, sessionId, file } = await office();
    const db = ctx.db.name;
    ctx.db.close();
    const out = path.join(tempDir(), '退回.xlsx');
    const run = runCli(['import', 'roster', file, '--session', String(sessionId), '--dry-run', '--rejected-out', out, '--json', '--db', db]);
    expect(run.status, run.stderr).toBe(0);
    expect(Object.keys(run.json)).toEqual(['imported', 'updated', 'rejected']);
    expect(run.stderr).toContain('被拒绝的 2 行已另存');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.getRow(3).getCell(2).value).toBe('陈静');
  });
});
