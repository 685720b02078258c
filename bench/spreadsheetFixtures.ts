// The spreadsheets the import scenarios read: a 报名花名册 and its 成绩单 of N rows, written with
// exceljs in a process of their own and kept in the bench folder, so writing them neither costs the
// scenario's time nor leaves the writer's garbage in its peak memory.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { checkCharacter } from '../services/ids/idNumber';
import { BENCH_DIR } from './large';
import { LATEST_VERSION } from '../db/database';

/** Bump when the files change, so stale ones are rewritten. */
const FIXTURE_VERSION = 2;

const HERE = fileURLToPath(import.meta.url);

export function idNumber(i: number): string {
  const birth = `19${String(60 + (i % 40)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
  const first17 = `${String(110101 + (Math.floor(i / 1000) % 800)).padStart(6, '0')}${birth}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

// Enough characters that 100,000 people have 100,000 different names, as a real roster does: the
// pinyin initials are worked out once per distinct name, and a few repeated names would hide that.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国红玉兰志宏云飞鹏辉晶晓春海燕梅波宁慧琳婷欣悦琪涵睿博浩宇轩然泽';

export function personName(i: number): string {
  const s = SURNAMES.length;
  const g = GIVEN.length;
  return SURNAMES[i % s]! + GIVEN[Math.floor(i / s) % g]! + GIVEN[Math.floor(i / (s * g)) % g]!;
}

async function writeRoster(rows: number, file: string): Promise<void> {
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
}

async function writeScores(rows: number, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('成绩单');
  ws.addRow(['序号', '姓名', '证件号码', '理论知识', '操作技能']).commit();
  for (let i = 0; i < rows; i++) ws.addRow([i + 1, personName(i), idNumber(i), 40 + (i % 61), i % 17 === 0 ? '缺考' : 50 + (i % 51)]).commit();
  ws.commit();
  await wb.commit();
}

/**
 * A database with one session (物业管理师, level 4) whose roster of `rows` people has been imported:
 * what a score sheet is imported into. Checkpointed into a single file.
 */
async function writeEnrolled(rows: number, file: string): Promise<void> {
  const { openDatabase } = await import('../db/database');
  const { createSession } = await import('../services/sessions/sessions');
  const { importRoster } = await import('../services/spreadsheets/roster');
  const ctx = { db: openDatabase(file), operator: 'bench' };
  const session = createSession(ctx, { occupation: '物业管理师', level: 4, date: '2024-06-15' });
  await importRoster(ctx, { sessionId: session.id, file: { path: fixtureFile('roster', rows) } });
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.close();
}

/** A private copy of the enrolled database (fixtureFile 'enrolled'), and its session's id. */
export function enrolledCopy(rows: number): { file: string; sessionId: number } {
  const dir = fs.mkdtempSync(path.join(BENCH_DIR, 'enrolled-copy-'));
  const file = path.join(dir, 'bench.sqlite');
  fs.copyFileSync(fixtureFile('enrolled', rows), file);
  return { file, sessionId: 1 };
}

/** The path of the fixture, written first (in a child process) if it is not there yet. */
export function fixtureFile(kind: 'roster' | 'scores' | 'enrolled', rows: number): string {
  // A database fixture is of one schema version.
  const file = path.join(BENCH_DIR, kind === 'enrolled' ? `enrolled-${rows}-f${FIXTURE_VERSION}-v${LATEST_VERSION}.sqlite` : `${kind}-${rows}-f${FIXTURE_VERSION}.xlsx`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const building = `${file}.${process.pid}.building`;
  const done = spawnSync(process.execPath, ['--import', 'tsx', HERE, kind, String(rows), building], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (done.status !== 0) throw new Error(`writing ${file} failed (${done.signal ?? done.status})`);
  fs.renameSync(building, file);
  return file;
}

if (process.argv[1] === HERE) {
  const [kind, rows, out] = process.argv.slice(2);
  await (kind === 'roster' ? writeRoster : kind === 'scores' ? writeScores : writeEnrolled)(Number(rows), out!);
}
