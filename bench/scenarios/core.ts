// Issue 7: a decade of data stays instant. Each scenario runs on the `large` demo database
// (bench/large.ts) through the same operations the window calls, beside bare better-sqlite3
// doing the same raw query or write.
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Measurement, Scenario } from '../scenario';
import { largeCopy, largeDatabase } from '../large';
import { openDatabase, type DB } from '../../db/database';
import { dispatch } from '../../api/dispatch';
import type { Ctx } from '../../services/shared/context';

const ctxOf = (db: DB): Ctx => ({ db, operator: 'bench' });

async function call(ctx: Ctx, name: string, args: unknown): Promise<unknown> {
  const res = await dispatch(ctx, name, args);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

function timed(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function timedAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Peak resident memory while the scenario runs (sampled between awaits, and at the end). */
class MemoryWatch {
  private peak = process.memoryUsage().rss;
  private readonly timer = setInterval(() => this.sample(), 10);
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak / 1024 / 1024;
  }
}

/** What the home page (renderer/src/pages/HomePage.tsx) asks for when it opens. */
async function homePage(ctx: Ctx): Promise<void> {
  await call(ctx, 'sessions.list', {});
  await call(ctx, 'passrate.overall', { filter: {} });
  await call(ctx, 'passrate.breakdown', { groupBy: 'session', filter: {} });
}

const openHome: Scenario = {
  name: 'home-open',
  title: '打开 large 数据文件并算出首页的批次列表与合格率',
  target: { metric: 'median', ms: 1000 },
  async run(): Promise<Measurement> {
    const file = largeDatabase();
    const watch = new MemoryWatch();
    const samplesMs: number[] = [];
    const baselineMs: number[] = [];
    for (let i = 0; i < 7; i++) {
      samplesMs.push(
        await timedAsync(async () => {
          const db = openDatabase(file);
          await homePage(ctxOf(db));
          db.close();
        }),
      );
      baselineMs.push(
        timed(() => {
          const db = new Database(file, { readonly: true });
          db.prepare('SELECT * FROM sessions ORDER BY exam_date DESC').all();
          db.prepare("SELECT session_id, count(*), sum(outcome = 'absent'), sum(outcome = 'pass') FROM enrolments GROUP BY session_id").all();
          db.close();
        }),
      );
    }
    return {
      samplesMs,
      baselineMs,
      baselineLabel: 'better-sqlite3 打开文件，读全部批次，按批次数一遍报名与合格',
      peakMemoryMb: watch.stop(),
      notes: 'Each repeat opens the file (pragmas, migration check), then sessions.list, passrate.overall and passrate.breakdown by session through the dispatcher.',
    };
  },
};

/** Keystrokes as an officer types them: pinyin initials, an ID number prefix, a name. */
const TYPED = [
  ['w', 'wj', 'wjg'],
  ['z', 'zw'],
  ['4', '44', '440', '4403', '44030', '440304', '4403041', '44030419', '4403041990'],
  ['王', '王建'],
  ['李', '李秀', '李秀英'],
  ['锦华'],
].flat();

function bareSearch(db: Database.Database, q: string): unknown[] {
  if (/^[a-z]+$/.test(q)) return db.prepare('SELECT id, name, id_number FROM candidates WHERE name_initials >= ? AND name_initials < ? LIMIT 50').all(q, `${q}{`);
  if (/^\d+$/.test(q)) return db.prepare('SELECT id, name, id_number FROM candidates WHERE id_number >= ? AND id_number < ? LIMIT 50').all(q, `${q}:`);
  return db.prepare('SELECT id, name, id_number FROM candidates WHERE name LIKE ? LIMIT 50').all(`%${q}%`);
}

const searchTyping: Scenario = {
  name: 'search-typing',
  title: '边打边搜考生（拼音首字母、证件号前缀、姓名、单位），每次按键',
  target: { metric: 'p95', ms: 30 },
  async run(): Promise<Measurement> {
    const file = largeDatabase();
    const db = openDatabase(file);
    const bare = new Database(file, { readonly: true });
    const ctx = ctxOf(db);
    const watch = new MemoryWatch();
    const samplesMs: number[] = [];
    const baselineMs: number[] = [];
    const slow: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of TYPED) {
        const t = await timedAsync(() => call(ctx, 'candidates.search', { query: q }));
        samplesMs.push(t);
        if (round === 4 && t > 30) slow.push(`${q} ${t.toFixed(0)} ms`);
        baselineMs.push(timed(() => bareSearch(bare, q)));
      }
    }
    db.close();
    bare.close();
    return {
      samplesMs,
      baselineMs,
      baselineLabel: 'better-sqlite3 同类查询（前缀区间或 LIKE，取 50 行）',
      peakMemoryMb: watch.stop(),
      notes: `${TYPED.length} keystrokes × 5 rounds through candidates.search.${slow.length ? ` Slowest: ${slow.join(', ')}.` : ''}`,
    };
  },
};

const BREAKDOWNS: { groupBy: string; filter: Record<string, unknown> }[] = [
  { groupBy: 'occupation', filter: {} },
  { groupBy: 'level', filter: {} },
  { groupBy: 'year', filter: {} },
  { groupBy: 'employer', filter: {} },
  { groupBy: 'specialty', filter: {} },
  { groupBy: 'quarter', filter: { from: '2024-01-01', to: '2024-12-31' } },
  { groupBy: 'attempt', filter: {} },
  // occupation × level × year: one occupation and level, by year (what the report page draws per cell)
  { groupBy: 'year', filter: { occupationId: 5, level: 5 } },
  { groupBy: 'year', filter: { occupationId: 1, level: 3, attempt: 'first' } },
  { groupBy: 'employer', filter: { from: '2025-01-01', to: '2025-12-31' } },
];

const breakdowns: Scenario = {
  name: 'passrate-breakdowns',
  title: '合格率分组统计（职业、等级、年度、单位、工种、季度、正考/补考，及职业×等级按年）',
  target: { metric: 'p95', ms: 100 },
  async run(): Promise<Measurement> {
    const file = largeDatabase();
    const db = openDatabase(file);
    const bare = new Database(file, { readonly: true });
    const ctx = ctxOf(db);
    const watch = new MemoryWatch();
    const samplesMs: number[] = [];
    const baselineMs: number[] = [];
    const perGroup = new Map<string, number>();
    const raw = bare.prepare(
      "SELECT s.occupation_id, s.level, substr(s.exam_date, 1, 4), count(*), sum(e.outcome = 'absent'), sum(e.outcome = 'pass') FROM enrolments e JOIN sessions s ON s.id = e.session_id GROUP BY 1, 2, 3",
    );
    for (let round = 0; round < 5; round++) {
      for (const b of BREAKDOWNS) {
        const t = await timedAsync(() => call(ctx, 'passrate.breakdown', b));
        samplesMs.push(t);
        const key = `${b.groupBy}${Object.keys(b.filter).length ? '(filtered)' : ''}`;
        perGroup.set(key, Math.max(perGroup.get(key) ?? 0, t));
      }
      baselineMs.push(timed(() => raw.all()));
    }
    db.close();
    bare.close();
    return {
      samplesMs,
      baselineMs,
      baselineLabel: 'better-sqlite3 一条 GROUP BY 职业×等级×年度，扫全部报名',
      peakMemoryMb: watch.stop(),
      notes: `Slowest per grouping: ${[...perGroup].map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}.`,
    };
  },
};

const saveScore: Scenario = {
  name: 'save-score',
  title: '保存一个成绩（校验、判定结果、审计、synchronous=FULL 提交）',
  target: { metric: 'median', ms: 5 },
  async run(): Promise<Measurement> {
    const file = largeCopy();
    const db = openDatabase(file);
    const ctx = ctxOf(db);
    const session = db
      .prepare("SELECT s.id FROM sessions s WHERE s.status = 'open' AND (SELECT count(*) FROM enrolments e WHERE e.session_id = s.id) >= 50 ORDER BY s.exam_date DESC LIMIT 1")
      .get() as { id: number };
    const enrolments = db.prepare('SELECT id FROM enrolments WHERE session_id = ? ORDER BY admission_number').all(session.id) as { id: number }[];
    // The day's first write takes the automatic daily backup (services/backup): not a keystroke's cost.
    await call(ctx, 'results.set', { sessionId: session.id, enrolmentId: enrolments[0]!.id, part: 'theory', score: 75 });
    const watch = new MemoryWatch();
    const samplesMs: number[] = [];
    for (let i = 0; i < 300; i++) {
      const e = enrolments[i % enrolments.length]!;
      samplesMs.push(await timedAsync(() => call(ctx, 'results.set', { sessionId: session.id, enrolmentId: e.id, part: i % 2 ? 'skill' : 'theory', score: String(55 + (i % 45) + (i % 3 ? 0.5 : 0)) })));
    }
    db.close();
    const bare = new Database(file);
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    const upsert = bare.prepare(
      `INSERT INTO part_results (enrolment_id, part, status, score_tenths, updated_at) VALUES (?, ?, 'scored', ?, ?)
       ON CONFLICT (enrolment_id, part) DO UPDATE SET score_tenths = excluded.score_tenths, updated_at = excluded.updated_at`,
    );
    const baselineMs: number[] = [];
    for (let i = 0; i < 300; i++) {
      const e = enrolments[i % enrolments.length]!;
      baselineMs.push(timed(() => bare.transaction(() => upsert.run(e.id, i % 2 ? 'skill' : 'theory', 550 + (i % 45) * 10, new Date().toISOString()))()));
    }
    bare.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    return {
      samplesMs,
      baselineMs,
      baselineLabel: 'better-sqlite3 一行 UPSERT 加提交（WAL，synchronous=FULL）',
      peakMemoryMb: watch.stop(),
      notes: `300 saves through results.set on session ${session.id} (${enrolments.length} candidates); each returns the candidate's row and the session summary.`,
    };
  },
};

const memoryAll: Scenario = {
  name: 'memory-all',
  title: '主进程内存：依次做完以上全部操作，外加打开最大批次的成绩表',
  target: { metric: 'max', memoryMb: 400 },
  async run(): Promise<Measurement> {
    const file = largeCopy();
    const watch = new MemoryWatch();
    const t = performance.now();
    const db = openDatabase(file);
    const ctx = ctxOf(db);
    await homePage(ctx);
    for (const q of TYPED) await call(ctx, 'candidates.search', { query: q });
    for (const b of BREAKDOWNS) await call(ctx, 'passrate.breakdown', b);
    const biggest = db.prepare('SELECT session_id AS id FROM enrolments GROUP BY session_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number };
    await call(ctx, 'results.get', { sessionId: biggest.id });
    await call(ctx, 'enrolments.list', { sessionId: biggest.id });
    await call(ctx, 'employers.list', {});
    const open = db.prepare("SELECT e.session_id AS sessionId, e.id FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE s.status = 'open' LIMIT 50").all() as { sessionId: number; id: number }[];
    for (const e of open) await call(ctx, 'results.set', { sessionId: e.sessionId, enrolmentId: e.id, part: 'theory', score: 80 });
    db.close();
    const ms = performance.now() - t;
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    return { samplesMs: [ms], peakMemoryMb: watch.stop(), notes: 'One process: home page, every keystroke, every breakdown, the largest session\'s results and enrolments, 50 saves.' };
  },
};

/**
 * Long work off the main thread: a worker writes 100,000 part results (the demo generator, one
 * transaction per chunk) into the database while the main thread keeps answering keystroke
 * searches on it. Measured: the longest event-loop stall of the main thread. Baseline: the same
 * work run on the main thread, where the stall is the whole job.
 */
const mainThreadStall: Scenario = {
  name: 'main-thread-stall',
  title: '后台写入 10 万条成绩时，主线程的最长卡顿（同时边打边搜）',
  target: { metric: 'max', ms: 100 },
  async run(): Promise<Measurement> {
    const file = largeCopy();
    const watch = new MemoryWatch();
    const db = openDatabase(file);
    const ctx = ctxOf(db);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const searchMs: number[] = [];
    delay.enable();
    const started = performance.now();
    const worker = new Worker(new URL('../workers/long-job.mjs', import.meta.url), { workerData: { file, parts: 100_000 } });
    let done = false;
    const finished = new Promise<void>((resolve, reject) => {
      worker.on('message', () => ((done = true), resolve()));
      worker.on('error', reject);
    });
    let k = 0;
    while (!done) {
      const q = TYPED[k++ % TYPED.length]!;
      searchMs.push(await timedAsync(() => call(ctx, 'candidates.search', { query: q })));
      await new Promise((r) => setTimeout(r, 20));
    }
    await finished;
    const jobMs = performance.now() - started;
    delay.disable();
    await worker.terminate();
    db.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const longestStall = delay.max / 1e6;
    searchMs.sort((a, b) => a - b);
    return {
      samplesMs: [longestStall],
      baselineMs: [jobMs],
      baselineLabel: '同一任务放在主线程时的卡顿（= 整个任务的时长）',
      peakMemoryMb: watch.stop(),
      notes: `Job ${(jobMs / 1000).toFixed(1)} s in a worker; ${searchMs.length} searches meanwhile, slowest ${searchMs[searchMs.length - 1]?.toFixed(0)} ms; the ratio is the stall as a share of the job.`,
    };
  },
};

const scenarios: Scenario[] = [openHome, searchTyping, breakdowns, saveScore, memoryAll, mainThreadStall];
export default scenarios;
