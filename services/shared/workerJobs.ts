// Every area's jobs for the worker thread (services/shared/worker.ts), merged: a name declared
// twice is refused as soon as this module loads.
import { mergeJobs } from './jobs';
import { backupJobs } from '../backup/jobs';
import { auditJobs } from '../audit/jobs';
import { spreadsheetJobs } from '../spreadsheets/jobs';

export const workerJobs = mergeJobs(backupJobs, auditJobs, spreadsheetJobs);

export type WorkerJobs = typeof workerJobs;
