// The desk's own operations (api/operations/desk.ts): the drill-down behind the home page's pass-rate
// figures (the people a bar counts are exactly those the breakdown counted), and pass marks.
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

describe('changing a pass mark in 设置 → 职业目录 (occupations.setPart, the one path)', () => {
  it('re-decides the outcomes of open sessions, and leaves a finalized session as it was locked', async () => {
    const { ctx, june, october } = await office();
    await call(ctx, 'sessions.finalize', { id: october.id });
    const change = await call(ctx, 'occupations.setPart', { occupation: '物业管理师', level: 3, part: '理论知识', passMark: '86' });
    expect(change).toMatchObject({ change: 'updated', occupation: { code: '4-06-01-01' }, recomputed: 3 });
    expect(change.occupation.levels.find((l) => l.level === 3)!.parts.find((p) => p.part === 'theory')).toMatchObject({ passMark: 86, required: true });
    const june2 = await call(ctx, 'results.get', { sessionId: june.id });
    expect(june2.candidates.map((c) => [c.name, c.outcome])).toEqual([
      ['张伟', 'fail'],
      ['李娜', 'fail'],
      ['王芳', 'fail'],
    ]);
    await call(ctx, 'occupations.setPart', { occupation: '保安员', level: 5, part: 'theory', passMark: 99 });
    const oct = await call(ctx, 'results.get', { sessionId: october.id });
    expect(oct.candidates[0]!.outcome).toBe('pass');
  });

  it('refuses a pass mark that is not a score, and a level the occupation does not offer', async () => {
    const { ctx } = createDB();
    expect((await callError(ctx, 'occupations.setPart', { occupation: '物业管理师', level: 3, part: 'theory', passMark: '六十' })).code).toBe('PASS_MARK_INVALID');
    expect((await callError(ctx, 'occupations.setPart', { occupation: '物业管理师', level: 3, part: 'theory', passMark: 101 })).code).toBe('PASS_MARK_INVALID');
    const notOffered = await callError(ctx, 'occupations.setPart', { occupation: '物业管理师', level: 5, part: 'theory', passMark: 60 });
    expect(notOffered.code).toBe('LEVEL_NOT_OFFERED');
    expect(notOffered.message).toContain('开设的等级：四级、三级、二级、一级');
  });

  it('is the only pass-mark operation: the one that changed a mark alone is gone', async () => {
    const { ctx } = createDB();
    expect((await callError(ctx, 'occupations.setPassMark', { occupation: '物业管理师', level: 3, part: 'theory', passMark: 60 })).code).toBe('UNKNOWN_OPERATION');
  });
});
