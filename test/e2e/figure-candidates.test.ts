// The drill-down behind the home page's pass-rate figures (desk.figureCandidates): the people a
// bar counts are exactly the people the breakdown counted for it.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';

async function office() {
  const { ctx } = createDB();
  const june = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-06-15' });
  const october = await call(ctx, 'sessions.create', { occupation: '保安员', level: 5, date: '2026-10-20' });
  const people = [
    { name: '张伟', employer: '广州市越秀物业管理有限公司', session: june.id, scores: [85, 90] },
    { name: '李娜', employer: '广州市越秀物业管理有限公司', session: june.id, scores: [50, 90] },
    { name: '王芳', employer: null, session: june.id, scores: [70, 70] },
    { name: '刘洋', employer: '广州珠江城市服务有限公司', session: october.id, scores: [61, 62] },
  ];
  for (const [i, p] of people.entries()) {
    const idNumber = makeIdNumber('440106', `1990010${i + 1}`, 10 + i);
    await call(ctx, 'enrolments.add', { sessionId: p.session, candidate: { idNumber, name: p.name, employer: p.employer } });
    const session = await call(ctx, 'sessions.get', { id: p.session });
    for (const [k, part] of session.parts.entries()) await call(ctx, 'results.set', { sessionId: p.session, idNumber, part: part.part, score: p.scores[k]! });
  }
  return { ctx, june, october };
}

describe('the candidates behind a pass-rate figure', () => {
  it('lists exactly the people one bar of the breakdown by employer counts, with their outcomes', async () => {
    const { ctx } = await office();
    const { rows } = await call(ctx, 'passrate.breakdown', { groupBy: 'employer', filter: {} });
    const yuexiu = rows.find((r) => r.label === '广州市越秀物业管理有限公司')!;
    const people = await call(ctx, 'desk.figureCandidates', { groupBy: 'employer', key: yuexiu.key, filter: {} });
    expect(people.map((p) => [p.name, p.outcome])).toEqual([
      ['张伟', 'pass'],
      ['李娜', 'fail'],
    ]);
    expect(people.length).toBe(yuexiu.registered);
  });

  it('finds the candidates with no employer under （未填单位）', async () => {
    const { ctx } = await office();
    const { rows } = await call(ctx, 'passrate.breakdown', { groupBy: 'employer', filter: {} });
    const none = rows.find((r) => r.label === '（未填单位）')!;
    const people = await call(ctx, 'desk.figureCandidates', { groupBy: 'employer', key: none.key, filter: {} });
    expect(people.map((p) => p.name)).toEqual(['王芳']);
  });

  it('respects the same filter as the figure: a quarter, then one session', async () => {
    const { ctx, june, october } = await office();
    const q4 = await call(ctx, 'desk.figureCandidates', { groupBy: 'quarter', key: '2026Q4', filter: {} });
    expect(q4.map((p) => [p.name, p.sessionId])).toEqual([['刘洋', october.id]]);
    const juneOnly = await call(ctx, 'desk.figureCandidates', { groupBy: 'year', key: '2026', filter: { sessionId: june.id } });
    expect(juneOnly.map((p) => p.name).sort()).toEqual(['张伟', '李娜', '王芳'].sort());
  });

  it('refuses a grouping the breakdown does not know, saying which ones it does', async () => {
    const { ctx } = createDB();
    const error = await callError(ctx, 'desk.figureCandidates', { groupBy: 'province', key: '44', filter: {} });
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('groupBy');
  });
});
