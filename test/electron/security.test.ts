// Pins the shell's security settings: a change to any of them has to change this test too.
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  guardContents,
  guardSession,
  isAppUrl,
  pageSecurityHeaders,
  windowWebPreferences,
  type GuardedContents,
  type GuardedSession,
} from '../../electron/security';

/** Records what the rules register, the way Electron would hold them. */
function recordingContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    setWindowOpenHandler: (h: typeof openHandler) => {
      openHandler = h;
    },
    on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => {
      listeners.set(name, listener);
    },
  } as unknown as GuardedContents;
  const fire = (name: string, url?: string) => {
    let prevented = false;
    listeners.get(name)!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('the window the officer works in', () => {
  it('runs the page isolated and sandboxed, without Node, with only our preload', () => {
    expect(windowWebPreferences('/app/dist/electron/preload.cjs')).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
  });

  it('loads the renderer from app://certdesk, a secure standard scheme that bypasses no CSP', () => {
    expect(APP_ENTRY_URL).toBe('app://certdesk/index.html');
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false });
  });

  it('sends the same strict CSP as the browser version: own scripts only, no plug-ins, no framing', () => {
    const csp = pageSecurityHeaders()['Content-Security-Policy'];
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(pageSecurityHeaders()['X-Content-Type-Options']).toBe('nosniff');
  });

  it('recognises only its own pages, not look-alikes', () => {
    expect(isAppUrl('app://certdesk/index.html')).toBe(true);
    expect(isAppUrl('app://certdesk/sessions/3#results')).toBe(true);
    for (const url of ['https://certdesk/', 'app://evil/index.html', 'app://certdesk.evil.com/', 'file:///C:/index.html', 'app://user:pw@certdesk/', 'about:blank', '', 'not a url', undefined, null]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});

describe('what the page may never do', () => {
  it('cannot open new windows, whatever the link', () => {
    const c = recordingContents();
    guardContents(c.contents);
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(c.open('app://certdesk/index.html')).toEqual({ action: 'deny' });
  });

  it('cannot navigate or be redirected away from CertDesk', () => {
    const c = recordingContents();
    guardContents(c.contents);
    expect(c.fire('will-navigate', 'https://example.com/phish')).toBe(true);
    expect(c.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-redirect', 'http://127.0.0.1:9999/')).toBe(true);
    expect(c.fire('will-navigate', 'app://certdesk/index.html')).toBe(false);
  });

  it('cannot embed a <webview>', () => {
    const c = recordingContents();
    guardContents(c.contents);
    expect(c.fire('will-attach-webview')).toBe(true);
  });

  it('is refused every permission: camera, microphone, notifications, devices', () => {
    const answers: boolean[] = [];
    let check: ((...a: unknown[]) => boolean) | undefined;
    let device: ((...a: unknown[]) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: (c: unknown, p: string, cb: (ok: boolean) => void) => void) => {
        for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) h({}, p, (ok) => answers.push(ok));
      },
      setPermissionCheckHandler: (h: typeof check) => {
        check = h;
      },
      setDevicePermissionHandler: (h: typeof device) => {
        device = h;
      },
    } as unknown as GuardedSession;
    guardSession(session);
    expect(answers).toEqual([false, false, false, false, false]);
    expect(check!({}, 'media', 'app://certdesk', {})).toBe(false);
    expect(device!({ deviceType: 'usb', origin: 'app://certdesk' })).toBe(false);
  });
});
