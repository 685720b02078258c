// The one bridge into the sandboxed window: rpc(name, args), and onLive(cb) for other desks' saves
// (electron/liveForward.ts), nothing else. The renderer finds it as window.certdesk and uses rpc
// exactly like the browser build's fetch client (api/contract.ts Rpc), onLive like GET /events.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Rpc } from '../api/contract';
import type { LiveEvent } from '../api/liveEvents';
import { BRIDGE_NAME, LIVE_CHANNEL, RPC_CHANNEL } from './channels';

const bridge = {
  rpc: (name: string, args?: unknown) => ipcRenderer.invoke(RPC_CHANNEL, name, args ?? {}),
  /** Calls `listener` with each saved write's event; returns the unsubscribe. The page never sees the IPC event itself. */
  onLive: (listener: (e: LiveEvent) => void) => {
    const handler = (_event: IpcRendererEvent, e: LiveEvent) => listener(e);
    ipcRenderer.on(LIVE_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(LIVE_CHANNEL, handler);
  },
} satisfies { rpc: Rpc; onLive(listener: (e: LiveEvent) => void): () => void };

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
