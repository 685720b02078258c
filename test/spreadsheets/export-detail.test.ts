// The 成绩明细 sheet is streamed from SQLite straight into the file, so its column widths are
// decided before its first row exists. Read back, every value must still fit its column, and the
// rows must come in the order an officer looks them up: by exam date, then 准考证号.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber, tempDir } from '../helpers';
import { buildDataset, type Dataset } from './dataset';
import { displayWidth } from '../../services/vocabulary/text';

const HEADER_ROWS = 4;

async function detailSheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.getWorksheet('成绩明细')!;
}

function dataRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = HEADER_ROWS + 1; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
  return rows;
}

let data: Dataset;
let dir: string;
beforeAll(async () => {
  data = await buildDataset();
  // The longest session name of all, on a session nobody is enrolled in: it prints no row.
  await call(data.ctx, 'sessions.create', { occupation: '保安员', level: 5, date: '2024-12-01', attempt: '正考', name: '2024年12月保安员（五级/初级工）职业技能等级认定·第二考点（市体育中心）' });
  dir = tempDir('certdesk-export-detail-');
});

describe('the detail sheet of the 合格率 workbook', () => {
  it('sizes every column to the widest value in it, Chinese characters counting double', async () => {
    const file = path.join(dir, 'all.xlsx');
    await call(data.ctx, 'export.passRate', { out: file });
    const ws = await detailSheet(file);
    const rows = dataRows(ws);
    expect(rows.length).toBeGreaterThan(40);
    for (let c = 0; c < rows[0]!.length; c++) {
      const width = ws.getColumn(c + 1).width!;
      const widest = Math.max(...rows.map((r) => displayWidth(r[c] === null || r[c] === undefined ? '' : String(r[c]))));
      expect(width, `column ${c + 1}`).toBeGreaterThanOrEqual(Math.min(60, widest + 2));
    }
    // 姓名 holds 买买提·艾力 and a formula-looking name; it is sized by them, not by its header.
    expect(ws.getColumn(5).width).toBe(displayWidth('=HYPERLINK("http://x","点我")') + 2);
  });

  it('leaves out of the widths a session nobody is enrolled in, as it prints no row', async () => {
    const ws = await detailSheet(path.join(dir, 'all.xlsx'));
    const sessionNames = dataRows(ws).map((r) => String(r[1]));
    expect(sessionNames.some((n) => n.includes('第二考点'))).toBe(false);
    expect(ws.getColumn(2).width).toBe(Math.max(...sessionNames.map(displayWidth)) + 2);
  });

  it('lists the results by exam date, then session, then 准考证号', async () => {
    const rows = dataRows(await detailSheet(path.join(dir, 'all.xlsx')));
    const keys = rows.map((r) => `${r[2]}|${String(r[3]).padStart(20, '0')}`);
    expect(keys).toEqual([...keys].sort());
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => i + 1));
  });

  it('wraps a session name too long for its column onto more lines, its row made as tall, in the summary and the detail', async () => {
    const { ctx } = createDB();
    const long = '2024年上半年XX市物业管理协会物业管理师（三级）职业技能等级认定（第二批·补充报名及延期考生专场）';
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15', name: long });
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: makeIdNumber('110101', '19900101', 11), name: '张三' } });
    const file = path.join(dir, 'long.xlsx');
    await call(ctx, 'export.passRate', { out: file });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const name of ['合格率汇总', '成绩明细']) {
      const ws = wb.getWorksheet(name)!;
      const rows: ExcelJS.Row[] = [];
      ws.eachRow((row) => void (row.getCell(2).value === long && rows.push(row)));
      expect(rows, name).toHaveLength(1);
      // The column is 60 wide at most; the name needs 104.
      expect(ws.getColumn(2).width).toBe(60);
      expect(rows[0]!.height, name).toBe(15 * Math.ceil(displayWidth(long) / 59));
      expect(rows[0]!.getCell(2).alignment, name).toMatchObject({ wrapText: true, vertical: 'middle' });
      // A row whose text fits keeps the one line it has always had.
      const next = ws.getRow(rows[0]!.number + 1);
      if (next.getCell(2).value) expect(next.height, name).toBeUndefined();
    }
  });

  it('keeps to one session when exported for one session', async () => {
    const file = path.join(dir, 'one.xlsx');
    const session = data.sessions[2]!;
    await call(data.ctx, 'export.passRate', { sessionId: session.id, out: file });
    const rows = dataRows(await detailSheet(file));
    expect(rows.length).toBe(9);
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set([session.date]));
  });
});
