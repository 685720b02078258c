// Logging in: the password check, slowed down for whoever keeps guessing, and every failure on record.
//
// Failures are counted per account and per client address. The first FREE_TRIES cost nothing;
// after that each further try must wait twice as long as the last (2 s, 4 s, 8 s … at most
// 15 minutes), and a try made too early is refused without even checking the password, so a
// guesser gets a handful of tries an hour instead of thirty a second. A successful login clears
// both counts. Every failure is written to the audit log (the login typed, from where).
//
// An unknown login is checked against a hash of the same cost as a real one, so the answer takes
// as long and the same words are used: accounts cannot be found by trying.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { accountForLogin, operatorDisabled, replacePasswordHash, type Operator } from './operators';
import { checkPassword, hashPassword, needsRehash, unknownLoginHash } from './passwords';

const FREE_TRIES = 5;
const FIRST_WAIT_MS = 2_000;
const LONGEST_WAIT_MS = 15 * 60_000;
/** A count nobody has added to for this long is forgotten. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** At most this many counts are kept; the stalest go first (a flood of made-up logins cannot fill memory). */
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  last: number;
}

const failures = new Map<string, Failures>();

function keysFor(login: string, client: string | undefined): string[] {
  const keys = [`login:${login.trim().toLowerCase()}`];
  if (client) keys.push(`client:${client}`);
  return keys;
}

function waitAfter(count: number): number {
  if (count < FREE_TRIES) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (count - FREE_TRIES));
}

/** Milliseconds until this login from this client may be tried again (0: now). */
export function loginWait(login: string, client: string | undefined, now = Date.now()): number {
  let wait = 0;
  for (const key of keysFor(login, client)) {
    const f = failures.get(key);
    if (f) wait = Math.max(wait, f.last + waitAfter(f.count) - now);
  }
  return Math.max(0, wait);
}

function noteFailure(login: string, client: string | undefined, now: number): void {
  for (const key of keysFor(login, client)) {
    const f = failures.get(key);
    failures.delete(key); // re-inserted last: the Map's order is then stalest first
    failures.set(key, { count: (f && now - f.last < FORGET_AFTER_MS ? f.count : 0) + 1, last: now });
  }
  while (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!);
}

function clearFailures(login: string, client: string | undefined): void {
  for (const key of keysFor(login, client)) failures.delete(key);
}

/** Forget every count (a restart does the same). For tests. */
export function resetLoginFailures(): void {
  failures.clear();
}

function refuseTooEarly(waitMs: number): never {
  const seconds = Math.ceil(waitMs / 1000);
  const when = seconds >= 120 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
  throw new AppError('LOGIN_THROTTLED', `密码错误次数过多，为防止他人猜测密码，请 ${when}后再试。忘记密码请联系管理员重设。`, { retryAfterSeconds: seconds });
}

export async function logIn(ctx: Ctx, login: string, password: string, now: () => number = Date.now): Promise<Operator> {
  const wait = loginWait(login, ctx.client, now());
  if (wait > 0) refuseTooEarly(wait);
  const account = accountForLogin(ctx, login);
  const ok = await checkPassword(password, account?.passwordHash ?? (await unknownLoginHash()));
  if (!account || !ok) {
    noteFailure(login, ctx.client, now());
    inTransaction(ctx.db, () =>
      recordAudit(
        { ...ctx, operator: `未登录${ctx.client ? `（${ctx.client}）` : ''}` },
        { entity: 'operator', entityId: login.trim().slice(0, 64), action: 'login-failed', newValue: { client: ctx.client ?? null } },
      ),
    );
    const next = loginWait(login, ctx.client, now());
    if (next > 0) refuseTooEarly(next);
    throw new AppError('LOGIN_FAILED', '登录名或密码不对，请重新输入。');
  }
  clearFailures(login, ctx.client);
  if (account.operator.disabled) throw operatorDisabled(account.operator.login);
  if (needsRehash(account.passwordHash)) {
    const hash = await hashPassword(password);
    inTransaction(ctx.db, () => replacePasswordHash(ctx, account.operator.login, hash));
  }
  return account.operator;
}
