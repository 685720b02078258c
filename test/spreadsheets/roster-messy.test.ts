// Rosters as associations really send them: titles and notes above the header, wording that
// varies, full-width digits, stray spaces, merged cells, formulas, dates in both date systems —
// and the rows that must be refused, each with its Excel row, its column and how to fix it.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { buildWorkbook, writeTemp } from './workbooks';

const id = (seq: number, birth = '19900305') => makeIdNumber('370101', birth, seq);
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

async function session() {
  const { ctx } = createDB();
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  return { ctx, sessionId: s.id };
}

describe('a messy roster', () => {
  it('finds the header under a title and a note, in any column order and wording, and tidies every value', async () => {
    const { ctx, sessionId } = await session();
    const withX = (() => {
      for (let seq = 2; seq < 999; seq += 2) {
        const n = id(seq, '19880101');
        if (n.endsWith('X')) return n;
      }
      throw new Error('no X');
    })();
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['XX市物业管理协会'],
            ['2024年上半年物业管理师（三级）职业技能等级认定报名花名册'],
            ['注：带 * 的为必填项；证件号码列请设为文本格式'],
            ['单位名称', '联系电话', '* 姓 名', '公民身份号码', '性 别', '出生年月', '学历'],
            ['甲物业服务有限公司', 13800138000, '张　三', fullWidth(id(1)), '男', null, '大专'],
            [null, '139 0013 9000', { richText: [{ text: '李' }, { font: { bold: true }, text: '四' }] }, withX.toLowerCase(), ' 女 ', null, '高中'],
            [null, null, '买买提·艾力', `\t${id(3)}\n`, '男', null, null],
            [{ formula: '"乙"&"物业"', result: '乙物业' }, null, '王  五', id(5, '19850607'), '男', new Date(Date.UTC(1985, 5, 7)), null],
          ],
          merges: ['A1:G1', 'A2:G2', 'A5:A7'],
          textColumns: ['D'],
        },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect(r.rejected).toEqual([]);
    expect(r.headerRow).toBe(4);
    expect(r.columns.map((c) => c.field)).toEqual(['employer', 'phone', 'name', 'idNumber', 'gender', 'birthDate', 'education']);
    const enrolled = await call(ctx, 'enrolments.list', { sessionId });
    expect(enrolled.map((e) => [e.name, e.idNumber, e.gender, e.employer])).toEqual([
      ['张三', id(1), '男', '甲物业服务有限公司'],
      ['李四', withX, '女', '甲物业服务有限公司'],
      ['买买提·艾力', id(3), '男', '甲物业服务有限公司'],
      ['王五', id(5, '19850607'), '男', '乙物业'],
    ]);
    const li = await call(ctx, 'candidates.search', { query: withX });
    expect(li.items[0]).toMatchObject({ phone: '13900139000', education: '高中', birthDate: '1988-01-01' });
  });

  it('reads a header spread over two merged rows', async () => {
    const { ctx, sessionId } = await session();
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['序号', '考生信息', null, '证件', null],
            [null, '姓名', '性别', '证件类型', '证件号码'],
            [1, '张三', '男', '居民身份证', id(1)],
          ],
          merges: ['A1:A2', 'B1:C1', 'D1:E1'],
        },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect([r.headerRow, r.imported, r.rejected]).toEqual([2, 1, []]);
  });

  it('reads birth dates stored as Excel serials, in the 1900 and in the 1904 date system', async () => {
    for (const date1904 of [false, true]) {
      const { ctx, sessionId } = await session();
      // 1990-03-05 is serial 32937 in the 1900 system and 31475 in the 1904 system.
      const serial = date1904 ? 31475 : 32937;
      const file = writeTemp(
        await buildWorkbook(
          [
            {
              rows: [
                ['姓名', '证件号码', '出生日期', '出生日期(文本)'],
                ['张三', id(1), serial, null],
              ],
            },
          ],
          { date1904 },
        ),
      );
      const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
      expect(r.rejected).toEqual([]);
      expect(r.preview[0]!.birthDate).toBe('1990-03-05');
    }
  });

  it('skips blank rows and stops at the 填表人/审核人 lines under the data', async () => {
    const { ctx, sessionId } = await session();
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['姓名', '证件号码'],
            ['张三', id(1)],
            [],
            [' ', null],
            ['李四', id(3)],
            [],
            ['填表人：赵六', '审核人：钱七'],
            ['填表日期：2024年5月1日'],
          ],
        },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect([r.imported, r.rejected]).toEqual([2, []]);
  });

  it('refuses each untrustworthy row with its Excel row, its column and how to fix it, and imports the rest', async () => {
    const { ctx, sessionId } = await session();
    const wrongCheck = id(1).slice(0, 17) + (id(1).endsWith('0') ? '1' : '0');
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['报名花名册'],
            ['姓名', '身份证号', '性别', '手机号码'],
            ['张三', id(1), '男', null], // row 3: fine
            ['王五', 370101199003051235, '男', null], // row 4: ID typed as a number
            ['赵六', wrongCheck, '男', null], // row 5: wrong check character
            ['孙七', makeIdNumber('370101', '19900230', 7), '男', null], // row 6: 2月30日
            ['周八', id(9), '女', null], // row 7: the ID says 男
            [null, id(11), '男', null], // row 8: no name
            ['张三', id(1), '男', null], // row 9: same person as row 3
            ['吴九', id(13), '男', '12345'], // row 10: not a phone number
          ],
          textColumns: ['B'],
        },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => [x.row, x.column])).toEqual([
      [4, '身份证号'],
      [5, '身份证号'],
      [6, '身份证号'],
      [7, '性别'],
      [8, '姓名'],
      [9, '身份证号'],
      [10, '手机号码'],
    ]);
    const messages = r.rejected.map((x) => x.message);
    expect(messages[0]).toMatch(/存成了数字.*设为「文本」/);
    expect(messages[1]).toMatch(/校验位不对/);
    expect(messages[2]).toMatch(/19900230 不是有效日期/);
    expect(messages[3]).toMatch(/性别填的是「女」.*表示「男」/);
    expect(messages[4]).toMatch(/姓名为空/);
    expect(messages[5]).toMatch(/与第3行是同一人/);
    expect(messages[6]).toMatch(/手机号码/);
    expect((await call(ctx, 'enrolments.list', { sessionId })).map((e) => e.name)).toEqual(['张三']);
  });

  it('lands nothing when the file cannot be read at all, and says which column is missing', async () => {
    const { ctx, sessionId } = await session();
    const noId = writeTemp(await buildWorkbook([{ rows: [['姓名', '性别', '单位'], ['张三', '男', '甲']] }]));
    const e = await callError(ctx, 'roster.import', { sessionId, file: { path: noId } });
    expect(e.code).toBe('IMPORT_COLUMNS_MISSING');
    expect(e.message).toMatch(/找不到「证件号码」列/);
    const noHeader = writeTemp(await buildWorkbook([{ rows: [['这是一份通知'], ['请各单位于五月底前报名']] }]));
    expect((await callError(ctx, 'roster.import', { sessionId, file: { path: noHeader } })).code).toBe('IMPORT_NO_HEADER');
    expect((await call(ctx, 'enrolments.list', { sessionId })).length).toBe(0);
  });

  it('reads the sheet that has the data when the first sheet is only instructions', async () => {
    const { ctx, sessionId } = await session();
    const file = writeTemp(
      await buildWorkbook([
        { name: '填表说明', rows: [['填表说明'], ['1. 证件号码请设为文本']] },
        { name: '花名册', rows: [['姓名', '证件号码'], ['张三', id(1)]] },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect([r.sheet, r.imported]).toEqual(['花名册', 1]);
  });
});

describe('mapping a column by hand', () => {
  it('lets the officer map an unrecognised column and remembers it for the next file of the same shape', async () => {
    const { ctx, sessionId } = await session();
    const rows = (seq: number) => [
      ['学员', '身份识别码', '所属企业'],
      ['张三', id(seq), '甲物业'],
    ];
    const first = writeTemp(await buildWorkbook([{ rows: rows(1) }]));
    const missing = await callError(ctx, 'roster.import', { sessionId, file: { path: first } });
    expect(missing.code).toBe('IMPORT_COLUMNS_MISSING');
    expect(missing.message).toMatch(/A 列「学员」.*B 列「身份识别码」/);
    // What the window lays out for mapping by hand comes with the refusal, across the worker thread too.
    expect((missing as { details?: unknown }).details).toMatchObject({
      missing: expect.arrayContaining(['name', 'idNumber']),
      columns: [expect.objectContaining({ letter: 'A', title: '学员', field: null }), expect.objectContaining({ letter: 'B', title: '身份识别码' }), expect.objectContaining({ letter: 'C' })],
      signature: expect.any(String),
    });

    const mapped = await call(ctx, 'roster.import', { sessionId, file: { path: first }, mapping: { A: 'name', B: 'idNumber', C: 'employer' } });
    expect(mapped.imported).toBe(1);
    expect(mapped.columns.map((c) => [c.letter, c.field, c.source])).toEqual([
      ['A', 'name', 'manual'],
      ['B', 'idNumber', 'manual'],
      ['C', 'employer', 'manual'],
    ]);

    const next = writeTemp(await buildWorkbook([{ rows: rows(3) }]));
    const again = await call(ctx, 'roster.import', { sessionId, file: { path: next } });
    expect(again.imported).toBe(1);
    expect(again.columns.map((c) => c.source)).toEqual(['remembered', 'remembered', 'remembered']);
  });

  it('does not remember a mapping tried only in a preview', async () => {
    const { ctx, sessionId } = await session();
    const file = writeTemp(await buildWorkbook([{ rows: [['学员', '身份识别码'], ['张三', id(1)]] }]));
    await call(ctx, 'roster.import', { sessionId, file: { path: file }, dryRun: true, mapping: { A: 'name', B: 'idNumber' } });
    expect((await callError(ctx, 'roster.import', { sessionId, file: { path: file } })).code).toBe('IMPORT_COLUMNS_MISSING');
  });

  it('refuses a mapping to a field that does not exist', async () => {
    const { ctx, sessionId } = await session();
    const file = writeTemp(await buildWorkbook([{ rows: [['姓名', '证件号码'], ['张三', id(1)]] }]));
    const e = await callError(ctx, 'roster.import', { sessionId, file: { path: file }, mapping: { B: 'passport' } });
    expect(e.code).toBe('MAPPING_FIELD_UNKNOWN');
  });
});

describe('the attempt type (考试类型) column', () => {
  it('enrols 补考 rows as retakes, and refuses a word that is neither 正考 nor 补考', async () => {
    const { ctx, sessionId } = await session();
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['姓名', '证件号码', '考试类型'],
            ['张三', id(1), '补考'],
            ['李四', id(3), '重考'],
            ['王五', id(5), null],
          ],
        },
      ]),
    );
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: file } });
    expect(r.rejected).toEqual([{ row: 3, column: '考试类型', name: '李四', message: expect.stringMatching(/「重考」无法识别.*「正考」或「补考」/) }]);
    const enrolled = await call(ctx, 'enrolments.list', { sessionId });
    expect(enrolled.map((e) => [e.name, e.attempt])).toEqual([
      ['张三', 'retake'],
      ['王五', 'first'],
    ]);
  });
});
