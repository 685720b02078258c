// What a worker thread runs (services/shared/worker.ts): each area declares its long jobs in a
// table of its own (backup/jobs.ts, audit/jobs.ts, spreadsheets/jobs.ts), as it declares its
// operations, and workerJobs.ts merges them.
import type { OnProgress } from './progress';

/** A job: its arguments (plain data, copied across the thread), its progress, and what it sends while it runs. */
export type Job = (args: never, progress: OnProgress, send: (data: unknown) => void) => unknown;

type JobTable = Record<string, Job>;
type Merged<T extends readonly JobTable[]> = T extends readonly [infer H, ...infer Rest extends readonly JobTable[]] ? H & Merged<Rest> : unknown;

/** One table of jobs from the areas' tables; a name declared twice is a programming error, found when the worker starts. */
export function mergeJobs<T extends readonly JobTable[]>(...tables: T): Merged<T> {
  const merged: JobTable = {};
  for (const table of tables) {
    for (const [name, job] of Object.entries(table)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`后台任务「${name}」被声明了两次。`);
      merged[name] = job;
    }
  }
  return merged as Merged<T>;
}
