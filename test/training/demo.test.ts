// The demo gains a finalized class, a running online class and six member enterprises, and
// removing the demo takes them out with the rest.
import { describe, expect, it } from 'vitest';
import { call, createDB } from '../helpers';
import { loadDemo } from '../../services/demo/generate';

describe('the demo’s training classes and members', () => {
  it('holds a finalized class with completers, a running online class and members, all removed with the demo', async () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: '2024-06-30' });
    const classes = await call(ctx, 'training.list', {});
    expect(classes.map((c) => [c.name, c.status])).toEqual([
      ['【示例】物业消防安全线上培训', 'open'],
      ['【示例】物业管理师（三级）考前培训班', 'finalized'],
    ]);
    const done = await call(ctx, 'training.results', { classId: classes[1]!.id });
    expect(done.trainees.length).toBeGreaterThanOrEqual(6);
    expect(done.trainees.some((t) => t.completed) && done.trainees.some((t) => !t.completed)).toBe(true);
    expect((await call(ctx, 'members.list', {})).length).toBe(6);
    expect((await call(ctx, 'members.report', { year: '2024' })).members.some((m) => m.trainingHours > 0)).toBe(true);

    await call(ctx, 'demo.remove', {});
    for (const table of ['training_classes', 'training_lessons', 'training_trainees', 'training_attendance', 'members']) {
      expect(ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });
});
