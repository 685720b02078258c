// The one IPC channel between the window and the main process (shared by preload.ts and ipc.ts).
export const RPC_CHANNEL = 'certdesk:rpc';

/** The name the preload gives the bridge on `window` (window.certdesk.rpc). */
export const BRIDGE_NAME = 'certdesk';

/** Main → window: each successful write on this data file (api/liveEvents.ts), so the window refreshes like a browser on the LAN. */
export const LIVE_CHANNEL = 'certdesk:live';
