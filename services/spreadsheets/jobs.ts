// The spreadsheet area's jobs for the worker thread (services/shared/jobs.ts): a whole import on
// a connection of its own (importJob.ts), and the checking of a large roster beside its writing.
import type { OnProgress } from '../shared/progress';
import { runImportJob, type ImportJob } from './importJob';
import type { Accepted, RosterCheckJob } from './rosterCheck';

export const spreadsheetJobs = {
  'spreadsheets.import': (a: ImportJob, progress: OnProgress) => runImportJob(a, progress),
  'spreadsheets.checkRoster': async (a: RosterCheckJob, progress: OnProgress, send: (accepted: Accepted[]) => void) =>
    (await import('./rosterCheck')).checkRosterFile(a, progress, send),
};
