// 设置 → 开放给局域网: the window opens the same LAN server inside its own process, shows the
// addresses, a QR code and the fingerprint, and stops it again. Administrators only.
import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { call, callError } from '../helpers';
import { openDatabase } from '../../db/database';
import { lanDataFile } from './harness';
import type { Ctx } from '../../services/shared/context';

let ctx: Ctx | undefined;

afterEach(async () => {
  if (ctx) await call({ ...ctx, operator: 'wangfang' }, 'lan.close', {});
  ctx?.db.close();
  ctx = undefined;
});

function get(url: string): Promise<{ status: number; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = https.request({ host: u.hostname, port: u.port, path: '/api/rpc/sessions.list', method: 'POST', rejectUnauthorized: false, headers: { Host: u.host, 'Content-Type': 'application/json' } }, (res) => {
      const fingerprint = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256;
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, fingerprint }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('开放给局域网 from the window', () => {
  it('opens on the chosen interface, shows address, QR code and fingerprint, and closes again', async () => {
    const file = await lanDataFile();
    ctx = { db: openDatabase(file), operator: 'wangfang' };
    const before = await call(ctx, 'lan.status', {});
    expect(before).toMatchObject({ open: false, addresses: [], fingerprint: null });
    const open = await call(ctx, 'lan.open', { bind: '127.0.0.1' });
    expect(open.open).toBe(true);
    expect(open.addresses).toEqual([expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+\/$/)]);
    expect(open.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(open.qrSvg).toMatch(/^<svg/);
    // A colleague reaches it (and is asked to log in), seeing the fingerprint the window shows.
    const reply = await get(open.addresses[0]!);
    expect(reply.status).toBe(401);
    expect(reply.fingerprint).toBe(open.fingerprint);
    const closed = await call(ctx, 'lan.close', {});
    expect(closed.open).toBe(false);
    // The certificate stays for the next opening: the fingerprint colleagues compared stays valid.
    expect(closed.fingerprint).toBe(open.fingerprint);
    await expect(get(open.addresses[0]!)).rejects.toThrow();
  }, 60_000);

  it('is an administrator’s to open', async () => {
    const file = await lanDataFile();
    ctx = { db: openDatabase(file), operator: 'lina' };
    expect((await callError(ctx, 'lan.open', { bind: '127.0.0.1' })).code).toBe('ADMIN_REQUIRED');
    expect((await call(ctx, 'lan.status', {})).open).toBe(false);
  }, 60_000);
});
