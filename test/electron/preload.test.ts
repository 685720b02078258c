// What the preload puts on window.certdesk: rpc and onLive, nothing else; onLive hands the page the
// event alone (never Electron's IPC event, which carries the sender) and its unsubscribe really stops.
import { describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const handlers = new Map<string, Set<(...a: unknown[]) => void>>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
  ipcRenderer: {
    invoke: async () => ({ ok: true, data: null }),
    on: (channel: string, h: (...a: unknown[]) => void) => void (handlers.get(channel) ?? handlers.set(channel, new Set()).get(channel)!).add(h),
    removeListener: (channel: string, h: (...a: unknown[]) => void) => void handlers.get(channel)?.delete(h),
  },
}));

describe('the preload bridge', () => {
  it('exposes rpc and onLive only, and onLive passes just the event until unsubscribed', async () => {
    await import('../../electron/preload');
    const bridge = exposed.get('certdesk') as { onLive(cb: (e: unknown) => void): () => void };
    expect([...exposed.keys()]).toEqual(['certdesk']);
    expect(Object.keys(bridge).sort()).toEqual(['onLive', 'rpc']);
    const got: unknown[][] = [];
    const stop = bridge.onLive((...a) => got.push(a));
    const fire = (e: unknown) => handlers.get('certdesk:live')?.forEach((h) => h({ sender: 'ipc-renderer' }, e));
    fire({ op: 'results.set', by: 'zhoujing', sessionId: 7, at: 1 });
    expect(got).toEqual([[{ op: 'results.set', by: 'zhoujing', sessionId: 7, at: 1 }]]);
    stop();
    fire({ op: 'results.set', by: 'zhoujing', sessionId: 7, at: 2 });
    expect(got).toHaveLength(1);
    expect(handlers.get('certdesk:live')?.size).toBe(0);
  });
});
