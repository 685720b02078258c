// The frame every import runs in (roster, scores, certificate numbers): progress phases under the
// window's progressId, anything to check before a byte is read (a session import: the session is
// writable), then the table read with the header, mapping and remembered mapping of its kind, the
// rows checked and written with a larger page cache. The services it calls keep their hot
// statements themselves (cachedStatement in shared/context.ts).
import type { Ctx } from '../shared/context';
import { assertSessionWritable, type Session } from '../sessions/sessions';
import { readTable, type ReadOptions, type Table } from './reader';
import type { FieldSpec } from './headers';
import { rememberedMapping, type ColumnMapping, type ImportKind } from './mappings';
import type { FileInput } from './files';
import { withProgress, type ReportPhase } from './progress';
import type { OnProgress } from '../shared/progress';

/** What every import is given. */
export interface SheetInput {
  file: FileInput;
  dryRun?: boolean;
  mapping?: ColumnMapping;
  /** The sheet the officer picked; without it the first whose header fits (docs/spreadsheets.md). */
  sheet?: string;
  /** Read the rows hidden in Excel too. */
  includeHidden?: boolean;
  /** Chosen by the window; spreadsheets.progress answers for it while the import runs. */
  progressId?: string;
  /** Told each phase as it starts and the rows read so far (the worker thread passes them on). */
  onProgress?: OnProgress;
}

/** A session's roster or score sheet. */
export interface ImportInput extends SheetInput {
  sessionId: number;
}

export interface SheetFrame {
  ctx: Ctx;
  table: Table;
  phase: ReportPhase;
}

export interface ImportFrame extends SheetFrame {
  session: Session;
}

/** Any import: `before` runs (and may refuse) before the file is read; its answer is handed to `body` with the table. */
export function runSheetImport<B, R>(
  ctx: Ctx,
  input: SheetInput,
  kind: ImportKind,
  fields: readonly FieldSpec[],
  before: () => B,
  body: (frame: SheetFrame, checked: B) => R,
  fits?: (checked: B) => ReadOptions['fits'],
): Promise<R> {
  return withProgress(input.progressId, async (phase) => {
    const checked = before();
    const table = await readTable(input.file, fields, {
      remembered: (signature) => rememberedMapping(ctx, kind, signature),
      mapping: input.mapping,
      sheet: input.sheet,
      includeHidden: input.includeHidden,
      fits: fits?.(checked),
      onProgress: (p) => phase('reading', p.rows, p.totalRows),
    });
    phase('checking', table.rowCount);
    return withLargeCache(ctx, () => body({ ctx, table, phase }, checked));
  }, input.onProgress);
}

/** A session import: the session must be writable before a byte is read. */
export function runImport<R>(
  ctx: Ctx,
  input: ImportInput,
  kind: ImportKind,
  fields: readonly FieldSpec[],
  body: (frame: ImportFrame) => R,
  fits?: (session: Session) => ReadOptions['fits'],
): Promise<R> {
  return runSheetImport(ctx, input, kind, fields, () => assertSessionWritable(ctx, input.sessionId), (frame, session) => body({ ...frame, session }), fits);
}

/**
 * SQLite's default page cache (2 MB) is far smaller than what one transaction of 100,000 rows
 * dirties across the tables, their indexes and the audit log; when it fills, pages spill to the
 * WAL mid-transaction and are read back. For the import only, the cache may grow to 16 MB: on a
 * 100,000-row roster or score sheet as fast as 32 or 64 MB (the audit log's pages are written once
 * and spill cheaply), and 20–50 MB less at the peak than 32 MB.
 */
export const IMPORT_CACHE_SIZE = -16384;

function withLargeCache<T>(ctx: Ctx, run: () => T): T {
  const before = ctx.db.pragma('cache_size', { simple: true }) as number;
  ctx.db.pragma(`cache_size = ${IMPORT_CACHE_SIZE}`);
  try {
    return run();
  } finally {
    ctx.db.pragma(`cache_size = ${before}`);
  }
}
