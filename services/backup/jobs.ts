// The backup area's jobs for the worker thread (services/shared/jobs.ts): copying and checking a
// database file, and preparing and putting back a restore, away from the thread that answers.
import type { OnProgress } from '../shared/progress';
import { checkDatabaseFile, type CheckDepth } from './check';
import { prepareRestore, writeBackupCopy, writeInto } from './files';

type FileCheck = { file: string; label: string; depth: CheckDepth };

export const backupJobs = {
  'backup.write': (a: FileCheck & { live: string }, progress: OnProgress) => writeBackupCopy(a.live, a.file, a.label, a.depth, progress),
  'backup.check': (a: FileCheck, progress: OnProgress) => checkDatabaseFile(a.file, a.label, a.depth, progress),
  'backup.prepareRestore': (a: { source: string; staging: string; label: string }, progress: OnProgress) => prepareRestore(a.source, a.staging, a.label, progress),
  'backup.writeInto': (a: { source: string; target: string }, progress: OnProgress) => writeInto(a.source, a.target, progress),
};
