// The dispatcher: checks the caller against the operation's own policy, validates the arguments,
// runs the handler, and returns {ok,data} or {ok,false,error}. Every adapter comes through here.
import { z } from 'zod';
import { operations, type OpName, type RpcResponse } from './contract';
import type { Operation } from './op';
import type { Ctx } from '../services/shared/context';
import { AppError, toErrorBody } from '../services/errors';
import { backupBeforeWrite } from '../services/backup/automatic';
import { contextForSession } from '../services/operators/access';
import { closeLoginSession } from '../services/operators/loginSessions';
import { refuseJudge, requireAdmin } from '../services/operators/operators';
import { refuseUnsafeText } from '../services/shared/text';
import type { DB } from '../db/database';
import { liveEvents } from './liveEvents';

z.config(z.locales.zhCN());

export function isOperation(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

/** The operation's declaration, or undefined for a name the contract does not have. */
export function operationNamed(name: string): Operation | undefined {
  return isOperation(name) ? (operations[name] as Operation) : undefined;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? `参数 ${i.path.join('.')}` : '参数';
      return `${where}：${i.message}`;
    })
    .join('；');
}

export async function dispatch(ctx: Ctx, name: string, rawArgs: unknown): Promise<RpcResponse<unknown>> {
  const op = operationNamed(name);
  if (!op) return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `没有名为「${name}」的操作。` } };
  try {
    if (op.access === 'admin') requireAdmin(ctx, op.title);
    else if (op.access === 'operator') refuseJudge(ctx, op.title);
    // Text that could hide or disguise what it says (NUL, control characters, bidi overrides,
    // broken UTF-16) is refused at the door, before any of it reaches the data file or a PDF.
    refuseUnsafeText(rawArgs);
  } catch (e) {
    return { ok: false, error: toErrorBody(e) };
  }
  const parsed = op.input.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `${describeIssues(parsed.error)}。请检查填写的内容。` } };
  }
  try {
    if (op.writes) await backupBeforeWrite(ctx, op.backup, parsed.data);
    const data = await op.run(ctx, parsed.data);
    if (op.writes) liveEvents.announce(name, ctx.operator, parsed.data, data);
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: toErrorBody(e) };
  }
}

/** Who is calling from a window or a browser, beyond the login session. */
export interface PageCaller {
  /** The window's own menu acting on a path its dialog returned ('shell'), or the page itself. */
  caller?: 'shell' | 'page';
  /** The browser's address, or the window: failed logins are slowed per client. */
  client?: string;
}

/**
 * For the window and the browser: the acting operator comes from the login session (see
 * services/operators/access.ts); `localUser` acts while no account exists yet. The command line
 * calls dispatch directly as the OS account.
 */
export async function dispatchForSession(db: DB, session: string | undefined, localUser: string, name: string, rawArgs: unknown, from: PageCaller = {}): Promise<RpcResponse<unknown>> {
  const op = operationNamed(name);
  if (!op) return dispatch({ db, operator: localUser }, name, rawArgs);
  let ctx: Ctx;
  try {
    ctx = { ...contextForSession(db, session, op.access === 'public', localUser), caller: from.caller ?? 'page', client: from.client };
  } catch (e) {
    return { ok: false, error: toErrorBody(e) };
  }
  const res = await dispatch(ctx, name, rawArgs);
  if (op.login === 'closes') closeLoginSession(session);
  return res;
}

/** The login session an operation's result opens (operators.login, operators.setup), if it does. */
export function openedSession(name: string, res: RpcResponse<unknown>): string | undefined {
  if (!res.ok || operationNamed(name)?.login !== 'opens') return undefined;
  const session = (res.data as { session?: unknown } | null)?.session;
  if (typeof session !== 'string') throw new AppError('INTERNAL', `操作「${name}」声明会打开登录会话，却没有返回会话。`);
  return session;
}
