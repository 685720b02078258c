// The contract end to end through the dispatcher, on a real SQLite file: an officer's session.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import type { Ctx } from '../../services/shared/context';

let ctx: Ctx;
const ids = {
  zhang: makeIdNumber('440106', '19900315', 31), // 男
  li: makeIdNumber('510104', '19881122', 42), // 女
  wang: makeIdNumber('310115', '19950701', 55),
  zhao: makeIdNumber('500103', '19790909', 66),
};

async function sessionWithFour() {
  const s = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 3, date: '2024-06-15' });
  for (const [name, idNumber, employer] of [
    ['张伟', ids.zhang, '广州市天河物业服务有限公司'],
    ['李娜', ids.li, '成都锦江物业管理有限公司'],
    ['王强', ids.wang, '上海浦东物业有限公司'],
    ['赵敏', ids.zhao, '重庆渝中物业有限公司'],
  ] as const) {
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber, name, employer } });
  }
  return s;
}

beforeEach(() => {
  ctx = createDB().ctx;
});

describe('an exam session through the contract', () => {
  it('names a new session the way officers write it and gives it the parts of its level', async () => {
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    expect(s.name).toBe('2024年上半年物业管理师（三级）职业技能等级认定');
    expect(s.levelLabel).toBe('三级/高级工');
    expect(s.parts.map((p) => p.label)).toEqual(['理论知识', '操作技能']);
    const retake = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 2, date: '2024-11-02', attempt: '补考' });
    expect(retake.attempt).toBe('retake');
    expect(retake.name).toBe('2024年下半年物业管理师（二级）职业技能等级认定（补考）');
    expect(retake.parts.map((p) => p.part)).toEqual(['theory', 'skill', 'review']);
  });

  it('refuses an unknown occupation, a level out of range and an impossible date with what to do', async () => {
    expect(await callError(ctx, 'sessions.create', { occupation: '宇航员', level: 3, date: '2024-06-15' })).toMatchObject({ code: 'OCCUPATION_UNKNOWN' });
    expect(await callError(ctx, 'sessions.create', { occupation: '电工', level: 6, date: '2024-06-15' })).toMatchObject({ code: 'LEVEL_INVALID' });
    expect(await callError(ctx, 'sessions.create', { occupation: '电工', level: 3, date: '2024-02-30' })).toMatchObject({ code: 'DATE_INVALID' });
    expect(await callError(ctx, 'sessions.create', { occupation: '电工', level: 3, date: '2024-06-15', attempt: '重考' })).toMatchObject({ code: 'ATTEMPT_INVALID' });
    expect(await callError(ctx, 'sessions.create', { occupation: '消防设施操作员', level: 4, date: '2024-06-15', specialty: '灭火' })).toMatchObject({
      code: 'SPECIALTY_UNKNOWN',
    });
  });

  it('gives each enrolled candidate a distinct admission number in order', async () => {
    const s = await sessionWithFour();
    const list = await call(ctx, 'enrolments.list', { sessionId: s.id });
    expect(list.map((e) => e.admissionNumber)).toEqual([1, 2, 3, 4].map((n) => `2024${String(s.id).padStart(4, '0')}000${n}`));
    expect(await callError(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: ids.li, name: '李娜' } })).toMatchObject({
      code: 'ALREADY_ENROLLED',
      message: expect.stringContaining('已在本批次中'),
    });
    const newcomer = { idNumber: makeIdNumber('110101', '19950505', 77), name: '孙悦' };
    expect(await callError(ctx, 'enrolments.add', { sessionId: s.id, candidate: newcomer, admissionNumber: list[0]!.admissionNumber })).toMatchObject({
      code: 'ADMISSION_NUMBER_TAKEN',
      message: expect.stringContaining(`准考证号 ${list[0]!.admissionNumber} 在本批次已被使用`),
    });
    // Nothing of the refused enrolment stays, not even the new person registered in the same step.
    expect(await call(ctx, 'enrolments.list', { sessionId: s.id })).toEqual(list);
    expect((await call(ctx, 'candidates.search', { query: '孙悦' })).items).toEqual([]);
  });

  it('refuses a score while another connection holds the file for writing (a large import), saving nothing, and saves it once the file is free', async () => {
    const s = await sessionWithFour();
    // The import's connection (the worker thread, or another program) holds the write lock.
    const other = new Database(ctx.db.name);
    other.exec('BEGIN IMMEDIATE');
    ctx.db.pragma('busy_timeout = 50');
    try {
      const e = await callError(ctx, 'results.set', { sessionId: s.id, idNumber: ids.zhang, part: 'theory', score: 75 });
      expect(e).toMatchObject({ code: 'DB_BUSY', message: expect.stringContaining('本次修改没有保存') });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const list = await call(ctx, 'results.get', { sessionId: s.id });
    expect(list.candidates.find((c) => c.idNumber === ids.zhang)!.parts.every((p) => p.score === null)).toBe(true);
    expect((await call(ctx, 'results.set', { sessionId: s.id, idNumber: ids.zhang, part: 'theory', score: 75 })).candidate.parts[0]!.score).toBe(75);
  });

  it('keys in results, decides each outcome and reports the pass rate at its boundaries', async () => {
    const s = await sessionWithFour();
    const set = (idNumber: string, part: string, score: number | string) => call(ctx, 'results.set', { sessionId: s.id, idNumber, part, score });
    await set(ids.zhang, 'theory', 60);
    const after = await set(ids.zhang, '操作技能', '60');
    expect(after.candidate.outcome).toBe('pass');
    await set(ids.li, 'theory', 59.9);
    await set(ids.li, 'skill', 95);
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: ids.wang, part: 'theory', absent: true });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: ids.wang, part: 'skill', absent: true });
    await set(ids.zhao, 'theory', 88);
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: ids.zhao, part: 'skill', misconduct: true });

    const r = await call(ctx, 'results.get', { sessionId: s.id });
    const byName = Object.fromEntries(r.candidates.map((c) => [c.name, c]));
    expect(byName['张伟']!.outcome).toBe('pass');
    expect(byName['李娜']!.outcome).toBe('fail');
    expect(byName['王强']!.outcome).toBe('absent');
    expect(byName['赵敏']!.outcome).toBe('fail');
    expect(byName['赵敏']!.parts).toEqual([
      { part: 'theory', label: '理论知识', score: 88, status: 'scored', carried: false, carriedFrom: null, note: null },
      { part: 'skill', label: '操作技能', score: null, status: 'misconduct', carried: false, carriedFrom: null, note: null },
    ]);
    expect(r.summary).toMatchObject({ registered: 4, absent: 1, sat: 3, passed: 1, passRate: 1 / 3, passRateOfRegistered: 0.25 });
  });

  it('refuses 105, a part the level does not have, and someone not enrolled — and keeps what was saved', async () => {
    const s = await sessionWithFour();
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: ids.zhang, part: 'theory', score: 75 });
    expect(await callError(ctx, 'results.set', { sessionId: s.id, idNumber: ids.zhang, part: 'theory', score: 105 })).toMatchObject({ code: 'SCORE_INVALID' });
    expect(await callError(ctx, 'results.set', { sessionId: s.id, idNumber: ids.zhang, part: 'review', score: 70 })).toMatchObject({ code: 'PART_NOT_REQUIRED' });
    expect(await callError(ctx, 'results.set', { sessionId: s.id, idNumber: makeIdNumber('110105', '19800101', 1), part: 'theory', score: 70 })).toMatchObject({
      code: 'NOT_ENROLLED',
    });
    expect(await callError(ctx, 'results.set', { sessionId: s.id, idNumber: ids.zhang, part: 'theory', score: 70, absent: true })).toMatchObject({ code: 'RESULT_AMBIGUOUS' });
    const r = await call(ctx, 'results.get', { sessionId: s.id });
    expect(r.candidates.find((c) => c.name === '张伟')!.parts[0]).toMatchObject({ score: 75, status: 'scored' });
  });

  it('refuses to finalize while results are missing, then locks the session once complete', async () => {
    const s = await sessionWithFour();
    const incomplete = await callError(ctx, 'sessions.finalize', { id: s.id });
    expect(incomplete.code).toBe('SESSION_INCOMPLETE');
    expect(incomplete.message).toContain('4 名考生');
    for (const id of Object.values(ids)) {
      await call(ctx, 'results.set', { sessionId: s.id, idNumber: id, part: 'theory', score: 70 });
      await call(ctx, 'results.set', { sessionId: s.id, idNumber: id, part: 'skill', score: 70 });
    }
    const preview = await call(ctx, 'sessions.finalizePreview', { id: s.id });
    expect(preview).toMatchObject({ canFinalize: true, pendingCandidates: [] });
    const done = await call(ctx, 'sessions.finalize', { id: s.id });
    expect(done.status).toBe('finalized');
    expect(await callError(ctx, 'results.set', { sessionId: s.id, idNumber: ids.zhang, part: 'theory', score: 90 })).toMatchObject({ code: 'SESSION_FINALIZED' });
    expect(await callError(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: makeIdNumber('110105', '19800101', 1), name: '新人' } })).toMatchObject({
      code: 'SESSION_FINALIZED',
    });
    expect(await callError(ctx, 'sessions.finalize', { id: s.id })).toMatchObject({ code: 'SESSION_FINALIZED' });
  });

  it('refuses to finalize a session with nobody in it', async () => {
    const s = await call(ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2024-06-15' });
    expect(await callError(ctx, 'sessions.finalize', { id: s.id })).toMatchObject({ code: 'SESSION_EMPTY' });
  });

  it('keeps a part passed in the last year for a retake, so only the failed part is sat again (补考)', async () => {
    const first = await call(ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2024-03-10' });
    await call(ctx, 'enrolments.add', { sessionId: first.id, candidate: { idNumber: ids.zhang, name: '张伟' } });
    await call(ctx, 'results.set', { sessionId: first.id, idNumber: ids.zhang, part: 'theory', score: 82 });
    await call(ctx, 'results.set', { sessionId: first.id, idNumber: ids.zhang, part: 'skill', score: 41 });
    const retake = await call(ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2024-09-10', attempt: '补考' });
    const e = await call(ctx, 'enrolments.add', { sessionId: retake.id, candidate: { idNumber: ids.zhang, name: '张伟' } });
    expect(e.attempt).toBe('retake');
    let r = await call(ctx, 'results.get', { sessionId: retake.id });
    expect(r.candidates[0]!.parts).toEqual([{ part: 'theory', label: '理论知识', score: 82, status: 'carried', carried: true, carriedFrom: { sessionId: first.id, name: first.name }, note: null }]);
    expect(r.candidates[0]!.outcome).toBe('pending');
    await call(ctx, 'results.set', { sessionId: retake.id, idNumber: ids.zhang, part: 'skill', score: 66 });
    r = await call(ctx, 'results.get', { sessionId: retake.id });
    expect(r.candidates[0]!.outcome).toBe('pass');
    // A pass older than the keeping period (12 months by default) is not carried.
    const chen = makeIdNumber('110105', '19800101', 1);
    await call(ctx, 'enrolments.add', { sessionId: first.id, candidate: { idNumber: chen, name: '陈晨' } });
    await call(ctx, 'results.set', { sessionId: first.id, idNumber: chen, part: 'theory', score: 90 });
    await call(ctx, 'results.set', { sessionId: first.id, idNumber: chen, part: 'skill', score: 30 });
    const late = await call(ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2025-06-10', attempt: '补考' });
    await call(ctx, 'enrolments.add', { sessionId: late.id, candidate: { idNumber: chen, name: '陈晨' } });
    expect((await call(ctx, 'results.get', { sessionId: late.id })).candidates[0]!.parts).toEqual([]);
  });
});

describe('pass-rate breakdowns', () => {
  it('separates first attempts from retakes (一次通过率) and groups by employer and level', async () => {
    const s = await sessionWithFour();
    for (const [id, score] of [[ids.zhang, 80], [ids.li, 50], [ids.wang, 70], [ids.zhao, 90]] as const) {
      await call(ctx, 'results.set', { sessionId: s.id, idNumber: id, part: 'theory', score });
      await call(ctx, 'results.set', { sessionId: s.id, idNumber: id, part: 'skill', score: 75 });
    }
    const retake = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 3, date: '2024-12-01', attempt: '补考' });
    await call(ctx, 'enrolments.add', { sessionId: retake.id, candidate: { idNumber: ids.li, name: '李娜' } });
    await call(ctx, 'results.set', { sessionId: retake.id, idNumber: ids.li, part: 'theory', score: 61 });

    const byAttempt = await call(ctx, 'passrate.breakdown', { groupBy: 'attempt', filter: {} });
    expect(byAttempt.formula).toContain('实考人数');
    expect(byAttempt.rows).toEqual([
      expect.objectContaining({ key: 'first', label: '正考', registered: 4, passed: 3, passRate: 0.75 }),
      expect.objectContaining({ key: 'retake', label: '补考', registered: 1, passed: 1, passRate: 1 }),
    ]);
    const byLevel = await call(ctx, 'passrate.breakdown', { groupBy: 'level', filter: {} });
    expect(byLevel.rows).toEqual([expect.objectContaining({ label: '三级/高级工', registered: 5, passed: 4 })]);
    const byEmployer = await call(ctx, 'passrate.breakdown', { groupBy: 'employer', filter: { attempt: 'first' } });
    expect(byEmployer.rows.map((r) => [r.label, r.passed])).toContainEqual(['成都锦江物业管理有限公司', 0]);
    const byQuarter = await call(ctx, 'passrate.breakdown', { groupBy: 'quarter', filter: {} });
    expect(byQuarter.rows.map((r) => r.label)).toEqual(['2024年第2季度', '2024年第4季度']);
    const overall = await call(ctx, 'passrate.overall', { filter: { from: '2024-01-01', to: '2024-12-31' } });
    expect(overall.summary).toMatchObject({ registered: 5, passed: 4, sat: 5 });
  });
});
