// A 培训班's 签到表 and 学员名册 taken from a workbook as an officer gets it, from the command line:
// a 课程表 or 说明 sheet before the data is passed over (and named, with the sheet read), a row
// hidden in Excel is left out unless --include-hidden, --sheet reads the sheet named, and a cell
// holding a formula whose result was never saved refuses its row instead of reading as blank.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, createDB, makeIdNumber, runCli } from '../helpers';
import { writeTemp } from '../spreadsheets/workbooks';
import { FORMULA_WITHOUT_RESULT_MESSAGE } from '../../services/spreadsheets/cells';

const wang = makeIdNumber('440106', '19880315', 11);
const li = makeIdNumber('440106', '19900722', 22);
const zhou = makeIdNumber('510104', '19850101', 33);

type Row = (string | number | { formula: string } | null)[];

/** Written by exceljs as Excel finds such a file: the formula alone, no saved result. */
async function workbook(sheets: { name: string; rows: Row[]; hiddenRows?: number[] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.getColumn('B').numFmt = '@';
    s.rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getRow(i + 1).getCell(j + 1).value = v as ExcelJS.CellValue)));
    for (const r of s.hiddenRows ?? []) ws.getRow(r).hidden = true;
  }
  return writeTemp(Buffer.from(await wb.xlsx.writeBuffer()), '培训班.xlsx');
}

async function classWithPeople(enrolled: string[]) {
  const { ctx, file } = createDB();
  const c = await call(ctx, 'training.create', { name: '消防安全培训班', from: '2026-03-02', to: '2026-03-31' });
  const lesson = await call(ctx, 'training.addLesson', { classId: c.id, date: '2026-03-02', hours: 4 });
  for (const [id, name] of [[wang, '王芳'], [li, '李强'], [zhou, '周杰']] as const) {
    await call(ctx, 'candidates.add', { idNumber: id, name });
    if (enrolled.includes(id)) await call(ctx, 'training.enrol', { classId: c.id, idNumber: id });
  }
  const cli = (...args: string[]) => runCli([...args, '--class', String(c.id), '--db', file, '--json']);
  return { ctx, classId: c.id, lessonId: lesson.id, cli };
}

describe('training imports choose the sheet and the rows as the roster import does', () => {
  it('imports a 签到表 from the second sheet, leaving out a hidden row and refusing a formula without its result', async () => {
    const { ctx, classId, cli } = await classWithPeople([wang, li, zhou]);
    const file = await workbook([
      { name: '课程表', rows: [['上课日期', '学时', '授课教师'], ['2026-03-02', 4, '陈老师']] },
      {
        name: '签到表',
        rows: [['姓名', '身份证号码', '签到情况'], ['王芳', wang, '出勤'], ['李强', li, '出勤'], ['周杰', zhou, { formula: 'IF(1,"出勤","缺勤")' }]],
        hiddenRows: [3],
      },
    ]);
    const refused = { row: 4, column: '签到情况', name: '周杰', message: FORMULA_WITHOUT_RESULT_MESSAGE };
    const r = cli('training', 'import', 'attendance', file);
    expect(r.json).toEqual({ imported: 1, updated: 0, rejected: [refused] });
    expect(r.stderr).toContain('读取的工作表：「签到表」（共 2 张：课程表、签到表；可用 --sheet 指定）');
    expect(r.stderr).toContain('隐藏的 1 行没有导入（第 3 行）；要一并导入请加 --include-hidden');
    expect((await call(ctx, 'training.results', { classId })).trainees.map((t) => [t.name, t.hours])).toEqual([
      ['王芳', 4],
      ['李强', 0],
      ['周杰', 0],
    ]);

    // The operation's result names the sheet read and the others, and the hidden rows.
    const preview = await call(ctx, 'training.importAttendance', { classId, file: { path: file }, dryRun: true });
    expect([preview.sheet, preview.sheets, preview.hiddenRows]).toEqual(['签到表', ['课程表', '签到表'], [3]]);

    expect(cli('training', 'import', 'attendance', file, '--include-hidden').json).toEqual({ imported: 1, updated: 0, rejected: [refused] });
    expect((await call(ctx, 'training.results', { classId })).trainees.map((t) => t.hours)).toEqual([4, 4, 0]);

    const wrong = cli('training', 'import', 'attendance', file, '--sheet', '课程表');
    expect(wrong.json.error.code).toBe('IMPORT_COLUMNS_MISSING');
    expect(wrong.json.error.message).toContain('「姓名」');
  }, 180_000);

  it('enrols from a 学员名册 on the second sheet the same way', async () => {
    const { ctx, classId, cli } = await classWithPeople([]);
    const file = await workbook([
      { name: '填表说明', rows: [['请按下表填写学员名册'], ['身份证号码请设为文本格式']] },
      {
        name: '学员名册',
        rows: [['姓名', '身份证号码', '工作单位'], ['王芳', wang, '越秀物业'], ['李强', li, '越秀物业'], ['周杰', zhou, { formula: 'CONCATENATE("越秀","物业")' }]],
        hiddenRows: [3],
      },
    ]);
    const r = cli('training', 'import', 'trainees', file);
    expect(r.json).toEqual({ imported: 1, updated: 0, rejected: [{ row: 4, column: '工作单位', name: '周杰', message: FORMULA_WITHOUT_RESULT_MESSAGE }] });
    expect(r.stderr).toContain('读取的工作表：「学员名册」');
    expect(r.stderr).toContain('第 3 行');
    expect(cli('training', 'import', 'trainees', file, '--sheet', '学员名册', '--include-hidden').json).toMatchObject({ imported: 1 });
    expect((await call(ctx, 'training.results', { classId })).trainees.map((t) => t.name)).toEqual(['王芳', '李强']);
  }, 180_000);
});
