import { beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import { canonicalJson, entryHash, GENESIS_HASH, type AuditRow } from '../../services/audit/audit';

let ctx: Ctx;
beforeEach(() => {
  ctx = createDB().ctx;
});

describe('candidates', () => {
  it('fills birth date and gender from the ID and tidies the name', async () => {
    const c = await call(ctx, 'candidates.add', { idNumber: makeIdNumber('440106', '19900315', 32).toLowerCase(), name: ' 张 伟 ', employer: ' 广州市天河物业服务有限公司 ' });
    expect(c).toMatchObject({ name: '张伟', gender: '女', birthDate: '1990-03-15', idType: '居民身份证', employer: '广州市天河物业服务有限公司' });
  });

  it('keeps the middle dot of a minority name', async () => {
    const c = await call(ctx, 'candidates.add', { idNumber: makeIdNumber('650102', '19920101', 11), name: '买买提·艾力' });
    expect(c.name).toBe('买买提·艾力');
  });

  it('refuses a gender or birth date that contradicts the ID, naming both', async () => {
    const id = makeIdNumber('440106', '19900315', 31); // odd → 男
    const g = await callError(ctx, 'candidates.add', { idNumber: id, name: '张伟', gender: '女' });
    expect(g.code).toBe('GENDER_MISMATCH');
    expect(g.message).toContain('男');
    const b = await callError(ctx, 'candidates.add', { idNumber: id, name: '张伟', birthDate: '1990-03-16' });
    expect(b.code).toBe('BIRTH_DATE_MISMATCH');
  });

  it('refuses a wrong check character, a missing name, a bad phone and a second record for the same ID', async () => {
    const id = makeIdNumber('440106', '19900315', 31);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(await callError(ctx, 'candidates.add', { idNumber: wrong, name: '张伟' })).toMatchObject({ code: 'ID_CHECK_CHAR' });
    expect(await callError(ctx, 'candidates.add', { idNumber: id, name: '  ' })).toMatchObject({ code: 'NAME_EMPTY' });
    expect(await callError(ctx, 'candidates.add', { idNumber: id, name: '张伟', phone: '1380013' })).toMatchObject({ code: 'PHONE_INVALID' });
    await call(ctx, 'candidates.add', { idNumber: id, name: '张伟', phone: '138 0013 8000' });
    const dup = await callError(ctx, 'candidates.add', { idNumber: id, name: '张卫' });
    expect(dup.code).toBe('CANDIDATE_EXISTS');
    expect(dup.message).toContain('张伟');
  });

  it('tells the officer which argument is missing when the call itself is malformed', async () => {
    const e = await callError(ctx, 'candidates.add', { name: '张伟' });
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain('idNumber');
    expect(await callError(ctx, 'no.such.operation', {})).toMatchObject({ code: 'UNKNOWN_OPERATION' });
  });

  it('finds people as the officer types: pinyin initials, ID prefix, name or employer', async () => {
    await call(ctx, 'candidates.add', { idNumber: makeIdNumber('440106', '19900315', 31), name: '张伟', employer: '天河物业' });
    await call(ctx, 'candidates.add', { idNumber: makeIdNumber('510104', '19881122', 42), name: '张文', employer: '锦江物业' });
    await call(ctx, 'candidates.add', { idNumber: makeIdNumber('310115', '19950701', 55), name: '王强', employer: '浦东物业' });
    const names = async (query: string) => (await call(ctx, 'candidates.search', { query })).items.map((c) => c.name).sort();
    expect(await names('zw')).toEqual(['张伟', '张文']);
    expect(await names('ZW')).toEqual(['张伟', '张文']);
    expect(await names('wq')).toEqual(['王强']);
    expect(await names('510104')).toEqual(['张文']);
    expect(await names('张')).toEqual(['张伟', '张文']);
    expect(await names('浦东')).toEqual(['王强']);
    expect(await names('100%')).toEqual([]);
    expect((await call(ctx, 'candidates.search', {})).total).toBe(3);
  });

  it('stores a one-inch photo and refuses a file that is not an image', async () => {
    const c = await call(ctx, 'candidates.add', { idNumber: makeIdNumber('440106', '19900315', 31), name: '张伟' });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const withPhoto = await call(ctx, 'candidates.setPhoto', { id: c.id, base64: png.toString('base64') });
    expect(withPhoto.hasPhoto).toBe(true);
    expect((await call(ctx, 'candidates.photo', { id: c.id })).base64).toBe(png.toString('base64'));
    expect(await callError(ctx, 'candidates.setPhoto', { id: c.id, base64: Buffer.from('GIF89a').toString('base64') })).toMatchObject({ code: 'PHOTO_FORMAT' });
  });
});

describe('settings', () => {
  it('keeps the evaluation body’s details and refuses values that would break certificate numbers', async () => {
    await call(ctx, 'settings.set', { key: 'institution.name', value: '广东省物业管理行业协会' });
    await call(ctx, 'settings.set', { key: 'institution.province', value: '44' });
    expect(await callError(ctx, 'settings.set', { key: 'institution.type', value: 'X' })).toMatchObject({ code: 'SETTING_INVALID' });
    expect(await callError(ctx, 'settings.set', { key: 'institution.code', value: '12a4' })).toMatchObject({ code: 'SETTING_INVALID' });
    expect(await callError(ctx, 'settings.set', { key: 'institution.province', value: '99' })).toMatchObject({ code: 'SETTING_INVALID' });
    expect(await callError(ctx, 'settings.set', { key: 'institution.site', value: '12345' })).toMatchObject({ code: 'SETTING_INVALID' });
    expect(await callError(ctx, 'settings.set', { key: 'no.such.key', value: '1' })).toMatchObject({ code: 'SETTING_UNKNOWN' });
    const list = await call(ctx, 'settings.list', {});
    expect(list.find((s) => s.key === 'institution.name')!.value).toBe('广东省物业管理行业协会');
    expect(list.find((s) => s.key === 'institution.province')!.value).toBe('44');
  });

  it('answers a name JavaScript objects carry (__proto__, constructor) as an unknown setting, not as an internal error', async () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const error = await callError(ctx, 'settings.set', { key, value: '6' });
      expect(error).toMatchObject({ code: 'SETTING_UNKNOWN' });
      expect(error.message).toContain(`没有名为「${key}」的设置项`);
    }
    expect((await call(ctx, 'settings.list', {})).map((s) => s.key)).not.toContain('__proto__');
  });

  it('lets only an administrator change how long a passed part is kept for a retake', async () => {
    await call(ctx, 'operators.setup', { login: 'wang', name: '王主任', password: 'admin-pass-1' });
    await call({ ...ctx, operator: 'wang' }, 'operators.add', { login: 'li', name: '李娜', role: 'clerk', password: 'clerk-pass-1' });
    expect(await callError({ ...ctx, operator: 'li' }, 'settings.set', { key: 'results.retakeKeepMonths', value: '6' })).toMatchObject({ code: 'ADMIN_REQUIRED' });
    expect(await callError({ ...ctx, operator: 'wang' }, 'settings.set', { key: 'results.retakeKeepMonths', value: '六个月' })).toMatchObject({ code: 'SETTING_INVALID' });
    await call({ ...ctx, operator: 'wang' }, 'settings.set', { key: 'results.retakeKeepMonths', value: '6' });
    expect((await call(ctx, 'settings.list', {})).find((s) => s.key === 'results.retakeKeepMonths')!.value).toBe('6');
  });
});

describe('the audit log', () => {
  it('records every change with old and new values in a hash chain', async () => {
    const s = await call(ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2024-06-15' });
    const id = makeIdNumber('440106', '19900315', 31);
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: id, name: '张伟' } });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: id, part: 'theory', score: 70 });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: id, part: 'theory', score: 72.5, reason: '复核更正' });
    const rows = ctx.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
    const last = rows[rows.length - 1]!;
    expect(last).toMatchObject({ entity: 'result', action: 'update', operator: 'test', reason: '复核更正' });
    expect(JSON.parse(last.old_value!)).toEqual({ score: 70, status: 'scored' });
    expect(JSON.parse(last.new_value!)).toEqual({ score: 72.5, status: 'scored' });
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const { hash, prev_hash, ...entry } = r;
      expect(prev_hash).toBe(prev);
      expect(entryHash(prev, entry)).toBe(hash);
      prev = hash;
    }
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});
