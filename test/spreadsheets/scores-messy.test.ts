// Score sheets as they come back from the exam site: wording that varies, full-width digits,
// words instead of numbers — and the cells that cannot be right.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { buildWorkbook, writeTemp } from './workbooks';

const id = (seq: number) => makeIdNumber('370101', '19900305', seq);

async function enrolledSession(level = 3) {
  const { ctx } = createDB();
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level, date: '2024-06-15' });
  const roster = writeTemp(await buildWorkbook([{ rows: [['姓名', '证件号码'], ['张三', id(1)], ['李四', id(3)], ['王五', id(5)], ['赵六', id(7)]] }]));
  await call(ctx, 'roster.import', { sessionId: s.id, file: { path: roster } });
  return { ctx, sessionId: s.id };
}

describe('a messy score sheet', () => {
  it('reads 理论成绩/实操成绩, full-width digits, scores stored as text, and 缺考/违纪 as words', async () => {
    const { ctx, sessionId } = await enrolledSession();
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['2024年上半年物业管理师（三级）成绩单'],
            ['身份证号码', '考生姓名', '理论成绩', '实操成绩', '结果'],
            [id(1), '张 三', '８５．５', '72', '合格'],
            [id(3), '李四', 60, ' 缺考 ', '不合格'],
            [id(5), '王五', { formula: 'AVERAGE(50,70)', result: 60 }, '违纪', null],
            [id(7), '赵六', 59.9, 100, null],
            [],
            ['填报人：', null, '审核人：'],
          ],
        },
      ]),
    );
    const r = await call(ctx, 'scores.import', { sessionId, file: { path: file } });
    expect([r.imported, r.updated, r.rejected]).toEqual([4, 0, []]);
    expect(r.preview.map((p) => [p.name, p.parts, p.outcome])).toEqual([
      ['张三', { theory: '85.5', skill: '72' }, '合格'],
      ['李四', { theory: '60', skill: '缺考' }, '不合格'],
      ['王五', { theory: '60', skill: '违纪' }, '不合格'],
      ['赵六', { theory: '59.9', skill: '100' }, '不合格'],
    ]);
    const results = await call(ctx, 'results.get', { sessionId });
    expect(results.candidates.map((c) => c.outcome)).toEqual(['pass', 'fail', 'fail', 'fail']);
    expect(results.summary).toMatchObject({ registered: 4, absent: 0, sat: 4, passed: 1 });
  });

  it('refuses scores out of range or with two decimals, a name that does not match, a duplicate row and a stranger', async () => {
    const { ctx, sessionId } = await enrolledSession();
    const file = writeTemp(
      await buildWorkbook([
        {
          rows: [
            ['姓名', '证件号码', '理论知识', '操作技能'],
            ['张三', id(1), 101, 80], // row 2: out of range
            ['李四', id(3), 85.55, 80], // row 3: two decimals
            ['王六', id(5), 70, 80], // row 4: the ID belongs to 王五
            ['赵六', id(7), 70, 80], // row 5: fine
            ['赵六', id(7), 75, 80], // row 6: second row for 赵六
            ['钱七', id(9), 70, 80], // row 7: not enrolled
            ['李四', id(3), 'A', null], // row 8: not a score
          ],
        },
      ]),
    );
    const r = await call(ctx, 'scores.import', { sessionId, file: { path: file } });
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => [x.row, x.column])).toEqual([
      [2, '理论知识'],
      [3, '理论知识'],
      [4, '姓名'],
      [6, '证件号码'],
      [7, '证件号码'],
      [8, '理论知识'],
    ]);
    expect(r.rejected[0]!.message).toMatch(/超出范围/);
    expect(r.rejected[1]!.message).toMatch(/一位小数/);
    expect(r.rejected[2]!.message).toMatch(/「王五」不符/);
    expect(r.rejected[3]!.message).toMatch(/与第5行是同一名考生/);
    expect(r.rejected[4]!.message).toMatch(/没有报名本批次/);
    const results = await call(ctx, 'results.get', { sessionId });
    expect(results.candidates.filter((c) => c.parts.length > 0).map((c) => c.name)).toEqual(['赵六']);
  });

  it('counts a second import of the same sheet as updates and leaves blank cells as they were', async () => {
    const { ctx, sessionId } = await enrolledSession();
    const first = writeTemp(await buildWorkbook([{ rows: [['证件号码', '理论知识', '操作技能'], [id(1), 70, 80]] }]));
    await call(ctx, 'scores.import', { sessionId, file: { path: first } });
    const second = writeTemp(await buildWorkbook([{ rows: [['证件号码', '理论知识', '操作技能'], [id(1), null, 55]] }]));
    const r = await call(ctx, 'scores.import', { sessionId, file: { path: second } });
    expect([r.imported, r.updated]).toEqual([0, 1]);
    const c = (await call(ctx, 'results.get', { sessionId })).candidates.find((x) => x.idNumber === id(1))!;
    expect(c.parts.map((p) => p.score)).toEqual([70, 55]);
    expect(c.outcome).toBe('fail');
  });

  it('writes one audit entry per score, as keying them in one by one would', async () => {
    const { ctx, sessionId } = await enrolledSession();
    const file = writeTemp(await buildWorkbook([{ rows: [['证件号码', '理论知识', '操作技能'], [id(1), 70, 80], [id(3), '缺考', '缺考']] }]));
    await call(ctx, 'scores.import', { sessionId, file: { path: file } });
    const entries = ctx.db.prepare("SELECT action, new_value FROM audit_log WHERE entity = 'result' ORDER BY seq").all() as { action: string; new_value: string }[];
    expect(entries.map((e) => [e.action, JSON.parse(e.new_value)])).toEqual([
      ['create', { score: 70, status: 'scored' }],
      ['create', { score: 80, status: 'scored' }],
      ['create', { score: null, status: 'absent' }],
      ['create', { score: null, status: 'absent' }],
    ]);
    const results = await call(ctx, 'results.get', { sessionId });
    // Two of the four have no score yet: they are 待定, not 实考 (docs/domain.md § Pass rate).
    expect(results.summary).toMatchObject({ registered: 4, absent: 1, pending: 2, sat: 1, passed: 1, passRate: 1 });
  });

  it('refuses a sheet without any of the session’s parts', async () => {
    const { ctx, sessionId } = await enrolledSession();
    const file = writeTemp(await buildWorkbook([{ rows: [['证件号码', '姓名', '综合评审'], [id(1), '张三', 70]] }]));
    const res = await callError(ctx, 'scores.import', { sessionId, file: { path: file } });
    expect(res.code).toBe('IMPORT_NO_SCORE_COLUMNS');
    expect(res.message).toMatch(/理论知识、操作技能/);
  });
});
