// Colleagues' saves reach the desktop window too: the LAN server (设置 → 开放给局域网) runs in this
// process and its dispatcher announces every successful write on api/liveEvents.ts, which browsers
// receive over GET /events (docs/lan.md). The window has no HTTP stream, so the main process hands
// each event to every open window over one IPC channel instead; only names and ids travel, as on
// the stream, and the page then reloads through its own rpc login.
import type { LiveEvent } from '../api/liveEvents';
import { LIVE_CHANNEL } from './channels';

/** What forwarding needs from Electron's webContents. */
export interface LiveTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface LiveBus {
  subscribe(listener: (e: LiveEvent) => void): () => void;
}

/** Sends each event on `bus` to every target `targets()` lists at that moment; returns the unsubscribe. */
export function forwardLiveEvents(bus: LiveBus, targets: () => Iterable<LiveTarget>): () => void {
  return bus.subscribe((event) => {
    for (const target of targets()) {
      // A window closing between the listing and the send is simply skipped.
      if (target.isDestroyed()) continue;
      try {
        target.send(LIVE_CHANNEL, event);
      } catch {
        // One window that cannot take it must not stop the others, nor the write that succeeded.
      }
    }
  });
}
