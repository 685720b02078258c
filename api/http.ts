// The HTTP server (certdesk serve): the built renderer and the same operations, for a browser.
//
// By default bound to 127.0.0.1 only; a random per-run token is required on every request (as a
// cookie set from the one-time URL, or a Bearer header). On the LAN (--lan, or 设置 → 开放给局域网)
// there is no token: every call needs a logged-in operator (docs/lan.md), over HTTPS with this
// installation's own certificate unless told --insecure-http. Either way Host and Origin are
// checked against the addresses we listen on, so neither another web page nor a DNS-rebound name
// can reach it, and the login session (HttpOnly cookie or X-CertDesk-Session header) decides who
// is acting.
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { RpcResponse } from './contract';
import { dispatchForSession, openedSession, operationNamed } from './dispatch';
import { rendererFile } from './staticFiles';
import type { Ctx } from '../services/shared/context';
import { errorKind, toErrorBody, type ErrorKind } from '../services/errors';
import { contextForSession } from '../services/operators/access';
import { hasOperators } from '../services/operators/operators';
import { batchedWriter, eventRecord, liveEvents } from './liveEvents';

export interface ServeOptions {
  ctx: Ctx;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest request body accepted (uploads of spreadsheets and photos). */
  maxBodyBytes?: number;
  /** The most memory all request bodies being read at once may take together. */
  maxBodiesInFlight?: number;
  /**
   * Open to the LAN: no token, every call needs a logged-in operator. `bind` is the interface
   * (default every one, 0.0.0.0); `tls` the certificate (services/lan/tlsCertificate.ts), or
   * null for plain HTTP (--insecure-http).
   */
  lan?: { bind?: string; tls: { certPem: string; keyPem: string } | null };
}

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  /** Where colleagues reach it: one address per interface (only the loopback one when not on the LAN). */
  addresses: string[];
  close(): Promise<void>;
}

const SESSION_HEADER = 'x-certdesk-session';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 422,
  'not-found': 404,
  forbidden: 403,
  login: 401,
  conflict: 409,
  throttled: 429,
  internal: 500,
};

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/**
 * Cookie names carry the port: cookies belong to a host, not a port, so two CertDesk servers open
 * in one browser (two data files) would otherwise overwrite each other's and log each other out.
 */
function cookieNames(port: number): { token: string; session: string } {
  return { token: `certdesk_token_${port}`, session: `certdesk_session_${port}` };
}

/** The login session cookie after an operation that opens one, cleared by the one that closes it; Secure under HTTPS. */
function sessionCookie(cookie: string, name: string, result: RpcResponse<unknown>, secure: boolean): Record<string, string> {
  const flags = `HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
  const session = openedSession(name, result);
  if (session) return { 'Set-Cookie': `${cookie}=${session}; ${flags}` };
  if (operationNamed(name)?.login === 'closes') return { 'Set-Cookie': `${cookie}=; ${flags}; Max-Age=0` };
  return {};
}

function isAnyAddress(bind: string): boolean {
  return bind === '0.0.0.0' || bind === '::';
}

/** The IPv4 addresses a colleague can use for the interface we listen on: each of this computer's for 0.0.0.0. */
function reachableAddresses(bind: string): string[] {
  if (!isAnyAddress(bind)) return [bind];
  const found: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) found.push(a.address);
  return found;
}

/**
 * The Host names we answer to: the addresses we listen on (loopback included when every interface
 * is), and this computer's own name on the LAN. Anything else is a name someone else's DNS points
 * at us (rebinding) and is refused.
 */
function hostsFor(bind: string, port: number): Set<string> {
  const names = new Set(reachableAddresses(bind));
  if (isAnyAddress(bind) || bind.startsWith('127.')) names.add('127.0.0.1').add('localhost');
  if (isAnyAddress(bind)) names.add(os.hostname().toLowerCase());
  return new Set([...names].map((n) => `${n}:${port}`));
}

/** A logged-in client's event stream (GET /events): one line per saved change, so windows refresh. */
function streamEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' });
  res.write(': certdesk\n\n');
  // Saves close together share one write per stream (see batchedWriter).
  const out = batchedWriter((text) => {
    // The server may have ended the stream (closing) while a batch waited.
    if (!res.writableEnded && !res.destroyed) res.write(text);
  });
  // A comment now and then keeps proxies and idle-closing sockets from ending a quiet stream.
  const keepAlive = setInterval(() => out.push(': .\n\n'), 25_000);
  const stop = liveEvents.subscribe((e) => out.push(eventRecord(e)));
  req.on('close', () => {
    clearInterval(keepAlive);
    stop();
    out.close();
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

/**
 * Reads request bodies, each up to `limit` and all of them together up to `total`: many large
 * uploads at once (thirty desks, or one hostile client opening many) are refused, not buffered.
 */
function bodyReader(limit: number, total: number): (req: http.IncomingMessage) => Promise<string> {
  let inFlight = 0;
  return async (req) => {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        inFlight += (chunk as Buffer).length;
        if (size > limit) throw Object.assign(new Error('too large'), { tooLarge: true });
        if (inFlight > total) throw Object.assign(new Error('busy'), { tooMany: true });
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks).toString('utf8');
    } finally {
      inFlight -= size;
    }
  };
}

export function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 200 * 1024 * 1024;
  const readBody = bodyReader(maxBody, options.maxBodiesInFlight ?? 512 * 1024 * 1024);
  const staticRoot = path.resolve(options.staticDir);
  const lan = options.lan;
  const bind = lan ? (lan.bind ?? '0.0.0.0') : '127.0.0.1';
  const scheme = lan?.tls ? 'https' : 'http';
  let allowedHosts = new Set<string>();
  let cookies = cookieNames(0);
  const openStreams = new Set<http.ServerResponse>();

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      // DNS rebinding: only the addresses we listen on are a valid Host.
      if (!req.headers.host || !allowedHosts.has(req.headers.host.toLowerCase())) {
        return refuse(res, 403, 'HOST_REFUSED', lan ? '请求的主机名不对，请用 CertDesk 显示的地址打开。' : '请求的主机名不对，只接受本机地址。');
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !(origin.startsWith(`${scheme}://`) && allowedHosts.has(origin.slice(`${scheme}://`.length).toLowerCase()))) {
        return refuse(res, 403, 'ORIGIN_REFUSED', '拒绝来自其他网页的请求。');
      }
      // Browsers say where a request comes from even when they leave Origin out (e.g. a GET); a page
      // on another local port is 'same-site', and refused too. 'none' is an address typed or opened.
      const fetchSite = req.headers['sec-fetch-site'];
      if (fetchSite === 'cross-site' || fetchSite === 'same-site') return refuse(res, 403, 'ORIGIN_REFUSED', '拒绝来自其他网页的请求。');
      const url = new URL(req.url ?? '/', `${scheme}://${req.headers.host}`);
      const queryToken = lan ? undefined : (url.searchParams.get('token') ?? undefined);
      const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
      // On the LAN the login is the key (no token in an address that a colleague's browser history keeps).
      const authed = lan || sameToken(bearer, token) || sameToken(cookieValue(req.headers.cookie, cookies.token), token) || sameToken(queryToken, token);
      if (!authed) return refuse(res, 401, 'TOKEN_REQUIRED', '缺少访问令牌。请使用 certdesk serve 打印的完整地址打开。');
      const headerSession = req.headers[SESSION_HEADER];
      const session = (typeof headerSession === 'string' ? headerSession : undefined) ?? cookieValue(req.headers.cookie, cookies.session);
      // A data file without accounts (a restored old backup, say) would let anyone act as the owner.
      if (lan && (url.pathname.startsWith('/api/') || url.pathname === '/events')) {
        if (!hasOperators(options.ctx)) return refuse(res, 401, 'LAN_NO_ACCOUNTS', '这个数据文件还没有操作员账号，局域网访问暂不可用。请在开放 CertDesk 的电脑上先创建管理员账号。');
      }

      if (url.pathname === '/events') {
        if (req.method !== 'GET') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '只接受 GET。');
        // The same door as an operation any logged-in operator may call.
        try {
          contextForSession(options.ctx.db, session, false, options.ctx.operator);
        } catch (e) {
          const body = toErrorBody(e);
          return refuse(res, STATUS_OF_KIND[errorKind(body.code)], body.code, body.message);
        }
        openStreams.add(res);
        res.on('close', () => openStreams.delete(res));
        return streamEvents(req, res);
      }

      if (queryToken && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        // Trade the one-time URL for an HttpOnly cookie and a clean address bar.
        url.searchParams.delete('token');
        res.writeHead(302, {
          'Set-Cookie': `${cookies.token}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + url.search,
          'Cache-Control': 'no-store',
        });
        return res.end();
      }

      if (url.pathname.startsWith('/api/rpc/')) {
        const name = decodeURIComponent(url.pathname.slice('/api/rpc/'.length));
        const op = operationNamed(name);
        if (!op) return refuse(res, 404, 'UNKNOWN_OPERATION', `没有名为「${name}」的操作。`);
        if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '请用 POST 调用操作。');
        if (op.writes && !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          // A cross-site form post cannot send application/json without a CORS preflight.
          return refuse(res, 415, 'CONTENT_TYPE', '请求体必须是 JSON（Content-Type: application/json）。');
        }
        let args: unknown = {};
        try {
          const body = await readBody(req);
          args = body ? JSON.parse(body) : {};
        } catch (e) {
          if ((e as { tooLarge?: boolean }).tooLarge) return refuse(res, 413, 'BODY_TOO_LARGE', `上传的内容超过 ${Math.round(maxBody / 1024 / 1024)} MB，请拆分后再试。`);
          if ((e as { tooMany?: boolean }).tooMany) return refuse(res, 503, 'SERVER_BUSY', '服务器正在接收其他上传，请稍等片刻再试。');
          return refuse(res, 400, 'INVALID_JSON', '请求体不是有效的 JSON。');
        }
        const result = await dispatchForSession(options.ctx.db, session, options.ctx.operator, name, args, { caller: 'page', client: req.socket.remoteAddress });
        return send(res, result.ok ? 200 : STATUS_OF_KIND[errorKind(result.error.code)], result, sessionCookie(cookies.session, name, result, scheme === 'https'));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '只接受 GET。');
      const file = await rendererFile(staticRoot, url.pathname);
      res.writeHead(file.status, file.headers);
      return res.end(req.method === 'HEAD' ? undefined : file.body);
    } catch (e) {
      refuse(res, 500, 'INTERNAL', `服务器内部错误：${(e as Error).message}`);
    }
  };
  const server = lan?.tls ? https.createServer({ cert: lan.tls.certPem, key: lan.tls.keyPem }, handler) : http.createServer(handler);

  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? Object.assign(new Error(`端口 ${options.port} 已被占用，请换一个端口（--port）或不指定端口。`), { code: 'PORT_IN_USE' }) : e);
    });
    server.listen(options.port ?? 0, bind, () => {
      const port = (server.address() as AddressInfo).port;
      allowedHosts = hostsFor(bind, port);
      cookies = cookieNames(port);
      const origin = `${scheme}://${isAnyAddress(bind) ? '127.0.0.1' : bind}:${port}`;
      const addresses = lan ? reachableAddresses(bind).map((a) => `${scheme}://${a}:${port}/`) : [`${origin}/`];
      resolve({
        url: lan ? `${origin}/` : `${origin}/?token=${token}`,
        origin,
        token,
        port,
        addresses: addresses.length ? addresses : [`${origin}/`],
        close: () =>
          new Promise<void>((r) => {
            // Event streams never end by themselves: close them, or server.close() waits forever.
            for (const s of openStreams) s.end();
            server.close(() => r());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}
