// 资格审核花名册 read back with exceljs: each person's history and the clause they meet or why not.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber, tempDir } from '../helpers';

const zhao = makeIdNumber('440106', '19900315', 31);
const qian = makeIdNumber('510104', '19881122', 42);

describe('the 资格审核花名册', () => {
  it('lists everyone with their history, the clause met, or the reasons, as of the exam date', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2024-03-15' });
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: zhao, name: '赵磊', education: '高中' } });
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: qian, name: '钱进' } });
    await call(ctx, 'credentials.add', { idNumber: zhao, occupation: '保安员', level: 5, date: '2020-03-15' });
    await call(ctx, 'candidates.setBackground', { idNumber: zhao, workStartDate: '2016-05' });
    await call(ctx, 'credentials.add', { idNumber: qian, occupation: '保安员', level: 5, date: '2021-08-10' });

    const out = path.join(tempDir(), '资格审核.xlsx');
    expect(await call(ctx, 'export.eligibility', { sessionId: s.id, out })).toEqual({ path: out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('资格审核花名册')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push(Array.from({ length: 11 }, (_, i) => row.getCell(i + 1).value).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = rows.findIndex((r) => r.includes('证件号码'));
    expect(rows[header]).toEqual(['序号', '姓名', '性别', '证件号码', '工作单位', '文化程度', '毕业时间', '参加工作时间', '已取得证书', '审核结果', '符合的申报条件 / 不符合的原因']);
    expect(rows[header + 1]).toEqual([
      '1',
      '赵磊',
      '男',
      zhao,
      '',
      '高中',
      '',
      '2016-05-01',
      '保安员五级（2020-03-15）',
      '符合',
      '（1）取得本职业五级/初级工职业资格证书（技能等级证书）后，累计从事本职业或相关职业工作4年（含）以上。',
    ]);
    expect(rows[header + 2]!.slice(1, 2).concat(rows[header + 2]!.slice(8))).toEqual(['钱进', '保安员五级（2021-08-10）', '不符合', '（1）需取得五级证书后满4年（现2年7个月）']);
  });
});
