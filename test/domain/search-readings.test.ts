// Search as you type by pinyin initials finds every reading a person might type (docs/search.md):
// the polyphonic surnames by their surname reading and their everyday one, given names of two
// natural readings by either; through candidates.search on a real database.
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber } from '../helpers';

const PEOPLE: [name: string, readings: string[]][] = [
  ['曾伟', ['zw', 'cw']],
  ['单田芳', ['stf', 'dtf']],
  ['解晓东', ['xxd', 'jxd']],
  ['仇英', ['qy', 'cy']],
  ['区志伟', ['ozw', 'qzw']],
  ['查良镛', ['zly', 'cly']],
  ['乐嘉', ['yj', 'lj']],
  ['尉迟恭', ['ycg', 'wcg']],
  ['万俟卨', ['mqx']],
  ['朴树', ['ps']],
  ['覃海', ['qh', 'th']],
  ['盖聂', ['gn']],
  ['翟天临', ['ztl', 'dtl']],
  ['缪斯', ['ms']],
  ['李长春', ['lcc', 'lzc']],
  ['张行', ['zx', 'zh']],
  ['任重', ['rz', 'rc']],
];

describe('pinyin initials with polyphonic surnames and given names', () => {
  it('find each person by every common reading, and by its first letters as they are typed', async () => {
    const { ctx } = createDB();
    let i = 0;
    for (const [name] of PEOPLE) await call(ctx, 'candidates.add', { idNumber: makeIdNumber('440106', '19900101', ++i), name });
    const found = async (q: string) => (await call(ctx, 'candidates.search', { query: q, limit: 50 })).items.map((c) => c.name);
    for (const [name, readings] of PEOPLE) {
      for (const r of readings) {
        expect(await found(r), `${name} by ${r}`).toContain(name);
        expect(await found(r.slice(0, 2)), `${name} by ${r.slice(0, 2)}`).toContain(name);
      }
    }
    // …and not by a reading nobody would type.
    expect(await found('zyl')).not.toContain('查良镛');
  });

  it('follows a corrected name: the old name’s readings no longer find the person', async () => {
    const { ctx } = createDB();
    const c = await call(ctx, 'candidates.add', { idNumber: makeIdNumber('440106', '19900101', 1), name: '曾伟' });
    await call(ctx, 'candidates.update', { id: c.id, idNumber: c.idNumber, name: '王伟' });
    const names = async (q: string) => (await call(ctx, 'candidates.search', { query: q })).items.map((x) => x.name);
    expect(await names('cw')).toEqual([]);
    expect(await names('ww')).toEqual(['王伟']);
  });

  it('lists a person found by two readings once', async () => {
    const { ctx } = createDB();
    await call(ctx, 'candidates.add', { idNumber: makeIdNumber('440106', '19900101', 1), name: '万俟卨' });
    expect((await call(ctx, 'candidates.search', { query: 'm' })).items.map((x) => x.name)).toEqual(['万俟卨']);
  });
});
