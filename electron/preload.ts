// The one bridge into the sandboxed window: rpc(name, args), nothing else. The renderer finds it as
// window.certdesk.rpc and uses it exactly like the browser build's fetch client (api/contract.ts Rpc).
import { contextBridge, ipcRenderer } from 'electron';
import type { Rpc } from '../api/contract';
import { BRIDGE_NAME, RPC_CHANNEL } from './channels';

const bridge = {
  rpc: (name: string, args?: unknown) => ipcRenderer.invoke(RPC_CHANNEL, name, args ?? {}),
} satisfies { rpc: Rpc };

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
