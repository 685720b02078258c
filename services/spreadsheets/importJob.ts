// Roster, score and certificate-number imports run in the worker thread (services/shared/worker.ts)
// on a connection of their own, so the process that answers the window (Electron's main process, `certdesk serve`)
// stays free while 100,000 rows are read, checked and written — to answer spreadsheets.progress
// for the progress bar among everything else.
import { openDatabase } from '../../db/database';
import type { Ctx } from '../shared/context';
import { runInWorker } from '../shared/worker';
import type { OnProgress } from '../shared/progress';
import { importBudget } from './importBudget';
import { checkInputPath } from '../shared/outputPath';
import { reportProgress } from './progress';
import type { ImportInput, SheetInput } from './importRun';
import type { ImportResult } from './importResult';

/** What each kind of import is given: a session's sheets name their session. */
interface ImportInputs {
  roster: ImportInput;
  scores: ImportInput;
  certificates: SheetInput;
}
export type ImportJobKind = keyof ImportInputs;

type Importer = (ctx: Ctx, input: SheetInput) => Promise<ImportResult<unknown>>;

async function importer(kind: ImportJobKind): Promise<Importer> {
  if (kind === 'roster') return (await import('./roster')).importRoster as Importer;
  if (kind === 'scores') return (await import('./scores')).importScores as Importer;
  return (await import('../certificates/import')).importCertificates;
}

/** Runs the import in the worker thread and reports its progress under input.progressId here. */
export async function importOffThread<K extends ImportJobKind>(ctx: Ctx, kind: K, input: ImportInputs[K]): Promise<ImportResult<unknown>> {
  checkInputPath(ctx, input.file);
  // An in-memory database cannot be opened a second time; nothing but tests uses one.
  if (ctx.db.memory) return (await importer(kind))(ctx, input);
  const { progressId, onProgress, ...args } = input;
  const report: OnProgress = (p) => {
    reportProgress(progressId, p);
    onProgress?.(p);
  };
  report({ phase: 'reading', done: 0, total: null });
  try {
    return await runInWorker('spreadsheets.import', { database: ctx.db.name, operator: ctx.operator, kind, input: args }, report, undefined, importBudget());
  } catch (e) {
    report({ phase: 'failed', done: 0, total: null });
    throw e;
  }
}

export interface ImportJob {
  database: string;
  operator: string;
  kind: ImportJobKind;
  input: Omit<ImportInputs[ImportJobKind], 'progressId' | 'onProgress'>;
}

/** The worker's side: its own connection for the one import, closed afterwards. */
export async function runImportJob(job: ImportJob, progress: OnProgress): Promise<ImportResult<unknown>> {
  const db = openDatabase(job.database, { migrate: false });
  try {
    const run = await importer(job.kind);
    return await run(
      { db, operator: job.operator },
      { ...job.input, onProgress: progress },
    );
  } finally {
    db.close();
  }
}
