// The one IPC channel between the window and the main process (shared by preload.ts and ipc.ts).
export const RPC_CHANNEL = 'certdesk:rpc';

/** The name the preload gives the bridge on `window` (window.certdesk.rpc). */
export const BRIDGE_NAME = 'certdesk';
