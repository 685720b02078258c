// What a worker thread runs (services/shared/worker.ts): each area declares its long jobs in a
// table of its own (backup/jobs.ts, audit/jobs.ts, spreadsheets/jobs.ts), as it declares its
// operations, and workerJobs.ts merges them.
import type { OnProgress } from './progress';
import { mergeByName, type Merged } from './merge';

/** A job: its arguments (plain data, copied across the thread), its progress, and what it sends while it runs. */
export type Job = (args: never, progress: OnProgress, send: (data: unknown) => void) => unknown;

/** One table of jobs from the areas' tables; a name declared twice stops the worker at start-up. */
export function mergeJobs<T extends readonly Record<string, Job>[]>(...tables: T): Merged<T> {
  return mergeByName('后台任务', ...tables);
}
