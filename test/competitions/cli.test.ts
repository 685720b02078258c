// The command-line contract of competitions, run as a subprocess the way another tool calls it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { call, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { configureInstitution } from '../certificates/fixtures';
import { markTeam, memberIds, scoreSheet, teamContest, TEAMS } from './fixtures';

function desk() {
  const db = path.join(tempDir(), 'competition.sqlite');
  return { cli: (...args: string[]) => runCli([...args, '--db', db, '--json']), text: (...args: string[]) => runCli([...args, '--db', db]) };
}

describe('certdesk competition …', () => {
  it('keeps the contract: create, event add, entrant add, import scores, tiebreak, prizes, results, finalize', async () => {
    const { cli, text } = desk();
    const a = makeIdNumber('510104', '19900101', 11);
    const b = makeIdNumber('500103', '19910202', 22);
    expect(cli('candidate', 'add', '--id-number', a, '--name', '张伟').status).toBe(0);
    expect(cli('candidate', 'add', '--id-number', b, '--name', '李娜').status).toBe(0);

    const created = cli('competition', 'create', '--name', '物业秩序维护人员技能大赛', '--date', '2024-05-20', '--kind', 'team');
    expect(created.status).toBe(0);
    const id = String(created.json.id);
    expect(created.json).toMatchObject({ id: expect.any(Number), name: '物业秩序维护人员技能大赛', kind: 'team', status: 'draft' });

    const image = cli('competition', 'event', 'add', '--competition', id, '--name', '形象展示', '--max', '10', '--judges', '5', '--drop-high', '1', '--drop-low', '1');
    expect(image.json).toMatchObject({ id: expect.any(Number), name: '形象展示', max: 10, judges: 5, dropHigh: 1, dropLow: 1, kind: 'judged' });
    const fire = cli('competition', 'event', 'add', '--competition', id, '--name', '消防竞技', '--max', '20', '--timed', '--weight', '1');
    expect(fire.json).toMatchObject({ kind: 'timed', judges: 1 });
    const refused = cli('competition', 'event', 'add', '--competition', id, '--name', '口试', '--max', '30', '--judges', '2', '--drop-high', '1', '--drop-low', '1');
    expect(refused.status).not.toBe(0);
    expect(refused.json.error.code).toBe('COMPETITION_DROP_TOO_MANY');

    expect(cli('competition', 'entrant', 'add', '--competition', id, '--name', '成都万科物业', '--member', a).json.members).toEqual([expect.objectContaining({ name: '张伟' })]);
    expect(cli('competition', 'entrant', 'add', '--competition', id, '--name', '重庆龙湖物业', '--member', b).json).toMatchObject({ id: expect.any(Number) });

    const file = await scoreSheet([
      ['成都万科物业', '形象展示', 9, 9, 9, 9, 9, null, null],
      ['重庆龙湖物业', '形象展示', 9.5, 9.5, 8.5, 9.5, 8.5, null, null],
      ['成都万科物业', '消防竞技', null, null, null, null, null, 60, 0],
      ['重庆龙湖物业', '消防竞技', null, null, null, null, null, 58, 2],
      ['重庆龙湖物业', '形象展示', 12, null, null, null, null, null, null],
    ], ['参赛队', '项目', '裁判1', '裁判2', '裁判3', '裁判4', '裁判5', '用时', '罚时']);
    const dry = cli('competition', 'import', 'scores', file, '--competition', id, '--dry-run');
    expect(dry.json).toMatchObject({ imported: 4, rejected: [{ row: 7, column: '裁判1', message: expect.stringContaining('满分') }] });
    expect(cli('competition', 'results', '--competition', id).json.ranking.every((l: { total: number }) => l.total === 0)).toBe(true);
    expect(cli('competition', 'import', 'scores', file, '--competition', id).json).toMatchObject({ imported: 4 });

    // 龙湖 (9.5 + 8.5 + 9.5) / 3 = 9.1666… + 20 (58 + 2 = 60 s, as fast as 万科): ahead on the exact value.
    const tied = cli('competition', 'results', '--competition', id).json;
    expect(tied.ranking.map((l: { entrant: string; rank: number; total: number }) => [l.entrant, l.rank, l.total])).toEqual([
      ['重庆龙湖物业', 1, 29.17],
      ['成都万科物业', 2, 29],
    ]);
    expect(tied.ranking[0].events).toEqual([
      { event: '形象展示', score: 9.17, time: null },
      { event: '消防竞技', score: 20, time: 60 },
    ]);

    expect(cli('competition', 'tiebreak', '--competition', id, '--order', '消防竞技,形象展示').json.tiebreak).toEqual(['消防竞技', '形象展示']);
    expect(cli('competition', 'prizes', '--competition', id, '--rule', '一等奖:1,优秀奖:rest').json.prizeRule).toBe('一等奖:1,优秀奖:rest');
    const results = cli('competition', 'results', '--competition', id).json;
    expect(results.ranking[0]).toMatchObject({ rank: 1, entrant: '重庆龙湖物业', total: 29.17, prize: '一等奖', events: [{ event: '形象展示', score: 9.17 }, { event: '消防竞技', score: 20 }] });
    expect(results.ranking[1]).toMatchObject({ rank: 2, prize: '优秀奖' });
    expect(text('competition', 'results', '--competition', id).stdout).toContain('重庆龙湖物业');

    expect(cli('competition', 'finalize', id).json).toMatchObject({ status: 'final' });
    const locked = cli('competition', 'import', 'scores', file, '--competition', id);
    expect(locked.status).not.toBe(0);
    expect(locked.json.error).toMatchObject({ code: 'COMPETITION_FINAL', message: expect.stringContaining('已定稿') });
  }, 300_000);

  it('prints award certificates and promotes winners, listing who was refused and why', async () => {
    const { ctx, file } = createDB();
    await configureInstitution(ctx);
    const { id } = await teamContest(ctx);
    for (const [i, t] of TEAMS.entries()) await markTeam(ctx, id, t, { image: [9, 9, 9, 9, 9], work: [50 + i, 50 + i, 50 + i], fire: [60, 60], show: 8 });
    await call(ctx, 'competitions.prizes', { competitionId: id, rule: '一等奖:10%,二等奖:20%,三等奖:30%' });
    const cli = (...args: string[]) => runCli([...args, '--db', file, '--json']);
    expect(cli('competition', 'finalize', String(id)).json).toMatchObject({ status: 'final' });
    const out = path.join(tempDir(), '获奖证书.pdf');
    // Of four: 0.4 → no 一等奖, 1.2 → 二等奖 to place 1, 2.4 → 三等奖 to place 2.
    expect(cli('competition', 'certificates', '--competition', String(id), '--out', out).json).toMatchObject({ path: out, pages: 2, awards: [{ prize: '二等奖', entrant: TEAMS[3] }, { prize: '三等奖', entrant: TEAMS[2] }] });
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    const promoted = cli('competition', 'promote', '--competition', String(id), '--rule', '1-1:3', '--issue-date', '2024-06-01');
    expect(promoted.json.made.map((m: { idNumber: string; levelLabel: string }) => [m.idNumber, m.levelLabel])).toEqual(memberIds(3).map((n) => [n, '三级/高级工']));
    const again = cli('competition', 'promote', '--competition', String(id), '--rule', '1-1:3');
    expect(again.json).toMatchObject({ made: [], refused: [{ reason: expect.stringContaining('已持有') }, {}, {}] });
  }, 300_000);
});
