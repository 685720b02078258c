// Checked backups of the `large` demo database (a decade of an association's data) and
// a walk of a long audit chain, beside the bare library doing the same raw work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Measurement, Scenario } from '../scenario';
import { largeCopy } from '../large';
import { openDatabase } from '../../db/database';
import { createBackup, type BackupReason } from '../../services/backup/backup';
import { recordAudit } from '../../services/audit/audit';
import { inTransaction } from '../../services/shared/context';
import { verifyAuditChain } from '../../services/audit/verify';
import { GENESIS_HASH } from '../../services/audit/audit';
import { checkDatabaseFile } from '../../services/backup/check';

const REPEATS = Number(process.env.TRUST_BENCH_REPEATS ?? 3);

async function timed(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

type Gauge = (work: () => unknown) => Promise<number>;

interface Rounds {
  samplesMs: number[];
  baselineMs: number[];
  bytes: number;
  /** The last backup, end to end. */
  jobMs: number;
}

/**
 * REPEATS rounds on a private copy of the large database: our backup, then bare db.backup() of the
 * same file, each measured by `gauge`; `alsoOnBare` measures more on the first bare copy.
 */
async function backupRounds(reason: BackupReason, gauge: Gauge, alsoOnBare?: (bare: string, jobMs: number) => Promise<void>): Promise<Rounds> {
  const file = largeCopy();
  const db = openDatabase(file);
  const ctx = { db, operator: 'bench' };
  const rounds: Rounds = { samplesMs: [], baselineMs: [], bytes: 0, jobMs: 0 };
  try {
    for (let i = 0; i < REPEATS; i++) {
      let made = '';
      const started = performance.now();
      rounds.samplesMs.push(await gauge(async () => (made = (await createBackup(ctx, reason)).file)));
      rounds.jobMs = performance.now() - started;
      rounds.bytes = fs.statSync(made).size;
      fs.rmSync(made);
      const bare = path.join(path.dirname(file), `bare-${i}.sqlite`);
      rounds.baselineMs.push(await gauge(() => db.backup(bare)));
      if (i === 0) await alsoOnBare?.(bare, rounds.jobMs);
      for (const f of ['', '-wal', '-shm']) fs.rmSync(bare + f, { force: true });
    }
  } finally {
    db.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  return rounds;
}

/** Our backup of a private copy of the large database, beside bare db.backup() of the same file. */
async function backupScenario(reason: BackupReason): Promise<Measurement> {
  const { samplesMs, baselineMs, bytes } = await backupRounds(reason, timed);
  return { samplesMs, baselineMs, baselineLabel: 'better-sqlite3 db.backup() alone', notes: `${Math.round(bytes / 1024 / 1024)} MB` };
}

/** The longest event-loop stall of this thread while `work` runs, in ms. */
async function longestStall(work: () => unknown): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // The histogram's first tick only sets its clock: a stall before it would go unseen.
  await new Promise((r) => setTimeout(r, 30));
  // A click in the window every 20 ms, as the main process would get them.
  let busy = true;
  const ticking = (async () => {
    while (busy) await new Promise((r) => setTimeout(r, 20));
  })();
  try {
    await work();
  } finally {
    busy = false;
    await ticking;
    delay.disable();
  }
  return delay.max / 1e6;
}

/**
 * The longest main-thread stall during a manual backup of large (the copy, integrity_check,
 * foreign_key_check, the audit chain and the fsync all run in the worker thread; only the rename
 * happens here). Baseline: the stall of bare db.backup() alone. For comparison the notes give the
 * stall when the same checks run on this thread, as they did before the worker, and the stall of
 * the same span with nothing to do.
 */
async function backupStallScenario(): Promise<Measurement> {
  let inThreadMs = 0;
  let idleMs = 0;
  const { samplesMs, baselineMs, jobMs } = await backupRounds('manual', longestStall, async (bare, jobMs) => {
    inThreadMs = await longestStall(() => checkDatabaseFile(bare, 'bench', 'full'));
    idleMs = await longestStall(() => new Promise((r) => setTimeout(r, jobMs)));
  });
  return {
    samplesMs,
    baselineMs,
    baselineLabel: 'better-sqlite3 db.backup() alone (its own stall)',
    notes: `Backup ${(jobMs / 1000).toFixed(1)} s end to end; the same full check on the main thread stalls it ${(inThreadMs / 1000).toFixed(1)} s; the same span with nothing to do stalls ${idleMs.toFixed(0)} ms (the OS scheduler on a loaded machine).`,
  };
}

const CHAIN = 100_000;

const scenarios: Scenario[] = [
  {
    name: 'trust-backup-manual-large',
    title: '手动备份 large 数据库（在线备份 + integrity_check + foreign_key_check + 操作记录链 + fsync + 改名）',
    run: () => backupScenario('manual'),
  },
  {
    name: 'trust-backup-auto-large',
    title: '导入/定稿前的自动备份 large 数据库（在线备份 + quick_check + 操作记录链 + fsync + 改名）',
    run: () => backupScenario('import'),
  },
  {
    name: 'trust-backup-stall-large',
    title: '手动备份 large 数据库时主线程的最长卡顿（检查在后台线程）',
    target: { metric: 'max', ms: 100 },
    run: backupStallScenario,
  },
  {
    name: 'trust-audit-verify-100k',
    title: `核对 ${CHAIN.toLocaleString()} 条操作记录的哈希链`,
    async run(): Promise<Measurement> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-audit-'));
      const db = openDatabase(path.join(dir, 'audit.sqlite'));
      const ctx = { db, operator: 'bench' };
      inTransaction(db, () => {
        for (let i = 0; i < CHAIN; i++) {
          recordAudit(ctx, { entity: 'result', entityId: `${i}:theory`, action: 'update', oldValue: { status: 'scored', score: 58 }, newValue: { status: 'scored', score: 61 }, reason: '复核' });
        }
      });
      const samplesMs: number[] = [];
      const baselineMs: number[] = [];
      try {
        for (let i = 0; i < REPEATS; i++) {
          samplesMs.push(await timed(() => verifyAuditChain(ctx)));
          // The same rows read and hashed with plain JSON.stringify, no checks.
          baselineMs.push(
            await timed(() => {
              let prev = GENESIS_HASH;
              for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate()) {
                prev = createHash('sha256').update(prev).update(JSON.stringify(row)).digest('hex');
              }
            }),
          );
        }
      } finally {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
      return { samplesMs, baselineMs, baselineLabel: 'read + sha256(JSON.stringify) per row', notes: `${CHAIN} entries` };
    },
  },
];

export default scenarios;
