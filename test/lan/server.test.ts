// CertDesk open to the office LAN: `certdesk serve --lan` on loopback, over HTTPS with the
// installation's own certificate, reached by colleagues who each log in with their own account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database';
import { runCli } from '../helpers';
import { LI, scoredSession, ZHANG } from '../trust/fixtures';
import { certificateFiles } from '../../services/lan/tlsCertificate';
import { Desk, fileMode, lanDataFile, request, startLan, type LanServer } from './harness';

let file: string;
let server: LanServer;
let sessionId: number;

beforeAll(async () => {
  file = await lanDataFile(async (ctx) => {
    ({ sessionId } = await scoredSession(ctx));
  });
  server = await startLan(file);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('certdesk serve --lan', () => {
  it('answers over HTTPS at the address it prints, with the fingerprint it prints', async () => {
    expect(server.base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.addresses).toEqual([`${server.base}/`]);
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const page = await request(server, '/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.fingerprint).toBe(server.fingerprint);
  });

  it('refuses every operation without a login (401), and no token in the address opens it', async () => {
    const r = await request(server, '/api/rpc/sessions.list', { body: {} });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('LOGIN_REQUIRED');
    const events = await request(server, '/events', { method: 'GET' });
    expect(events.status).toBe(401);
  });

  it('lets a clerk key scores but refuses them an administrator operation (403)', async () => {
    const lina = await new Desk(server, 'lina').logIn();
    expect(lina.cookie).toMatch(/^certdesk_session_\d+=/);
    expect((await lina.call('sessions.list', {})).status).toBe(200);
    const add = await lina.call('operators.add', { login: 'intruder', name: '某人', role: 'admin', password: 'whatever-1' });
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe('ADMIN_REQUIRED');
  });

  it('sets the session cookie HttpOnly, SameSite=Strict and Secure', async () => {
    const r = await request(server, '/api/rpc/operators.login', { body: { login: 'wangfang', password: 'admin-pass-1' } });
    expect(r.headers['set-cookie']![0]).toMatch(/; HttpOnly; SameSite=Strict; Path=\/; Secure$/);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with a login', async () => {
    const wang = await new Desk(server, 'wangfang').logIn();
    const host = await request(server, '/api/rpc/sessions.list', { body: {}, headers: { Cookie: wang.cookie, Host: `evil.example:${server.port}` } });
    expect(host.status).toBe(403);
    expect(host.body.error.code).toBe('HOST_REFUSED');
    for (const origin of ['https://evil.example', `http://127.0.0.1:${server.port}`, 'null']) {
      const r = await request(server, '/api/rpc/sessions.list', { body: {}, headers: { Cookie: wang.cookie, Origin: origin } });
      expect(r.status, origin).toBe(403);
      expect(r.body.error.code).toBe('ORIGIN_REFUSED');
    }
    expect((await wang.call('sessions.list', {})).status).toBe(200);
  });

  it("delivers a save made at one desk to another desk's event stream within a second", async () => {
    const wang = await new Desk(server, 'wangfang').logIn();
    const lina = await new Desk(server, 'lina').logIn();
    const stream = await lina.events();
    try {
      expect(stream.status).toBe(200);
      const saved = await wang.call('results.set', { sessionId, idNumber: ZHANG, part: 'theory', score: 61 });
      expect(saved.status).toBe(200);
      const e = await stream.next((x) => x.op === 'results.set' && x.sessionId === sessionId);
      expect(e.by).toBe('wangfang');
      expect(e.enrolmentId).toBe(saved.body.data.candidate.enrolmentId);
      expect(e.receivedAt - e.at).toBeLessThan(1000);
    } finally {
      stream.close();
    }
  });

  it('slows guessing after five failures, says so, and records each failure with the address', async () => {
    for (let i = 0; i < 4; i++) expect((await request(server, '/api/rpc/operators.login', { body: { login: 'zhaolei', password: `guess-${i}` } })).status).toBe(401);
    const fifth = await request(server, '/api/rpc/operators.login', { body: { login: 'zhaolei', password: 'guess-4' } });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.message).toMatch(/密码错误次数过多.*请 \d+ 秒后再试/);
    // The same address guessing another account is slowed too (per client, not only per account).
    const other = await request(server, '/api/rpc/operators.login', { body: { login: 'nobody', password: 'guess' } });
    expect(other.status).toBe(429);
    const db = openDatabase(file, { readonly: true });
    try {
      const rows = db.prepare("SELECT operator, new_value FROM audit_log WHERE action = 'login-failed' AND entity_id = 'zhaolei'").all() as { operator: string; new_value: string }[];
      expect(rows).toHaveLength(5);
      expect(rows[0]!.operator).toMatch(/^未登录（.*127\.0\.0\.1）$/);
      expect(JSON.parse(rows[0]!.new_value).client).toMatch(/127\.0\.0\.1$/);
    } finally {
      db.close();
    }
  });
});

describe('the installation certificate', () => {
  it('is kept beside the data file, its key owner-only, and the fingerprint stays the same after a restart', async () => {
    const { certFile, keyFile } = certificateFiles(file);
    expect(fileMode(keyFile)).toBe(0o600);
    const before = server.fingerprint;
    await server.stop();
    server = await startLan(file);
    expect(server.fingerprint).toBe(before);
    expect((await request(server, '/', { method: 'GET' })).fingerprint).toBe(before);
    expect(certFile).toMatch(/certdesk\.sqlite\.lan-cert\.pem$/);
  }, 60_000);

  it('plain HTTP only when asked with --insecure-http', async () => {
    const plain = await startLan(await lanDataFile(), ['--insecure-http']);
    try {
      expect(plain.base).toMatch(/^http:\/\//);
      expect(plain.fingerprint).toBeNull();
      expect((await request(plain, '/api/rpc/sessions.list', { body: {} })).status).toBe(401);
    } finally {
      await plain.stop();
    }
  }, 60_000);

  it('refuses to open a data file without accounts to the LAN', () => {
    const r = runCli(['serve', '--lan', '--json', '--db', `${file}-empty.sqlite`]);
    expect(r.status).not.toBe(0);
    expect(r.json.error.code).toBe('LAN_NO_ACCOUNTS');
  });
});

describe('two desks on one cell', () => {
  it("refuses the later save with 409, naming the other person's value and name, and keeps the first", async () => {
    const wang = await new Desk(server, 'wangfang').logIn();
    const lina = await new Desk(server, 'lina').logIn();
    const grid = (await lina.call('results.get', { sessionId })).body.data;
    const zhang = grid.candidates.find((c: any) => c.idNumber === ZHANG);
    const seen = zhang.parts.find((p: any) => p.part === 'skill');
    const cell = { status: seen.status, score: seen.score };
    // Both desks show 张伟's 操作技能 as it is; 王芳 saves first.
    const first = await wang.call('results.set', { sessionId, idNumber: ZHANG, part: 'skill', score: 88, replaced: cell });
    expect(first.status).toBe(200);
    const second = await lina.call('results.set', { sessionId, idNumber: ZHANG, part: 'skill', score: 70, replaced: cell });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('RESULT_CHANGED_MEANWHILE');
    expect(second.body.error.message).toMatch(/^王芳（wangfang） \d{1,2}:\d{2}:\d{2} 刚把这一科（操作技能）改成了 88 分，你的修改没有保存/);
    expect(second.body.error.details).toMatchObject({ current: { status: 'scored', score: 88 }, by: { login: 'wangfang', name: '王芳' } });
    const after = (await lina.call('results.get', { sessionId })).body.data.candidates.find((c: any) => c.idNumber === ZHANG);
    expect(after.parts.find((p: any) => p.part === 'skill').score).toBe(88);
    // Seeing the new value, 李娜 may still change it, knowingly.
    const knowingly = await lina.call('results.set', { sessionId, idNumber: ZHANG, part: 'skill', score: 70, replaced: { status: 'scored', score: 88 } });
    expect(knowingly.status).toBe(200);
  });

  it('an empty cell filled meanwhile is a conflict too, and a caller that sends no replaced value saves as before', async () => {
    const wang = await new Desk(server, 'wangfang').logIn();
    const lina = await new Desk(server, 'lina').logIn();
    const empty = { status: null, score: null };
    expect((await wang.call('results.set', { sessionId, idNumber: LI, part: 'theory', clear: true })).status).toBe(200);
    expect((await wang.call('results.set', { sessionId, idNumber: LI, part: 'theory', absent: true, replaced: empty })).status).toBe(200);
    const late = await lina.call('results.set', { sessionId, idNumber: LI, part: 'theory', score: 75, replaced: empty });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('改成了 缺考');
    expect((await lina.call('results.set', { sessionId, idNumber: LI, part: 'theory', score: 75 })).status).toBe(200);
  });
});

describe('a burst of saves from several desks', () => {
  it('reaches every open stream, each save once, in the same order on every stream', async () => {
    const wang = await new Desk(server, 'wangfang').logIn();
    const lina = await new Desk(server, 'lina').logIn();
    const streams = [await wang.events(), await lina.events()];
    try {
      const saves = [ZHANG, LI].flatMap((idNumber) => ['theory', 'skill'].flatMap((part) => [wang, lina].map((desk, i) => ({ desk, args: { sessionId, idNumber, part, score: 62 + i } }))));
      // All at once, as thirty desks keying do: the streams gather them into fewer writes.
      const replies = await Promise.all(saves.map(({ desk, args }) => desk.call('results.set', args)));
      expect(replies.map((r) => r.status)).toEqual(saves.map(() => 200));
      const heard: string[][] = [];
      for (const stream of streams) {
        const taken = new Set<unknown>();
        const order: string[] = [];
        for (let k = 0; k < saves.length; k++) {
          const e = await stream.next((x) => !taken.has(x) && x.op === 'results.set' && x.sessionId === sessionId);
          taken.add(e);
          order.push(`${e.by} ${e.enrolmentId} ${e.at}`);
          expect(e.receivedAt - e.at).toBeLessThan(1000);
        }
        heard.push(order);
      }
      expect(heard[1]).toEqual(heard[0]);
      expect(heard[0]!.filter((o) => o.startsWith('wangfang '))).toHaveLength(saves.length / 2);
      // Nothing more than the saves made.
      await expect(streams[0]!.next((x) => !heard[0]!.includes(`${x.by} ${x.enrolmentId} ${x.at}`) && x.op === 'results.set', 300)).rejects.toThrow();
    } finally {
      for (const s of streams) s.close();
    }
  });
});
