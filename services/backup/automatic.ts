// Automatic backups around risky writes: before an import and before a session is finalized (each
// operation declares it: api/op.ts Policy.backup), and the first write of each day. Restore takes its
// own, and a migration its own (./beforeMigrate.ts).
import type { Ctx } from '../shared/context';
import { todayIso } from '../shared/dates';
import { backedUpToday, createBackup, type BackupReason } from './backup';

// Per database file: the day we last saw a backup, so the folder is read once a day, not per write.
const dailyDone = new Map<string, string>();
// Per database file: when the day's backup last failed. A failing backup (a full disk, say) is
// retried after a pause, not on every save, so keying in scores never waits for it again and again.
const dailyFailedAt = new Map<string, number>();
const RETRY_AFTER_MS = 10 * 60 * 1000;

/**
 * Before a write: the backup its operation declares (`before`: a reason, or 'none' for a write that
 * takes its own copy or must not wait, like logging in), else the day's first.
 */
export async function backupBeforeWrite(ctx: Ctx, before: BackupReason | 'none' | undefined, args: unknown): Promise<void> {
  if (ctx.db.memory || before === 'none') return;
  const dryRun = (args as { dryRun?: unknown } | null)?.dryRun === true;
  const today = todayIso();
  if (before && !dryRun) {
    await createBackup(ctx, before);
    dailyDone.set(ctx.db.name, today);
    return;
  }
  if (dailyDone.get(ctx.db.name) === today) return;
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
