// Automatic backups around risky writes (issue 6, Backups): before an import and before a
// session is finalized, and the first write of each day. Restore takes its own, and a migration
// its own (db/database.ts).
import type { Ctx } from '../shared/context';
import { todayIso } from '../shared/dates';
import { backedUpToday, createBackup, type BackupReason } from './backup';

/** Operations that take a backup first, unless they only preview (dryRun). */
const BACKUP_BEFORE: Readonly<Record<string, BackupReason>> = {
  'roster.import': 'import',
  'scores.import': 'import',
  'certificates.import': 'import',
  'sessions.finalize': 'finalize',
};

// Per database file: the day we last saw a backup, so the folder is read once a day, not per write.
const dailyDone = new Map<string, string>();
// Per database file: when the day's backup last failed. A failing backup (a full disk, say) is
// retried after a pause, not on every save, so keying in scores never waits for it again and again.
const dailyFailedAt = new Map<string, number>();
const RETRY_AFTER_MS = 10 * 60 * 1000;

export async function backupBeforeWrite(ctx: Ctx, operation: string, args: unknown): Promise<void> {
  if (ctx.db.memory) return;
  const reason = BACKUP_BEFORE[operation];
  const dryRun = (args as { dryRun?: unknown } | null)?.dryRun === true;
  const today = todayIso();
  if (reason && !dryRun) {
    await createBackup(ctx, reason);
    dailyDone.set(ctx.db.name, today);
    return;
  }
  // A backup or restore takes its own copy; logging in should not wait for the day's copy.
  if (operation.startsWith('backup.') || operation.startsWith('operators.') || dailyDone.get(ctx.db.name) === today) return;
  // A brand-new, still empty database has nothing to keep yet.
  if (ctx.db.prepare('SELECT 1 FROM audit_log LIMIT 1').get() === undefined) return;
  if (Date.now() - (dailyFailedAt.get(ctx.db.name) ?? 0) < RETRY_AFTER_MS) return;
  if (!backedUpToday(ctx, today)) {
    try {
      await createBackup(ctx, 'daily');
    } catch (e) {
      // The day's backup is a safety net: failing it must not stop the officer's work; a later write tries again.
      dailyFailedAt.set(ctx.db.name, Date.now());
      process.stderr.write(`CertDesk：今天的自动备份没有写成：${(e as Error).message}\n`);
      return;
    }
  }
  dailyFailedAt.delete(ctx.db.name);
  dailyDone.set(ctx.db.name, today);
}
