// What an event says: the operation, who, and the ids a page needs to know whether it shows the thing saved.
import { describe, expect, it } from 'vitest';
import { call, createDB } from '../helpers';
import { liveEvents, type LiveEvent } from '../../api/liveEvents';

describe('the live event after a save', () => {
  it('names the session and competition the write touched, and nothing after a refusal', async () => {
    const { ctx } = createDB();
    const seen: LiveEvent[] = [];
    const stop = liveEvents.subscribe((e) => seen.push(e));
    try {
      const s = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 3, date: '2026-06-15' });
      const e = await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: '440106199003150319', name: '张伟' } });
      await call(ctx, 'sessions.update', { id: s.id, name: '2026年上半年物业管理师（三级）' }).catch(() => undefined);
      expect(seen[0]).toMatchObject({ op: 'sessions.create', by: 'test', sessionId: s.id });
      expect(seen[1]).toMatchObject({ op: 'enrolments.add', sessionId: s.id });
      expect(e.id).toBeGreaterThan(0);
      const before = seen.length;
      await call(ctx, 'results.set', { sessionId: s.id, idNumber: '440106199003150319', part: 'theory', score: 'abc' }).catch(() => undefined);
      expect(seen).toHaveLength(before);
      liveEvents.announce('competitions.setMark', 'zhoujing', { competitionId: 3, event: '保洁实操' }, null);
      expect(seen.at(-1)).toMatchObject({ op: 'competitions.setMark', by: 'zhoujing', competitionId: 3 });
    } finally {
      stop();
    }
  });
});
