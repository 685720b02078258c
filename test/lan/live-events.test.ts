// What an event says: the operation, who, and the ids a page needs to know whether it shows the thing saved.
import { describe, expect, it } from 'vitest';
import { call, createDB } from '../helpers';
import { batchedWriter, eventRecord, liveEvents, type LiveEvent } from '../../api/liveEvents';

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

  it('names the training class an attendance mark or a 结业 touched, so the class page of another desk refreshes', async () => {
    const { ctx } = createDB();
    const seen: LiveEvent[] = [];
    const stop = liveEvents.subscribe((e) => seen.push(e));
    try {
      const c = await call(ctx, 'training.create', { name: '消防安全培训班', from: '2026-03-02', to: '2026-03-06' });
      const lesson = await call(ctx, 'training.addLesson', { classId: c.id, date: '2026-03-02', hours: 4 });
      await call(ctx, 'candidates.add', { idNumber: '440106199003150319', name: '张伟' });
      await call(ctx, 'training.enrol', { classId: c.id, idNumber: '440106199003150319' });
      await call(ctx, 'training.attend', { classId: c.id, lessonId: lesson.id, idNumber: '440106199003150319', status: 'late' });
      expect(seen.at(-1)).toMatchObject({ op: 'training.attend', by: 'test', classId: c.id });
      await call(ctx, 'training.finalize', { classId: c.id });
      expect(seen.at(-1)).toMatchObject({ op: 'training.finalize', classId: c.id });
    } finally {
      stop();
    }
  });
});

describe('an event stream gathering a burst of saves', () => {
  it('writes the events pushed within the window once, in order, and a later one in its own write', async () => {
    const writes: string[] = [];
    const out = batchedWriter((text) => writes.push(text), 20);
    const events = [1, 2, 3].map((n): LiveEvent => ({ op: 'results.set', by: 'lina', enrolmentId: n, at: n }));
    for (const e of events) out.push(eventRecord(e));
    expect(writes).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(writes).toEqual([events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')]);
    out.push(eventRecord({ op: 'results.set', by: 'lina', enrolmentId: 4, at: 4 }));
    await new Promise((r) => setTimeout(r, 60));
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('"enrolmentId":4');
    // A stream that closed with a batch waiting writes nothing more.
    out.push(eventRecord({ op: 'results.set', by: 'lina', enrolmentId: 5, at: 5 }));
    out.close();
    await new Promise((r) => setTimeout(r, 60));
    expect(writes).toHaveLength(2);
  });
});
