// Spreadsheet import and export at the scale of a decade of an association's work
// (issue 4 targets: 100,000-row import under 8 s and 400 MB; export of 100,000 results under 4 s),
// each beside bare exceljs doing the same raw read or write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Measurement, Scenario } from '../scenario';
import { openDatabase } from '../../db/database';
import { checkCharacter } from '../../services/ids/idNumber';
import { createSession } from '../../services/sessions/sessions';
import { importRoster } from '../../services/spreadsheets/roster';
import { importScores } from '../../services/spreadsheets/scores';
import type { Ctx } from '../../services/shared/context';
import { exportPassRateWorkbook } from '../../services/spreadsheets/export/passRateWorkbook';
import { nameInitials } from '../../services/candidates/names';
import { inspectWorkbook } from '../../services/spreadsheets/container';
import { deflatedSpaces, MINIMAL_PARTS, zip } from '../../test/spreadsheets/zip';

function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'certdesk-bench-')), name);
}

function idNumber(i: number): string {
  const birth = `19${String(60 + (i % 40)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
  const first17 = `${String(110101 + (Math.floor(i / 1000) % 800)).padStart(6, '0')}${birth}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂';

function personName(i: number): string {
  return SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / 20) % GIVEN.length]! + GIVEN[Math.floor(i / 500) % GIVEN.length]!;
}

async function writeRoster(rows: number): Promise<string> {
  const file = tempFile(`roster-${rows}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['物业管理员报名花名册']).commit();
  ws.addRow(['序号', '姓名', '性别', '证件号码', '手机号码', '文化程度', '工作单位', '职业(工种)', '申报等级', '考试类型']).commit();
  for (let i = 0; i < rows; i++) {
    const id = idNumber(i);
    ws.addRow([i + 1, personName(i), Number(id[16]) % 2 ? '男' : '女', id, `138${String(i).padStart(8, '0')}`, '高中', `第${i % 300}物业服务有限公司`, '物业管理员', '四级', '正考']).commit();
  }
  ws.commit();
  await wb.commit();
  return file;
}

async function writeScores(rows: number): Promise<string> {
  const file = tempFile(`scores-${rows}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('成绩单');
  ws.addRow(['序号', '姓名', '证件号码', '理论知识', '操作技能']).commit();
  for (let i = 0; i < rows; i++) ws.addRow([i + 1, personName(i), idNumber(i), 40 + (i % 61), i % 17 === 0 ? '缺考' : 50 + (i % 51)]).commit();
  ws.commit();
  await wb.commit();
  return file;
}

/**
 * Runs fn while sampling resident memory; returns its wall time, its CPU time (on a shared
 * machine a load above the core count stretches the wall clock, not the CPU time) and the peak.
 */
async function measured(fn: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number; peakMb: number }> {
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

function cpuNote(ours: { cpuMs: number }, base: { cpuMs: number }): string {
  return `CPU 时间：本程序 ${ours.cpuMs.toFixed(0)} ms，裸 exceljs ${base.cpuMs.toFixed(0)} ms（比值 ${(ours.cpuMs / base.cpuMs).toFixed(2)}）`;
}

/** Bare exceljs: stream every row of the file and touch every value — the raw read our import does. */
async function bareRead(file: string): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([fs.readFileSync(file)]), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
  let n = 0;
  for await (const ws of reader) for await (const row of ws) n += (row.values as unknown[]).length;
  if (n === 0) throw new Error('empty');
}

function freshCtx(): Ctx {
  return { db: openDatabase(tempFile('bench.sqlite')), operator: 'bench' };
}

type Measured = Awaited<ReturnType<typeof measured>>;

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
 * The real import path (operation body, every service, audit entries) on a fresh database;
 * a score import first lands the roster it refers to.
 */
function importScenario(kind: 'roster' | 'scores', rows: number): Scenario {
  return {
    name: `import-${kind}-${rows / 1000}k`,
    title: kind === 'roster' ? `导入 ${rows.toLocaleString()} 行报名花名册（含写库、审计）` : `导入 ${rows.toLocaleString()} 行成绩单（两科，逐格审计）`,
    target: rows >= 100_000 ? { metric: 'max', ms: 8000, memoryMb: 400 } : undefined,
    async run(): Promise<Measurement> {
      const roster = await writeRoster(rows);
      const file = kind === 'roster' ? roster : await writeScores(rows);
      const ctx = freshCtx();
      const session = createSession(ctx, { occupation: '物业管理师', level: 4, date: '2024-06-15' });
      if (kind === 'scores') await importRoster(ctx, { sessionId: session.id, file: { path: roster } });
      const base = await measured(() => bareRead(file));
      let imported = 0;
      const run = kind === 'roster' ? importRoster : importScores;
      const ours = await measured(async () => {
        imported = (await run(ctx, { sessionId: session.id, file: { path: file } })).imported;
      });
      ctx.db.close();
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

/** Bare exceljs: the same rows (one per result, 16 values) through the streaming writer, no styles. */
async function bareWrite(rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tempFile('bare.xlsx'), useSharedStrings: true });
  const ws = wb.addWorksheet('明细');
  for (let i = 0; i < rows; i++) {
    const id = idNumber(i);
    ws.addRow([i + 1, `${2015 + Math.floor(i / 10000)}年第${Math.floor(i / 250)}批物业管理师认定`, '2024-03-15', `2024${String(i).padStart(8, '0')}`, personName(i), '男', id, `第${i % 300}物业服务有限公司`, '物业管理师', '--', '三级/高级工', '正考', 60 + (i % 40), 70.5, '合格']).commit();
  }
  ws.commit();
  await wb.commit();
}

function passRateExport(results: number): Scenario {
  return {
    name: `export-passrate-${results / 1000}k`,
    title: `导出合格率工作簿（${results.toLocaleString()} 条成绩的明细 + 各汇总表）`,
    target: results >= 100_000 ? { metric: 'max', ms: 4000 } : undefined,
    async run(): Promise<Measurement> {
      const ctx = freshCtx();
      seedResults(ctx, results);
      const base = await measured(() => bareWrite(results));
      const out = tempFile('合格率.xlsx');
      const ours = await measured(() => exportPassRateWorkbook(ctx, {}, out));
      ctx.db.close();
      return measurement(ours, base, 'exceljs 流式写入同样的明细行（无样式）', `文件 ${(fs.statSync(out).size / 1e6).toFixed(1)} MB`);
    },
  };
}

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
  zipBomb,
];
export default scenarios;
