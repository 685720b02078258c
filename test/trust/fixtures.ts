// Fixtures for the trust tests: a session with candidates and scores, and the sqlite3 shell.
import { execFileSync } from 'node:child_process';
import { call, makeIdNumber } from '../helpers';
import type { Ctx } from '../../services/shared/context';

export const ZHANG = makeIdNumber('440106', '19900315', 31);
export const LI = makeIdNumber('510104', '19881122', 42);

/** 物业管理师 三级 with 张伟 and 李娜, both parts scored. */
export async function scoredSession(ctx: Ctx): Promise<{ sessionId: number; zhangEnrolment: number }> {
  const s = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 3, date: '2024-06-15' });
  const zhang = await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: ZHANG, name: '张伟' } });
  await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: LI, name: '李娜' } });
  for (const [idNumber, theory, skill] of [
    [ZHANG, 58, 80],
    [LI, 75, 66],
  ] as const) {
    await call(ctx, 'results.set', { sessionId: s.id, idNumber, part: 'theory', score: theory });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber, part: 'skill', score: skill });
  }
  return { sessionId: s.id, zhangEnrolment: zhang.id };
}

/** Runs SQL with the sqlite3 command-line shell, as someone tampering with the file would. */
export function sqlite3(file: string, sql: string): string {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' });
}
