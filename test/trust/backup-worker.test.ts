// Long trust work off the main thread (docs/performance.md): a backup's checks and `audit verify` run in a
// worker thread on a read-only connection of their own, report how far they have come, and leave
// the main thread free to answer the window meanwhile — with the same results and refusals.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { Worker } from 'node:worker_threads';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, ROOT, tempDir } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import type { Ctx } from '../../services/shared/context';
import { inTransaction } from '../../services/shared/context';
import type { Progress } from '../../services/shared/progress';
import { recordAudit } from '../../services/audit/audit';
import { verifyAudit, verifyAuditChain } from '../../services/audit/verify';
import { createBackup, restoreBackup } from '../../services/backup/backup';
import { backupsFolder } from '../../services/backup/naming';
import { mergeJobs } from '../../services/shared/jobs';
import { workerJobs } from '../../services/shared/workerJobs';
import { scoredSession, sqlite3 } from './fixtures';

let ctx: Ctx;
let file: string;

beforeEach(() => {
  ({ ctx, file } = createDB());
});

/** A long audit trail: years of score corrections. */
function longAuditTrail(entries: number): void {
  inTransaction(ctx.db, () => {
    for (let i = 0; i < entries; i++) {
      recordAudit(ctx, { entity: 'result', entityId: `${i}:theory`, action: 'update', oldValue: { score: 58 }, newValue: { score: 61 }, reason: '复核' });
    }
  });
}

describe('a backup with its checks in a worker thread', () => {
  it('answers the window while the audit chain of the copy is still being checked', async () => {
    await scoredSession(ctx);
    longAuditTrail(30_000);
    const seen: Progress[] = [];
    let answeredMeanwhile: unknown = null;
    let backupDone = false;
    const backup = createBackup(ctx, 'manual', undefined, (p) => {
      seen.push(p);
      // Queued behind the check, as a click in the window would be: it runs only if this thread is free.
      if (p.phase === 'audit' && p.done === 10_000) setImmediate(() => void call(ctx, 'sessions.list', {}).then((r) => (answeredMeanwhile ??= { sessions: r, backupDone })));
    });
    const info = await backup;
    backupDone = true;
    expect(answeredMeanwhile).toMatchObject({ backupDone: false });
    expect(info.auditEntries).toBeGreaterThan(30_000);
    expect(info.auditHead).toBe(verifyAuditChain(ctx).headHash);
  });

  it('reports copying, checking, the audit walk and saving, in that order', async () => {
    longAuditTrail(12_000);
    const seen: Progress[] = [];
    await createBackup(ctx, 'manual', undefined, (p) => seen.push(p));
    const phases = seen.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['copying', 'checking', 'audit', 'saving']);
    const lastCopy = seen.filter((p) => p.phase === 'copying').at(-1)!;
    expect(lastCopy.done).toBe(lastCopy.total);
    expect(lastCopy.total).toBeGreaterThan(0);
    const audit = seen.find((p) => p.phase === 'audit')!;
    expect(audit).toMatchObject({ done: 10_000 });
    expect(audit.total).toBeGreaterThanOrEqual(12_000);
  });

  it('keeps the refusal codes and messages across the thread: a copy whose trail breaks is not kept', async () => {
    await scoredSession(ctx);
    sqlite3(file, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET reason = '改过' WHERE seq = 2;");
    const e = await callError(ctx, 'backup.create', {});
    expect(e.code).toBe('BACKUP_AUDIT_BROKEN');
    expect(e.message).toContain('第 2 条记录的内容被改动过');
    // Nothing half-written is left behind: only checked copies are renamed into place (the day's
    // automatic one was taken before the tampering).
    expect(fs.readdirSync(backupsFolder(file)).filter((n) => !n.endsWith('-daily.sqlite'))).toEqual([]);
  });

  it('runs many backups one after another in the same worker, each a whole file', async () => {
    await scoredSession(ctx);
    const made = await Promise.all([createBackup(ctx, 'daily'), createBackup(ctx, 'import'), createBackup(ctx, 'manual')]);
    for (const b of made) expect(fs.existsSync(b.file)).toBe(true);
    expect(new Set(made.map((b) => b.auditHead)).size).toBe(1);
  });
});

describe('restoring, with the checks and the write in the worker thread', () => {
  it('restores a copy of a live database file (in WAL mode) and leaves nothing of the staging copy behind', async () => {
    await scoredSession(ctx);
    // An officer copies the data file itself rather than a backup: its header still says WAL.
    const other = createDB();
    await call(other.ctx, 'settings.set', { key: 'institution.name', value: '拷来的数据' });
    other.db.close();
    const copy = path.join(tempDir(), 'office-copy.sqlite');
    fs.copyFileSync(other.file, copy);
    const seen = new Set<string>();
    const r = await restoreBackup(ctx, copy, (p) => seen.add(p.phase));
    expect(fs.existsSync(r.safetyBackup)).toBe(true);
    expect((await call(ctx, 'settings.list', {})).find((s) => s.key === 'institution.name')!.value).toBe('拷来的数据');
    expect(fs.readdirSync(backupsFolder(file)).filter((n) => n.startsWith('.restore-'))).toEqual([]);
    expect([...seen]).toEqual(expect.arrayContaining(['checking', 'copying', 'saving', 'restoring']));
  });

  it('still refuses a file that is not a database, from the worker, with the officer’s message', async () => {
    const bad = path.join(tempDir(), '成绩.sqlite');
    fs.writeFileSync(bad, 'x'.repeat(4096));
    const e = await callError(ctx, 'backup.restore', { file: bad });
    expect(e.code).toBe('BACKUP_FOREIGN');
    expect(e.message).toContain('不是 SQLite 数据文件');
  });
});

describe('audit verify in the worker thread', () => {
  it('gives the same answer as walking the chain here, and says how far it has come', async () => {
    longAuditTrail(20_000);
    const seen: Progress[] = [];
    const there = await verifyAudit(ctx, undefined, (p) => seen.push(p));
    expect(there).toEqual(verifyAuditChain(ctx));
    expect(seen.map((p) => p.done)).toEqual([10_000, 20_000]);
  });

  it('names the edited entry, and checks a head hash noted on paper', async () => {
    await scoredSession(ctx);
    const head = verifyAuditChain(ctx).headHash;
    expect(await call(ctx, 'audit.verify', { knownHead: head })).toMatchObject({ ok: true, knownHeadFound: true });
    sqlite3(file, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = '别人' WHERE seq = 3;");
    expect(await call(ctx, 'audit.verify', {})).toMatchObject({ ok: false, firstBad: { seq: 3 }, appendOnly: false });
  });

  it('sees a score saved just before it was asked', async () => {
    const { sessionId } = await scoredSession(ctx);
    const before = await call(ctx, 'audit.verify', {});
    await call(ctx, 'results.set', { sessionId, idNumber: (await call(ctx, 'enrolments.list', { sessionId }))[0]!.idNumber, part: 'theory', score: 90 });
    const after = await call(ctx, 'audit.verify', {});
    expect(after.entries).toBe(before.entries + 1);
    expect(after.headHash).toBe(verifyAuditChain(ctx).headHash);
  });
});

describe('the jobs a worker runs', () => {
  it('come from each area’s own table, and a name declared twice is refused', () => {
    expect(Object.keys(workerJobs).sort()).toEqual(['audit.verify', 'backup.check', 'backup.prepareRestore', 'backup.write', 'backup.writeInto', 'spreadsheets.checkRoster', 'spreadsheets.import']);
    const a = { 'x.run': () => 1 };
    const b = { 'x.run': () => 2 };
    expect(() => mergeJobs(a, b)).toThrow(/x\.run.*两次/);
  });
});

describe('the worker in the desktop app’s bundle', () => {
  it('is built beside main.cjs, loads only Node built-ins, better-sqlite3 and pinyin-pro (both packed with the app), checks a backup and imports a roster', async () => {
    await scoredSession(ctx);
    const b = await createBackup(ctx, 'manual');
    // Inside the project, so the bundle finds better-sqlite3 in node_modules as the app does in its asar.
    fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
    const out = fs.mkdtempSync(path.join(ROOT, 'dist', 'worker-test-'));
    // @ts-expect-error — a plain ES module script without type declarations
    const { buildElectron } = await import('../../scripts/build-electron.mjs');
    await buildElectron(out);
    const bundle = path.join(out, 'worker.cjs');
    const code = fs.readFileSync(bundle, 'utf8');
    const loads = [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))];
    // Imports run here too (pinyin initials for new candidates, saxes tokenizing .xlsx parts, SheetJS
    // for .xls/.et/.ods/CSV files); exceljs and pdfkit stay out.
    const packages = loads.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s)).sort();
    expect(packages).toEqual(['@e965/xlsx', 'better-sqlite3', 'pinyin-pro', 'saxes']);
    const dependencies = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    expect(dependencies).toEqual(expect.arrayContaining(packages));
    // The bundled main finds it beside itself; the TypeScript entry is never looked for there.
    expect(fs.readFileSync(path.join(out, 'main.cjs'), 'utf8')).toContain('"worker.cjs"');
    const worker = new Worker(bundle);
    try {
      type Reply<R> = { id: number; started?: true; progress?: unknown; result?: R; error?: unknown };
      const job = <R>(id: number, name: string, args: unknown) =>
        new Promise<Reply<R>>((resolve) => {
          worker.on('message', (m: Reply<R>) => void (m.id === id && m.progress === undefined && !m.started && resolve(m)));
          worker.postMessage({ id, job: name, args });
        });
      const reply = await job<{ auditHead: string }>(1, 'backup.check', { file: b.file, label: '备份', depth: 'full' });
      expect(reply.error).toBeUndefined();
      expect(reply.result!.auditHead).toBe(b.auditHead);
      // A roster import, whose checking runs in a worker of the worker's own, from the same bundle.
      const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 4, date: '2024-09-01' });
      const roster = writeTemp(await buildWorkbook([{ rows: [['姓名', '身份证号码'], ['钱多多', makeIdNumber('110101', '19900101', 11)], ['孙小美', makeIdNumber('110101', '19920202', 22)]] }]));
      const imported = await job<{ imported: number }>(2, 'spreadsheets.import', { database: ctx.db.name, operator: 'test', kind: 'roster', input: { sessionId: s.id, file: { path: roster } } });
      expect(imported.error).toBeUndefined();
      expect(imported.result!.imported).toBe(2);
      expect((await call(ctx, 'enrolments.list', { sessionId: s.id })).map((e) => e.name)).toEqual(['钱多多', '孙小美']);
    } finally {
      await worker.terminate();
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
