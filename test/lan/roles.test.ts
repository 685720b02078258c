// Roles are the operation's own declaration: 管理员 everything, 录入员 all but administrators'
// operations, 裁判 only score entry for the competition events assigned to them.
import { describe, expect, it } from 'vitest';
import { call, createDB } from '../helpers';
import { dispatchForSession } from '../../api/dispatch';
import { openLoginSession } from '../../services/operators/loginSessions';
import { requireJudgeOf } from '../../services/operators/judges';

async function withJudge() {
  const { ctx } = createDB();
  const admin = { ...ctx, operator: 'cli:setup' };
  await call(admin, 'operators.add', { login: 'wangfang', name: '王芳', role: 'admin', password: 'admin-pass-1' });
  const judge = await call(admin, 'operators.add', { login: 'zhoujing', name: '周静', role: 'judge', password: 'judge-pass-1' });
  ctx.db.exec(`
    INSERT INTO competitions (id, name, held_on, created_at) VALUES (1, '2026年物业服务技能竞赛', '2026-11-20', 't');
    INSERT INTO competition_events (id, competition_id, name, max_hundredths, judges, sort) VALUES (1, 1, '保洁实操', 10000, 3, 1), (2, 1, '理论', 10000, 1, 2);
    INSERT INTO competition_event_judges (event_id, judge, operator_login) VALUES (1, 2, 'zhoujing');
  `);
  const session = openLoginSession('zhoujing');
  const as = (name: string, args: unknown) => dispatchForSession(ctx.db, session, 'local', name, args, { caller: 'page', client: '192.168.1.31' });
  return { ctx, judge, as };
}

describe('a 裁判 account', () => {
  it('is made like any other, with the role 裁判', async () => {
    const { judge } = await withJudge();
    expect(judge.role).toBe('judge');
  });

  it('is refused what 录入员 do (403, JUDGE_NOT_ALLOWED), and may change its own password', async () => {
    const { as } = await withJudge();
    for (const name of ['sessions.list', 'results.set', 'candidates.search']) {
      const r = await as(name, {});
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error.code, name).toBe('JUDGE_NOT_ALLOWED');
    }
    const status = await as('operators.status', {});
    expect(status.ok && (status.data as { current: { role: string } }).current.role).toBe('judge');
    const pw = await as('operators.setPassword', { login: 'zhoujing', password: 'judge-pass-2', currentPassword: 'judge-pass-1' });
    expect(pw.ok).toBe(true);
  });

  it('holds the seats of the events assigned to it, and no other event', async () => {
    const { ctx } = await withJudge();
    const judgeCtx = { ...ctx, operator: 'zhoujing' };
    expect(requireJudgeOf(judgeCtx, 1)).toEqual([2]);
    expect(() => requireJudgeOf(judgeCtx, 2)).toThrow(/周静.*没有被分配到这个竞赛项目/);
    // 录入员, 管理员 and the command line are not judges: the check lets them through.
    expect(requireJudgeOf({ ...ctx, operator: 'wangfang' }, 2)).toBeNull();
    expect(requireJudgeOf({ ...ctx, operator: 'cli:root' }, 2)).toBeNull();
  });
});

