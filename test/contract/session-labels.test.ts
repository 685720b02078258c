// Words the window finds and tells things apart by: an occupation by its pinyin initials, a
// session in a pass-rate chart by its name and exam date.
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber } from '../helpers';

describe('finding and telling apart', () => {
  it('gives every occupation the pinyin initials of its name, so the picker finds 物业管理师 by wygls', async () => {
    const { ctx } = createDB();
    const list = await call(ctx, 'occupations.list', {});
    expect(list.find((o) => o.name === '物业管理师')!.initials).toBe('wygls');
    expect(list.find((o) => o.name === '保安员')!.initials).toBe('bay');
  });

  it('labels a session in a pass-rate breakdown by its name and exam date, so a 补考 named like its 正考 is told apart', async () => {
    const { ctx } = createDB();
    const a = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15', name: '物业管理师三级' });
    const b = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-11-20', name: '物业管理师三级' });
    for (const [s, seq] of [[a, 1], [b, 2]] as const) await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { name: `考生${seq}`, idNumber: makeIdNumber('440106', '19900101', seq) } });
    const rows = (await call(ctx, 'passrate.breakdown', { groupBy: 'session', filter: {} })).rows;
    expect(rows.map((r) => r.label)).toEqual(['物业管理师三级（2024-06-15）', '物业管理师三级（2024-11-20）']);
  });
});
