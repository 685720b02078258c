// The worker thread's entry (services/shared/worker.ts): serves every area's jobs (workerJobs.ts).
// Loaded through tsx from the sources, or bundled as dist/electron/worker.cjs.
import { isMainThread } from 'node:worker_threads';
import { serveJobs } from './worker';
import { workerJobs } from './workerJobs';

if (!isMainThread) serveJobs(workerJobs);
