// The loopback HTTP server (certdesk serve): the built renderer and the same operations, for a browser.
// Bound to 127.0.0.1 only; a random per-run token is required on every request (as a cookie set
// from the one-time URL, or a Bearer header); Host and Origin are checked against our own address,
// so neither another web page nor a DNS-rebound name can reach it. Once operator accounts exist,
// the login session (HttpOnly cookie or X-CertDesk-Session header) decides who is acting.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dispatchForSession, isOperation, isWriteOperation } from './dispatch';
import type { Ctx } from '../services/shared/context';

export interface ServeOptions {
  ctx: Ctx;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest request body accepted (uploads of spreadsheets and photos). */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'certdesk_token';
const SESSION_COOKIE = 'certdesk_session';
const SESSION_HEADER = 'x-certdesk-session';
export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const ERROR_STATUS: Record<string, number> = {
  UNKNOWN_OPERATION: 404,
  INVALID_ARGUMENT: 400,
  INTERNAL: 500,
  LOGIN_REQUIRED: 401,
  LOGIN_FAILED: 401,
  ADMIN_REQUIRED: 403,
  OPERATOR_DISABLED: 403,
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

/** The login session cookie after setup/login, cleared on logout. */
function sessionCookie(name: string, data: unknown): Record<string, string> {
  const session = (data as { session?: unknown } | null)?.session;
  if ((name === 'operators.login' || name === 'operators.setup') && typeof session === 'string') {
    return { 'Set-Cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/` };
  }
  if (name === 'operators.logout') return { 'Set-Cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0` };
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

async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('too large'), { tooLarge: true });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 200 * 1024 * 1024;
  const staticRoot = path.resolve(options.staticDir);
  let allowedHosts = new Set<string>();

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
      const authed = sameToken(bearer, token) || sameToken(cookieValue(req.headers.cookie, COOKIE), token) || sameToken(queryToken, token);
      if (!authed) return refuse(res, 401, 'TOKEN_REQUIRED', '缺少访问令牌。请使用 certdesk serve 打印的完整地址打开。');

      if (queryToken && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        // Trade the one-time URL for an HttpOnly cookie and a clean address bar.
        url.searchParams.delete('token');
        res.writeHead(302, {
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + url.search,
          'Cache-Control': 'no-store',
        });
        return res.end();
      }

      if (url.pathname.startsWith('/api/rpc/')) {
        const name = decodeURIComponent(url.pathname.slice('/api/rpc/'.length));
        if (!isOperation(name)) return refuse(res, 404, 'UNKNOWN_OPERATION', `没有名为「${name}」的操作。`);
        if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '请用 POST 调用操作。');
        if (isWriteOperation(name) && !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          // A cross-site form post cannot send application/json without a CORS preflight.
          return refuse(res, 415, 'CONTENT_TYPE', '请求体必须是 JSON（Content-Type: application/json）。');
        }
        let args: unknown = {};
        try {
          const body = await readBody(req, maxBody);
          args = body ? JSON.parse(body) : {};
        } catch (e) {
          if ((e as { tooLarge?: boolean }).tooLarge) return refuse(res, 413, 'BODY_TOO_LARGE', `上传的内容超过 ${Math.round(maxBody / 1024 / 1024)} MB，请拆分后再试。`);
          return refuse(res, 400, 'INVALID_JSON', '请求体不是有效的 JSON。');
        }
        const headerSession = req.headers[SESSION_HEADER];
        const session = (typeof headerSession === 'string' ? headerSession : undefined) ?? cookieValue(req.headers.cookie, SESSION_COOKIE);
        const result = await dispatchForSession(options.ctx.db, session, options.ctx.operator, name, args);
        return send(res, result.ok ? 200 : (ERROR_STATUS[result.error.code] ?? 422), result, result.ok ? sessionCookie(name, result.data) : {});
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '只接受 GET。');
      serveStatic(staticRoot, url.pathname, res);
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

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const rel = decodeURIComponent(pathname).replace(/^\/+/, '');
  let file = path.resolve(root, rel);
  if (!file.startsWith(root)) return refuse(res, 403, 'PATH_REFUSED', '不允许访问该路径。');
  if (!rel || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    return refuse(res, 503, 'RENDERER_NOT_BUILT', '界面还没有构建。请先运行 npm run build:renderer，再重新启动 certdesk serve。');
  }
  const headers: Record<string, string> = {
    'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (file.endsWith('.html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['Cache-Control'] = 'no-store';
    headers['X-Frame-Options'] = 'DENY';
  }
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
}
