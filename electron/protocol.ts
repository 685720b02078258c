// The app:// protocol: serves the built renderer (renderer/dist) to the window, with the strict CSP.
// Written against the web's Request/Response so it runs (and is tested) under plain Node too.
import fs from 'node:fs/promises';
import path from 'node:path';
import { MIME } from '../api/http';
import { APP_HOST, APP_SCHEME, pageSecurityHeaders } from './security';

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...pageSecurityHeaders() } });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Answers one app://certdesk/… request from the renderer folder; any other host or a path outside it is refused. */
export async function appResponse(rendererRoot: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(403, '拒绝访问：不是 CertDesk 的页面地址。');
  const root = path.resolve(rendererRoot);
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return plain(400, '地址格式不对。');
  }
  let file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return plain(403, '拒绝访问：路径在程序目录之外。');
  // Client-side routes (/sessions/3) all load the one page.
  if (!rel || !(await isFile(file))) file = path.join(root, 'index.html');
  if (!(await isFile(file))) {
    return plain(503, '界面还没有构建。请在项目目录运行 npm run build:renderer，然后重新启动 CertDesk。');
  }
  const body = await fs.readFile(file);
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', ...pageSecurityHeaders() },
  });
}
