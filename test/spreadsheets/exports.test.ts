// The workbooks officers hand upward, read back cell by cell: every figure must match the
// database (through services/passrate, as the CLI and the window show it), every sheet must be
// laid out for printing, and nothing a person typed may turn into a formula.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, callError, runCli, tempDir } from '../helpers';
import { buildDataset, INSTITUTION, TRICKY_NAMES, type Dataset } from './dataset';
import { passRateBreakdown, overallPassRate } from '../../services/passrate/breakdown';

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  return (ws.getRow(n).values as unknown[]).slice(1);
}

/** Data rows under a header at row `header`, up to the first blank row. */
function dataRows(ws: ExcelJS.Worksheet, header: number): unknown[][] {
  const out: unknown[][] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const v = rowValues(ws, r);
    if (v.every((x) => x === null || x === undefined || x === '')) break;
    out.push(v);
  }
  return out;
}

const FIGURES = ['报名人数', '缺考人数', '实考人数', '合格人数', '合格率'];

let data: Dataset;
let dir: string;
let passRateFile: string;
beforeAll(async () => {
  data = await buildDataset();
  dir = tempDir('certdesk-export-');
  passRateFile = path.join(dir, '合格率.xlsx');
  expect(await call(data.ctx, 'export.passRate', { out: passRateFile })).toEqual({ path: passRateFile });
});

describe('the 合格率 workbook', () => {
  it('has a summary whose figure columns are exactly 报名人数, 缺考人数, 实考人数, 合格人数, 合格率, one row per session', async () => {
    const ws = (await load(passRateFile)).getWorksheet('合格率汇总')!;
    const header = rowValues(ws, 3) as string[];
    expect(header.slice(-5)).toEqual(FIGURES);
    const bySession = passRateBreakdown(data.ctx, 'session');
    const rows = dataRows(ws, 3);
    const sessionRows = rows.filter((r) => typeof r[0] === 'number');
    expect(sessionRows.length).toBe(data.sessions.length);
    for (const r of sessionRows) {
      // The breakdown names a session with its exam date (two sessions may share a name); the sheet gives them in two columns.
      const expected = bySession.find((b) => b.label === `${r[1]}（${r[6]}）`)!;
      expect(r.slice(-5)).toEqual([expected.registered, expected.absent, expected.sat, expected.passed, expected.passRate]);
    }
    const total = overallPassRate(data.ctx);
    expect(rows.at(-1)!.slice(1, 2)).toEqual(['合计']);
    expect(rows.at(-1)!.slice(-5)).toEqual([total.registered, total.absent, total.sat, total.passed, total.passRate]);
  });

  it('writes 合格率 as a fraction formatted as a percentage, so Excel can compute with it', async () => {
    const ws = (await load(passRateFile)).getWorksheet('合格率汇总')!;
    const cell = ws.getRow(4).getCell(12);
    expect(typeof cell.value).toBe('number');
    expect(cell.value as number).toBeGreaterThan(0);
    expect(cell.value as number).toBeLessThanOrEqual(1);
    expect(cell.numFmt).toBe('0.0%');
  });

  it('closes each occupation and level with a subtotal that matches the breakdown for that group', async () => {
    const ws = (await load(passRateFile)).getWorksheet('合格率汇总')!;
    const rows = dataRows(ws, 3);
    const occupationId = (name: string) => (data.ctx.db.prepare('SELECT id FROM occupations WHERE name = ?').get(name) as { id: number }).id;
    const sub3 = rows.find((r) => r[1] === '小计：物业管理师 三级/高级工')!;
    const expected3 = overallPassRate(data.ctx, { occupationId: occupationId('物业管理师'), level: 3 });
    expect(sub3.slice(-5)).toEqual([expected3.registered, expected3.absent, expected3.sat, expected3.passed, expected3.passRate]);
    const subAll = rows.find((r) => r[1] === '小计：物业管理师（各等级）')!;
    const expectedAll = overallPassRate(data.ctx, { occupationId: occupationId('物业管理师') });
    expect(subAll.slice(-5)).toEqual([expectedAll.registered, expectedAll.absent, expectedAll.sat, expectedAll.passed, expectedAll.passRate]);
    expect(rows.some((r) => r[1] === '小计：保安员 五级/初级工')).toBe(true);
  });

  it('states the formula under the figures and counts the pending candidates separately', async () => {
    const ws = (await load(passRateFile)).getWorksheet('合格率汇总')!;
    const text = Array.from({ length: ws.rowCount }, (_, i) => String(ws.getRow(i + 1).getCell(1).value ?? '')).join('\n');
    expect(text).toContain('合格率 = 合格人数 ÷ 实考人数（实考人数 = 报名人数 − 缺考人数）');
    expect(text).toMatch(/另有 1 人成绩尚未录完（待定），只计入报名人数，不计入实考人数和合格率/);
    expect(text).toContain('按人次统计');
  });

  it('has sheets by employer, by month, quarter and year, and by attempt type, each matching passRateBreakdown', async () => {
    const wb = await load(passRateFile);
    for (const [sheet, grouping] of [
      ['按单位', 'employer'],
      ['按月', 'month'],
      ['按季度', 'quarter'],
      ['按年度', 'year'],
      ['一次通过率', 'attempt'],
    ] as const) {
      const ws = wb.getWorksheet(sheet)!;
      // Over several sessions a person can count twice, so these sheets count 人次.
      expect((rowValues(ws, 3) as string[]).slice(2)).toEqual(['报名人次', '缺考人次', '实考人次', '合格人次', '合格率', '合格率（合格/报名）']);
      const rows = dataRows(ws, 3).filter((r) => typeof r[0] === 'number');
      const expected = passRateBreakdown(data.ctx, grouping);
      expect(rows.map((r) => r.slice(2))).toEqual(expected.map((e) => [e.registered, e.absent, e.sat, e.passed, e.passRate, e.passRateOfRegistered]));
    }
    const attempt = dataRows(wb.getWorksheet('一次通过率')!, 3);
    expect(attempt.map((r) => r[1])).toEqual(['正考（一次通过率）', '补考', '合计']);
    const employers = dataRows(wb.getWorksheet('按单位')!, 3).map((r) => r[1]);
    expect(employers).toContain('=乙物业');
    expect(employers).toContain('（未填单位）');
  });

  it('lists every result in the detail sheet, with 缺考 and 违纪 as words under a merged 考核成绩 header', async () => {
    const ws = (await load(passRateFile)).getWorksheet('成绩明细')!;
    expect(rowValues(ws, 3).slice(12, 15)).toEqual(['考核成绩', '考核成绩', '考核成绩']);
    expect(rowValues(ws, 4).slice(12, 15)).toEqual(['理论知识', '操作技能', '综合评审']);
    const rows = dataRows(ws, 4);
    const total = (data.ctx.db.prepare('SELECT count(*) AS n FROM enrolments').get() as { n: number }).n;
    expect(rows.length).toBe(total);
    const cells = rows.flatMap((r) => r.slice(12, 15));
    expect(cells).toContain('缺考');
    expect(cells).toContain('违纪');
    expect(cells).toContain(59.9);
    expect(cells.filter((c) => typeof c === 'string').every((c) => c === '缺考' || c === '违纪')).toBe(true);
  });

  it('is laid out for printing: title and evaluation body on top, frozen header, autofilter, A4 landscape with the header repeated', async () => {
    const ws = (await load(passRateFile)).getWorksheet('合格率汇总')!;
    expect(ws.getRow(1).getCell(1).value).toBe('职业技能等级认定合格率统计表');
    expect(String(ws.getRow(2).getCell(1).value)).toContain(`评价机构：${INSTITUTION}`);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe('A3:L3');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:3' });
    expect(ws.headerFooter.oddFooter).toContain('&P');
    const nameWidth = ws.getColumn(2).width!;
    expect(nameWidth).toBeGreaterThanOrEqual(2 * '2024年上半年物业管理师（三级）职业技能等级认定'.length);
  });

  it('keeps to the chosen scope: one session, or a period of exam dates', async () => {
    const one = path.join(dir, 'one.xlsx');
    await call(data.ctx, 'export.passRate', { sessionId: data.sessions[1]!.id, out: one });
    const rows = dataRows((await load(one)).getWorksheet('合格率汇总')!, 3);
    expect(rows.filter((r) => typeof r[0] === 'number').length).toBe(1);
    const h1 = path.join(dir, 'h1.xlsx');
    await call(data.ctx, 'export.passRate', { from: '2024-01-01', to: '2024-06-30', out: h1 });
    const total = overallPassRate(data.ctx, { from: '2024-01-01', to: '2024-06-30' });
    const last = dataRows((await load(h1)).getWorksheet('合格率汇总')!, 3).at(-1)!;
    expect(last.slice(-5)).toEqual([total.registered, total.absent, total.sat, total.passed, total.passRate]);
  });
});

describe('what a person typed stays text', () => {
  it('never turns a name or employer starting with = + - @ or a tab into a formula', async () => {
    const ws = (await load(passRateFile)).getWorksheet('成绩明细')!;
    const names = dataRows(ws, 4).map((r) => r[4]);
    // (A leading tab is already tidied away when the name is keyed in.)
    for (const n of TRICKY_NAMES.filter((t) => !t.startsWith('\t'))) expect(names).toContain(n);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
    const raw = fs.readFileSync(passRateFile);
    expect(raw.includes(Buffer.from('<f>'))).toBe(false);
  });
});

describe('export as a download and its refusals', () => {
  it('returns the file name and bytes when no path is given (the browser saves it)', async () => {
    const r = (await call(data.ctx, 'export.passed', { sessionId: data.sessions[0]!.id })) as { name: string; base64: string };
    expect(r.name).toMatch(/^合格人员名单_.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as never);
    const rows = dataRows(wb.getWorksheet('合格人员名单')!, 4);
    const passed = passRateBreakdown(data.ctx, 'session', { sessionId: data.sessions[0]!.id })[0]!.passed;
    expect(rows.length).toBe(passed);
  });

  it('refuses a folder that does not exist and a date that is not a date', async () => {
    expect((await callError(data.ctx, 'export.passRate', { out: '/nonexistent-folder/x.xlsx' })).code).toBe('EXPORT_FOLDER_MISSING');
    expect((await callError(data.ctx, 'export.passRate', { from: '2024-02-30' })).code).toBe('INVALID_ARGUMENT');
    expect((await callError(data.ctx, 'export.roster', { sessionId: 999 })).code).toBe('SESSION_NOT_FOUND');
  });

  it('writes the file from the CLI with --out', () => {
    const out = path.join(dir, 'cli.xlsx');
    const r = runCli(['export', 'passrate', '--db', data.file, '--out', out, '--json']);
    expect(r.status).toBe(0);
    expect(r.json).toEqual({ path: out });
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
  });
});
