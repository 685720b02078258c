// A decade of data stays instant. Each scenario runs on the `large` demo database
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

/**
 * Wall-clock samples (what the officer waits) and CPU samples beside them: on a shared machine a
 * load above the core count stretches the wall clock, while the CPU time shows what the work costs.
 */
class Stopwatch {
  readonly wallMs: number[] = [];
  readonly cpuMs: number[] = [];
  async time<T>(fn: () => Promise<T> | T): Promise<number> {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await fn();
    const wall = performance.now() - t;
    const used = process.cpuUsage(cpu);
    this.wallMs.push(wall);
    this.cpuMs.push((used.user + used.system) / 1000);
    return wall;
  }
  cpuNote(): string {
    const sorted = [...this.cpuMs].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!.toFixed(sorted[0]! < 10 ? 2 : 0);
    return ` CPU time per run: median ${at(0.5)} ms, p95 ${at(0.95)} ms.`;
  }
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

/** The cached large database opened twice: through CertDesk, and bare for the baseline. */
function openLarge(): { ctx: Ctx; bare: Database.Database; close(): void } {
  const file = largeDatabase();
  const db = openDatabase(file);
  const bare = new Database(file, { readonly: true });
  return { ctx: ctxOf(db), bare, close: () => (db.close(), bare.close()) };
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
    const ours = new Stopwatch();
    const bare = new Stopwatch();
    for (let i = 0; i < 7; i++) {
      await ours.time(async () => {
        const db = openDatabase(file);
        await homePage(ctxOf(db));
        db.close();
      });
      await bare.time(() => {
        const db = new Database(file, { readonly: true });
        db.prepare('SELECT * FROM sessions ORDER BY exam_date DESC').all();
        db.prepare("SELECT session_id, count(*), sum(outcome = 'absent'), sum(outcome = 'pass') FROM enrolments GROUP BY session_id").all();
        db.close();
      });
    }
    return {
      samplesMs: ours.wallMs,
      baselineMs: bare.wallMs,
      baselineLabel: 'better-sqlite3 opening the file, reading every session and counting enrolments and passes per session',
      peakMemoryMb: watch.stop(),
      notes: `Each repeat opens the file (pragmas, migration check), then sessions.list, passrate.overall and passrate.breakdown by session through the dispatcher.${ours.cpuNote()}`,
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
    const { ctx, bare, close } = openLarge();
    const watch = new MemoryWatch();
    const ours = new Stopwatch();
    const baseline = new Stopwatch();
    const slowest = new Map<string, number>();
    for (let round = 0; round < 5; round++) {
      for (const q of TYPED) {
        const t = await ours.time(() => call(ctx, 'candidates.search', { query: q }));
        slowest.set(q, Math.max(slowest.get(q) ?? 0, t));
        await baseline.time(() => bareSearch(bare, q));
      }
    }
    close();
    const worst = [...slowest].sort((a, b) => b[1] - a[1]).slice(0, 4);
    return {
      samplesMs: ours.wallMs,
      baselineMs: baseline.wallMs,
      baselineLabel: 'better-sqlite3 running the same kind of query (prefix range or LIKE, 50 rows)',
      peakMemoryMb: watch.stop(),
      notes: `${TYPED.length} keystrokes × 5 rounds through candidates.search. Slowest keystrokes: ${worst.map(([q, t]) => `${q} ${t.toFixed(0)} ms`).join(', ')}.${ours.cpuNote()}`,
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
    const { ctx, bare, close } = openLarge();
    const watch = new MemoryWatch();
    const ours = new Stopwatch();
    const baseline = new Stopwatch();
    const perGroup = new Map<string, number>();
    const raw = bare.prepare(
      "SELECT s.occupation_id, s.level, substr(s.exam_date, 1, 4), count(*), sum(e.outcome = 'absent'), sum(e.outcome = 'pass') FROM enrolments e JOIN sessions s ON s.id = e.session_id GROUP BY 1, 2, 3",
    );
    for (let round = 0; round < 5; round++) {
      for (const b of BREAKDOWNS) {
        const t = await ours.time(() => call(ctx, 'passrate.breakdown', b));
        const key = `${b.groupBy}${Object.keys(b.filter).length ? '(filtered)' : ''}`;
        perGroup.set(key, Math.max(perGroup.get(key) ?? 0, t));
      }
      await baseline.time(() => raw.all());
    }
    close();
    return {
      samplesMs: ours.wallMs,
      baselineMs: baseline.wallMs,
      baselineLabel: 'better-sqlite3, one GROUP BY occupation × level × year over every enrolment (what the breakdowns cost before the tallies)',
      peakMemoryMb: watch.stop(),
      notes: `Slowest per grouping: ${[...perGroup].map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}. The ratio below 1 is the point: the tallies answer from a few thousand rows.${ours.cpuNote()}`,
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
    const score = (i: number) => ({ enrolmentId: enrolments[i % enrolments.length]!.id, part: i % 2 ? 'skill' : 'theory', tenths: 550 + (i % 45) * 10 + (i % 3 ? 5 : 0) });
    // The day's first write takes the automatic daily backup (services/backup): not a keystroke's cost.
    await call(ctx, 'results.set', { sessionId: session.id, enrolmentId: enrolments[0]!.id, part: 'theory', score: 75 });
    const watch = new MemoryWatch();
    const ours = new Stopwatch();
    for (let i = 0; i < 300; i++) {
      const s = score(i);
      await ours.time(() => call(ctx, 'results.set', { sessionId: session.id, enrolmentId: s.enrolmentId, part: s.part, score: String(s.tenths / 10) }));
    }
    db.close();
    const bare = new Database(file);
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    const upsert = bare.prepare(
      `INSERT INTO part_results (enrolment_id, part, status, score_tenths, updated_at) VALUES (?, ?, 'scored', ?, ?)
       ON CONFLICT (enrolment_id, part) DO UPDATE SET score_tenths = excluded.score_tenths, updated_at = excluded.updated_at`,
    );
    const baseline = new Stopwatch();
    for (let i = 0; i < 300; i++) {
      const s = score(i);
      await baseline.time(() => bare.transaction(() => upsert.run(s.enrolmentId, s.part, s.tenths, new Date().toISOString()))());
    }
    bare.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    return {
      samplesMs: ours.wallMs,
      baselineMs: baseline.wallMs,
      baselineLabel: 'better-sqlite3, one UPSERT and its commit (WAL, synchronous=FULL)',
      peakMemoryMb: watch.stop(),
      notes: `300 saves through results.set on session ${session.id} (${enrolments.length} candidates); each also recomputes the outcome, updates the tallies, appends the audit entry and returns the candidate's row and the session summary. The commit's fsync is most of the wall time.${ours.cpuNote()}`,
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
    const all = new Stopwatch();
    await all.time(async () => {
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
    });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    return { samplesMs: all.wallMs, peakMemoryMb: watch.stop(), notes: `One process: home page, every keystroke, every breakdown, the largest session's results and enrolments, 50 saves.${all.cpuNote()}` };
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
    const searches = new Stopwatch();
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
      await searches.time(() => call(ctx, 'candidates.search', { query: q }));
      await new Promise((r) => setTimeout(r, 20));
    }
    await finished;
    const jobMs = performance.now() - started;
    delay.disable();
    await worker.terminate();
    db.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const slowest = Math.max(...searches.wallMs);
    return {
      samplesMs: [delay.max / 1e6],
      baselineMs: [jobMs],
      baselineLabel: 'the same job on the main thread, where the stall is the whole job',
      peakMemoryMb: watch.stop(),
      notes: `Job ${(jobMs / 1000).toFixed(1)} s in a worker; ${searches.wallMs.length} keystroke searches on the main thread meanwhile, slowest ${slowest.toFixed(0)} ms; the ratio is the stall as a share of the job.${searches.cpuNote()}`,
    };
  },
};

const scenarios: Scenario[] = [openHome, searchTyping, breakdowns, saveScore, memoryAll, mainThreadStall];
export default scenarios;
