// Who is acting, for the window and the browser: the operator behind a login session, or — while
// no account exists yet (first run) — the local user, as before accounts existed.
import { AppError } from '../errors';
import { cachedStatement, type Ctx } from '../shared/context';
import type { DB } from '../../db/database';
import { getNumberSetting } from '../settings/settings';
import { hasOperators, loginRequired } from './operators';
import { touchLoginSession } from './loginSessions';

export const LOCK_SETTING = 'security.lockAfterMinutes';

export function lockAfterMinutes(ctx: Ctx): number {
  return getNumberSetting(ctx, LOCK_SETTING);
}

/**
 * The Ctx for one request. `fallback` names the local user while no account exists. Once
 * accounts exist, a call without a live login is anonymous: allowed only where the operation is
 * open to anyone (`isPublic`, from its own declaration), else LOGIN_REQUIRED — also when the
 * session expired or its account was disabled or removed (e.g. by a restore).
 */
export function contextForSession(db: DB, session: string | undefined, isPublic: boolean, fallback: string): Ctx {
  const base: Ctx = { db, operator: fallback };
  if (!hasOperators(base)) return base;
  const login = touchLoginSession(session, lockAfterMinutes(base));
  const account = login === null ? undefined : (cachedStatement(db, 'SELECT login, role FROM operators WHERE login = ? AND disabled = 0').get(login) as Ctx['account']);
  // The role rides along, so the operation's access check needs no second look-up.
  if (account) return { db, operator: account.login, account: { login: account.login, role: account.role } };
  if (isPublic) return { ...base, anonymous: true };
  throw session ? new AppError('LOGIN_REQUIRED', '登录已过期（长时间未操作已自动锁定），请重新登录。') : loginRequired();
}
