// The IPC adapter answers our own pages through the real dispatcher, and nobody else.
import { describe, expect, it } from 'vitest';
import { answerRpc } from './ipc';
import { createDB } from '../test/helpers';

describe('rpc calls from the window', () => {
  it('answers a call from the CertDesk page with the same result the CLI and HTTP give', async () => {
    const { ctx, db } = createDB();
    const res = await answerRpc(ctx, { senderFrame: { url: 'app://certdesk/index.html' } }, 'occupations.list', {});
    db.close();
    expect(res.ok).toBe(true);
    expect((res as { ok: true; data: unknown[] }).data.length).toBeGreaterThanOrEqual(16);
  });

  it('refuses a call from any other page, before touching the database', async () => {
    const { ctx, db } = createDB();
    for (const url of ['https://example.com/', 'file:///tmp/x.html', 'app://evil/index.html', 'devtools://devtools/bundled/inspector.html']) {
      const res = await answerRpc(ctx, { senderFrame: { url } }, 'settings.set', { key: 'institution.name', value: '被篡改' });
      expect(res).toEqual({ ok: false, error: { code: 'IPC_SENDER_REFUSED', message: '拒绝来自非 CertDesk 页面的调用。' } });
    }
    const stored = await answerRpc(ctx, { senderFrame: { url: 'app://certdesk/' } }, 'settings.list', {});
    db.close();
    expect(JSON.stringify(stored)).not.toContain('被篡改');
  });

  it('refuses a call whose frame has already gone away', async () => {
    const { ctx, db } = createDB();
    const res = await answerRpc(ctx, { senderFrame: null }, 'occupations.list', {});
    db.close();
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('IPC_SENDER_REFUSED');
  });

  it('tells the page plainly when the operation name is not text or does not exist', async () => {
    const { ctx, db } = createDB();
    const frame = { senderFrame: { url: 'app://certdesk/index.html' } };
    const notText = await answerRpc(ctx, frame, 42, {});
    const unknown = await answerRpc(ctx, frame, 'no.such.thing', {});
    db.close();
    expect(!notText.ok && notText.error.code).toBe('INVALID_ARGUMENT');
    expect(!unknown.ok && unknown.error).toEqual({ code: 'UNKNOWN_OPERATION', message: '没有名为「no.such.thing」的操作。' });
  });
});
