// Who a row is about, read one way for the certificate-number, attendance and trainee imports
// (spreadsheets/personRows.ts): each refusal names its row and column as the file titles it and
// says what to fix; an old 15-digit number is read as the person's 18-digit one, with a note.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../helpers';
import { writeTemp } from './workbooks';
import { readTable, type FieldSpec } from '../../services/spreadsheets/reader';
import { PersonRows, type PersonRow } from '../../services/spreadsheets/personRows';
import { ID_TYPE_FIELD } from '../../services/spreadsheets/fields';
import { checkCharacter } from '../../services/ids/idNumber';

const FIELDS: readonly FieldSpec[] = [
  { field: 'name', title: '姓名', aliases: ['学员姓名'], required: true },
  ID_TYPE_FIELD,
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号码'], required: true },
  { field: 'employer', title: '工作单位' },
];

const WANG = makeIdNumber('440106', '19880315', 11);
const LI = makeIdNumber('440106', '19900722', 22);
/** 外国人永久居留身份证 (2023): 18 digits starting with 9. */
const FOREIGN = (() => {
  const first17 = '93310019850101123';
  return first17 + checkCharacter(first17);
})();

type Cell = string | number | { formula: string } | null;

async function sheet(rows: Cell[][], hiddenRows: number[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学员名册');
  ws.getColumn('C').numFmt = '@';
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getRow(i + 1).getCell(j + 1).value = v as ExcelJS.CellValue)));
  for (const r of hiddenRows) ws.getRow(r).hidden = true;
  return writeTemp(Buffer.from(await wb.xlsx.writeBuffer()));
}

async function readPeople(file: string, includeHidden = false) {
  const table = await readTable({ path: file }, FIELDS, { includeHidden });
  const people = new PersonRows(table, FIELDS);
  const read: PersonRow[] = [];
  for (const row of table.rows) {
    const p = people.read(row);
    if (p && people.once(p, '一名学员只写一行')) read.push(p);
  }
  return { read, rejected: people.rejected, hiddenRows: table.hiddenRows };
}

const HEADER: Cell[] = ['学员姓名', '证件类型', '身份证号码', '工作单位'];

describe('reading the person of each row', () => {
  it('reads name, type and number as the registry stores them', async () => {
    const { read, rejected } = await readPeople(await sheet([HEADER, [' 王 芳 ', '', WANG, '越秀物业'], ['李强', '居民身份证', LI.slice(0, 17) + LI[17]!.toLowerCase(), '']]));
    expect(rejected).toEqual([]);
    expect(read).toEqual([
      { row: 2, name: '王芳', idType: '居民身份证', idNumber: WANG, notes: [] },
      { row: 3, name: '李强', idType: '居民身份证', idNumber: LI, notes: [] },
    ]);
  });

  it('reads an old 15-digit number as its 18-digit form and says so, as the roster import does', async () => {
    const old15 = '440106880315111';
    const { read } = await readPeople(await sheet([HEADER, ['王芳', '', old15, '']]));
    expect(read[0]!.idNumber).toBe(makeIdNumber('440106', '19880315', 111));
    expect(read[0]!.notes).toEqual([`15 位旧身份证号 ${old15} 按国家标准升为 18 位 ${read[0]!.idNumber} 保存。`]);
  });

  it('refuses a row without a name', async () => {
    const { rejected } = await readPeople(await sheet([HEADER, ['', '', WANG, '越秀物业']]));
    expect(rejected).toEqual([{ row: 2, column: '学员姓名', message: '姓名为空，请填写。' }]);
  });

  it('refuses a number whose check character is wrong, saying what it should be', async () => {
    const wrong = WANG.slice(0, 17) + (WANG[17] === '0' ? '1' : '0');
    const { rejected } = await readPeople(await sheet([HEADER, ['王芳', '', wrong, '']]));
    expect(rejected).toEqual([{ row: 2, column: '身份证号码', name: '王芳', message: `证件号码 ${wrong} 的校验位不对（按前 17 位应为 ${WANG[17]}），多半是抄错了某一位，请与证件原件核对。` }]);
  });

  it('refuses a number of another document under the 证件类型 the row gives, naming the right type', async () => {
    const { rejected } = await readPeople(await sheet([HEADER, ['约翰', '居民身份证', FOREIGN, '']]));
    expect(rejected).toEqual([{ row: 2, column: '证件类型', name: '约翰', message: `居民身份证号码不会以 9 开头，${FOREIGN} 是外国人永久居留身份证的号码。请把证件类型改为「外国人永久居留身份证」。` }]);
    // Without a 证件类型 the number tells its type.
    const { read } = await readPeople(await sheet([HEADER, ['约翰', '', FOREIGN, '']]));
    expect(read[0]).toMatchObject({ idType: '外国人永久居留身份证', idNumber: FOREIGN });
  });

  it('refuses an ID number Excel stored as a number, its last digits lost', async () => {
    const { rejected } = await readPeople(await sheet([HEADER, ['王芳', '', Number(WANG.slice(0, 17)) * 10, '']]));
    expect(rejected[0]).toMatchObject({ row: 2, column: '身份证号码', name: '王芳' });
    expect(rejected[0]!.message).toContain('文本');
  });

  it('refuses the same person a second time, naming the first row', async () => {
    const { read, rejected } = await readPeople(await sheet([HEADER, ['王芳', '', WANG, ''], ['李强', '', LI, ''], ['王芳', '', WANG, '越秀物业']]));
    expect(read.map((p) => p.row)).toEqual([2, 3]);
    expect(rejected).toEqual([{ row: 4, column: '身份证号码', name: '王芳', message: `与第2行是同一人（证件号码 ${WANG}），一名学员只写一行。请删除重复的一行。` }]);
  });

  it('leaves a row hidden in Excel out, naming it, and reads it when hidden rows are included', async () => {
    const file = await sheet([HEADER, ['王芳', '', WANG, ''], ['李强', '', LI, '']], [3]);
    const shown = await readPeople(file);
    expect([shown.read.map((p) => p.name), shown.rejected, shown.hiddenRows]).toEqual([['王芳'], [], [3]]);
    const all = await readPeople(file, true);
    expect([all.read.map((p) => p.name), all.hiddenRows]).toEqual([['王芳', '李强'], []]);
  });

  it('refuses a row whose cell holds a formula without its saved result, under that column', async () => {
    const { read, rejected } = await readPeople(await sheet([HEADER, ['王芳', '', WANG, { formula: 'CONCATENATE("越秀","物业")' }], [{ formula: 'UPPER("li")' }, '', LI, '']]));
    expect(read).toEqual([]);
    const message = '公式没有保存计算结果，请在 Excel/WPS 中打开并保存后再导入，或直接填入数值';
    expect(rejected).toEqual([
      { row: 2, column: '工作单位', name: '王芳', message },
      { row: 3, column: '学员姓名', message },
    ]);
  });
});
