import { describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { call, makeIdNumber, runCli, tempDir } from '../helpers';
import { writeTemp } from '../spreadsheets/workbooks';
import { finalizedSession, officeWithSession, PEOPLE } from './fixtures';

const [zhang, ouyang, li, wang] = PEOPLE as [(typeof PEOPLE)[number], (typeof PEOPLE)[number], (typeof PEOPLE)[number], (typeof PEOPLE)[number]];

/** The provincial platform's export as officers receive it: a title row, the header, the people, a signature line. */
async function provincialSheet(rows: (string | number | Date)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('证书发放');
  ws.addRow(['2024年物业管理师（三级）证书编号清单']);
  ws.mergeCells('A1:E1');
  ws.addRow(['序号', '姓名', '身份证号码', '证书编号', '发证日期']);
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  ws.addRow(['填表人：王小明', '', '', '', '']);
  const file = path.join(tempDir(), '证书编号.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const onJuly1 = new Date(Date.UTC(2024, 6, 1));

describe('importing numbers the provincial system assigned', () => {
  it('records a certificate for each person who passed, linked to their session', async () => {
    const o = await officeWithSession();
    const file = await provincialSheet([
      [zhang.name, zhang.idNumber, 'S000044000123243000001', onJuly1],
      [ouyang.name, ouyang.idNumber, 'S000044000123243000002', '2024年7月1日'],
    ]);
    const r = await call(o.ctx, 'certificates.import', { file: { path: file } });
    expect(r).toMatchObject({ imported: 2, unchanged: 0, rejected: [] });
    const list = await call(o.ctx, 'certificates.list', { sessionId: o.sessionId });
    expect(list.map((c) => [c.number, c.name, c.source, c.issueDate, c.level])).toEqual([
      ['S000044000123243000001', '张伟', 'imported', '2024-07-01', 3],
      ['S000044000123243000002', '欧阳淑芬', 'imported', '2024-07-01', 3],
    ]);
    const audit = o.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'certificate' AND action = 'import'").get() as { n: number };
    expect(audit.n).toBe(2);

    // Importing the same file again changes nothing.
    expect(await call(o.ctx, 'certificates.import', { file: { path: file } })).toMatchObject({ imported: 0, unchanged: 2, rejected: [] });

    // Numbers generated later step over the imported ones, and the imported people are not issued twice.
    const issued = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    expect(issued.issued).toEqual([{ idNumber: wang.idNumber, name: wang.name, number: 'S000044000123243000003' }]);
  });

  it('refuses each bad row with its row number, column and what to fix, and keeps the good ones', async () => {
    const o = await officeWithSession();
    const stranger = makeIdNumber('440106', '19700101', 901);
    const file = await provincialSheet([
      [zhang.name, zhang.idNumber, 'S00004400012324300001', onJuly1], // row 3: 21 characters
      [zhang.name, zhang.idNumber, 'S000044000123243000005', onJuly1], // row 4: good
      [ouyang.name, ouyang.idNumber, 'S000044000123243000005', onJuly1], // row 5: same number as row 4
      [li.name, li.idNumber, 'S000044000123243000006', onJuly1], // row 6: 李娜 failed
      ['王坤', wang.idNumber, 'S000044000123243000007', onJuly1], // row 7: name does not match 王堃
      [wang.name, wang.idNumber, 'S000044000123233000008', onJuly1], // row 8: number says 2023
      [wang.name, wang.idNumber, 'S000044000123244000009', onJuly1], // row 9: number says level 4
      ['赵六', stranger, 'S000044000123243000010', onJuly1], // row 10: not a candidate here
      [wang.name, Number(wang.idNumber.slice(0, 17)) * 10, 'S000044000123243000011', onJuly1], // row 11: ID typed as a number
      [wang.name, wang.idNumber, 'S000044000123243000012', '7月1日'], // row 12: no usable date
      [zhang.name, zhang.idNumber, 'S000044000123243000013', onJuly1], // row 13: 张伟 again, already given a number in row 4
    ]);
    const r = await call(o.ctx, 'certificates.import', { file: { path: file } });
    expect(r.imported).toBe(1);
    const byRow = new Map(r.rejected.map((x) => [x.row, x]));
    expect([...byRow.keys()]).toEqual([3, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(byRow.get(3)).toMatchObject({ column: '证书编号' });
    expect(byRow.get(3)!.message).toContain('22 位');
    expect(byRow.get(5)!.message).toContain('第4行重复');
    expect(byRow.get(6)!.message).toContain('只有合格的人才能发证');
    expect(byRow.get(7)).toMatchObject({ column: '姓名' });
    expect(byRow.get(7)!.message).toContain('王堃');
    expect(byRow.get(8)!.message).toContain('发证年份');
    expect(byRow.get(9)!.message).toContain('四级/中级工');
    expect(byRow.get(10)).toMatchObject({ column: '身份证号码' });
    expect(byRow.get(11)!.message).toContain('文本');
    expect(byRow.get(12)).toMatchObject({ column: '发证日期' });
    expect(byRow.get(13)!.message).toContain('已在第4行');
  });

  it('refuses a number for a person whose session is not finalized yet', async () => {
    const o = await officeWithSession();
    const person = { name: '孙丽', idNumber: makeIdNumber('440106', '19930303', 303), theory: 90, skill: 90 };
    await finalizedSession(o.ctx, { people: [person], level: 4, date: '2024-06-20', finalize: false });
    const file = await provincialSheet([[person.name, person.idNumber, 'S000044000123244000001', onJuly1]]);
    const r = await call(o.ctx, 'certificates.import', { file: { path: file } });
    expect(r.imported).toBe(0);
    expect(r.rejected[0]!.message).toContain('还没有定稿');
  });

  it('refuses a number already held by someone else, and a second certificate for the same pass', async () => {
    const o = await officeWithSession();
    const { issued } = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    const file = await provincialSheet([
      [ouyang.name, ouyang.idNumber, issued[0]!.number, onJuly1],
      [zhang.name, zhang.idNumber, 'S000044000123243000050', onJuly1],
    ]);
    const r = await call(o.ctx, 'certificates.import', { file: { path: file } });
    expect(r.imported).toBe(0);
    expect(r.rejected[0]!.message).toContain('已经属于「张伟」');
    expect(r.rejected[1]!.message).toContain(issued[0]!.number);
  });

  it('runs in the frame of the other imports: off the main thread, its progress under the window’s progressId, a preview and the columns as read', async () => {
    const o = await officeWithSession();
    const file = await provincialSheet([
      [zhang.name, zhang.idNumber, 'S000044000123243000001', onJuly1],
      [ouyang.name, ouyang.idNumber, 'S000044000123243000002', onJuly1],
      ['无此人', makeIdNumber('110101', '19800101', 9), 'S000044000123243000009', onJuly1],
    ]);
    const preview = await call(o.ctx, 'certificates.import', { file: { path: file }, dryRun: true, progressId: 'c1' });
    expect(preview).toMatchObject({ imported: 2, updated: 0, unchanged: 0, dryRun: true, sheet: '证书发放', headerRow: 2, rows: 3 });
    expect(preview.columns.map((c) => c.field)).toEqual([null, 'name', 'idNumber', 'certificateNumber', 'issueDate']);
    expect(preview.fields.map((f) => f.field)).toContain('certificateNumber');
    expect(preview.preview.map((r) => [r.row, r.name, r.certificateNumber, r.issueDate, r.status])).toEqual([
      [3, '张伟', 'S000044000123243000001', '2024-07-01', 'new'],
      [4, '欧阳淑芬', 'S000044000123243000002', '2024-07-01', 'new'],
    ]);
    expect(preview.rejected.map((r) => [r.row, r.column])).toEqual([[5, '身份证号码']]);
    expect(await call(o.ctx, 'spreadsheets.progress', { progressId: 'c1' })).toMatchObject({ phase: 'done' });
    expect(await call(o.ctx, 'certificates.list', { sessionId: o.sessionId })).toEqual([]);

    const done = await call(o.ctx, 'certificates.import', { file: { path: file }, progressId: 'c2' });
    expect(done).toMatchObject({ imported: 2, dryRun: false });
    expect(await call(o.ctx, 'spreadsheets.progress', { progressId: 'c2' })).toMatchObject({ phase: 'done' });
    expect((await call(o.ctx, 'certificates.list', { sessionId: o.sessionId })).length).toBe(2);
    expect((await call(o.ctx, 'certificates.import', { file: { path: file }, dryRun: true })).preview.map((r) => r.status)).toEqual(['recorded', 'recorded']);

    const failing = await call(o.ctx, 'certificates.import', { file: { path: writeTemp(Buffer.from('not a workbook')) }, progressId: 'c3' }).catch((e: { code?: string }) => e.code);
    expect(failing).toBe('FILE_NOT_XLSX');
    expect(await call(o.ctx, 'spreadsheets.progress', { progressId: 'c3' })).toMatchObject({ phase: 'failed' });
  });

  it('tries a file without saving on --dry-run, from the command line', async () => {
    const o = await officeWithSession();
    const file = await provincialSheet([[zhang.name, zhang.idNumber, 'S000044000123243000001', onJuly1]]);
    o.db.close();
    const dry = runCli(['certificates', 'import', file, '--dry-run', '--db', o.file, '--json']);
    expect(dry.status).toBe(0);
    expect(dry.json).toMatchObject({ imported: 1, dryRun: true, rejected: [] });
    const list = runCli(['certificates', 'list', '--db', o.file, '--json']);
    expect(list.json).toEqual([]);
    const real = runCli(['certificates', 'import', file, '--db', o.file]);
    expect(real.stdout).toContain('导入证书编号 1 个');
  });
});

describe('a provincial sheet with headers the reader does not know', () => {
  it('takes the officer’s hand mapping and remembers it for the next file of the same shape', async () => {
    const o = await officeWithSession();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['姓名', '身份证号码', '证书流水', '发证日期']);
    ws.addRow([zhang.name, zhang.idNumber, 'S000044000123243000001', onJuly1]);
    const file = path.join(tempDir(), '省平台导出.xlsx');
    await wb.xlsx.writeFile(file);
    const unmapped = await call(o.ctx, 'certificates.import', { file: { path: file } }).catch((e: Error & { code?: string }) => e.code);
    expect(unmapped).toBe('IMPORT_COLUMNS_MISSING');
    expect(await call(o.ctx, 'certificates.import', { file: { path: file }, mapping: { C: 'certificateNumber' } })).toMatchObject({ imported: 1 });
    // Next time the same header shape is read with the remembered mapping.
    expect(await call(o.ctx, 'certificates.import', { file: { path: file } })).toMatchObject({ imported: 0, unchanged: 1 });
  });
});
