// `npm run bench [names…]` (or `-- --list`): runs the scenarios of bench/scenarios/*.ts, each in a child process of
// its own (so one scenario's memory does not count against the next), prints the table, and
// writes bench/results/latest.json and bench/RESULTS.md. Runs of a few scenarios update their
// rows and keep the others from the last run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { Measurement, Scenario } from './scenario';
import { renderTable } from '../cli/table';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const LATEST = path.join(BENCH, 'results', 'latest.json');
const RESULTS_MD = path.join(BENCH, 'RESULTS.md');

interface Found {
  file: string;
  scenario: Scenario;
}

export interface ResultRow {
  name: string;
  title: string;
  file: string;
  medianMs: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  samples: number;
  peakMemoryMb: number | null;
  baselineMs: number | null;
  baselineLabel: string | null;
  ratio: number | null;
  target: Scenario['target'] | null;
  pass: boolean | null;
  notes: string | null;
  error: string | null;
  measuredAt: string;
  /** The machine's 1-minute load average when the scenario started: shared machines inflate timings. */
  loadAverage: number;
}

async function discover(only?: string): Promise<Found[]> {
  const dir = path.join(BENCH, 'scenarios');
  const found: Found[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && (only === undefined || f === `${only}.ts`)).sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Scenario[] };
    for (const scenario of mod.default ?? []) found.push({ file: path.basename(file, '.ts'), scenario });
  }
  return found;
}

export function percentile(sorted: readonly number[], p: number): number {
  // Nearest rank: the p95 of 20 samples is the 19th, never an interpolated value nobody measured.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Peak resident memory of this process so far (Linux reports it exactly; elsewhere the current value). */
function processPeakMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

export function summarise(found: Found, m: Measurement): ResultRow {
  const sorted = [...m.samplesMs].sort((a, b) => a - b);
  const med = median(sorted);
  const p95 = percentile(sorted, 95);
  const max = sorted[sorted.length - 1]!;
  const base = m.baselineMs?.length ? median(m.baselineMs) : null;
  const t = found.scenario.target ?? null;
  let pass: boolean | null = null;
  if (t) {
    const value = t.metric === 'median' ? med : t.metric === 'p95' ? p95 : max;
    pass = (t.ms === undefined || value <= t.ms) && (t.memoryMb === undefined || (m.peakMemoryMb ?? Infinity) <= t.memoryMb);
  }
  return {
    name: found.scenario.name,
    title: found.scenario.title,
    file: found.file,
    medianMs: med,
    p95Ms: p95,
    maxMs: max,
    samples: sorted.length,
    peakMemoryMb: m.peakMemoryMb ?? null,
    baselineMs: base,
    baselineLabel: m.baselineLabel ?? null,
    ratio: base && base > 0 ? med / base : null,
    target: t,
    pass,
    notes: m.notes ?? null,
    error: null,
    measuredAt: new Date().toISOString(),
    loadAverage: os.loadavg()[0]!,
  };
}

/** In the child: run one scenario and write its result row. */
async function runChild(name: string, file: string, out: string): Promise<number> {
  // Only the scenario's own file is loaded, so other scenarios' libraries (Chromium's driver,
  // exceljs…) do not count towards this scenario's memory.
  const found = (await discover(file)).find((f) => f.scenario.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  let row: ResultRow;
  try {
    const m = await found.scenario.run();
    row = summarise(found, { ...m, peakMemoryMb: m.peakMemoryMb ?? processPeakMb() });
  } catch (e) {
    row = { ...emptyRow(found), error: (e as Error).stack ?? String(e) };
  }
  fs.writeFileSync(out, JSON.stringify(row));
  return 0;
}

function emptyRow(found: Found): ResultRow {
  return {
    name: found.scenario.name, title: found.scenario.title, file: found.file, medianMs: null, p95Ms: null, maxMs: null, samples: 0,
    peakMemoryMb: null, baselineMs: null, baselineLabel: null, ratio: null, target: found.scenario.target ?? null, pass: false,
    notes: null, error: null, measuredAt: new Date().toISOString(), loadAverage: os.loadavg()[0]!,
  };
}

function selectScenarios(all: Found[], names: string[]): Found[] {
  if (names.length === 0) return all;
  const unknown = names.filter((n) => !all.some((f) => f.scenario.name === n || f.file === n || f.scenario.name.startsWith(`${n}-`)));
  if (unknown.length) {
    throw new Error(`没有名为 ${unknown.join('、')} 的场景。可选：\n${all.map((f) => `  ${f.scenario.name}（${f.file}）`).join('\n')}`);
  }
  return all.filter((f) => names.some((n) => f.scenario.name === n || f.file === n || f.scenario.name.startsWith(`${n}-`)));
}

const ms = (v: number | null) => (v === null ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function targetText(t: ResultRow['target']): string {
  if (!t) return '—';
  const parts = [];
  if (t.ms !== undefined) parts.push(`${t.metric} < ${t.ms} ms`);
  if (t.memoryMb !== undefined) parts.push(`< ${t.memoryMb} MB`);
  return parts.join(', ');
}

const verdict = (r: ResultRow) => (r.error ? 'ERROR' : r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL');

function tableRows(rows: ResultRow[]): string[][] {
  return rows.map((r) => [
    r.name,
    ms(r.medianMs),
    ms(r.p95Ms),
    r.peakMemoryMb === null ? '—' : r.peakMemoryMb.toFixed(0),
    ms(r.baselineMs),
    r.ratio === null ? '—' : `${r.ratio < 0.1 ? r.ratio.toPrecision(1) : r.ratio.toFixed(1)}×`,
    targetText(r.target),
    verdict(r),
  ]);
}

const HEADERS = ['scenario', 'median ms', 'p95 ms', 'peak MB', 'baseline ms', 'ratio', 'target', 'result'];

function machine(): string {
  const cpus = os.cpus();
  const sqlite = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}, SQLite ${sqlite}`;
}

function resultsMarkdown(rows: ResultRow[]): string {
  const md = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand.',
    '',
    `Machine: ${machine()}.`,
    '',
    '## How it is measured',
    '',
    '- Every scenario runs in a fresh Node process of its own (`node bin/bench.mjs`, TypeScript through tsx), so one',
    '  scenario\'s memory does not count against the next. *peak MB* is the scenario\'s own sampled peak resident',
    '  memory, or the process\'s peak resident set (VmHWM) when it reports none.',
    '- *median* and *p95* are over the scenario\'s repeats (nearest rank); *baseline* is the median of the bare',
    '  library (better-sqlite3, exceljs, pdfkit…) doing the same raw query, insert or file work, and *ratio* is',
    '  median ÷ baseline: what our validation, rules, audit and formatting cost on top.',
    '- The data: the `large` demo (`certdesk demo --size large`: ten years of a busy association, 100,000 candidates,',
    '  1,000,000 part results, ~470,000 enrolments, ~4,000 sessions, ~360,000 certificates), built once per schema',
    `  version into ${path.join(os.tmpdir(), 'certdesk-bench')} and reused; write scenarios work on a copy.`,
    '  The file is not ANALYZEd, like an officer\'s.',
    '- Timings are never asserted in `npm test`; query plans are (test/perf).',
    `- The machine is shared: each note gives the load average when the scenario ran (${os.cpus().length} cores; a load above`,
    '  that means the scenario waited for a core, and its wall-clock times are inflated accordingly).',
    '',
    '## Latest table',
    '',
    md(['scenario', 'what', 'median ms', 'p95 ms', 'peak MB', 'baseline ms', 'ratio', 'target', 'result']),
    md(['---', '---', '---:', '---:', '---:', '---:', '---:', '---', '---']),
    ...rows.map((r) => {
      const [name, ...rest] = tableRows([r])[0]!;
      return md([name!, r.title, ...rest]);
    }),
    '',
    '## Notes per scenario',
    '',
    ...rows.map((r) => `- **${r.name}** (${r.file}, ${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC, load average ${r.loadAverage?.toFixed(1) ?? '?'}): ${r.error ? `error: ${r.error.split('\n')[0]}` : `${r.notes ?? ''}${r.baselineLabel ? ` Baseline: ${r.baselineLabel}.` : ''}`}`),
    '',
  ].join('\n');
}

function readLatest(): ResultRow[] {
  try {
    return (JSON.parse(fs.readFileSync(LATEST, 'utf8')) as { results: ResultRow[] }).results;
  } catch {
    return [];
  }
}

export async function main(argv: string[]): Promise<number> {
  const childAt = argv.indexOf('--child');
  if (childAt >= 0) return runChild(argv[childAt + 1]!, argv[argv.indexOf('--file') + 1]!, argv[argv.indexOf('--out') + 1]!);
  const all = await discover();
  if (argv.includes('--list')) {
    process.stdout.write(`${renderTable(['scenario', 'file', 'target', 'what'], all.map((f) => [f.scenario.name, f.file, targetText(f.scenario.target ?? null), f.scenario.title]))}\n`);
    return 0;
  }
  let selected: Found[];
  try {
    selected = selectScenarios(all, argv.filter((a) => !a.startsWith('--')));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-run-'));
  const fresh: ResultRow[] = [];
  for (const f of selected) {
    process.stderr.write(`▶ ${f.scenario.name}：${f.scenario.title}\n`);
    const out = path.join(outDir, `${f.scenario.name}.json`);
    const child = spawnSync(process.execPath, ['--expose-gc', path.join(ROOT, 'bin', 'bench.mjs'), '--child', f.scenario.name, '--file', f.file, '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const row: ResultRow = fs.existsSync(out)
      ? (JSON.parse(fs.readFileSync(out, 'utf8')) as ResultRow)
      : { ...emptyRow(f), error: `the scenario's process ended with ${child.signal ?? child.status}` };
    fresh.push(row);
    process.stderr.write(`  ${verdict(row)}  median ${ms(row.medianMs)} ms${row.error ? `\n${row.error}` : ''}\n`);
  }
  // Keep rows of scenarios not run this time (still existing), in discovery order.
  const previous = new Map(readLatest().map((r) => [r.name, r]));
  for (const r of fresh) previous.set(r.name, r);
  const merged = all.map((f) => previous.get(f.scenario.name)).filter((r): r is ResultRow => r !== undefined);
  fs.mkdirSync(path.dirname(LATEST), { recursive: true });
  fs.writeFileSync(LATEST, `${JSON.stringify({ machine: machine(), writtenAt: new Date().toISOString(), results: merged }, null, 2)}\n`);
  fs.writeFileSync(RESULTS_MD, resultsMarkdown(merged));
  process.stdout.write(`${renderTable(HEADERS, tableRows(fresh))}\n\n结果已写入 ${path.relative(ROOT, LATEST)} 和 ${path.relative(ROOT, RESULTS_MD)}\n`);
  return fresh.some((r) => r.error || r.pass === false) ? 1 : 0;
}
