// The jobs a worker thread runs (services/shared/worker.ts): the long checks of backups and of the
// audit chain, spreadsheet imports, and the checking of a large roster beside its writing. Loaded through tsx from the sources, or bundled as dist/electron/worker.cjs.
import { isMainThread } from 'node:worker_threads';
import { checkDatabaseFile, type CheckDepth } from '../backup/check';
import { prepareRestore, writeBackupCopy, writeInto } from '../backup/files';
import { verifyAuditFile } from '../audit/verify';
import { serveJobs } from './worker';
import type { OnProgress } from './progress';
import { runImportJob, type ImportJob } from '../spreadsheets/importJob';
import type { Accepted, RosterCheckJob } from '../spreadsheets/rosterCheck';

type FileCheck = { file: string; label: string; depth: CheckDepth };

const jobs = {
  'backup.write': (a: FileCheck & { live: string }, progress: OnProgress) => writeBackupCopy(a.live, a.file, a.label, a.depth, progress),
  'backup.check': (a: FileCheck, progress: OnProgress) => checkDatabaseFile(a.file, a.label, a.depth, progress),
  'backup.prepareRestore': (a: { source: string; staging: string; label: string }, progress: OnProgress) => prepareRestore(a.source, a.staging, a.label, progress),
  'backup.writeInto': (a: { source: string; target: string }, progress: OnProgress) => writeInto(a.source, a.target, progress),
  'audit.verify': (a: { file: string; knownHead: string | undefined }, progress: OnProgress) => verifyAuditFile(a.file, a.knownHead, progress),
  'spreadsheets.import': (a: ImportJob, progress: OnProgress) => runImportJob(a, progress),
  'spreadsheets.checkRoster': async (a: RosterCheckJob, progress: OnProgress, send: (accepted: Accepted[]) => void) =>
    (await import('../spreadsheets/rosterCheck')).checkRosterFile(a, progress, send),
};

export type WorkerJobs = typeof jobs;

if (!isMainThread) serveJobs(jobs);
