// The built renderer (renderer/dist), as both the HTTP server and the window's app:// protocol serve
// it: one function decides which file a path means, so both refuse the same escapes and send the
// same headers. A path is resolved and must stay inside the folder (compared with the separator:
// a sibling folder such as dist-secret/ shares the prefix but is outside); a client-side route
// (/sessions/3) gets the one page.
import fs from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

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

/** Headers on every page and file the renderer is served with. */
export function pageSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
  };
}

export interface StaticAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

function plain(status: number, text: string): StaticAnswer {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...pageSecurityHeaders() }, body: text };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The answer for one URL path (still percent-encoded) under the renderer folder. */
export async function rendererFile(rendererRoot: string, pathname: string): Promise<StaticAnswer> {
  const root = path.resolve(rendererRoot);
  let rel: string;
  try {
    rel = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return plain(400, '地址格式不对。');
  }
  if (rel.includes('\0')) return plain(400, '地址格式不对。');
  let file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return plain(403, '拒绝访问：路径在程序目录之外。');
  if (!rel || !(await isFile(file))) file = path.join(root, 'index.html');
  if (!(await isFile(file))) {
    return plain(503, '界面还没有构建。请在项目目录运行 npm run build:renderer，然后重新启动 CertDesk。');
  }
  return { status: 200, headers: { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', ...pageSecurityHeaders() }, body: await fs.readFile(file) };
}
