// Where CertDesk keeps its data by default: the OS user-data folder, as Electron's app.getPath('userData') would.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'CertDesk';

export function userDataDir(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_FOLDER);
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
  }
}

/** --db wins, then CERTDESK_DB, then the user-data folder. */
export function resolveDatabasePath(flag?: string): string {
  return path.resolve(flag || process.env.CERTDESK_DB || path.join(userDataDir(), 'certdesk.sqlite'));
}
