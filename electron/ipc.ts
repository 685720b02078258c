// The IPC adapter: the window's rpc(name, args) calls reach the same dispatcher as HTTP and the CLI,
// but only from a frame of our own renderer (app://certdesk) — never from anything else that
// might end up loaded in a frame. Like the HTTP server's HttpOnly cookie, the login session stays
// on this side: it is kept per window, and decides who is acting (services/operators/access.ts).
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatchForSession, openedSession, operationNamed } from '../api/dispatch';
import type { RpcResponse } from '../api/contract';
import type { DB } from '../db/database';
import { RPC_CHANNEL } from './channels';
import { isAppUrl } from './security';

/** What the adapter needs from an invoke event: the window that sent it, and its frame (null once gone). */
export type RpcSender = { sender: { id: number }; senderFrame: { url: string } | null };

export class WindowRpc {
  private readonly sessions = new Map<number, string>();

  /** `localUser` acts while no operator account exists yet (first run). */
  constructor(
    private readonly db: () => DB,
    private readonly localUser: string,
  ) {}

  /** A call from a window's page. */
  async fromWindow(event: RpcSender, name: unknown, args: unknown): Promise<RpcResponse<unknown>> {
    if (!isAppUrl(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'IPC_SENDER_REFUSED', message: '拒绝来自非 CertDesk 页面的调用。' } };
    }
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: '操作名必须是文字。' } };
    }
    return this.call(event.sender.id, name, args, 'page');
  }

  /** A call the main process makes for a window's operator (the menu's 备份 and 恢复). */
  async asWindow(windowId: number, name: string, args: unknown): Promise<RpcResponse<unknown>> {
    return this.call(windowId, name, args, 'shell');
  }

  private async call(windowId: number, name: string, args: unknown, caller: 'shell' | 'page'): Promise<RpcResponse<unknown>> {
    const res = await dispatchForSession(this.db(), this.sessions.get(windowId), this.localUser, name, args, { caller, client: `window-${windowId}` });
    const opened = openedSession(name, res);
    if (opened) this.sessions.set(windowId, opened);
    if (operationNamed(name)?.login === 'closes') this.sessions.delete(windowId);
    return res;
  }

  /** A closed window's login ends with it. */
  forget(windowId: number): void {
    this.sessions.delete(windowId);
  }

  register(ipcMain: Pick<IpcMain, 'handle'>): void {
    ipcMain.handle(RPC_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, args: unknown) => this.fromWindow(event, name, args));
  }
}
