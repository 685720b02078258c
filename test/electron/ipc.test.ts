// The IPC adapter answers our own pages through the real dispatcher, and nobody else; the login
// belongs to the window it was made in.
import { describe, expect, it } from 'vitest';
import { WindowRpc, type RpcSender } from '../../electron/ipc';
import { createDB } from '../helpers';

const PAGE = 'app://certdesk/index.html';

function windowAt(id: number, url: string | null = PAGE): RpcSender {
  return { sender: { id }, senderFrame: url === null ? null : { url } };
}

function shell() {
  const { db } = createDB();
  return { db, rpc: new WindowRpc(() => db, 'desktop:officer') };
}

describe('rpc calls from the window', () => {
  it('answers a call from the CertDesk page with the same result the CLI and HTTP give', async () => {
    const { db, rpc } = shell();
    const res = await rpc.fromWindow(windowAt(1), 'occupations.list', {});
    db.close();
    expect(res.ok).toBe(true);
    expect((res as { ok: true; data: unknown[] }).data.length).toBeGreaterThanOrEqual(16);
  });

  it('refuses a call from any other page, before touching the database', async () => {
    const { db, rpc } = shell();
    for (const url of ['https://example.com/', 'file:///tmp/x.html', 'app://evil/index.html', 'devtools://devtools/bundled/inspector.html']) {
      const res = await rpc.fromWindow(windowAt(1, url), 'settings.set', { key: 'institution.name', value: '被篡改' });
      expect(res).toEqual({ ok: false, error: { code: 'IPC_SENDER_REFUSED', message: '拒绝来自非 CertDesk 页面的调用。' } });
    }
    const stored = await rpc.fromWindow(windowAt(1), 'settings.list', {});
    db.close();
    expect(JSON.stringify(stored)).not.toContain('被篡改');
  });

  it('refuses a call whose frame has already gone away', async () => {
    const { db, rpc } = shell();
    const res = await rpc.fromWindow(windowAt(1, null), 'occupations.list', {});
    db.close();
    expect(!res.ok && res.error.code).toBe('IPC_SENDER_REFUSED');
  });

  it('tells the page plainly when the operation name is not text or does not exist', async () => {
    const { db, rpc } = shell();
    const notText = await rpc.fromWindow(windowAt(1), 42, {});
    const unknown = await rpc.fromWindow(windowAt(1), 'no.such.thing', {});
    db.close();
    expect(!notText.ok && notText.error.code).toBe('INVALID_ARGUMENT');
    expect(!unknown.ok && unknown.error).toEqual({ code: 'UNKNOWN_OPERATION', message: '没有名为「no.such.thing」的操作。' });
  });
});

describe('who is acting in the window', () => {
  it('records the local user while no operator account exists (first run)', async () => {
    const { db, rpc } = shell();
    await rpc.fromWindow(windowAt(1), 'settings.set', { key: 'institution.name', value: '某市物业管理协会' });
    const who = db.prepare("SELECT operator FROM audit_log WHERE entity = 'setting' ORDER BY seq DESC LIMIT 1").get() as { operator: string };
    db.close();
    expect(who.operator).toBe('desktop:officer');
  });

  it('after the first administrator is set up in the window, acts as that administrator there', async () => {
    const { db, rpc } = shell();
    const setup = await rpc.fromWindow(windowAt(1), 'operators.setup', { login: 'wangfang', name: '王芳', password: 'Zheng-shu-2024' });
    expect(setup.ok).toBe(true);
    const status = await rpc.fromWindow(windowAt(1), 'operators.status', {});
    const backup = await rpc.asWindow(1, 'backup.create', {});
    db.close();
    expect(status.ok && (status.data as { current: { login: string } }).current.login).toBe('wangfang');
    expect(backup.ok).toBe(true);
  });

  it('asks another window, and the menu acting for it, to log in first', async () => {
    const { db, rpc } = shell();
    await rpc.fromWindow(windowAt(1), 'operators.setup', { login: 'wangfang', name: '王芳', password: 'Zheng-shu-2024' });
    const other = await rpc.fromWindow(windowAt(2), 'settings.set', { key: 'institution.name', value: 'x' });
    const restore = await rpc.asWindow(2, 'backup.restore', { file: '/tmp/none.sqlite' });
    db.close();
    expect(!other.ok && other.error.code).toBe('LOGIN_REQUIRED');
    expect(!restore.ok && restore.error.code).toBe('LOGIN_REQUIRED');
  });

  it('forgets the login on logout and when the window closes', async () => {
    const { db, rpc } = shell();
    await rpc.fromWindow(windowAt(1), 'operators.setup', { login: 'wangfang', name: '王芳', password: 'Zheng-shu-2024' });
    await rpc.fromWindow(windowAt(1), 'operators.logout', {});
    const afterLogout = await rpc.fromWindow(windowAt(1), 'candidates.search', {});
    await rpc.fromWindow(windowAt(3), 'operators.login', { login: 'wangfang', password: 'Zheng-shu-2024' });
    rpc.forget(3);
    const afterClose = await rpc.fromWindow(windowAt(3), 'candidates.search', {});
    db.close();
    expect(!afterLogout.ok && afterLogout.error.code).toBe('LOGIN_REQUIRED');
    expect(!afterClose.ok && afterClose.error.code).toBe('LOGIN_REQUIRED');
  });
});
