// The audit area's job for the worker thread (services/shared/jobs.ts): walking a long chain.
import type { OnProgress } from '../shared/progress';
import { verifyAuditFile } from './verify';

export const auditJobs = {
  'audit.verify': (a: { file: string; knownHead: string | undefined }, progress: OnProgress) => verifyAuditFile(a.file, a.knownHead, progress),
};
