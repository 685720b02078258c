// The loopback HTTP server refuses what a foreign page or a DNS-rebound name could send, and once
// accounts exist it acts as the logged-in operator.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createDB, tempDir } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import { startServer, type RunningServer } from '../../api/http';
import { logIn, loginWait, resetLoginFailures } from '../../services/operators/login';

let ctx: Ctx;
let server: RunningServer;

beforeEach(async () => {
  ({ ctx } = createDB());
  const dist = tempDir();
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>CertDesk</title>');
  server = await startServer({ ctx: { db: ctx.db, operator: 'local' }, staticDir: dist });
});

afterEach(async () => {
  await server.close();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** A raw request, so Host and Origin can be set the way an attacker's browser would. */
function request(pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: opts.method ?? 'POST', headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // static file
          }
          resolve({ status: res.statusCode!, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.end(JSON.stringify(opts.body));
    else req.end();
  });
}

const json = { 'Content-Type': 'application/json' };
const auth = () => ({ Authorization: `Bearer ${server.token}`, ...json });

describe('the loopback server refuses', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('a request without the token', async () => {
    const r = await request('/api/rpc/sessions.list', { headers: json, body: {} });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('TOKEN_REQUIRED');
  });

  it('a request with a wrong token, and a page load without one', async () => {
    expect((await request('/api/rpc/sessions.list', { headers: { Authorization: 'Bearer guessed', ...json }, body: {} })).status).toBe(401);
    expect((await request('/', { method: 'GET' })).status).toBe(401);
  });

  it('a request from another web page (foreign Origin), even with the token', async () => {
    const r = await request('/api/rpc/sessions.list', { headers: { ...auth(), Origin: 'http://evil.example' }, body: {} });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('ORIGIN_REFUSED');
    const https = await request('/api/rpc/sessions.list', { headers: { ...auth(), Origin: `https://127.0.0.1:${server.port}` }, body: {} });
    expect(https.status).toBe(403);
    const nullOrigin = await request('/api/rpc/sessions.list', { headers: { ...auth(), Origin: 'null' }, body: {} });
    expect(nullOrigin.status).toBe(403);
  });

  it('a request the browser marks as coming from another site, or from a page on another local port', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const r = await request('/', { method: 'GET', headers: { 'Sec-Fetch-Site': site, Cookie: `certdesk_token_${server.port}=${server.token}` } });
      expect(r.status).toBe(403);
    }
    const typed = await request('/', { method: 'GET', headers: { 'Sec-Fetch-Site': 'none', Cookie: `certdesk_token_${server.port}=${server.token}` } });
    expect(typed.status).toBe(200);
  });

  it('a request under a foreign Host name (DNS rebinding), even with the token', async () => {
    const r = await request('/api/rpc/sessions.list', { headers: { ...auth(), Host: `evil.example:${server.port}` }, body: {} });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('HOST_REFUSED');
  });

  it('a write sent as a form rather than JSON', async () => {
    const r = await request('/api/rpc/settings.set', { headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' }, body: { key: 'institution.name', value: 'x' } });
    expect(r.status).toBe(415);
  });

  it('but answers our own page, with the token, from our own origin', async () => {
    const r = await request('/api/rpc/occupations.list', { headers: { ...auth(), Origin: `http://127.0.0.1:${server.port}` }, body: {} });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
  });

  it('trades the one-time address for an HttpOnly cookie', async () => {
    const r = await request(`/?token=${server.token}`, { method: 'GET' });
    expect(r.status).toBe(302);
    expect(r.headers['set-cookie']?.[0]).toMatch(new RegExp(`^certdesk_token_${server.port}=.+; HttpOnly; SameSite=Strict`));
    const page = await request('/', { method: 'GET', headers: { Cookie: `certdesk_token_${server.port}=${server.token}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('operators over HTTP', () => {
  beforeEach(async () => {
    await call(ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
  });

  it('asks for a login once an account exists', async () => {
    const r = await request('/api/rpc/sessions.list', { headers: auth(), body: {} });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('LOGIN_REQUIRED');
    expect((await request('/api/rpc/operators.status', { headers: auth(), body: {} })).body.data.setupRequired).toBe(false);
  });

  it('logs in with a session cookie and records that operator on changes', async () => {
    const login = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'wangfang', password: 'admin-pass-1' } });
    expect(login.status).toBe(200);
    const cookie = login.headers['set-cookie']![0]!;
    expect(cookie).toMatch(new RegExp(`^certdesk_session_${server.port}=[\\w-]+; HttpOnly; SameSite=Strict`));
    const session = cookie.split(';')[0]!;
    const set = await request('/api/rpc/settings.set', { headers: { ...auth(), Cookie: session }, body: { key: 'institution.name', value: '广东省物业管理行业协会' } });
    expect(set.status).toBe(200);
    const [entry] = await call(ctx, 'audit.history', { entity: 'setting', entityId: 'institution.name' });
    expect(entry!.operator).toBe('wangfang');
  });

  it('accepts the session in the X-CertDesk-Session header too, and ends it on logout', async () => {
    const login = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'wangfang', password: 'admin-pass-1' } });
    const headers = { ...auth(), 'X-CertDesk-Session': login.body.data.session as string };
    expect((await request('/api/rpc/sessions.list', { headers, body: {} })).status).toBe(200);
    const out = await request('/api/rpc/operators.logout', { headers, body: {} });
    expect(out.headers['set-cookie']?.[0]).toContain('Max-Age=0');
    expect((await request('/api/rpc/sessions.list', { headers, body: {} })).status).toBe(401);
  });

  it('answers a wrong password with 401 and a message to retype', async () => {
    const r = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'wangfang', password: 'nope-nope' } });
    expect(r.status).toBe(401);
    expect(r.body.error.message).toContain('登录名或密码不对');
  });
});

describe('what the server answers', () => {
  it('says 404 for a session that does not exist and 422 for arguments that are wrong', async () => {
    const missing = await request('/api/rpc/sessions.get', { headers: auth(), body: { id: 999 } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('SESSION_NOT_FOUND');
    const wrong = await request('/api/rpc/sessions.get', { headers: auth(), body: { id: 'abc' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('INVALID_ARGUMENT');
  });

  it('says 403 when a page names a file on this computer', async () => {
    const r = await request('/api/rpc/export.passRate', { headers: auth(), body: { out: path.join(tempDir(), 'x.xlsx') } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('PATH_NOT_ALLOWED');
  });

  it('never serves a file from a folder beside the renderer whose name starts the same', async () => {
    const dist = tempDir();
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>CertDesk</title>');
    fs.mkdirSync(`${dist}-secret`);
    fs.writeFileSync(path.join(`${dist}-secret`, 's.txt'), '机密');
    const other = await startServer({ ctx: { db: ctx.db, operator: 'local' }, staticDir: dist });
    try {
      const cookie = `certdesk_token_${other.port}=${other.token}`;
      for (const p of [`/..%2F${path.basename(dist)}-secret/s.txt`, `/..%2f${path.basename(dist)}-secret%2fs.txt`]) {
        const r = await new Promise<Reply>((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port: other.port, path: p, method: 'GET', headers: { Host: `127.0.0.1:${other.port}`, Cookie: cookie } }, (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
          });
          req.on('error', reject);
          req.end();
        });
        expect(r.body, p).not.toContain('机密');
        expect(r.status, p).toBe(403);
      }
    } finally {
      await other.close();
    }
  });

  it('tells nobody before a login where the data file is or who runs the server', async () => {
    await call(ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
    const info = await request('/api/rpc/app.info', { headers: auth(), body: {} });
    expect(info.status).toBe(200);
    expect(Object.keys(info.body.data).sort()).toEqual(['schemaVersion', 'version']);
    expect(JSON.stringify(info.body)).not.toContain(ctx.db.name);
  });

  it('refuses an upload while others already hold the memory set aside for uploads, and takes it afterwards', async () => {
    const small = await startServer({ ctx: { db: ctx.db, operator: 'local' }, staticDir: tempDir(), maxBodiesInFlight: 64 * 1024 });
    try {
      const headers = { Host: `127.0.0.1:${small.port}`, Authorization: `Bearer ${small.token}`, 'Content-Type': 'application/json' };
      // A first upload of 48 KB that has not finished arriving...
      const slow = http.request({ host: '127.0.0.1', port: small.port, path: '/api/rpc/candidates.search', method: 'POST', headers });
      const slowReply = new Promise<number>((resolve) => slow.on('response', (res) => (res.resume(), resolve(res.statusCode!))));
      slow.write(`{"query":"${'a'.repeat(48 * 1024)}`);
      await new Promise((r) => setTimeout(r, 200));
      // ...leaves no room for a second one of 32 KB.
      const second = await new Promise<Reply>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: small.port, path: '/api/rpc/candidates.search', method: 'POST', headers }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ query: 'b'.repeat(32 * 1024) }));
      });
      expect(second.status).toBe(503);
      expect(second.body.error.message).toContain('请稍等片刻再试');
      slow.end('","limit":5}');
      expect(await slowReply).not.toBe(503);
    } finally {
      await small.close();
    }
  });
});

describe('guessing passwords over HTTP', () => {
  beforeEach(async () => {
    resetLoginFailures();
    await call(ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
  });

  it('is slowed after five failures: even the right password then waits, the wait is said, and every failure is on record', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'wangfang', password: `guess-${i}` } });
      expect(r.status).toBe(401);
    }
    const fifth = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'wangfang', password: 'guess-4' } });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('LOGIN_THROTTLED');
    expect(fifth.body.error.message).toMatch(/请 \d+ 秒后再试/);
    const right = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'wangfang', password: 'admin-pass-1' } });
    expect(right.status).toBe(429);
    const failures = ctx.db.prepare("SELECT entity_id, operator FROM audit_log WHERE action = 'login-failed'").all() as { entity_id: string; operator: string }[];
    expect(failures).toHaveLength(5);
    expect(failures[0]!.entity_id).toBe('wangfang');
    expect(failures[0]!.operator).toContain('127.0.0.1');
  });

  it('counts failures per address too, so trying one login after another gains nothing', async () => {
    for (let i = 0; i < 5; i++) await request('/api/rpc/operators.login', { headers: auth(), body: { login: `nobody${i}`, password: 'guess-guess' } });
    const r = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'wangfang', password: 'admin-pass-1' } });
    expect(r.status).toBe(429);
  });

  it('lets the right password in once the wait is over, and forgets the failures', async () => {
    const c: Ctx = { db: ctx.db, operator: 'local', client: '192.0.2.7', anonymous: true };
    let now = Date.now();
    for (let i = 0; i < 5; i++) await expect(logIn(c, 'wangfang', `guess-${i}`, () => now)).rejects.toThrow();
    await expect(logIn(c, 'wangfang', 'admin-pass-1', () => now)).rejects.toMatchObject({ code: 'LOGIN_THROTTLED' });
    now += 2_001;
    expect((await logIn(c, 'wangfang', 'admin-pass-1', () => now)).login).toBe('wangfang');
    expect(loginWait('wangfang', '192.0.2.7', now)).toBe(0);
  });

  it('answers an unknown login exactly as a wrong password', async () => {
    const unknown = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'zhaoliu', password: 'admin-pass-1' } });
    const wrong = await request('/api/rpc/operators.login', { headers: auth(), body: { login: 'wangfang', password: 'wrong-pass-1' } });
    expect([unknown.status, unknown.body.error]).toEqual([wrong.status, wrong.body.error]);
  });
});
