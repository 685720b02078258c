// Who is logged in to this running app: random session tokens held in memory only, so a restart
// (or a SIGKILL) logs everyone out. A session ends after the idle time in the setting
// security.lockAfterMinutes; the window then shows its lock screen.

import { randomBytes } from 'node:crypto';

interface LoginSession {
  login: string;
  lastSeen: number;
}

const sessions = new Map<string, LoginSession>();

export function openLoginSession(login: string): string {
  const token = randomBytes(24).toString('base64url');
  sessions.set(token, { login, lastSeen: Date.now() });
  return token;
}

/** The login behind a token, or null when it is unknown or idle for longer than idleMinutes (0 = never locks). */
export function touchLoginSession(token: string | undefined, idleMinutes: number, now = Date.now()): string | null {
  if (!token) return null;
  const s = sessions.get(token);
  if (!s) return null;
  if (idleMinutes > 0 && now - s.lastSeen > idleMinutes * 60_000) {
    sessions.delete(token);
    return null;
  }
  s.lastSeen = now;
  return s.login;
}

export function closeLoginSession(token: string | undefined): void {
  if (token) sessions.delete(token);
}

/** A disabled account or a changed password ends that operator's sessions at once. */
export function closeLoginSessionsOf(login: string): void {
  for (const [token, s] of sessions) if (s.login.toLowerCase() === login.toLowerCase()) sessions.delete(token);
}
