// Long work off the main thread, so the window never blocks (docs/performance.md). One job runs in a
// node:worker_threads worker that opens its own connection to the database file, while the main
// thread (the Electron main process, `certdesk serve`) keeps answering. The worker's code is
// services/shared/workerEntry.ts, run through tsx (CLI, tests, serve), or its bundle worker.cjs
// beside main.cjs in the desktop app (scripts/build-electron.mjs defines __CERTDESK_BUNDLED__).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import { DbError } from '../../db/errors';
import type { WorkerJobs } from './workerJobs';
import type { OnProgress, Progress } from './progress';
import type { Job } from './jobs';

/** The file name build-electron gives the bundled worker entry, beside main.cjs. */
export const WORKER_BUNDLE = 'worker.cjs';

declare const __CERTDESK_BUNDLED__: boolean | undefined;

type WireError = { code?: string; message: string; app: boolean; details?: unknown };
type Reply = { id: number } & ({ started: true } | { progress: Progress } | { data: unknown } | { result: unknown } | { error: WireError });

/**
 * What a job may take: the time from its start (not while it waits its turn), and what its caller
 * is told when that runs out or when the worker runs out of memory during it. The worker is then
 * ended, whatever the job was doing; the next job starts a new one.
 */
export interface Budget {
  ms: number;
  overTime(): Error;
  overMemory(): Error;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: OnProgress;
  onData?: (data: unknown) => void;
  budget?: Budget;
}

/** A job as the worker holds it: what to send again should the worker end before it starts. */
interface Held extends Pending {
  job: string;
  args: unknown;
  started: boolean;
  timer: NodeJS.Timeout | null;
}

/**
 * V8 sizes a heap's first collections from its ceiling. Under the default ceiling (a quarter of
 * the machine's memory) a worker checking a 100,000-row roster let some 100 MB of garbage pile up
 * before it first collected, taking the process past its 400 MB target (docs/performance.md); under 1 GB it collects as
 * it goes, at no cost in time. 1 GB is far above what any job keeps live (that roster: ~50 MB);
 * a job that went past it would end the worker, and its job would fail with nothing written
 * (Budget.overMemory says so). CERTDESK_WORKER_HEAP_MB sets another ceiling, for tests.
 */
const HEAP_LIMITS = { maxOldGenerationSizeMb: Number(process.env.CERTDESK_WORKER_HEAP_MB) || 1024 };

function startWorker(): Worker {
  if (typeof __CERTDESK_BUNDLED__ !== 'undefined') {
    // In the bundle import.meta.url is main.cjs's own URL (see scripts/build-electron.mjs).
    return new Worker(path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_BUNDLE), { resourceLimits: HEAP_LIMITS });
  }
  // From the TypeScript sources: the worker registers tsx itself, then loads the entry. tsx's
  // CommonJS build of its API resolves its loader wrongly, so the ES module beside it is imported.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./workerEntry.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, resourceLimits: HEAP_LIMITS });
}

/**
 * An error as it crosses the thread: an AppError keeps its code, message and details (an import's
 * columns, for the window to map by hand), a system error its code.
 */
function revive(e: WireError): Error {
  if (e.app) return new AppError(e.code ?? 'INTERNAL', e.message, e.details);
  return Object.assign(new Error(e.message), e.code === undefined ? {} : { code: e.code });
}

/** An idle worker is ended after this long; starting one costs a second under tsx, far less bundled. */
const IDLE_MS = 30_000;

/**
 * One worker for the process, started on the first job and reused, so a run of backups (or a test
 * file) pays its start once. Jobs queue in it one after another. While it has nothing to do it
 * keeps no process alive (unref), and after IDLE_MS it ends and frees its memory.
 */
class JobWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Held>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;

  run(job: string, args: unknown, pending: Pending): void {
    if (this.idle) clearTimeout(this.idle);
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    this.pending.set(id, { ...pending, job, args, started: false, timer: null });
    worker.ref();
    worker.postMessage({ id, job, args });
  }

  private start(): Worker {
    const worker = startWorker();
    worker.on('message', (m: Reply) => this.reply(m));
    worker.on('error', (e) => this.fail(worker, (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : e));
    worker.on('exit', (code) => this.fail(worker, new AppError('INTERNAL', `后台检查意外结束（退出码 ${code}）。数据没有受影响，请重试。`)));
    return worker;
  }

  private reply(m: Reply): void {
    const pending = this.pending.get(m.id);
    if (!pending) return;
    if ('started' in m) {
      pending.started = true;
      const budget = pending.budget;
      const worker = this.worker;
      if (budget && worker) pending.timer = setTimeout(() => this.fail(worker, 'time'), budget.ms);
      return;
    }
    if ('progress' in m) return pending.onProgress?.(m.progress);
    if ('data' in m) return pending.onData?.(m.data);
    this.pending.delete(m.id);
    if (pending.timer) clearTimeout(pending.timer);
    if ('result' in m) pending.resolve(m.result);
    else pending.reject(revive(m.error));
    if (this.pending.size === 0) this.rest();
  }

  private rest(): void {
    const worker = this.worker;
    if (!worker) return;
    worker.unref();
    this.idle = setTimeout(() => {
      this.worker = null;
      void worker.terminate();
    }, IDLE_MS).unref();
  }

  /**
   * The worker died, ran out of memory or out of the running job's time (or was ended while idle).
   * The job that was running fails — with its budget's words when the budget was the cause — and
   * the worker is ended; the jobs waiting behind it never started, so they are sent to a new one.
   * Should none have started (the worker could not start at all), every job fails.
   */
  private fail(worker: Worker, cause: Error | 'time' | 'memory'): void {
    // Jobs only ever wait on the current worker; one ended while idle has none.
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
    const held = [...this.pending.values()];
    this.pending.clear();
    const running = held.find((p) => p.started);
    for (const p of held) {
      if (p.timer) clearTimeout(p.timer);
      if (running && p !== running) {
        this.run(p.job, p.args, p);
        continue;
      }
      const budget = p.budget;
      if (cause === 'time') p.reject(budget ? budget.overTime() : new AppError('INTERNAL', '后台任务超时。数据没有受影响，请重试。'));
      else if (cause === 'memory') p.reject(budget ? budget.overMemory() : new AppError('INTERNAL', '后台任务内存不足，已停止。数据没有受影响，请重试。'));
      else p.reject(cause);
    }
  }
}

const jobWorker = new JobWorker();

/** What a job hands over while it runs (rows checked so far), besides its progress. */
type DataOf<K extends keyof WorkerJobs> = Parameters<WorkerJobs[K]> extends [unknown, unknown, (data: infer D) => void] ? D : never;

/**
 * Runs one job of an area's table (services/shared/jobs.ts) in the worker thread. `onData` receives what the
 * job sends while it runs, in order, all of it before the job's result.
 */
export function runInWorker<K extends keyof WorkerJobs>(
  job: K,
  args: Parameters<WorkerJobs[K]>[0],
  onProgress?: OnProgress,
  onData?: (data: DataOf<K>) => void,
  budget?: Budget,
): Promise<Awaited<ReturnType<WorkerJobs[K]>>> {
  return new Promise((resolve, reject) => {
    jobWorker.run(job, args, {
      resolve: resolve as (value: unknown) => void,
      reject,
      ...(onProgress ? { onProgress } : {}),
      ...(onData ? { onData: onData as (data: unknown) => void } : {}),
      ...(budget ? { budget } : {}),
    });
  });
}

/** The worker's side: runs each job it is sent, in turn, and posts its progress and data, then the result or the error. */
export function serveJobs(jobs: Record<string, Job>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs only inside a worker thread');
  let queue = Promise.resolve();
  port.on('message', ({ id, job, args }: { id: number; job: string; args: never }) => {
    const progress: OnProgress = (p) => port.postMessage({ id, progress: p });
    const send = (data: unknown) => port.postMessage({ id, data });
    queue = queue
      .then(() => {
        port.postMessage({ id, started: true });
        return jobs[job]!(args, progress, send);
      })
      .then(
        (result) => port.postMessage({ id, result }),
        (e: unknown) => {
          const err = e as { code?: unknown; message?: string };
          const error: WireError = { code: typeof err?.code === 'string' ? err.code : undefined, message: err?.message ?? String(e), app: e instanceof AppError || e instanceof DbError };
          if (e instanceof AppError && e.details !== undefined) error.details = e.details;
          port.postMessage({ id, error });
        },
      );
  });
}
