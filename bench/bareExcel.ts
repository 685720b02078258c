// The bare-exceljs baselines of the spreadsheet scenarios, each measured in a process of its own:
// in the scenario's process, exceljs's garbage and the memory it never hands back would count
// against our own import's or export's peak (and ours against its).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { idNumber, personName } from './spreadsheetFixtures';

export interface Measured {
  ms: number;
  cpuMs: number;
  peakMb: number;
}

const HERE = fileURLToPath(import.meta.url);

/**
 * Runs fn while sampling resident memory; returns its wall time, its CPU time (on a shared
 * machine a load above the core count stretches the wall clock, not the CPU time) and the peak.
 */
export async function measured(fn: () => Promise<unknown>): Promise<Measured> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  const used = process.cpuUsage(cpu);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, peakMb: peak / 1024 / 1024 };
}

/** Bare exceljs: stream every row of the file and touch every value — the raw read our import does. */
async function bareRead(file: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([fs.readFileSync(file)]), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
  let n = 0;
  for await (const ws of reader) for await (const row of ws) n += (row.values as unknown[]).length;
  if (n === 0) throw new Error('empty');
}

/** SheetJS (@e965/xlsx), the reference reader: the whole workbook read, every cell touched. */
async function sheetJsRead(file: string): Promise<void> {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', dense: true });
  let n = 0;
  for (const name of wb.SheetNames) for (const row of (wb.Sheets[name] as { '!data'?: unknown[][] })['!data'] ?? []) n += row?.length ?? 0;
  if (n === 0) throw new Error('empty');
}

/** Bare exceljs: the same rows (one per result, 16 values) through the streaming writer, no styles. */
async function bareWrite(rows: number): Promise<void> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-')), 'bare.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true });
  const ws = wb.addWorksheet('明细');
  for (let i = 0; i < rows; i++) {
    const id = idNumber(i);
    ws.addRow([i + 1, `${2015 + Math.floor(i / 10000)}年第${Math.floor(i / 250)}批物业管理师认定`, '2024-03-15', `2024${String(i).padStart(8, '0')}`, personName(i), '男', id, `第${i % 300}物业服务有限公司`, '物业管理师', '--', '三级/高级工', '正考', 60 + (i % 40), 70.5, '合格']).commit();
  }
  ws.commit();
  await wb.commit();
}

/** The baseline measured in a child process: 'read' a file (exceljs, or SheetJS with 'sheetjs'), or 'write' that many detail rows. */
export function bareBaseline(kind: 'read' | 'sheetjs' | 'write', arg: string | number): Measured {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', HERE, kind, String(arg)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`bare exceljs ${kind} failed (${child.signal ?? child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measured;
}

if (process.argv[1] === HERE) {
  const [kind, arg] = process.argv.slice(2);
  const result = await measured(() => (kind === 'read' ? bareRead(arg!) : kind === 'sheetjs' ? sheetJsRead(arg!) : bareWrite(Number(arg))));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
