// A progress bar for a long import: the window starts roster.import / scores.import with a
// progressId of its choosing and asks spreadsheets.progress for it while the file is read.
// Reading is streamed and awaits between chunks, so the question is answered meanwhile.

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing' | 'done' | 'failed';
  /** Rows read so far, and the rows the sheet declares (null when it does not say). */
  rows: number;
  totalRows: number | null;
}

/** Entries are forgotten after this long, so a window that never asks again leaks nothing. */
const KEEP_MS = 10 * 60 * 1000;
const current = new Map<string, ImportProgress & { at: number }>();

export function reportProgress(id: string | undefined, progress: ImportProgress): void {
  if (!id) return;
  const now = Date.now();
  for (const [key, value] of current) if (now - value.at > KEEP_MS) current.delete(key);
  current.set(id, { ...progress, at: now });
}

export function importProgress(id: string): ImportProgress | null {
  const p = current.get(id);
  return p ? { phase: p.phase, rows: p.rows, totalRows: p.totalRows } : null;
}

export type ProgressPhase = (phase: ImportProgress['phase'], rows?: number, totalRows?: number | null) => void;

/** Runs one import, reporting its phases under `id` (and to `listener`); a failure is reported too. */
export async function withProgress<T>(id: string | undefined, run: (phase: ProgressPhase) => Promise<T>, listener?: (p: ImportProgress) => void): Promise<T> {
  let last: ImportProgress = { phase: 'reading', rows: 0, totalRows: null };
  const phase = (p: ImportProgress['phase'], rows = last.rows, totalRows = last.totalRows) => {
    reportProgress(id, (last = { phase: p, rows, totalRows }));
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
