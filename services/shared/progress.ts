// How far a long job has come, one shape for every one of them: an import, a batch of certificate
// PDFs, a backup or restore (and the audit walk in it), the demo data. Pure, so the worker thread,
// the window's progress bar (spreadsheets.progress) and the CLI read the same thing.

export type ProgressPhase =
  // Imports: the file read, its rows checked, the accepted rows written.
  | 'reading'
  | 'checking'
  | 'writing'
  // Backups and restores: the copy, its check, the audit chain walked, the copy kept or put back.
  | 'copying'
  | 'audit'
  | 'saving'
  | 'restoring'
  // Certificate PDFs: pages drawn.
  | 'rendering'
  // Demo data: what is being made (done and total count part results).
  | 'sessions'
  | 'certificates'
  | 'candidates'
  | 'done'
  | 'failed';

/** `done` of `total` in the current phase; total is null while unknown. */
export interface Progress {
  phase: ProgressPhase;
  done: number;
  total: number | null;
}

export type OnProgress = (progress: Progress) => void;
