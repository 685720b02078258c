// A progress bar for a long import: the window starts roster.import / scores.import with a
// progressId of its choosing and asks spreadsheets.progress for it while the file is read.
// Reading is streamed and awaits between chunks, so the question is answered meanwhile.
import type { OnProgress, Progress, ProgressPhase } from '../shared/progress';

/** Entries are forgotten after this long, so a window that never asks again leaks nothing. */
const KEEP_MS = 10 * 60 * 1000;
const current = new Map<string, Progress & { at: number }>();

export function reportProgress(id: string | undefined, progress: Progress): void {
  if (!id) return;
  const now = Date.now();
  for (const [key, value] of current) if (now - value.at > KEEP_MS) current.delete(key);
  current.set(id, { ...progress, at: now });
}

/** An import's phase, with the rows read so far (done) and the rows the sheet declares (total, null when it does not say). */
export function importProgress(id: string): Progress | null {
  const p = current.get(id);
  return p ? { phase: p.phase, done: p.done, total: p.total } : null;
}

/** Tells the import's phase as it starts; rows and totalRows stay as last told unless given. */
export type ReportPhase = (phase: ProgressPhase, rows?: number, totalRows?: number | null) => void;

/** Runs one import, reporting its phases under `id` (and to `listener`); a failure is reported too. */
export async function withProgress<T>(id: string | undefined, run: (phase: ReportPhase) => Promise<T>, listener?: OnProgress): Promise<T> {
  let last: Progress = { phase: 'reading', done: 0, total: null };
  const phase: ReportPhase = (p, rows = last.done, totalRows = last.total) => {
    reportProgress(id, (last = { phase: p, done: rows, total: totalRows }));
    listener?.(last);
  };
  phase('reading');
  try {
    const result = await run(phase);
    phase('done');
    return result;
  } catch (e) {
    phase('failed');
    throw e;
  }
}
