// What the worker thread does with backup files (services/shared/workerEntry.ts), each on a
// connection of its own, so the main thread keeps answering: it copies the live database into a
// new file (one self-contained file, checked, durable) and writes a checked backup into the live
// database.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { OnProgress } from '../shared/worker';
import { checkDatabaseFile, type CheckDepth, type CheckedDatabase } from './check';

/** fsync a file, and its folder so that the rename itself survives a power cut. */
function makeDurable(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (process.platform !== 'win32') {
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}

/**
 * Copies the live database into `partial` with the online backup API in a single step, i.e. inside
 * one read transaction: in WAL mode the main thread's writes go on meanwhile and the copy is the
 * database as it was committed when the step began. (Several short steps would start over whenever
 * the main thread saved a score in between.) Then the copy becomes one file with no -wal beside
 * it, checked and on disk.
 */
export async function writeBackupCopy(live: string, partial: string, label: string, depth: CheckDepth, onProgress: OnProgress): Promise<CheckedDatabase> {
  const src = new Database(live, { readonly: true, fileMustExist: true });
  try {
    const copied = await src.backup(partial, {
      progress: (p) => {
        onProgress({ phase: 'copying', done: p.totalPages - p.remainingPages, total: p.totalPages });
        return ALL_PAGES;
      },
    });
    onProgress({ phase: 'copying', done: copied.totalPages, total: copied.totalPages });
  } finally {
    src.close();
  }
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const checked = checkDatabaseFile(partial, label, depth, onProgress);
  onProgress({ phase: 'saving', done: 0, total: 0 });
  makeDurable(partial);
  return checked;
}

/** better-sqlite3's largest step: every remaining page at once. */
const ALL_PAGES = 0x7fffffff;

/** Writes a checked backup into the live database file in one step: other connections see the old or the new data, never a mix. */
export async function writeInto(source: string, target: string, onProgress: OnProgress): Promise<void> {
  onProgress({ phase: 'restoring', done: 0, total: 0 });
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(target, { progress: () => ALL_PAGES });
  } finally {
    src.close();
  }
}
