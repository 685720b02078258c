// Who may do what: each operation declares its role, and a clerk (录入员) is refused every
// administrator's operation, however it is called, with the data left as it was.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, tempDir } from '../helpers';
import { openDatabase } from '../../db/database';
import type { Ctx } from '../../services/shared/context';
import type { DB } from '../../db/database';
import { dispatch } from '../../api/dispatch';
import { operations } from '../../api/contract';
import { mergeTables, query, type Operation } from '../../api/op';
import { z } from 'zod';

let db: DB;
const as = (login: string): Ctx => ({ db, operator: login, caller: 'page' });

// One file with an administrator and a clerk, copied for each test: hashing a password costs a second.
let template: string;
beforeAll(async () => {
  const made = createDB();
  db = made.db;
  await call({ db, operator: 'cli:officer' }, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
  await call(as('wangfang'), 'operators.add', { login: 'lisi', name: '李四', role: 'clerk', password: 'clerk-pass-1' });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  template = made.file;
});

beforeEach(() => {
  const file = path.join(tempDir(), 'certdesk.sqlite');
  fs.copyFileSync(template, file);
  db = openDatabase(file);
});

/** An administrator's operation, with arguments that would otherwise do something. */
const ADMIN_CALLS: [string, unknown][] = [
  ['settings.set', { key: 'security.lockAfterMinutes', value: '0' }],
  ['settings.set', { key: 'certificate.institutionCode', value: '9999' }],
  ['occupations.setPart', { occupation: '4-06-01-01', level: 3, part: 'theory', passMark: 10 }],
  ['sessions.finalize', { id: 1 }],
  ['certificates.void', { number: 'S000044123456243000001', reason: '试' }],
  ['certificates.reissue', { number: 'S000044123456243000001', reason: '试' }],
  ['results.correct', { sessionId: 1, idNumber: '110101199001011237', part: 'theory', score: 99, reason: '试' }],
  ['demo.load', {}],
  ['demo.remove', {}],
  ['backup.create', {}],
  ['backup.list', {}],
  ['backup.restore', { file: '/tmp/x.sqlite' }],
  ['operators.add', { login: 'zhangsan', name: '张三', role: 'admin', password: 'zhangsan-pass' }],
  ['operators.disable', { login: 'wangfang' }],
];

describe('a clerk', () => {
  it('is refused every administrator’s operation with ADMIN_REQUIRED, and nothing changes', async () => {
    const before = db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    for (const [name, args] of ADMIN_CALLS) {
      const res = await dispatch(as('lisi'), name, args);
      expect(res, name).toMatchObject({ ok: false, error: { code: 'ADMIN_REQUIRED' } });
      if (!res.ok) expect(res.error.message, name).toContain('需要管理员账号');
    }
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
    expect(await call(as('wangfang'), 'settings.list', {})).toContainEqual(expect.objectContaining({ key: 'security.lockAfterMinutes', value: '15' }));
  });

  it('still keys in data and changes their own password', async () => {
    await call(as('lisi'), 'candidates.add', { idNumber: '110101199001011237', name: '张伟' });
    expect(await call(as('lisi'), 'operators.setPassword', { login: 'lisi', password: 'new-clerk-pass', currentPassword: 'clerk-pass-1' })).toEqual({ login: 'lisi' });
  });

  it('is the same refusal whatever the role check inside the service would say', async () => {
    // settings.set has no check of its own in the service: only the declaration stops a clerk.
    expect(await callError(as('lisi'), 'settings.set', { key: 'institution.name', value: '冒充的机构' })).toMatchObject({ code: 'ADMIN_REQUIRED' });
  });
});

describe('every operation declares who may call it', () => {
  it('has a title and an access level', () => {
    for (const [name, op] of Object.entries(operations) as [string, Operation][]) {
      expect(op.title, name).toMatch(/\S/);
      expect(['public', 'judge', 'operator', 'admin'], name).toContain(op.access);
    }
  });

  it('opens to anyone only what the login and first-run screens need', () => {
    const open = Object.entries(operations).filter(([, op]) => (op as Operation).access === 'public').map(([n]) => n).sort();
    expect(open).toEqual(['app.info', 'operators.login', 'operators.logout', 'operators.setup', 'operators.status']);
  });

  it('keeps voids, finalizing, settings, pass marks, demo data, backups and accounts for administrators', () => {
    const admin = Object.entries(operations).filter(([, op]) => (op as Operation).access === 'admin').map(([n]) => n);
    for (const name of new Set(ADMIN_CALLS.map(([n]) => n))) expect(admin, name).toContain(name);
  });

  it('refuses a table that declares a name twice', () => {
    const a = { 'x.get': query({ title: '甲' }, z.object({}), () => 1) };
    const b = { 'x.get': query({ title: '乙' }, z.object({}), () => 2) };
    expect(() => mergeTables(a, b)).toThrow(/x\.get.*两次/);
  });
});

describe('text that hides what it says', () => {
  it('is refused at the door, naming the field', async () => {
    for (const name of ['张\u202E三', '张\u0000三', '张\u0007三', '张\uD800三', '\u2066李四']) {
      const err = await callError(as('lisi'), 'candidates.add', { idNumber: '110101199001011237', name });
      expect(err.code, JSON.stringify(name)).toBe('TEXT_UNSAFE');
      expect(err.message).toContain('「name」');
    }
    expect(db.prepare('SELECT count(*) AS n FROM candidates').get()).toEqual({ n: 0 });
  });

  it('lets ordinary line breaks and tabs through, and names with a middle dot', async () => {
    const c = await call(as('lisi'), 'candidates.add', { idNumber: '110101199001011237', name: '阿依古丽·买买提' });
    expect(c.name).toBe('阿依古丽·买买提');
  });
});
