// Backups: a checked copy of the data file, the list of copies, and restoring one.
//
//   backup.create   { out? }   → BackupInfo = { file, name, bytes, createdAt, reason, schemaVersion, auditEntries, auditHead }
//   backup.list     {}         → { folder, backups: [{ file, name, bytes, takenAt, reason }] } newest first
//   backup.restore  { file } | { name }  → { restored, safetyBackup, schemaVersion }
//                   a page gives the name of a backup in the backups folder (backup.list), never a path
import path from 'node:path';
import { z } from 'zod';
import { command, NoArgs, query } from '../op';
import { createBackup, listBackups, restoreBackup, restoreNamedBackup } from '../../services/backup/backup';
import { backupsFolder } from '../../services/backup/naming';

// Each takes (or is) its own copy, so none waits for the day's automatic one.
export const backupOperations = {
  'backup.create': command({ title: '备份数据', access: 'admin', backup: 'none' }, z.object({ out: z.string().min(1).optional() }).default({}), (ctx, a) =>
    createBackup(ctx, 'manual', a.out),
  ),
  'backup.list': query({ title: '查看备份', access: 'admin' }, NoArgs, (ctx) => ({ folder: backupsFolder(ctx.db.name), backups: listBackups(ctx) })),
  'backup.restore': command(
    { title: '从备份恢复', access: 'admin', backup: 'none' },
    z.union([z.object({ file: z.string().min(1) }), z.object({ name: z.string().min(1) })]),
    (ctx, a) => ('file' in a ? restoreBackup(ctx, path.resolve(a.file)) : restoreNamedBackup(ctx, a.name)),
  ),
};
