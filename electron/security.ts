// Every security rule of the desktop shell in one place, pinned by test/electron/security.test.ts:
// the window's webPreferences, the app:// origin the renderer is served from, and what the
// renderer may never do (navigate away, open windows, ask for permissions).
// Follows Electron's security checklist; the CSP is the same one the HTTP server sends.
import type { CustomScheme, Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY, pageSecurityHeaders } from '../api/staticFiles';

export { CONTENT_SECURITY_POLICY, pageSecurityHeaders };

/** The renderer lives at app://certdesk/ — a standard, secure scheme of our own, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'certdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // standard + secure: a real origin for the CSP's 'self' and for storage; no CORS, no service workers.
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false, allowServiceWorkers: false, bypassCSP: false },
};

export function windowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
  };
}

/** True only for a page of our own renderer: the app scheme and our host, nothing else. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

type Prevented = { preventDefault(): void };

/** The part of WebContents the rules need (so the rules can be exercised without a window). */
export type GuardedContents = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(event: 'will-navigate', listener: (event: Prevented, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: Prevented, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Prevented) => void): unknown;
};

/** No new windows, no navigation away from app://certdesk, no <webview>. */
export function guardContents(contents: GuardedContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayHome = (event: Prevented, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** The officer's desk needs no camera, microphone, notifications, USB or location: every request is refused. */
export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
