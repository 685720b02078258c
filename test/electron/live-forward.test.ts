// A colleague's save through the LAN server reaches the desktop window: the real bus the dispatcher
// announces on, forwarded to each open window's webContents (fakes standing in for Electron's).
import { describe, expect, it } from 'vitest';
import { call, createDB } from '../helpers';
import { liveEvents } from '../../api/liveEvents';
import { forwardLiveEvents, type LiveTarget } from '../../electron/liveForward';
import { LIVE_CHANNEL } from '../../electron/channels';

/** Records what the main process sends, the way a window's webContents would receive it. */
function fakeWindow() {
  const sent: { channel: string; args: unknown[] }[] = [];
  let destroyed = false;
  const contents: LiveTarget = {
    isDestroyed: () => destroyed,
    send: (channel, ...args) => void sent.push({ channel, args }),
  };
  return { contents, sent, destroy: () => (destroyed = true) };
}

describe('live events in the desktop window', () => {
  it('sends each save to every open window on one channel, and nothing after a window closes or on quit', async () => {
    const { ctx } = createDB();
    const a = fakeWindow();
    const b = fakeWindow();
    const open = [a, b];
    const stop = forwardLiveEvents(liveEvents, () => open.map((w) => w.contents));
    try {
      const s = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 3, date: '2026-06-15' });
      for (const w of [a, b]) {
        expect(w.sent).toHaveLength(1);
        expect(w.sent[0]!.channel).toBe(LIVE_CHANNEL);
        expect(w.sent[0]!.channel).toBe('certdesk:live');
        expect(w.sent[0]!.args).toHaveLength(1);
        expect(w.sent[0]!.args[0]).toMatchObject({ op: 'sessions.create', by: 'test', sessionId: s.id });
      }

      // A refused save announces nothing.
      await call(ctx, 'results.set', { sessionId: s.id, idNumber: '440106199003150319', part: 'theory', score: 'abc' }).catch(() => undefined);
      expect(a.sent).toHaveLength(1);

      // A window closed (destroyed, still listed for a moment) gets nothing; the other still does.
      b.destroy();
      await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: '440106199003150319', name: '张伟' } });
      expect(b.sent).toHaveLength(1);
      expect(a.sent).toHaveLength(2);
      expect(a.sent[1]!.args[0]).toMatchObject({ op: 'enrolments.add', sessionId: s.id });

      // A window whose send throws does not stop the others, nor the save.
      const broken: LiveTarget = {
        isDestroyed: () => false,
        send: () => {
          throw new Error('Render frame was disposed');
        },
      };
      open.unshift({ contents: broken, sent: [], destroy: () => true });
      await call(ctx, 'sessions.update', { id: s.id, name: '2026年上半年物业管理师（三级）' });
      expect(a.sent).toHaveLength(3);
    } finally {
      stop();
    }

    // On quit the forwarding unsubscribes: later saves reach no window.
    const before = liveEvents.listenerCount();
    await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 3, date: '2026-07-15' });
    expect(a.sent).toHaveLength(3);
    expect(before).toBe(0);
    ctx.db.close();
  });
});
