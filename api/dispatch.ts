// The dispatcher: validates arguments, runs the handler, and returns {ok,data} or {ok,false,error}.
import { z } from 'zod';
import { operations, type OpName, type RpcResponse } from './contract';
import type { Operation } from './op';
import type { Ctx } from '../services/shared/context';
import { toErrorBody } from '../services/errors';
import { backupBeforeWrite } from '../services/backup/automatic';
import { contextForSession } from '../services/operators/access';
import { closeLoginSession } from '../services/operators/loginSessions';
import type { DB } from '../db/database';

z.config(z.locales.zhCN());

export function isOperation(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

export function isWriteOperation(name: string): boolean {
  return isOperation(name) && (operations[name] as Operation).writes === true;
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
  if (!isOperation(name)) {
    return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `没有名为「${name}」的操作。` } };
  }
  const op = operations[name] as Operation;
  const parsed = op.input.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `${describeIssues(parsed.error)}。请检查填写的内容。` } };
  }
  try {
    // Cross-cutting: a backup before imports and finalizing, and the day's first backup.
    if (op.writes) await backupBeforeWrite(ctx, name, parsed.data);
    const data = await op.run(ctx, parsed.data);
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: toErrorBody(e) };
  }
}

/**
 * For the window and the browser: the acting operator comes from the login session (see
 * services/operators/access.ts); `localUser` acts while no account exists yet. The command line
 * calls dispatch directly as the OS account.
 */
export async function dispatchForSession(
  db: DB,
  session: string | undefined,
  localUser: string,
  name: string,
  rawArgs: unknown,
  caller: 'shell' | 'page' = 'page',
): Promise<RpcResponse<unknown>> {
  let ctx: Ctx;
  try {
    ctx = { ...contextForSession(db, session, name, localUser), caller };
  } catch (e) {
    return { ok: false, error: toErrorBody(e) };
  }
  const res = await dispatch(ctx, name, rawArgs);
  if (name === 'operators.logout') closeLoginSession(session);
  return res;
}
