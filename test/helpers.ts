// Test helpers: real SQLite files in temporary folders, and the CLI run as a real subprocess.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase, migrate, type DB } from '../db/database';
import type { Ctx } from '../services/shared/context';
import { dispatch } from '../api/dispatch';
import type { OpArgs, OpName, OpResult } from '../api/contract';
import { checkCharacter } from '../services/ids/idNumber';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function tempDir(prefix = 'certdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh database file, migrated to the latest version (or to `version`). */
export function createDB(version?: number): { db: DB; file: string; ctx: Ctx } {
  const file = path.join(tempDir(), 'certdesk.sqlite');
  const db = openDatabase(file, { migrate: version === undefined });
  if (version !== undefined) migrate(db, file, undefined, version);
  return { db, file, ctx: { db, operator: 'test' } };
}

/** Calls an operation through the dispatcher and returns its data, or throws its error. */
export async function call<N extends OpName>(ctx: Ctx, name: N, args: OpArgs<N>): Promise<OpResult<N>> {
  const res = await dispatch(ctx, name, args);
  if (!res.ok) throw Object.assign(new Error(`${res.error.code}: ${res.error.message}`), { code: res.error.code });
  return res.data as OpResult<N>;
}

/** Calls an operation expecting it to fail; returns the error body. */
export async function callError(ctx: Ctx, name: string, args: unknown): Promise<{ code: string; message: string }> {
  const res = await dispatch(ctx, name, args);
  if (res.ok) throw new Error(`${name} succeeded but was expected to fail: ${JSON.stringify(res.data)}`);
  return res.error;
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  json: any;
}

/** Runs `certdesk …` as a subprocess, the way an officer's script would. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/certdesk.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CERTDESK_DB: '', ...env },
    timeout: 60_000,
  });
  let json: unknown = undefined;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(r.stdout);
    } catch {
      json = undefined;
    }
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

/** Real ID numbers with a correct check character, made from region + birth date + sequence. */
export function makeIdNumber(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
