import { describe, expect, it } from 'vitest';
import { call, callError, createDB } from '../helpers';
import { markTeam, scoreSheet, teamContest, TEAMS } from './fixtures';

describe('a team competition from setup to 定稿', () => {
  it('ranks live as marks come in, with trimmed means, timed points and weights', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    await markTeam(ctx, id, TEAMS[0]!, { image: [9.2, 9.5, 8.8, 9.0, 9.1], work: [50, 52, 54], fire: [60, 61], show: 8 });
    let r = await call(ctx, 'competitions.results', { competitionId: id });
    expect(r.ranking[0]).toMatchObject({ rank: 1, entrant: TEAMS[0], complete: true, events: [{ event: '形象展示', score: 9.1 }, { event: '专业作业', score: 52 }, { event: '消防竞技', score: 20, time: 60.5 }, { event: '创意展示', score: 8 }] });
    expect(r.ranking[0]!.total).toBe(89.1);
    expect(r.ranking.slice(1).every((l) => l.rank === 2 && !l.complete && l.total === 0)).toBe(true);
    // A second team, faster at 消防竞技 but weaker elsewhere: the first team's fire points drop to 2nd place's.
    await markTeam(ctx, id, TEAMS[1]!, { image: [9, 9, 9, 9, 9], work: [55, 55, 55], fire: [50, 50, 5], show: 9 });
    r = await call(ctx, 'competitions.results', { competitionId: id });
    expect(r.ranking.slice(0, 2).map((l) => [l.entrant, l.rank, l.total])).toEqual([
      [TEAMS[1], 1, 93], // 9 + 55 + 20 (55 s is fastest) + 9
      [TEAMS[0], 2, 79.1], // 9.1 + 52 + 10 (2nd of 2) + 8
    ]);
  });

  it('reads back the marks keyed for one event, seat by seat, with 罚时 as seat 0', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    expect(await call(ctx, 'competitions.marks', { competitionId: id, event: '消防竞技' })).toEqual([]);
    await call(ctx, 'competitions.setMark', { competitionId: id, event: '消防竞技', entrant: TEAMS[1]!, seat: 2, value: '1:02.5' });
    await call(ctx, 'competitions.setMark', { competitionId: id, event: '消防竞技', entrant: TEAMS[1]!, seat: 'penalty', value: 5 });
    await call(ctx, 'competitions.setMark', { competitionId: id, event: '形象展示', entrant: TEAMS[0]!, seat: 1, value: 9.2 });
    const entrant = (await call(ctx, 'competitions.get', { id })).entrants.find((e) => e.name === TEAMS[1]!)!;
    expect(await call(ctx, 'competitions.marks', { competitionId: id, event: '消防竞技' })).toEqual([
      { entrantId: entrant.id, member: null, seat: 0, value: 5 },
      { entrantId: entrant.id, member: null, seat: 2, value: 62.5 },
    ]);
    expect((await callError(ctx, 'competitions.marks', { competitionId: id, event: '拔河' })).code).toBe('COMPETITION_EVENT_NOT_FOUND');
  });

  it('refuses an event that drops every judge, a mark above the maximum and a seat beyond the judges', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    expect((await callError(ctx, 'competitions.addEvent', { competitionId: id, name: '口试', max: 30, judges: 2, dropHigh: 1, dropLow: 1 })).code).toBe('COMPETITION_DROP_TOO_MANY');
    const over = await callError(ctx, 'competitions.setMark', { competitionId: id, event: '形象展示', entrant: TEAMS[0], seat: 1, value: 10.5 });
    expect(over).toMatchObject({ code: 'COMPETITION_MARK_INVALID', message: expect.stringContaining('满分 10') });
    expect((await callError(ctx, 'competitions.setMark', { competitionId: id, event: '形象展示', entrant: TEAMS[0], seat: 6, value: 9 })).code).toBe('COMPETITION_SEAT_INVALID');
    expect((await callError(ctx, 'competitions.setMark', { competitionId: id, event: '形象展示', entrant: TEAMS[0], seat: 'penalty', value: 9 })).code).toBe('COMPETITION_SEAT_INVALID');
  });

  it('refuses a member who is not a registered candidate, or already in another team', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    expect((await callError(ctx, 'competitions.addEntrant', { competitionId: id, name: '新队', members: ['11010519491231002X'] })).code).toBe('CANDIDATE_NOT_FOUND');
    const c = await call(ctx, 'competitions.get', { id });
    const taken = await callError(ctx, 'competitions.addEntrant', { competitionId: id, name: '新队', members: [c.entrants[0]!.members[0]!.idNumber] });
    expect(taken).toMatchObject({ code: 'COMPETITION_MEMBER_TAKEN', message: expect.stringContaining(TEAMS[0]!) });
  });

  it('imports a judges\' sheet, refusing rows it cannot place and naming row and column', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    const file = await scoreSheet([
      [TEAMS[0]!, '形象展示', 9.2, 9.5, 8.8, 9.0, 9.1, null, null, null],
      [TEAMS[1]!, '消防竞技', null, null, null, null, null, '1:02.5', 63, 5],
      [TEAMS[2]!, '形象展示', 9.2, 11, 8.8, 9.0, 9.1, null, null, null],
      ['不存在的队', '形象展示', 9, 9, 9, 9, 9, null, null, null],
      [TEAMS[3]!, '拔河', 9, null, null, null, null, null, null, null],
      [TEAMS[3]!, '创意展示', 8, 7, null, null, null, null, null, null],
      [TEAMS[3]!, '专业作业', null, null, null, null, null, 60, null, null],
      [TEAMS[0]!, '形象展示', 9, 9, 9, 9, 9, null, null, null],
    ]);
    const dry = await call(ctx, 'competitions.importScores', { competitionId: id, file: { path: file }, dryRun: true });
    expect(dry.imported).toBe(2);
    expect(dry.rejected).toEqual([
      { row: 5, column: '裁判2', message: expect.stringContaining('满分 10') },
      { row: 6, column: '参赛队', message: expect.stringContaining('不存在的队') },
      { row: 7, column: '项目', message: expect.stringContaining('拔河') },
      { row: 8, column: '裁判2', message: expect.stringContaining('只有 1 名裁判') },
      { row: 9, column: '用时', message: expect.stringContaining('评分项目') },
      { row: 10, column: '项目', message: expect.stringContaining('第3行') },
    ]);
    expect((await call(ctx, 'competitions.results', { competitionId: id })).ranking.every((l) => l.total === 0)).toBe(true);
    await call(ctx, 'competitions.importScores', { competitionId: id, file: { path: file } });
    const r = await call(ctx, 'competitions.results', { competitionId: id });
    const line = (t: string) => r.ranking.find((l) => l.entrant === t)!;
    expect(line(TEAMS[0]!).events[0]).toMatchObject({ score: 9.1 });
    expect(line(TEAMS[1]!).events[2]).toMatchObject({ time: 67.75, score: 20 });
  });

  it('finalizes once complete and the complaint window has passed, then refuses every write', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    expect((await callError(ctx, 'competitions.finalize', { competitionId: id })).code).toBe('COMPETITION_INCOMPLETE');
    for (const [i, t] of TEAMS.entries()) await markTeam(ctx, id, t, { image: [9, 9, 9, 9, 9], work: [50 + i, 50 + i, 50 + i], fire: [60, 60], show: 8 });
    await call(ctx, 'competitions.prizes', { competitionId: id, rule: '一等奖:1,二等奖:1,优秀奖:rest' });
    await call(ctx, 'competitions.publish', { competitionId: id, complaintUntil: '2999-01-01' });
    expect((await callError(ctx, 'competitions.finalize', { competitionId: id })).code).toBe('COMPETITION_COMPLAINT_OPEN');
    await call(ctx, 'competitions.update', { id, complaintUntil: '2024-05-21' });
    const done = await call(ctx, 'competitions.finalize', { competitionId: id });
    expect(done.status).toBe('final');
    const r = await call(ctx, 'competitions.results', { competitionId: id });
    expect(r.ranking.map((l) => [l.entrant, l.rank, l.prize, l.awardNumber])).toEqual([
      [TEAMS[3], 1, '一等奖', `2024JS${String(id).padStart(4, '0')}001`],
      [TEAMS[2], 2, '二等奖', `2024JS${String(id).padStart(4, '0')}002`],
      [TEAMS[1], 3, '优秀奖', `2024JS${String(id).padStart(4, '0')}003`],
      [TEAMS[0], 4, '优秀奖', `2024JS${String(id).padStart(4, '0')}004`],
    ]);
    for (const [op, args] of [
      ['competitions.setMark', { competitionId: id, event: '创意展示', entrant: TEAMS[0], seat: 1, value: 10 }],
      ['competitions.prizes', { competitionId: id, rule: '一等奖:2' }],
      ['competitions.addEntrant', { competitionId: id, name: '迟到队' }],
      ['competitions.finalize', { competitionId: id }],
    ] as const) {
      expect((await callError(ctx, op, args)).code, op).toBe('COMPETITION_FINAL');
    }
    const audit = ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'competition' ORDER BY seq").all() as { action: string }[];
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['create', 'event-add', 'entrant-add', 'marks', 'prizes', 'publish', 'update', 'finalize']));
  });
});

describe('a 裁判 account at the score grid', () => {
  it('keys the seat it was assigned and is refused any other', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    const admin = { ...ctx, operator: 'cli:setup' };
    await call(admin, 'operators.add', { login: 'wangfang', name: '王芳', role: 'admin', password: 'admin-pass-1' });
    await call(admin, 'operators.add', { login: 'zhoujing', name: '周静', role: 'judge', password: 'judge-pass-1' });
    await call(admin, 'competitions.assignJudge', { competitionId: id, event: '形象展示', seat: 2, login: 'zhoujing' });
    const judge = { ...ctx, operator: 'zhoujing' };
    expect(await call(judge, 'competitions.setMark', { competitionId: id, event: '形象展示', entrant: TEAMS[0]!, seat: 2, value: 9.3 })).toEqual({ changed: 1 });
    expect(await callError(judge, 'competitions.setMark', { competitionId: id, event: '形象展示', entrant: TEAMS[0], seat: 3, value: 9.3 })).toMatchObject({ code: 'JUDGE_NOT_ASSIGNED', message: expect.stringContaining('第 2 位裁判') });
    expect((await callError(judge, 'competitions.setMark', { competitionId: id, event: '专业作业', entrant: TEAMS[0], seat: 1, value: 50 })).code).toBe('JUDGE_NOT_ASSIGNED');
    expect((await callError(judge, 'competitions.prizes', { competitionId: id, rule: '一等奖:1' })).code).toBe('JUDGE_NOT_ALLOWED');
  });
});

describe('two desks on one seat of the score grid', () => {
  it("refuses the later save naming who saved what and when, keeps the first, and saves once the new value is seen", async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    const admin = { ...ctx, operator: 'cli:setup' };
    await call(admin, 'operators.add', { login: 'lina', name: '李娜', role: 'clerk', password: 'clerk-pass-1' });
    await call(admin, 'operators.add', { login: 'zhoujing', name: '周静', role: 'judge', password: 'judge-pass-1' });
    await call(admin, 'competitions.assignJudge', { competitionId: id, event: '形象展示', seat: 2, login: 'zhoujing' });
    const judge = { ...ctx, operator: 'zhoujing' };
    const clerk = { ...ctx, operator: 'lina' };
    const seat = { competitionId: id, event: '形象展示', entrant: TEAMS[0]!, seat: 2 };
    // Both show the cell empty; the judge's tablet saves first.
    expect(await call(judge, 'competitions.setMark', { ...seat, value: 9.3, replaced: null })).toEqual({ changed: 1 });
    const late = await callError(clerk, 'competitions.setMark', { ...seat, value: 8.7, replaced: '' });
    expect(late.code).toBe('COMPETITION_MARK_CHANGED_MEANWHILE');
    expect(late.message).toMatch(new RegExp(`^周静（zhoujing） \\d{1,2}:\\d{2}:\\d{2} 刚把「${TEAMS[0]}」形象展示的第 2 位裁判的分数改成了 9\\.30，你的修改没有保存`));
    expect((late as { details?: unknown }).details).toMatchObject({ current: 9.3, by: { login: 'zhoujing', name: '周静' } });
    const marks = await call(ctx, 'competitions.marks', { competitionId: id, event: '形象展示' });
    expect(marks.map((m) => m.value)).toEqual([9.3]);
    // Having seen 9.30 (as the grid shows it), the clerk may still change it, knowingly; a caller
    // sending no replaced value (the command line, an import) saves as before.
    expect(await call(clerk, 'competitions.setMark', { ...seat, value: 8.7, replaced: '9.30' })).toEqual({ changed: 1 });
    expect((await callError(judge, 'competitions.setMark', { ...seat, value: null, replaced: 9.3 })).message).toContain('李娜（lina）');
    expect(await call(admin, 'competitions.setMark', { ...seat, value: 9 })).toEqual({ changed: 1 });
    // A timed seat compares the time as keyed (1:02.5 is 62.50 s), and 罚时 is named as such.
    const fire = { competitionId: id, event: '消防竞技', entrant: TEAMS[1]! };
    await call(clerk, 'competitions.setMark', { ...fire, seat: 1, value: '1:02.5', replaced: null });
    expect(await call(clerk, 'competitions.setMark', { ...fire, seat: 1, value: '1:01.0', replaced: '1:02.5' })).toEqual({ changed: 1 });
    await call(admin, 'competitions.setMark', { ...fire, seat: 'penalty', value: 5 });
    expect((await callError(clerk, 'competitions.setMark', { ...fire, seat: 'penalty', value: 10, replaced: null })).message).toContain('消防竞技的罚时改成了 5.00');
  });
});
