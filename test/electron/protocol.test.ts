// The app:// protocol hands the window its pages from renderer/dist, with the CSP, and nothing outside it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponse } from '../../electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { tempDir } from '../helpers';

function builtRenderer(): string {
  const root = path.join(tempDir(), 'dist');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>CertDesk</title><div id="root"></div>');
  fs.writeFileSync(path.join(root, 'assets', 'app-1.js'), 'console.log("认定")');
  fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), '不该被读到');
  return root;
}

describe('the app:// protocol', () => {
  it('serves the start page with the strict CSP', async () => {
    const res = await appResponse(builtRenderer(), 'app://certdesk/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('serves the scripts the page loads, with their type and the CSP', async () => {
    const res = await appResponse(builtRenderer(), 'app://certdesk/assets/app-1.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toBe('console.log("认定")');
  });

  it('answers a client-side route such as /sessions/3 with the start page', async () => {
    const res = await appResponse(builtRenderer(), 'app://certdesk/sessions/3');
    expect(await res.text()).toContain('<title>CertDesk</title>');
  });

  it('never hands out a file outside the renderer folder, however the path is dressed up', async () => {
    const root = builtRenderer();
    // The URL parser folds /%2e%2e/ away by itself; an encoded slash survives parsing and is refused here.
    for (const url of ['app://certdesk/%2e%2e/secret.txt', 'app://certdesk/../secret.txt', 'app://certdesk/..%2fsecret.txt', 'app://certdesk/assets/..%2f..%2fsecret.txt']) {
      const res = await appResponse(root, url);
      expect(await res.text(), url).not.toContain('不该被读到');
    }
    expect((await appResponse(root, 'app://certdesk/..%2fsecret.txt')).status).toBe(403);
  });

  it('refuses any host other than certdesk', async () => {
    const res = await appResponse(builtRenderer(), 'app://other/index.html');
    expect(res.status).toBe(403);
  });

  it('says how to build the window when renderer/dist is missing', async () => {
    const res = await appResponse(path.join(tempDir(), 'dist'), 'app://certdesk/index.html');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:renderer');
  });
});
