// 获奖证书 read back as a person and a phone would (pdftotext, zbarimg), checked by certdesk verify;
// 以赛代评 through the normal numbering path; 成绩汇总表 and 获奖名单 as workbooks.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import { configureInstitution, finalizedSession } from '../certificates/fixtures';
import { pdfPages, qrCodesOnPage } from '../certificates/poppler';
import { markTeam, memberIds, teamContest, TEAMS } from './fixtures';
import type { Ctx } from '../../services/shared/context';

/** Four teams, fully marked (team 4 best … team 1 last), prizes set, finalized. */
async function finalContest(ctx: Ctx) {
  const { id } = await teamContest(ctx);
  for (const [i, t] of TEAMS.entries()) await markTeam(ctx, id, t, { image: [9, 9, 9, 9, 9], work: [50 + i, 50 + i, 50 + i], fire: [60, 60], show: 8 });
  await call(ctx, 'competitions.update', { id, organiser: '四川省物业管理协会' });
  await call(ctx, 'competitions.prizes', { competitionId: id, rule: '一等奖:1,二等奖:1,优秀奖:rest' });
  await call(ctx, 'competitions.finalize', { competitionId: id });
  return id;
}

describe('获奖证书', () => {
  it('prints one page per prize with a signed QR that verify accepts, and refuses an altered one', async () => {
    const { ctx, file } = createDB();
    await configureInstitution(ctx);
    const id = await finalContest(ctx);
    const out = path.join(tempDir(), '获奖证书.pdf');
    const r = await call(ctx, 'competitions.certificates', { competitionId: id, out });
    expect(r).toMatchObject({ path: out, pages: 4 });
    const pages = pdfPages(out).map((p) => p.replace(/\s+/g, ''));
    expect(pages[0]).toContain('获奖证书');
    expect(pages[0]).toContain(TEAMS[3]);
    expect(pages[0]).toContain('荣获一等奖（第1名）');
    expect(pages[0]).toContain('成渝物业秩序维护人员技能大赛');
    expect(pages[0]).toContain('四川省物业管理协会');
    expect(pages[1]).toContain('荣获二等奖（第2名）');
    const [qr] = qrCodesOnPage(out, 1);
    expect(qr!.split('\n')[0]).toBe(`2024JS${String(id).padStart(4, '0')}001`);
    expect(await call(ctx, 'certificates.verify', { text: qr! })).toMatchObject({ valid: true, kind: 'award', status: 'issued', award: { winner: TEAMS[3], rank: 1, prize: '一等奖' } });
    const cli = runCli(['verify', qr!, '--db', file]);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('奖项：一等奖');
    // A forged line: the second prize's signature under the first prize's number.
    const [second] = qrCodesOnPage(out, 2);
    const forged = `${qr!.split('\n')[0]}\n${second!.split('\n')[1]}`;
    expect(await call(ctx, 'certificates.verify', { text: forged })).toMatchObject({ valid: false, reason: expect.stringContaining('不一致') });
    const tampered = qr!.replace(/\.([\w-]+)\.([\w-]+)$/, (_m, p: string, s: string) => `.${Buffer.from(Buffer.from(p, 'base64url').toString('utf8').replace('一等奖', '特等奖')).toString('base64url')}.${s}`);
    expect(await call(ctx, 'certificates.verify', { text: tampered })).toMatchObject({ valid: false, reason: expect.stringContaining('签名不符') });
  });

  it('is refused before 定稿', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    expect((await callError(ctx, 'competitions.certificates', { competitionId: id, out: path.join(tempDir(), 'x.pdf') })).code).toBe('COMPETITION_NOT_FINAL');
  });
});

describe('以赛代评', () => {
  it('makes a finalized 竞赛认定 session per level with certificates from the normal numbering, refusing who holds the level, and a second promotion within a year', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const id = await finalContest(ctx);
    // One member of the winning team already holds 保安员 三级 through an ordinary session.
    const holder = memberIds(3)[0]!;
    const held = await finalizedSession(ctx, { occupation: '保安员', level: 3, date: '2023-06-01', people: [{ name: '队员丁1', idNumber: holder, theory: 80, skill: 80 }] });
    await call(ctx, 'certificates.issue', { sessionId: held.sessionId, date: '2023-07-01' });

    const r = await call(ctx, 'competitions.promote', { competitionId: id, rule: '1:3,2:4', issueDate: '2024-06-01' });
    expect(r.refused).toEqual([expect.objectContaining({ idNumber: holder, level: 3, reason: expect.stringContaining('已持有保安员三级/高级工') })]);
    expect(r.made.map((m) => [m.rank, m.idNumber, m.level])).toEqual([
      [1, memberIds(3)[1], 3],
      [1, memberIds(3)[2], 3],
      [2, memberIds(2)[0], 4],
      [2, memberIds(2)[1], 4],
      [2, memberIds(2)[2], 4],
    ]);
    expect(r.made.every((m) => /^S\d{21}$/.test(m.certificateNumber ?? ''))).toBe(true);
    const session = await call(ctx, 'sessions.get', { id: r.made[0]!.sessionId });
    expect(session).toMatchObject({ status: 'finalized', level: 3, examDate: '2024-05-20', name: expect.stringContaining('以赛代评') });
    expect(ctx.db.prepare('SELECT competition_id AS c FROM sessions WHERE id = ?').get(session.id)).toEqual({ c: id });

    // A second competition three months later: the same people are refused (once a year).
    const again = await call(ctx, 'competitions.create', { name: '秋季技能比武', date: '2024-08-20', kind: 'individual', occupation: '保安员' });
    await call(ctx, 'competitions.addEvent', { competitionId: again.id, name: '实操', max: 100 });
    await call(ctx, 'competitions.addEntrant', { competitionId: again.id, name: '队员丁2', members: [memberIds(3)[1]!] });
    await call(ctx, 'competitions.setMark', { competitionId: again.id, event: '实操', entrant: '队员丁2', seat: 1, value: 90 });
    await call(ctx, 'competitions.finalize', { competitionId: again.id });
    const second = await call(ctx, 'competitions.promote', { competitionId: again.id, rule: '1:2', issueDate: '2024-09-01' });
    expect(second).toEqual({ made: [], refused: [expect.objectContaining({ reason: expect.stringContaining('每人每年最多一次') })] });
  });

  it('is refused before 定稿 and without an occupation', async () => {
    const { ctx } = createDB();
    const { id } = await teamContest(ctx);
    expect((await callError(ctx, 'competitions.promote', { competitionId: id, rule: '1-3:2' })).code).toBe('COMPETITION_NOT_FINAL');
    const c = await call(ctx, 'competitions.create', { name: '无职业', date: '2024-01-01' });
    await call(ctx, 'competitions.addEvent', { competitionId: c.id, name: '实操', max: 100 });
    await call(ctx, 'competitions.addEntrant', { competitionId: c.id, name: '甲' });
    await call(ctx, 'competitions.setMark', { competitionId: c.id, event: '实操', entrant: '甲', seat: 1, value: 90 });
    await call(ctx, 'competitions.finalize', { competitionId: c.id });
    expect((await callError(ctx, 'competitions.promote', { competitionId: c.id, rule: '1-3:2' })).code).toBe('COMPETITION_NO_OCCUPATION');
  });
});

describe('成绩汇总表 and 获奖名单', () => {
  it('write the ranking and the winners as workbooks', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const id = await finalContest(ctx);
    const dir = tempDir();
    await call(ctx, 'competitions.exportResults', { competitionId: id, out: path.join(dir, '成绩汇总表.xlsx') });
    await call(ctx, 'competitions.exportAwards', { competitionId: id, out: path.join(dir, '获奖名单.xlsx') });
    const rows = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, f));
      const out: unknown[][] = [];
      wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const results = await rows('成绩汇总表.xlsx');
    const first = results.find((r) => r[1] === TEAMS[3])!;
    expect(first[0]).toBe(1);
    expect(first.slice(-2)).toEqual([90, '一等奖']); // 9 + 53 + 20 + 8
    const awards = await rows('获奖名单.xlsx');
    expect(awards.filter((r) => r[1] === '一等奖' || r[1] === '二等奖' || r[1] === '优秀奖').map((r) => [r[1], r[2]])).toEqual([
      ['一等奖', TEAMS[3]],
      ['二等奖', TEAMS[2]],
      ['优秀奖', TEAMS[1]],
      ['优秀奖', TEAMS[0]],
    ]);
  });
});
