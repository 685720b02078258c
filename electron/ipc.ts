// The IPC adapter: the window's rpc(name, args) calls reach the same dispatcher as HTTP and the CLI,
// but only from a frame of our own renderer (app://certdesk) — never from anything else that
// might end up loaded in a frame.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../api/dispatch';
import type { RpcResponse } from '../api/contract';
import type { Ctx } from '../services/shared/context';
import { RPC_CHANNEL } from './channels';
import { isAppUrl } from './security';

/** What the check needs from an invoke event: the frame that sent it (null once it has gone away). */
export type RpcSender = { senderFrame: { url: string } | null };

export async function answerRpc(ctx: Ctx, sender: RpcSender, name: unknown, args: unknown): Promise<RpcResponse<unknown>> {
  if (!isAppUrl(sender.senderFrame?.url)) {
    return { ok: false, error: { code: 'IPC_SENDER_REFUSED', message: '拒绝来自非 CertDesk 页面的调用。' } };
  }
  if (typeof name !== 'string') {
    return { ok: false, error: { code: 'INVALID_ARGUMENT', message: '操作名必须是文字。' } };
  }
  return dispatch(ctx, name, args);
}

/** Registers the one handler; `ctx` is asked on every call so a restore can swap the database. */
export function registerRpc(ipcMain: Pick<IpcMain, 'handle'>, ctx: () => Ctx): void {
  ipcMain.handle(RPC_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, args: unknown) => answerRpc(ctx(), event, name, args));
}
