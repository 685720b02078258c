// The `large` demo database the scenarios run on: built once per schema version and demo
// generator, cached in the temp folder, reused by every scenario and every run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, LATEST_VERSION } from '../db/database';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Bump when the demo generator changes what it writes, so stale caches are rebuilt. */
const GENERATOR_VERSION = 2;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BENCH_DIR = path.join(os.tmpdir(), 'certdesk-bench');

/** Path of the cached large database, building it first if needed (about half a minute). */
export function largeDatabase(): string {
  const file = path.join(BENCH_DIR, `large-v${LATEST_VERSION}-g${GENERATOR_VERSION}.sqlite`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  // Another bench run is building it already: wait for that one rather than build a second copy.
  const lock = `${file}.lock`;
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const started = fs.statSync(lock).mtimeMs;
    process.stderr.write(`等待另一个 bench 进程生成 ${file} …\n`);
    while (!fs.existsSync(file) && Date.now() - started < 15 * 60_000) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    if (fs.existsSync(file)) return file;
    fs.rmSync(lock, { force: true }); // the other run died: build it here
    return largeDatabase();
  }
  try {
    // Files of older schema versions or generators are of no use any more (200 MB each).
    for (const stale of fs.readdirSync(BENCH_DIR).filter((f) => /^large-v\d+-g\d+\.sqlite(-wal|-shm)?$/.test(f) && !f.startsWith(path.basename(file)))) fs.rmSync(path.join(BENCH_DIR, stale), { force: true });
    // Built under a private name and renamed, so a second bench run at the same time never sees half a file.
    const building = `${file}.${process.pid}.building`;
    process.stderr.write(`正在生成 large 示例数据库（只需一次，约一分钟）：${file}\n`);
    // In a process of its own (the CLI, as an officer would run it), so the scenario that happens to
    // build the file does not carry the generator's memory into its own peak.
    const built = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'certdesk.mjs'), 'demo', '--size', 'large', '--db', building], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error(`certdesk demo --size large failed (${built.signal ?? built.status})`);
    // No ANALYZE: an officer's file has no statistics either, so the plans measured are the plans they get.
    const db = openDatabase(building);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    process.stderr.write('\n');
    fs.renameSync(building, file);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(building + suffix, { force: true });
  } finally {
    fs.rmSync(lock, { force: true });
  }
  return file;
}

/** A private copy of the large database, for scenarios that write. */
export function largeCopy(): string {
  const source = largeDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-copy-'));
  const copy = path.join(dir, 'large.sqlite');
  fs.copyFileSync(source, copy);
  return copy;
}
