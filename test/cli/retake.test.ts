// certdesk session retake, run as a subprocess: the 补考 session built from a finalized one. The
// first session is keyed in through the contract (as the window would), then the command line works
// on the same file.
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber, runCli } from '../helpers';

const zhang = makeIdNumber('440106', '19900315', 31);
const li = makeIdNumber('510104', '19881122', 42);
const chen = makeIdNumber('310101', '19950505', 44);

/** 张伟 passes; 李娜 passes theory and fails skill; 陈静 is absent from both. */
async function keyedSession() {
  const { ctx, db, file } = createDB();
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  const keyed: [string, string, number | string, number | string][] = [
    [zhang, '张伟', 80, 75],
    [li, '李娜', 72, 40],
    [chen, '陈静', '缺考', '缺考'],
  ];
  for (const [idNumber, name, theory, skill] of keyed) {
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber, name } });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber, part: 'theory', score: theory });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber, part: 'skill', score: skill });
  }
  return { ctx, db, file, session: s };
}

describe('certdesk session retake', () => {
  it('refuses a session not yet finalized, then enrols who failed or was absent with the passed parts carried', async () => {
    const { ctx, db, file, session } = await keyedSession();
    const cli = (...args: string[]) => runCli([...args, '--db', file, '--json']);
    const sid = String(session.id);

    const early = runCli(['session', 'retake', sid, '--date', '2024-12-01', '--db', file]);
    expect(early.status).not.toBe(0);
    expect(early.stderr).toContain('SESSION_NOT_FINALIZED');
    expect(early.stderr).toContain('还没有定稿');

    await call(ctx, 'sessions.finalize', { id: session.id });
    db.close();
    const r = cli('session', 'retake', sid, '--date', '2024-12-01');
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ id: expect.any(Number), enrolled: 2 });

    const retake = cli('session', 'show', String(r.json.id)).json;
    expect(retake).toMatchObject({ attempt: 'retake', level: 3, occupationCode: session.occupationCode, specialty: session.specialty, examDate: '2024-12-01' });
    expect(retake.name).toContain('补考');
    const results = cli('results', '--session', String(r.json.id)).json;
    expect(results.candidates.map((c: { name: string; attempt: string }) => [c.name, c.attempt])).toEqual([['李娜', 'retake'], ['陈静', 'retake']]);
    // 李娜's passed theory comes with her, marked as carried from the first session; 陈静 sits everything again.
    expect(results.candidates[0].parts).toEqual([
      expect.objectContaining({ part: 'theory', score: 72, status: 'carried', carriedFrom: { sessionId: session.id, name: session.name } }),
    ]);
    expect(results.candidates[1].parts).toEqual([]);

    const named = runCli(['session', 'retake', sid, '--date', '2025-03-01', '--name', '2025年春季物业管理师三级补考', '--db', file]);
    expect(named.stdout).toContain('已新建补考批次');
    expect(named.stdout).toContain('报名 2 人');
    expect(runCli(['session', 'retake', sid, '--date', '2024-06-01', '--db', file]).stderr).toContain('DATE_INVALID');
  }, 180_000);
});
