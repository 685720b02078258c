// Worker of the main-thread-stall scenario (bench/scenarios/core.ts): the long job, off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runLongJob } = await import('./long-job.ts');
runLongJob(workerData.file, workerData.parts);
parentPort.postMessage('done');
