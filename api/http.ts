// The loopback HTTP server (certdesk serve): the built renderer and the same operations, for a browser.
// Bound to 127.0.0.1 only; a random per-run token is required on every request (as a cookie set
// from the one-time URL, or a Bearer header); Host and Origin are checked against our own address,
// so neither another web page nor a DNS-rebound name can reach it. Once operator accounts exist,
// the login session (HttpOnly cookie or X-CertDesk-Session header) decides who is acting.
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { RpcResponse } from './contract';
import { dispatchForSession, openedSession, operationNamed } from './dispatch';
import { rendererFile } from './staticFiles';
import type { Ctx } from '../services/shared/context';
import { errorKind, type ErrorKind } from '../services/errors';

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
}

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  port: number;
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

/** The login session cookie after an operation that opens one, cleared by the one that closes it. */
function sessionCookie(cookie: string, name: string, result: RpcResponse<unknown>): Record<string, string> {
  const session = openedSession(name, result);
  if (session) return { 'Set-Cookie': `${cookie}=${session}; HttpOnly; SameSite=Strict; Path=/` };
  if (operationNamed(name)?.login === 'closes') return { 'Set-Cookie': `${cookie}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` };
  return {};
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
  let allowedHosts = new Set<string>();
  let cookies = cookieNames(0);

  const server = http.createServer(async (req, res) => {
    try {
      // DNS rebinding: only our own loopback address is a valid Host.
      if (!req.headers.host || !allowedHosts.has(req.headers.host)) return refuse(res, 403, 'HOST_REFUSED', '请求的主机名不对，只接受本机地址。');
      const origin = req.headers.origin;
      if (origin !== undefined && !(origin.startsWith('http://') && allowedHosts.has(origin.slice('http://'.length)))) {
        return refuse(res, 403, 'ORIGIN_REFUSED', '拒绝来自其他网页的请求。');
      }
      // Browsers say where a request comes from even when they leave Origin out (e.g. a GET); a page
      // on another local port is 'same-site', and refused too. 'none' is an address typed or opened.
      const fetchSite = req.headers['sec-fetch-site'];
      if (fetchSite === 'cross-site' || fetchSite === 'same-site') return refuse(res, 403, 'ORIGIN_REFUSED', '拒绝来自其他网页的请求。');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const queryToken = url.searchParams.get('token') ?? undefined;
      const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
      const authed = sameToken(bearer, token) || sameToken(cookieValue(req.headers.cookie, cookies.token), token) || sameToken(queryToken, token);
      if (!authed) return refuse(res, 401, 'TOKEN_REQUIRED', '缺少访问令牌。请使用 certdesk serve 打印的完整地址打开。');

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
        const headerSession = req.headers[SESSION_HEADER];
        const session = (typeof headerSession === 'string' ? headerSession : undefined) ?? cookieValue(req.headers.cookie, cookies.session);
        const result = await dispatchForSession(options.ctx.db, session, options.ctx.operator, name, args, { caller: 'page', client: req.socket.remoteAddress });
        return send(res, result.ok ? 200 : STATUS_OF_KIND[errorKind(result.error.code)], result, sessionCookie(cookies.session, name, result));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '只接受 GET。');
      const file = await rendererFile(staticRoot, url.pathname);
      res.writeHead(file.status, file.headers);
      return res.end(req.method === 'HEAD' ? undefined : file.body);
    } catch (e) {
      refuse(res, 500, 'INTERNAL', `服务器内部错误：${(e as Error).message}`);
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? Object.assign(new Error(`端口 ${options.port} 已被占用，请换一个端口（--port）或不指定端口。`), { code: 'PORT_IN_USE' }) : e);
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      cookies = cookieNames(port);
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/?token=${token}`,
        origin,
        token,
        port,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
