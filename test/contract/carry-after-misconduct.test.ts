// 补考 after 违纪: a part passed in a sitting where the candidate was recorded 违纪 on another part
// is not carried by default (the stricter reading, docs/domain.md § The rules CertDesk applies);
// results.carryAfterMisconduct yes keeps it.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';

const zhang = makeIdNumber('440106', '19900315', 31);
const li = makeIdNumber('510104', '19881122', 42);

/** 张伟 passes theory and is 违纪 in skill; 李娜 passes theory and fails skill. Finalized. */
async function sittingWithMisconduct() {
  const env = createDB();
  const s = await call(env.ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2024-03-10' });
  for (const [idNumber, name] of [[zhang, '张伟'], [li, '李娜']]) {
    await call(env.ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: idNumber!, name: name! } });
    await call(env.ctx, 'results.set', { sessionId: s.id, idNumber: idNumber!, part: 'theory', score: 85 });
  }
  await call(env.ctx, 'results.set', { sessionId: s.id, idNumber: zhang, part: 'skill', misconduct: true });
  await call(env.ctx, 'results.set', { sessionId: s.id, idNumber: li, part: 'skill', score: 30 });
  await call(env.ctx, 'sessions.finalize', { id: s.id });
  return { ...env, sessionId: s.id };
}

async function partsInRetake(ctx: ReturnType<typeof createDB>['ctx'], sessionId: number, date: string) {
  const retake = await call(ctx, 'sessions.retake', { id: sessionId, date });
  const results = await call(ctx, 'results.get', { sessionId: retake.id });
  return Object.fromEntries(results.candidates.map((c) => [c.name, c.parts.map((p) => `${p.part}:${p.status}`)]));
}

describe('a part passed in a sitting with 违纪', () => {
  it('is not carried into the 补考 by default: every part is sat again', async () => {
    const { ctx, sessionId } = await sittingWithMisconduct();
    expect((await call(ctx, 'settings.list', {})).find((s) => s.key === 'results.carryAfterMisconduct')!.value).toBe('no');
    expect(await partsInRetake(ctx, sessionId, '2024-09-10')).toEqual({ 张伟: [], 李娜: ['theory:carried'] });
  });

  it('is carried when the setting says yes, and the setting takes only yes or no', async () => {
    const { ctx, sessionId } = await sittingWithMisconduct();
    expect((await callError(ctx, 'settings.set', { key: 'results.carryAfterMisconduct', value: '是' })).code).toBe('SETTING_INVALID');
    await call(ctx, 'settings.set', { key: 'results.carryAfterMisconduct', value: 'yes' });
    expect(await partsInRetake(ctx, sessionId, '2024-09-10')).toEqual({ 张伟: ['theory:carried'], 李娜: ['theory:carried'] });
  });
});
