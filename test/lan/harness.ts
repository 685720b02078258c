// The LAN server as colleagues meet it: `certdesk serve --lan --bind 127.0.0.1` as a real
// process on a real data file, and HTTPS clients that each log in with their own account.
import fs from 'node:fs';
import path from 'node:path';
import https from 'node:https';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import type { TLSSocket } from 'node:tls';
import { openDatabase } from '../../db/database';
import { call, ROOT, tempDir } from '../helpers';
import type { Ctx } from '../../services/shared/context';

export interface LanServer {
  child: ChildProcess;
  port: number;
  base: string;
  addresses: string[];
  fingerprint: string | null;
  stop(): Promise<void>;
}

export const PASSWORDS = { wangfang: 'admin-pass-1', lina: 'clerk-pass-1', zhaolei: 'clerk-pass-2' } as const;

/**
 * A data file with 王芳 (管理员) and two 录入员, 李娜 and 赵磊, and whatever `prepare` adds,
 * written as the command line would (cli:setup), then closed for the server to open.
 */
export async function lanDataFile(prepare?: (ctx: Ctx) => Promise<void>): Promise<string> {
  const file = path.join(tempDir('certdesk-lan-'), 'certdesk.sqlite');
  const db = openDatabase(file);
  const ctx: Ctx = { db, operator: 'cli:setup' };
  await call(ctx, 'operators.add', { login: 'wangfang', name: '王芳', role: 'admin', password: PASSWORDS.wangfang });
  await call(ctx, 'operators.add', { login: 'lina', name: '李娜', role: 'clerk', password: PASSWORDS.lina });
  await call(ctx, 'operators.add', { login: 'zhaolei', name: '赵磊', role: 'clerk', password: PASSWORDS.zhaolei });
  await prepare?.(ctx);
  db.close();
  return file;
}

export async function startLan(file: string, extra: string[] = []): Promise<LanServer> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/certdesk.mjs'), 'serve', '--lan', '--bind', '127.0.0.1', '--json', '--db', file, ...extra], { cwd: ROOT, env: { ...process.env, CERTDESK_DB: '' } });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const info = JSON.parse(line) as { port: number; url: string; addresses: string[]; fingerprint: string | null };
  return {
    child,
    port: info.port,
    base: info.url.replace(/\/$/, ''),
    addresses: info.addresses,
    fingerprint: info.fingerprint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** The server certificate's SHA-256 fingerprint, as the browser would show it. */
  fingerprint?: string;
}

/** One raw request, Host and Origin as given (a browser on the LAN sends both). */
export function request(server: LanServer, pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const u = new URL(server.base);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method: opts.method ?? 'POST',
        // Self-signed: the test compares the fingerprint itself, as the colleague does by eye.
        rejectUnauthorized: false,
        headers: { Host: u.host, ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        const fingerprint = (res.socket as TLSSocket).getPeerCertificate?.()?.fingerprint256;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // a page, not JSON
          }
          resolve({ status: res.statusCode!, headers: res.headers, body, fingerprint });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.end(JSON.stringify(opts.body));
    else req.end();
  });
}

/** A colleague's browser: logs in with its own account and keeps its session cookie. */
export class Desk {
  cookie = '';
  constructor(
    readonly server: LanServer,
    readonly login: keyof typeof PASSWORDS,
  ) {}

  async logIn(): Promise<this> {
    const r = await request(this.server, '/api/rpc/operators.login', { body: { login: this.login, password: PASSWORDS[this.login] } });
    if (r.status !== 200) throw new Error(`login ${this.login}: ${r.status} ${JSON.stringify(r.body)}`);
    this.cookie = r.headers['set-cookie']![0]!.split(';')[0]!;
    return this;
  }

  call(op: string, args: unknown): Promise<Reply> {
    return request(this.server, `/api/rpc/${op}`, { body: args, headers: { Cookie: this.cookie, Origin: new URL(this.server.base).origin } });
  }

  /** GET /events; resolves the events as they come. */
  events(): Promise<{ next(match: (e: any) => boolean, timeoutMs?: number): Promise<any>; close(): void; status: number }> {
    const u = new URL(this.server.base);
    const lib = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const seen: any[] = [];
      const waiters: { match: (e: any) => boolean; done: (e: any) => void }[] = [];
      const req = lib.request({ host: '127.0.0.1', port: this.server.port, path: '/events', method: 'GET', rejectUnauthorized: false, headers: { Host: u.host, Cookie: this.cookie, Accept: 'text/event-stream' } }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (!data) continue;
            const e = JSON.parse(data.slice(6));
            e.receivedAt = Date.now();
            seen.push(e);
            for (const w of [...waiters]) if (w.match(e)) (waiters.splice(waiters.indexOf(w), 1), w.done(e));
          }
        });
        resolve({
          status: res.statusCode!,
          close: () => req.destroy(),
          next: (match, timeoutMs = 5000) =>
            new Promise((done, fail) => {
              const already = seen.find(match);
              if (already) return done(already);
              const timer = setTimeout(() => fail(new Error('no such event within the time')), timeoutMs);
              waiters.push({ match, done: (e) => (clearTimeout(timer), done(e)) });
            }),
        });
      });
      req.on('error', reject);
      req.end();
    });
  }
}

export function fileMode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}
