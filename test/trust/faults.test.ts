// Faults with real processes: a second instance, SIGKILL right after a score is acknowledged,
// SIGKILL in the middle of a 10,000-row roster import, and a disk that fills up during a save.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, ROOT, runCli, tempDir } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import { openDatabase } from '../../db/database';
import { scoredSession, ZHANG } from './fixtures';

const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function certdesk(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/certdesk.mjs'), ...args], { cwd: ROOT, env: { ...process.env, CERTDESK_DB: '' } });
  children.push(child);
  return child;
}

/** Starts `certdesk serve` and resolves with the address it prints. */
function serve(dbFile: string): Promise<{ child: ChildProcess; url: URL }> {
  const child = certdesk(['serve', '--db', dbFile, '--json']);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += String(c);
      if (out.includes('\n')) resolve({ child, url: new URL(JSON.parse(out.split('\n')[0]!).url) });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('one running CertDesk per database', () => {
  it('refuses a second instance on the same database with a clear message, and lets the command line in', async () => {
    const { file, db } = createDB();
    db.close();
    await serve(file);
    const second = runCli(['serve', '--db', file, '--json']);
    expect(second.status).toBe(1);
    expect(second.json.error.code).toBe('DB_IN_USE');
    expect(second.json.error.message).toContain('已经被另一个正在运行的 CertDesk 打开');
    expect(runCli(['session', 'list', '--db', file, '--json']).status).toBe(0);
  });

  it('lets a new instance start once the old one was killed', async () => {
    const { file, db } = createDB();
    db.close();
    const first = await serve(file);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const second = await serve(file);
    expect(second.url.hostname).toBe('127.0.0.1');
  });
});

describe('SIGKILL', () => {
  it('keeps a score that was acknowledged, even when the process is killed right after', async () => {
    const { ctx, file } = createDB();
    const { sessionId } = await scoredSession(ctx);
    ctx.db.close();
    const { child, url } = await serve(file);
    const res = await fetch(`${url.origin}/api/rpc/results.set`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${url.searchParams.get('token')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ sessionId, idNumber: ZHANG, part: 'theory', score: 72.5 }),
    });
    const body = await res.json();
    child.kill('SIGKILL');
    await exited(child);
    expect(body.ok).toBe(true);
    const db = openDatabase(file);
    const row = db.prepare("SELECT score_tenths FROM part_results pr JOIN enrolments e ON e.id = pr.enrolment_id JOIN candidates c ON c.id = e.candidate_id WHERE c.id_number = ? AND pr.part = 'theory'").get(ZHANG);
    expect(row).toEqual({ score_tenths: 725 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('leaves no partial import when killed in the middle of a 10,000-row roster import', async () => {
    const { ctx, file } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 4, date: '2024-06-15' });
    ctx.db.close();
    const rows: (string | number)[][] = [['序号', '姓名', '性别', '身份证号码', '所在单位']];
    for (let i = 0; i < 10_000; i++) {
      const birth = `19${70 + (i % 30)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
      rows.push([i + 1, `考生${i + 1}`, i % 2 ? '男' : '女', makeIdNumber('440106', birth, Math.floor(i / 360) + 1), `第${i % 40}物业公司`]);
    }
    const roster = writeTemp(await buildWorkbook([{ rows, textColumns: ['D'] }]), 'roster-10000.xlsx');
    const child = certdesk(['import', 'roster', roster, '--session', String(s.id), '--db', file, '--json']);
    // Kill once the import transaction has started writing pages to the WAL.
    const wal = `${file}-wal`;
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
        if (walBytes > 256 * 1024 || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 2);
    });
    await exited(child);
    expect(child.signalCode).toBe('SIGKILL');
    expect(integrity(file)).toBe('ok');
    const db = openDatabase(file);
    const enrolled = (db.prepare('SELECT count(*) AS n FROM enrolments WHERE session_id = ?').get(s.id) as { n: number }).n;
    const candidates = (db.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n;
    db.close();
    expect([0, 10_000]).toContain(enrolled);
    expect(candidates).toBe(enrolled);
  }, 120_000);
});

describe('a full disk', () => {
  it('keeps the previous data and tells the officer the change was not saved', async () => {
    const { ctx } = createDB();
    const { sessionId } = await scoredSession(ctx);
    const candidate = (await call(ctx, 'candidates.search', { query: '张伟' })).items[0]!;
    // The database may not grow by a single page: the disk is full.
    const pages = ctx.db.pragma('page_count', { simple: true }) as number;
    ctx.db.pragma(`max_page_count = ${pages}`);
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(900_000, 7)]).toString('base64');
    const e = await callError(ctx, 'candidates.setPhoto', { id: candidate.id, base64: photo });
    expect(e.code).toBe('DISK_FULL');
    expect(e.message).toContain('没有保存');
    expect((await call(ctx, 'candidates.photo', { id: candidate.id })).base64).toBeNull();
    expect((await call(ctx, 'results.get', { sessionId })).candidates.map((c) => c.outcome)).toEqual(['fail', 'pass']);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    ctx.db.pragma('max_page_count = 1073741823');
    await call(ctx, 'candidates.setPhoto', { id: candidate.id, base64: photo });
  });

  // A real full disk: a 3 MB tmpfs. Mounting needs the privilege to mount (root in a container
  // that allows it); elsewhere the max_page_count test above stands in for it.
  const mountTmpfs = (dir: string) => spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir]).status === 0;
  const probe = tempDir();
  const canMount = mountTmpfs(probe) && spawnSync('umount', [probe]).status === 0;
  it.skipIf(!canMount)('on a real disk that fills up: the save fails with DISK_FULL and the data before it stays', async () => {
    const tmpfs = tempDir();
    expect(mountTmpfs(tmpfs)).toBe(true);
    const file = path.join(tmpfs, 'certdesk.sqlite');
    let ctx: Ctx | null = null;
    try {
      ctx = { db: openDatabase(file), operator: 'test' };
      const { sessionId } = await scoredSession(ctx);
      const candidate = (await call(ctx, 'candidates.search', { query: '张伟' })).items[0]!;
      // Fill the disk, leaving less room than the photo needs.
      const free = fs.statfsSync(tmpfs).bavail * fs.statfsSync(tmpfs).bsize;
      fs.writeFileSync(path.join(tmpfs, 'filler'), Buffer.alloc(Math.max(0, free - 200_000)));
      const photo = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(1_000_000, 7)]).toString('base64');
      const e = await callError(ctx, 'candidates.setPhoto', { id: candidate.id, base64: photo });
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toContain('之前的数据完好');
      fs.rmSync(path.join(tmpfs, 'filler'));
      expect((await call(ctx, 'results.get', { sessionId })).candidates.map((c) => c.outcome)).toEqual(['fail', 'pass']);
      expect((await call(ctx, 'candidates.photo', { id: candidate.id })).base64).toBeNull();
      ctx.db.close();
      ctx = null;
      expect(integrity(file)).toBe('ok');
    } finally {
      ctx?.db.close();
      spawnSync('umount', [tmpfs]);
    }
  });
});
