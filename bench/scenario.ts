// What one benchmark scenario is. Each file in bench/scenarios/ default-exports one or more.
// `npm run bench [name…]` runs them, prints a table and writes bench/results/latest.json.

export interface Measurement {
  /** Milliseconds per iteration (or per operation), one entry per repeat. */
  samplesMs: number[];
  /** Peak resident memory during the scenario, in MB (process.memoryUsage().rss sampled). */
  peakMemoryMb?: number;
  /** The same raw work done by the bare library (exceljs, pdfkit, better-sqlite3…), ms per repeat. */
  baselineMs?: number[];
  baselineLabel?: string;
  /** Anything else worth printing (rows, pages, file size…). */
  notes?: string;
}

export interface Scenario {
  /** Short, unique, kebab-case: used to select scenarios on the command line. */
  name: string;
  /** What is measured, for the table. */
  title: string;
  /** The target from the issue, e.g. { metric: 'median', ms: 50 } or { metric: 'p95', ms: 100, memoryMb: 400 }. */
  target?: { metric: 'median' | 'p95' | 'max'; ms?: number; memoryMb?: number };
  run(): Promise<Measurement>;
}
