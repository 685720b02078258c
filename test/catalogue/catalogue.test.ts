// The occupation catalogue is the officer's data: levels, 工种 and parts are added, corrected and
// retired through the contract; a row a session uses is retired, never deleted; every change is
// in the audit log; a session of a level or 工种 not offered is refused, naming what is offered.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';

function audit(db: ReturnType<typeof createDB>['db'], like: string) {
  return db.prepare("SELECT entity_id AS id, action, old_value AS old, new_value AS new FROM audit_log WHERE entity = 'occupation' AND entity_id LIKE ? ORDER BY seq").all(like) as {
    id: string;
    action: string;
    old: string | null;
    new: string | null;
  }[];
}

describe('the catalogue through the contract', () => {
  it('refuses a session of a level the occupation does not offer, naming the levels it does', async () => {
    const { ctx } = createDB();
    const e = await callError(ctx, 'sessions.create', { occupation: '物业管理师', level: 5, date: '2025-06-01' });
    expect(e.code).toBe('LEVEL_NOT_OFFERED');
    expect(e.message).toContain('开设的等级：四级、三级、二级、一级');
    expect((await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 4, date: '2025-06-01' })).level).toBe(4);
  });

  it('refuses a 工种 at a level the 工种 does not offer, on create and on correcting the 工种', async () => {
    const { ctx } = createDB();
    const e = await callError(ctx, 'sessions.create', { occupation: '消防设施操作员', specialty: '消防设施检测维修保养', level: 5, date: '2025-06-01' });
    expect(e).toMatchObject({ code: 'LEVEL_NOT_OFFERED' });
    expect(e.message).toContain('该工种开设的等级：四级、三级、二级、一级');
    expect((await callError(ctx, 'sessions.create', { occupation: '消防设施操作员', specialty: '消防设施监控操作', level: 1, date: '2025-06-01' })).code).toBe('LEVEL_NOT_OFFERED');
    const s = await call(ctx, 'sessions.create', { occupation: '消防设施操作员', specialty: '消防设施监控操作', level: 5, date: '2025-06-01' });
    expect((await callError(ctx, 'sessions.update', { id: s.id, specialty: '消防设施检测维修保养' })).code).toBe('LEVEL_NOT_OFFERED');
    expect((await call(ctx, 'sessions.update', { id: s.id, venue: '一号楼' })).specialty).toBe('消防设施监控操作');
  });

  it('adds a level, then removes it while unused and retires it once a session is of it', async () => {
    const { ctx, db } = createDB();
    const added = await call(ctx, 'occupations.addLevel', { occupation: '4-06-01-01', level: 5 });
    expect(added.change).toBe('added');
    expect(added.occupation.levels.find((l) => l.level === 5)?.parts.map((p) => [p.part, p.passMark, p.required])).toEqual([
      ['theory', 60, true],
      ['skill', 60, true],
    ]);
    expect((await call(ctx, 'occupations.removeLevel', { occupation: '物业管理师', level: 5 })).change).toBe('removed');
    expect(db.prepare("SELECT count(*) AS n FROM level_parts lp JOIN occupations o ON o.id = lp.occupation_id WHERE o.name = '物业管理师' AND lp.level = 5").get()).toEqual({ n: 0 });

    await call(ctx, 'occupations.addLevel', { occupation: '物业管理师', level: 5 });
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 5, date: '2025-06-01' });
    const retired = await call(ctx, 'occupations.removeLevel', { occupation: '物业管理师', level: 5 });
    expect(retired.change).toBe('retired');
    expect(retired.occupation.levels.find((l) => l.level === 5)).toMatchObject({ retired: true });
    // The session keeps its level and parts; no new one may be of it.
    expect((await call(ctx, 'sessions.get', { id: s.id })).parts.map((p) => p.part)).toEqual(['theory', 'skill']);
    expect((await callError(ctx, 'sessions.create', { occupation: '物业管理师', level: 5, date: '2025-07-01' })).code).toBe('LEVEL_NOT_OFFERED');
    expect(audit(db, '4-06-01-01:5').map((a) => a.action)).toEqual(['create', 'delete', 'create', 'retire']);
    // Offered again: the retired row comes back.
    expect((await call(ctx, 'occupations.addLevel', { occupation: '物业管理师', level: 5 })).change).toBe('updated');
    expect(audit(db, '4-06-01-01:5').at(-1)?.action).toBe('restore');
  });

  it('adds a 工种 with its levels, corrects them, and retires it once a session names it', async () => {
    const { ctx, db } = createDB();
    const r = await call(ctx, 'occupations.setSpecialty', { occupation: '保安员', name: '武装守护押运', levels: '5,4,3' });
    expect(r.occupation.specialtyDetails).toEqual([{ name: '武装守护押运', levels: [5, 4, 3], retired: false }]);
    const s = await call(ctx, 'sessions.create', { occupation: '保安员', specialty: '武装守护押运', level: 3, date: '2025-06-01' });
    // 三级 is in use, so narrowing the 工种 to 五级–四级 keeps 三级 for that session.
    expect((await call(ctx, 'occupations.setSpecialty', { occupation: '保安员', name: '武装守护押运', levels: [5, 4] })).occupation.specialtyDetails[0]!.levels).toEqual([5, 4, 3]);
    expect((await callError(ctx, 'occupations.setSpecialty', { occupation: '物业管理师', name: '住宅', levels: '5,4' })).code).toBe('LEVEL_NOT_OFFERED');
    expect((await call(ctx, 'occupations.removeSpecialty', { occupation: '保安员', name: '武装守护押运' })).change).toBe('retired');
    expect((await call(ctx, 'sessions.get', { id: s.id })).specialty).toBe('武装守护押运');
    expect((await callError(ctx, 'sessions.create', { occupation: '保安员', specialty: '武装守护押运', level: 3, date: '2025-07-01' })).code).toBe('SPECIALTY_UNKNOWN');
    expect(audit(db, '4-07-05-01:武装守护押运').map((a) => a.action)).toEqual(['create', 'retire']);
  });

  it('sets a part not required: it no longer decides an open session, and the change is audited', async () => {
    const { ctx, db } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '电工', level: 2, date: '2025-06-01' });
    const idNumber = makeIdNumber('440106', '19900315', 31);
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber, name: '张伟' } });
    for (const part of ['theory', 'skill']) await call(ctx, 'results.set', { sessionId: s.id, idNumber, part, score: 80 });
    expect((await call(ctx, 'results.get', { sessionId: s.id })).candidates[0]!.outcome).toBe('pending');
    const r = await call(ctx, 'occupations.setPart', { occupation: '电工', level: 2, part: '综合评审', passMark: 70, required: 'no', weight: 20 });
    expect(r.recomputed).toBe(1);
    expect(r.occupation.levels.find((l) => l.level === 2)!.parts.find((p) => p.part === 'review')).toMatchObject({ passMark: 70, required: false, weight: 20 });
    expect((await call(ctx, 'results.get', { sessionId: s.id })).candidates[0]!.outcome).toBe('pass');
    expect(audit(db, '6-31-01-03:2:review')).toEqual([
      { id: '6-31-01-03:2:review', action: 'update', old: JSON.stringify({ part: '综合评审', passMark: 60, required: true, weight: null }), new: JSON.stringify({ part: '综合评审', passMark: 70, required: false, weight: 20 }) },
    ]);
    expect((await callError(ctx, 'occupations.setPart', { occupation: '电工', level: 2, part: 'theory', passMark: 60, weight: 120 })).code).toBe('PART_WEIGHT_INVALID');
  });

  it('adds an occupation, corrects it, matches an older edition\'s code to it, and removes it only while unused', async () => {
    const { ctx, db } = createDB();
    const added = await call(ctx, 'occupations.add', { code: '4-06-01-05', name: '物业设施管理员', levels: '4,3' });
    expect(added.occupation.levels.map((l) => l.level)).toEqual([4, 3]);
    expect((await callError(ctx, 'occupations.add', { code: '4-06-01-05', name: '重复' })).code).toBe('OCCUPATION_EXISTS');
    expect((await call(ctx, 'occupations.update', { occupation: '4-06-01-05', name: '物业设施管理师' })).occupation.name).toBe('物业设施管理师');
    await call(ctx, 'occupations.add', { code: '4-99-01-01', edition: '2015', name: '旧名称', successor: '4-06-01-05' });
    expect((await call(ctx, 'occupations.get', { occupation: '4-99-01-01' })).code).toBe('4-06-01-05');
    expect((await call(ctx, 'occupations.get', { occupation: '2015:4-99-01-01' })).olderCodes).toEqual([{ code: '4-99-01-01', edition: '2015', name: '旧名称' }]);
    expect((await call(ctx, 'sessions.create', { occupation: '4-99-01-01（2015版）', level: 4, date: '2025-06-01' })).occupationCode).toBe('4-06-01-05');
    expect((await callError(ctx, 'occupations.get', { occupation: '2022:4-99-01-01' })).code).toBe('OCCUPATION_UNKNOWN');
    // In use now: retired, kept, and refused for new sessions.
    expect((await call(ctx, 'occupations.retire', { occupation: '物业设施管理师' })).change).toBe('retired');
    expect((await callError(ctx, 'sessions.create', { occupation: '4-06-01-05', level: 4, date: '2025-07-01' })).code).toBe('OCCUPATION_RETIRED');
    await call(ctx, 'occupations.add', { code: '4-06-01-06', name: '试用职业' });
    expect((await call(ctx, 'occupations.retire', { occupation: '4-06-01-06' })).change).toBe('removed');
    expect(db.prepare("SELECT count(*) AS n FROM occupations WHERE code = '4-06-01-06'").get()).toEqual({ n: 0 });
    expect(audit(db, '%4-06-01-0%').map((a) => `${a.id} ${a.action}`)).toEqual([
      '4-06-01-05 create',
      '4-06-01-05 update',
      '4-06-01-05 retire',
      '4-06-01-06 create',
      '4-06-01-06 delete',
    ]);
  });
});
