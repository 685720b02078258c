// Who is acting, for the window and the browser: the operator behind a login session, or — while
// no account exists yet (first run) — the local user, as before accounts existed.
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import type { DB } from '../../db/database';
import { getNumberSetting } from '../settings/settings';
import { hasOperators } from './operators';
import { touchLoginSession } from './loginSessions';

export const LOCK_SETTING = 'security.lockAfterMinutes';

/** What may be called before logging in: enough to show the first-run and login screens. */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set(['app.info', 'operators.status', 'operators.setup', 'operators.login', 'operators.logout']);

export function lockAfterMinutes(ctx: Ctx): number {
  return getNumberSetting(ctx, LOCK_SETTING);
}

/**
 * The Ctx for one request. `fallback` names the local user while no account exists.
 * Throws LOGIN_REQUIRED when accounts exist and the session is missing, expired or its
 * account was disabled or removed (e.g. by a restore).
 */
export function contextForSession(db: DB, session: string | undefined, operation: string, fallback: string): Ctx {
  const base: Ctx = { db, operator: fallback };
  if (!hasOperators(base)) return base;
  const login = touchLoginSession(session, lockAfterMinutes(base));
  const account = login === null ? undefined : (db.prepare('SELECT login FROM operators WHERE login = ? AND disabled = 0').get(login) as { login: string } | undefined);
  if (account) return { db, operator: account.login };
  if (PUBLIC_OPERATIONS.has(operation)) return base;
  throw new AppError('LOGIN_REQUIRED', session ? '登录已过期（长时间未操作已自动锁定），请重新登录。' : '请先登录。');
}
