// Operator accounts: the first run, logins, roles, and who is recorded on each change.
import { beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import type { DB } from '../../db/database';
import { contextForSession } from '../../services/operators/access';
import { openLoginSession, touchLoginSession } from '../../services/operators/loginSessions';
import { dispatchForSession } from '../../api/dispatch';

let db: DB;
let local: Ctx;
const as = (login: string): Ctx => ({ db, operator: login });

beforeEach(() => {
  ({ db } = createDB());
  local = { db, operator: 'local' };
});

async function setupAdmin() {
  return call(local, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
}

describe('the first run', () => {
  it('asks for a first administrator while no account exists, and works as before meanwhile', async () => {
    expect(await call(local, 'operators.status', {})).toMatchObject({ setupRequired: true, current: null });
    const res = await dispatchForSession(db, undefined, 'local', 'settings.set', { key: 'institution.name', value: '广东省物业管理行业协会' });
    expect(res.ok).toBe(true);
  });

  it('creates the first administrator once, logs them in, and refuses a second setup', async () => {
    const { operator, session } = await setupAdmin();
    expect(operator).toMatchObject({ login: 'wangfang', name: '王芳', role: 'admin', disabled: false });
    expect(session).toMatch(/^[\w-]{30,}$/);
    expect(await call(local, 'operators.status', {})).toMatchObject({ setupRequired: false });
    const again = await callError(local, 'operators.setup', { login: 'other', name: '他人', password: 'another-pass' });
    expect(again.code).toBe('SETUP_DONE');
  });

  it('stores the password as a salted scrypt hash, never as it was typed', async () => {
    await setupAdmin();
    const row = db.prepare('SELECT password_hash FROM operators').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row.password_hash).not.toContain('admin-pass-1');
    const audit = db.prepare("SELECT new_value FROM audit_log WHERE entity = 'operator'").get() as { new_value: string };
    expect(audit.new_value).not.toContain('scrypt');
  });

  it('refuses a password shorter than 8 characters and a login with a colon', async () => {
    expect((await callError(local, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'short' })).code).toBe('PASSWORD_TOO_SHORT');
    expect((await callError(local, 'operators.setup', { login: 'cli:wang', name: '王芳', password: 'long-enough' })).code).toBe('LOGIN_INVALID');
  });
});

describe('logging in', () => {
  it('gives the same answer for an unknown login and a wrong password', async () => {
    await setupAdmin();
    const unknown = await callError(local, 'operators.login', { login: 'nobody', password: 'admin-pass-1' });
    const wrong = await callError(local, 'operators.login', { login: 'wangfang', password: 'wrong-pass' });
    expect(unknown).toEqual(wrong);
    expect(wrong.code).toBe('LOGIN_FAILED');
  });

  it('needs a login for everything but the login screens once an account exists', async () => {
    await setupAdmin();
    const refused = await dispatchForSession(db, undefined, 'local', 'sessions.list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'LOGIN_REQUIRED' } });
    expect((await dispatchForSession(db, undefined, 'local', 'operators.status', {})).ok).toBe(true);
    const login = await dispatchForSession(db, undefined, 'local', 'operators.login', { login: 'WangFang', password: 'admin-pass-1' });
    const session = (login as { data: { session: string } }).data.session;
    expect((await dispatchForSession(db, session, 'local', 'sessions.list', {})).ok).toBe(true);
  });

  it('records the logged-in operator on every change', async () => {
    const { session } = await setupAdmin();
    await dispatchForSession(db, session, 'local', 'settings.set', { key: 'institution.name', value: '四川省物业管理协会' });
    const row = db.prepare("SELECT operator FROM audit_log WHERE entity = 'setting'").get() as { operator: string };
    expect(row.operator).toBe('wangfang');
  });

  it('ends the session on logout', async () => {
    const { session } = await setupAdmin();
    await dispatchForSession(db, session, 'local', 'operators.logout', {});
    expect(await dispatchForSession(db, session, 'local', 'sessions.list', {})).toMatchObject({ ok: false, error: { code: 'LOGIN_REQUIRED' } });
  });

  it('locks a session left idle longer than the setting, and never with 0', () => {
    const token = openLoginSession('wangfang');
    const now = Date.now();
    expect(touchLoginSession(token, 15, now + 14 * 60_000)).toBe('wangfang');
    expect(touchLoginSession(token, 15, now + 30 * 60_000)).toBeNull();
    const forever = openLoginSession('wangfang');
    expect(touchLoginSession(forever, 0, now + 1000 * 60_000)).toBe('wangfang');
  });

  it('says the login expired when an old session comes back', async () => {
    await setupAdmin();
    expect(() => contextForSession(db, 'stale-token', false, 'local')).toThrow(/登录已过期/);
  });
});

describe('roles', () => {
  beforeEach(async () => {
    await setupAdmin();
    await call(as('wangfang'), 'operators.add', { login: 'lina', name: '李娜', role: 'clerk', password: 'clerk-pass-1' });
  });

  it('lets only an administrator add operators', async () => {
    const e = await callError(as('lina'), 'operators.add', { login: 'zhao', name: '赵敏', role: 'admin', password: 'zhao-pass-1' });
    expect(e.code).toBe('ADMIN_REQUIRED');
    expect(e.message).toContain('管理员');
  });

  it('refuses a login that is taken, whatever its case', async () => {
    expect((await callError(as('wangfang'), 'operators.add', { login: 'LiNa', name: '李娜', role: 'clerk', password: 'clerk-pass-2' })).code).toBe('LOGIN_TAKEN');
  });

  it('stops a disabled operator from logging in, and keeps the last administrator', async () => {
    await call(as('wangfang'), 'operators.disable', { login: 'lina' });
    expect((await callError(local, 'operators.login', { login: 'lina', password: 'clerk-pass-1' })).code).toBe('OPERATOR_DISABLED');
    expect((await callError(as('wangfang'), 'operators.disable', { login: 'wangfang' })).code).toBe('LAST_ADMIN');
  });

  it('ends a disabled operator’s open session at once', async () => {
    const { session } = await call(local, 'operators.login', { login: 'lina', password: 'clerk-pass-1' });
    await call(as('wangfang'), 'operators.disable', { login: 'lina' });
    expect(await dispatchForSession(db, session, 'local', 'sessions.list', {})).toMatchObject({ ok: false, error: { code: 'LOGIN_REQUIRED' } });
  });

  it('lets a clerk change their own password only with the current one', async () => {
    expect((await callError(as('lina'), 'operators.setPassword', { login: 'lina', password: 'new-pass-123', currentPassword: 'guess' })).code).toBe('PASSWORD_WRONG');
    await call(as('lina'), 'operators.setPassword', { login: 'lina', password: 'new-pass-123', currentPassword: 'clerk-pass-1' });
    expect((await call(local, 'operators.login', { login: 'lina', password: 'new-pass-123' })).operator.login).toBe('lina');
    expect((await callError(as('lina'), 'operators.setPassword', { login: 'wangfang', password: 'taken-over-1' })).code).toBe('ADMIN_REQUIRED');
  });

  it('treats the command line (the OS account) as trusted: whoever runs it can already open the file', async () => {
    const list = await call(as('cli:officer'), 'operators.list', {});
    expect(list.map((o) => o.login)).toEqual(['wangfang', 'lina']);
    await call(as('cli:officer'), 'operators.add', { login: 'zhao', name: '赵敏', role: 'clerk', password: 'zhao-pass-1' });
  });
});
