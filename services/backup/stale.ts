// Half-written copies left by a process that was killed mid-backup or mid-restore: a backup's
// `<name>.partial-PID` (and its -journal/-wal/-shm) in the backups folder, a restore's
// `.certdesk-restore-PID-…` beside the database. They are removed when a backup starts, when the
// folder is listed and when a restore starts, once their process is gone (or, should the PID have
// been reused, once they are older than any backup could take).
import fs from 'node:fs';
import path from 'node:path';

const PARTIAL = /\.partial-(\d+)(?:-journal|-wal|-shm)?$/;
const RESTORE_STAGING = /^\.(?:certdesk-)?restore-(\d+)-\d+\.sqlite(?:-journal|-wal|-shm)?$/;

/** No backup or restore of a decade's data runs this long; a file this old is nobody's. */
export const STALE_AFTER_MS = 12 * 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another account.
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes the stale leftovers in `dir`; returns the names removed. Never throws: tidying must not
 * stop a backup. In the backups folder (ours) both kinds; beside the database, which may be any
 * folder the officer chose, only the restore's own staging name.
 */
export function removeStaleLeftovers(dir: string, where: 'backups' | 'database', now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = (where === 'backups' ? PARTIAL.exec(name) : null) ?? RESTORE_STAGING.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    try {
      const pid = Number(m[1]);
      // This process's own may be in progress right now (several backups run at once).
      const gone = pid !== process.pid && !processAlive(pid);
      if (!gone && now - fs.statSync(file).mtimeMs < STALE_AFTER_MS) continue;
      fs.rmSync(file, { force: true });
      removed.push(name);
    } catch {
      // Removed meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}
