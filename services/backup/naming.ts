// Where backups go and what they are called (docs: backups folder beside the database).
import fs from 'node:fs';
import path from 'node:path';

/** The backups folder beside the database file. */
export function backupsFolder(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

/** certdesk-YYYYMMDD-HHMMSS[-N]-REASON.sqlite in local time, unique within `dir`; sorts by age. */
export function backupFileName(reason: string, dir?: string, now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  for (let n = 1; ; n++) {
    const name = `certdesk-${stamp}${n > 1 ? `-${n}` : ''}-${reason}.sqlite`;
    if (!dir || !fs.existsSync(path.join(dir, name))) return name;
  }
}
