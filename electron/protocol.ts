// The app:// protocol: serves the built renderer (renderer/dist) to the window through the same
// function as the HTTP server (api/staticFiles.ts). Written against the web's Request/Response so
// it runs (and is tested) under plain Node too.
import { rendererFile, pageSecurityHeaders } from '../api/staticFiles';
import { APP_HOST, APP_SCHEME } from './security';

/** Answers one app://certdesk/… request from the renderer folder; any other host or a path outside it is refused. */
export async function appResponse(rendererRoot: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return new Response('拒绝访问：不是 CertDesk 的页面地址。', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...pageSecurityHeaders() } });
  }
  const answer = await rendererFile(rendererRoot, url.pathname);
  return new Response(typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
}
