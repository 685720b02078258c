// A 报名花名册's history columns (参加工作时间, 原职业, 原证书等级, 原证书编号, 取证日期) are read and
// stored with the person; with 申报条件 enforced, a row no clause admits is refused by itself and
// the others land.
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';

const zhao = makeIdNumber('440106', '19900315', 31);
const qian = makeIdNumber('510104', '19881122', 42);
const sun = makeIdNumber('310101', '19950505', 44);

async function roster() {
  return writeTemp(
    await buildWorkbook([
      {
        rows: [
          ['序号', '姓名', '身份证号码', '参加工作时间', '原职业', '原证书等级', '原证书编号', '取证日期', '申报条件'],
          [1, '赵磊', zhao, '2015.03', '保安员', '五级', 'S000044000123205000001', '2020-03-15', '（1）'],
          [2, '钱进', qian, '2016-07-01', '保安员', '初级', '', '2021-08-10', ''],
          [3, '孙明', sun, '', '', '', '', '', ''],
        ],
        textColumns: ['C', 'G'],
      },
    ]),
  );
}

describe('the history columns of a 报名花名册', () => {
  it('are stored with each person and checked as of the exam date', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2024-03-15' });
    const preview = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: await roster() }, dryRun: true });
    expect(preview.preview.map((p) => [p.name, p.eligibility])).toEqual([
      ['赵磊', null],
      ['钱进', '不符合申报条件：（1）需取得五级证书后满4年（现2年7个月）'],
      ['孙明', '不符合申报条件：（1）需取得五级证书后满4年（没有该证书的记录）'],
    ]);
    const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: await roster() } });
    expect(r.rejected).toEqual([]);
    expect(ctx.db.prepare('SELECT name, work_start_date AS w FROM candidates ORDER BY id').all()).toEqual([
      { name: '赵磊', w: '2015-03-01' },
      { name: '钱进', w: '2016-07-01' },
      { name: '孙明', w: null },
    ]);
    expect((await call(ctx, 'eligibility.check', { sessionId: s.id })).candidates.map((c) => [c.name, c.eligible, c.reasons])).toEqual([
      ['赵磊', true, []],
      ['钱进', false, ['（1）需取得五级证书后满4年（现2年7个月）']],
      ['孙明', false, ['（1）需取得五级证书后满4年（没有该证书的记录）']],
    ]);
    // The same file again adds no second certificate.
    await call(ctx, 'roster.import', { sessionId: s.id, file: { path: await roster() } });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM candidate_credentials').get()).toEqual({ n: 2 });
  });

  it('with enforcement on, refuses the rows no clause admits, naming why, and lands the others', async () => {
    const { ctx } = createDB();
    await call(ctx, 'settings.set', { key: 'eligibility.enforce', value: 'yes' });
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2024-03-15' });
    const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: await roster() } });
    expect(r.rejected.map((x) => [x.row, x.code, x.message.slice(0, 40)])).toEqual([
      [3, 'NOT_ELIGIBLE', `考生「钱进」（${qian}）不符合四级的申报条件：（1）需取得五级证书后满4年`.slice(0, 40)],
      [4, 'NOT_ELIGIBLE', `考生「孙明」（${sun}）不符合四级的申报条件：（1）需取得五级证书后满4年`.slice(0, 40)],
    ]);
    expect((await call(ctx, 'enrolments.list', { sessionId: s.id })).map((e) => e.name)).toEqual(['赵磊']);
  });

  it('refuses a row whose prior certificate has no 取证日期, naming the column', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2024-03-15' });
    const file = writeTemp(
      await buildWorkbook([{ rows: [['姓名', '身份证号码', '原职业', '原证书等级'], ['赵磊', zhao, '保安员', '五级']], textColumns: ['B'] }]),
    );
    const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: file }, dryRun: true });
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ row: 2, column: '取证日期', message: '填了原证书，但没有填取证日期。请按证书填写（如 2020-03-15）。' });
  });
});
