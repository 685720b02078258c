// Which sheet, which rows: the sheet is chosen as a person would (the one whose header fits the
// import, visible ones first) and the officer can pick another; rows hidden in Excel are left out
// and named unless included; a formula whose result was never saved refuses its row.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, callError, createDB, makeIdNumber, runCli } from '../helpers';
import { writeTemp } from './workbooks';

const ZHANG = makeIdNumber('110101', '19900305', 11);
const LI = makeIdNumber('440106', '19851120', 22);
const WANG = makeIdNumber('310101', '19720708', 33);

type Row = (string | number | { formula: string } | null)[];

/** A workbook as exceljs writes it: hidden rows and formulas without a saved result as Excel would find them. */
async function workbook(sheets: { name: string; rows: Row[]; hiddenRows?: number[]; state?: 'hidden' }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : undefined);
    s.rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      r.forEach((v, j) => {
        if (v !== null) row.getCell(j + 1).value = v as ExcelJS.CellValue;
      });
    });
    for (const r of s.hiddenRows ?? []) ws.getRow(r).hidden = true;
  }
  return writeTemp(Buffer.from(await wb.xlsx.writeBuffer()));
}

const ROSTER: Row[] = [
  ['姓名', '证件号码', '工作单位'],
  ['张三', ZHANG, '甲物业'],
  ['李四', LI, '乙物业'],
  ['王五', WANG, '丙物业'],
];

async function session() {
  const db = createDB();
  const s = await call(db.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  return { ...db, sessionId: s.id };
}

describe('the sheet an import reads', () => {
  it('finds the 成绩单 after a 花名册 in a score import, and names it', async () => {
    const file = await workbook([
      { name: '花名册', rows: ROSTER },
      {
        name: '成绩单',
        rows: [
          ['证件号码', '姓名', '理论知识', '操作技能'],
          [ZHANG, '张三', 85, 72],
          [LI, '李四', 60, 55],
        ],
      },
    ]);
    const { ctx, sessionId } = await session();
    const roster = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect([roster.sheet, roster.sheets, roster.imported]).toEqual(['花名册', ['花名册', '成绩单'], 3]);
    const scores = await call(ctx, 'scores.import', { sessionId, file: { path: file } });
    expect([scores.sheet, scores.imported, scores.rejected]).toEqual(['成绩单', 2, []]);
    const results = await call(ctx, 'results.get', { sessionId });
    expect(results.candidates.filter((c) => c.outcome === 'pass').map((c) => c.name)).toEqual(['张三']);
  });

  it('reads the sheet the officer picks, by the operation’s sheet and the CLI’s --sheet, and refuses a name the file has no sheet of', async () => {
    const file = await workbook([
      { name: '一班', rows: ROSTER.slice(0, 2) },
      { name: '二班', rows: [ROSTER[0]!, ROSTER[2]!, ROSTER[3]!] },
    ]);
    const { ctx, sessionId, file: dbFile } = await session();
    const preview = await call(ctx, 'roster.import', { sessionId, file: { path: file }, dryRun: true, sheet: '二班' });
    expect([preview.sheet, preview.imported]).toEqual(['二班', 2]);
    expect(await callError(ctx, 'roster.import', { sessionId, file: { path: file }, sheet: '三班' })).toMatchObject({
      code: 'SHEET_NOT_FOUND',
      message: expect.stringContaining('「一班」、「二班」'),
    });
    const cli = runCli(['import', 'roster', file, '--session', String(sessionId), '--sheet', '二班', '--db', dbFile, '--json']);
    expect(cli.status).toBe(0);
    expect(cli.json.imported).toBe(2);
    expect(cli.stderr).toContain('读取的工作表：「二班」');
    expect((await call(ctx, 'enrolments.list', { sessionId })).map((e) => e.name)).toEqual(['李四', '王五']);
  });

  it('takes a visible sheet before a hidden one that fits as well', async () => {
    const file = await workbook([
      { name: '旧名单', rows: ROSTER.slice(0, 2), state: 'hidden' },
      { name: '花名册', rows: [ROSTER[0]!, ROSTER[2]!] },
    ]);
    const { ctx, sessionId } = await session();
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect([r.sheet, r.sheets]).toEqual(['花名册', ['花名册', '旧名单']]);
  });
});

describe('rows hidden in Excel', () => {
  it('leaves them out and names them, unless the officer includes them', async () => {
    const file = await workbook([{ name: '花名册', rows: ROSTER, hiddenRows: [3] }]);
    const { ctx, sessionId } = await session();
    const preview = await call(ctx, 'roster.import', { sessionId, file: { path: file }, dryRun: true });
    expect([preview.imported, preview.hiddenRows]).toEqual([2, [3]]);
    const all = await call(ctx, 'roster.import', { sessionId, file: { path: file }, includeHidden: true });
    expect([all.imported, all.hiddenRows]).toEqual([3, []]);
    expect((await call(ctx, 'enrolments.list', { sessionId })).map((e) => e.name)).toEqual(['张三', '李四', '王五']);
  });
});

describe('a formula whose result was never saved', () => {
  it('refuses its row, saying to open and save the file in Excel/WPS or type the value, and the other rows land', async () => {
    const file = await workbook([
      {
        name: '花名册',
        rows: [
          ['姓名', '证件号码', '出生日期', '工作单位'],
          ['张三', ZHANG, null, '甲物业'],
          ['李四', LI, null, { formula: 'CONCATENATE("乙","物业")' }],
        ],
      },
    ]);
    const { ctx, sessionId } = await session();
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect(r.rejected).toEqual([
      expect.objectContaining({ row: 3, column: '工作单位', message: '公式没有保存计算结果，请在 Excel/WPS 中打开并保存后再导入，或直接填入数值' }),
    ]);
    expect((await call(ctx, 'enrolments.list', { sessionId })).map((e) => e.name)).toEqual(['张三']);
  });

  it('refuses a score cell holding only its formula, not as a blank score', async () => {
    const file = await workbook([
      { name: '花名册', rows: ROSTER.slice(0, 3) },
      {
        name: '成绩单',
        rows: [
          ['证件号码', '姓名', '理论知识', '操作技能'],
          [ZHANG, '张三', { formula: 'AVERAGE(80,90)' }, 72],
          [LI, '李四', 60, 61],
        ],
      },
    ]);
    const { ctx, sessionId } = await session();
    await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    const r = await call(ctx, 'scores.import', { sessionId, file: { path: file } });
    expect(r.imported).toBe(1);
    expect(r.rejected).toEqual([expect.objectContaining({ row: 2, column: '理论知识', message: expect.stringContaining('公式没有保存计算结果') })]);
  });
});
