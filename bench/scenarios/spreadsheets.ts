// Spreadsheet import and export at the scale of a decade of an association's work
// (targets: 100,000-row import under 8 s and 400 MB; export of 100,000 results under 4 s),
// each beside bare exceljs doing the same raw read or write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measurement, Scenario } from '../scenario';
import { openDatabase } from '../../db/database';
import { createSession } from '../../services/sessions/sessions';
import { importRoster } from '../../services/spreadsheets/roster';
import { importScores } from '../../services/spreadsheets/scores';
import type { Ctx } from '../../services/shared/context';
import { nameInitials } from '../../services/candidates/names';
import { inspectWorkbook } from '../../services/spreadsheets/container';
import { deflatedSpaces, MINIMAL_PARTS, zip } from '../../test/spreadsheets/zip';
import { enrolledCopy, fixtureFile, idNumber, personName } from '../spreadsheetFixtures';
import { bareBaseline, measured, type Measured } from '../bareExcel';

function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-')), name);
}

function cpuNote(ours: { cpuMs: number }, base: { cpuMs: number }): string {
  return `CPU 时间：本程序 ${ours.cpuMs.toFixed(0)} ms，裸 exceljs ${base.cpuMs.toFixed(0)} ms（比值 ${(ours.cpuMs / base.cpuMs).toFixed(2)}）`;
}

function freshCtx(): Ctx {
  return { db: openDatabase(tempFile('bench.sqlite')), operator: 'bench' };
}

function measurement(ours: Measured, base: Measured, baselineLabel: string, notes: string): Measurement {
  return {
    samplesMs: [ours.ms],
    peakMemoryMb: ours.peakMb,
    baselineMs: [base.ms],
    baselineLabel,
    notes: `${notes}；裸 exceljs 峰值内存 ${base.peakMb.toFixed(0)} MB；${cpuNote(ours, base)}`,
  };
}

/**
 * The import service, every check, write and audit entry (in the app it runs in the worker thread;
 * starting that is not counted): a roster into a fresh database, a score sheet into a copy of one
 * whose roster was imported in a process of its own.
 */
function importScenario(kind: 'roster' | 'scores', rows: number): Scenario {
  return {
    name: `import-${kind}-${rows / 1000}k`,
    title: kind === 'roster' ? `导入 ${rows.toLocaleString()} 行报名花名册（含写库、审计）` : `导入 ${rows.toLocaleString()} 行成绩单（两科，逐格审计）`,
    target: rows >= 100_000 ? { metric: 'max', ms: 8000, memoryMb: 400 } : undefined,
    async run(): Promise<Measurement> {
      const file = fixtureFile(kind, rows);
      // A score sheet goes into a session whose roster is already in (built and copied, not imported here).
      const target = kind === 'scores' ? enrolledCopy(rows) : null;
      const ctx: Ctx = target ? { db: openDatabase(target.file), operator: 'bench' } : freshCtx();
      const sessionId = target ? target.sessionId : createSession(ctx, { occupation: '物业管理师', level: 4, date: '2024-06-15' }).id;
      const base = bareBaseline('read', file);
      let imported = 0;
      const run = kind === 'roster' ? importRoster : importScores;
      const ours = await measured(async () => {
        imported = (await run(ctx, { sessionId, file: { path: file } })).imported;
      });
      ctx.db.close();
      if (target) fs.rmSync(path.dirname(target.file), { recursive: true, force: true });
      return measurement(ours, base, 'exceljs 流式读取全部行', `导入 ${imported} 行；文件 ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
    },
  };
}

/**
 * A decade of results written straight into the tables (fixture only: the import scenarios above
 * measure the real path): 100,000 enrolments over 400 sessions, two parts each.
 */
function seedResults(ctx: Ctx, results: number): void {
  const db = ctx.db;
  const now = new Date().toISOString();
  db.transaction(() => {
    const occupation = (db.prepare("SELECT id FROM occupations WHERE name = '物业管理师'").get() as { id: number }).id;
    const employer = db.prepare('INSERT INTO employers (name, created_at) VALUES (?, ?)');
    for (let e = 0; e < 300; e++) employer.run(`第${e}物业服务有限公司`, now);
    const session = db.prepare("INSERT INTO sessions (name, occupation_id, level, attempt, exam_date, status, created_at) VALUES (?, ?, ?, ?, ?, 'finalized', ?)");
    const candidate = db.prepare('INSERT INTO candidates (id_type, id_number, name, gender, birth_date, employer_id, name_initials, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const enrolment = db.prepare('INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, outcome, employer_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const part = db.prepare("INSERT INTO part_results (enrolment_id, part, status, score_tenths, updated_at) VALUES (?, ?, ?, ?, ?)");
    const perSession = 250;
    for (let i = 0; i < results; i++) {
      const s = Math.floor(i / perSession);
      if (i % perSession === 0) {
        const year = 2015 + Math.floor(s / 40);
        const month = String(1 + (s % 12)).padStart(2, '0');
        session.run(`${year}年第${s}批物业管理师认定`, occupation, 3 + (s % 3), s % 5 === 4 ? 'retake' : 'first', `${year}-${month}-15`, now);
      }
      const id = idNumber(i);
      const name = personName(i);
      const candidateId = Number(candidate.run('居民身份证', id, name, Number(id[16]) % 2 ? '男' : '女', `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, 1 + (i % 300), nameInitials(name), now, now).lastInsertRowid);
      const theory = i % 23 === 0 ? null : 400 + (i % 600);
      const skill = i % 23 === 0 ? null : 450 + ((i * 7) % 550);
      const outcome = theory === null ? 'absent' : theory >= 600 && skill! >= 600 ? 'pass' : 'fail';
      const enrolmentId = Number(enrolment.run(s + 1, candidateId, `${2015 + Math.floor(s / 40)}${String(s + 1).padStart(4, '0')}${String((i % perSession) + 1).padStart(4, '0')}`, s % 5 === 4 ? 'retake' : 'first', outcome, 1 + (i % 300), now).lastInsertRowid);
      part.run(enrolmentId, 'theory', theory === null ? 'absent' : 'scored', theory, now);
      part.run(enrolmentId, 'skill', skill === null ? 'absent' : 'scored', skill, now);
    }
  })();
}

function passRateExport(results: number): Scenario {
  return {
    name: `export-passrate-${results / 1000}k`,
    title: `导出合格率工作簿（${results.toLocaleString()} 条成绩的明细 + 各汇总表）`,
    target: results >= 100_000 ? { metric: 'max', ms: 4000 } : undefined,
    async run(): Promise<Measurement> {
      const ctx = freshCtx();
      seedResults(ctx, results);
      const base = bareBaseline('write', results);
      const out = tempFile('合格率.xlsx');
      // Loaded here, so the import scenarios' processes never load exceljs (the import does not need it).
      const { exportPassRateWorkbook } = await import('../../services/spreadsheets/export/passRateWorkbook');
      const ours = await measured(() => exportPassRateWorkbook(ctx, {}, out));
      ctx.db.close();
      return measurement(ours, base, 'exceljs 流式写入同样的明细行（无样式）', `文件 ${(fs.statSync(out).size / 1e6).toFixed(1)} MB`);
    },
  };
}

/**
 * Reading alone, the 100,000-row roster through the reader every import uses (header found, columns
 * mapped, every row handed on as tidy cells), beside SheetJS reading the same file whole and
 * exceljs streaming it, each in a process of its own (docs/spreadsheets.md: at least 2× SheetJS).
 */
const readRoster: Scenario = {
  name: 'read-roster-100k',
  title: '读取 100,000 行报名花名册（本程序的读取器，对照 SheetJS 与 exceljs）',
  async run(): Promise<Measurement> {
    const file = fixtureFile('roster', 100_000);
    const sheetJs = bareBaseline('sheetjs', file);
    const excelJs = bareBaseline('read', file);
    const { readTable } = await import('../../services/spreadsheets/reader');
    const { ROSTER_FIELDS } = await import('../../services/spreadsheets/fields');
    const samples: number[] = [];
    let peakMb = 0;
    let cpuMs = 0;
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      rows = 0;
      const m = await measured(() => readTable({ path: file }, ROSTER_FIELDS, { onRow: () => rows++ }));
      samples.push(m.ms);
      peakMb = Math.max(peakMb, m.peakMb);
      cpuMs += m.cpuMs / 3;
    }
    const median = [...samples].sort((a, b) => a - b)[1]!;
    return {
      samplesMs: samples,
      peakMemoryMb: peakMb,
      baselineMs: [sheetJs.ms],
      baselineLabel: 'SheetJS (@e965/xlsx) 读取整个文件',
      notes:
        `${rows} 行；SheetJS ${sheetJs.ms.toFixed(0)} ms（CPU ${sheetJs.cpuMs.toFixed(0)} ms）、峰值 ${sheetJs.peakMb.toFixed(0)} MB，是本程序的 ${(sheetJs.ms / median).toFixed(1)} 倍（CPU ${(sheetJs.cpuMs / cpuMs).toFixed(1)} 倍）；` +
        `exceljs 流式读取 ${excelJs.ms.toFixed(0)} ms、峰值 ${excelJs.peakMb.toFixed(0)} MB；本程序 CPU ${cpuMs.toFixed(0)} ms`,
    };
  },
};

/** A 1 GB bomb whose directory lies (claims 4 KB): refused after inflating just past the claim. */
const zipBomb: Scenario = {
  name: 'refuse-zip-bomb',
  title: '拒收压缩炸弹（目录谎报大小，实际解压 1 GB）',
  target: { metric: 'max', ms: 1000, memoryMb: 400 },
  async run(): Promise<Measurement> {
    const bomb = zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: await deflatedSpaces(1024), claimedSize: 4096 }]);
    const samples: number[] = [];
    let peakMb = 0;
    for (let i = 0; i < 5; i++) {
      const m = await measured(() => inspectWorkbook(bomb, 'bomb.xlsx').then(() => Promise.reject(new Error('bomb accepted')), (e: { code?: string }) => {
        if (e.code !== 'FILE_ZIP_BOMB') throw e;
      }));
      samples.push(m.ms);
      peakMb = Math.max(peakMb, m.peakMb);
    }
    return { samplesMs: samples, peakMemoryMb: peakMb, notes: `文件 ${(bomb.length / 1e6).toFixed(1)} MB，解压 1 GB；在超出所报大小时即停止` };
  },
};

const scenarios: Scenario[] = [
  ...[2_000, 10_000, 30_000, 100_000].map((n) => importScenario('roster', n)),
  ...[10_000, 100_000].map((n) => importScenario('scores', n)),
  passRateExport(10_000),
  passRateExport(100_000),
  readRoster,
  zipBomb,
];
export default scenarios;
