// What the worker thread does with backup files (services/shared/workerEntry.ts), each on a
// connection of its own, so the main thread keeps answering: it seals a fresh copy (one
// self-contained file, checked, durable) and writes a checked backup into the live database.
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

/** A copy just written by the backup API becomes one file with no -wal beside it, checked and on disk. */
export function sealBackupCopy(partial: string, label: string, depth: CheckDepth, onProgress: OnProgress): CheckedDatabase {
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

/** Writes a checked backup into the live database file in one step: other connections see the old or the new data, never a mix. */
export async function writeInto(source: string, target: string, onProgress: OnProgress): Promise<void> {
  onProgress({ phase: 'restoring', done: 0, total: 0 });
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(target, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
}
