// No output lands on the live database, its companions, the backups folder or any CertDesk file,
// however the path is spelt; and a page (the window or a browser) names no file on this computer:
// it uploads and downloads. Checked with the real CLI and a real HTTP server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import { backupsFolder } from '../../services/backup/naming';
import { startServer, type RunningServer } from '../../api/http';
import { pathKey } from '../../services/shared/outputPath';
import { scoredSession } from './fixtures';

let ctx: Ctx;
let file: string;

beforeEach(() => {
  ({ ctx, file } = createDB());
});

const digest = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** A database with data and a backup, closed, as the CLI finds it. */
async function closedDatabase(): Promise<{ backup: string; before: string }> {
  await scoredSession(ctx);
  const backup = (await call(ctx, 'backup.create', {})).file;
  ctx.db.close();
  return { backup, before: digest(file) };
}

function refused(args: string[], code: string): void {
  const r = runCli([...args, '--db', file, '--json']);
  expect(r.status, r.stdout + r.stderr).toBe(1);
  expect(JSON.parse(r.stdout).error.code).toBe(code);
}

describe('an output path on the command line', () => {
  it('is never the live database: export report --format csv --out the database leaves it byte for byte intact', async () => {
    const { before } = await closedDatabase();
    refused(['export', 'report', '--format', 'csv', '--out', file], 'OUTPUT_IS_DATABASE');
    refused(['export', 'report', '--out', file], 'OUTPUT_IS_DATABASE');
    refused(['export', 'passrate', '--out', `${file}-wal`], 'OUTPUT_IS_DATABASE');
    refused(['certificates', 'public-key', '--out', `${file}-shm`], 'OUTPUT_IS_DATABASE');
    refused(['certificates', 'calibrate', '--out', file], 'OUTPUT_IS_DATABASE');
    refused(['backup', '--out', file], 'OUTPUT_IS_DATABASE');
    expect(digest(file)).toBe(before);
    const r = runCli(['sessions', '--db', file, '--json']);
    expect(r.status).toBe(0);
  });

  it('is refused however it is spelt: through `..`, a symlink, or a dangling symlink to the -wal', async () => {
    const { before } = await closedDatabase();
    const elsewhere = tempDir();
    fs.mkdirSync(path.join(path.dirname(file), 'sub'));
    const link = path.join(elsewhere, '上报.csv');
    fs.symlinkSync(file, link);
    const dangling = path.join(elsewhere, '名单.xlsx');
    fs.symlinkSync(`${file}-wal`, dangling);
    const folderLink = path.join(elsewhere, 'data');
    fs.symlinkSync(path.dirname(file), folderLink);
    refused(['export', 'report', '--format', 'csv', '--out', path.join(path.dirname(file), 'sub', '..', 'certdesk.sqlite')], 'OUTPUT_IS_DATABASE');
    refused(['export', 'report', '--format', 'csv', '--out', link], 'OUTPUT_IS_DATABASE');
    refused(['export', 'issue-list', '--out', dangling], 'OUTPUT_IS_DATABASE');
    refused(['certificates', 'public-key', '--out', path.join(folderLink, 'certdesk.sqlite')], 'OUTPUT_IS_DATABASE');
    expect(digest(file)).toBe(before);
    expect(fs.readlinkSync(link)).toBe(file);
  });

  it('is not the backups folder nor any backup or other CertDesk database, wherever it lies', async () => {
    const { backup } = await closedDatabase();
    const kept = digest(backup);
    const copied = path.join(tempDir(), '备份副本.sqlite');
    fs.copyFileSync(backup, copied);
    refused(['export', 'report', '--format', 'csv', '--out', backup], 'OUTPUT_IN_BACKUPS');
    refused(['export', 'report', '--out', path.join(backupsFolder(file), '上报.xlsx')], 'OUTPUT_IN_BACKUPS');
    refused(['certificates', 'calibrate', '--out', path.join(backupsFolder(file), '校准.pdf')], 'OUTPUT_IN_BACKUPS');
    refused(['backup', '--out', backup], 'OUTPUT_IN_BACKUPS');
    refused(['export', 'report', '--format', 'csv', '--out', copied], 'OUTPUT_IS_BACKUP');
    refused(['certificates', 'public-key', '--out', `${copied}-wal`], 'OUTPUT_IS_BACKUP');
    expect(digest(backup)).toBe(kept);
    expect(digest(copied)).toBe(kept);
  });

  it('still writes where the officer asked, and a new backup may go into the backups folder (the menu opens there)', async () => {
    await closedDatabase();
    const out = path.join(tempDir(), '数据上报.csv');
    expect(runCli(['export', 'report', '--format', 'csv', '--out', out, '--db', file, '--json']).status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('证件号码');
    const inFolder = path.join(backupsFolder(file), 'CertDesk-备份-手动.sqlite');
    const b = runCli(['backup', '--out', inFolder, '--db', file, '--json']);
    expect(b.status, b.stdout).toBe(0);
    expect(fs.existsSync(inFolder)).toBe(true);
  });

  it('compares without case on Windows and macOS, where the file system ignores it', () => {
    expect(pathKey('C:\\Users\\a\\CertDesk\\CERTDESK.SQLITE', 'win32')).toBe(pathKey('c:/users/a/certdesk/certdesk.sqlite', 'win32'));
    expect(pathKey('/Users/a/CertDesk.SQLITE', 'darwin')).toBe(pathKey('/Users/a/certdesk.sqlite', 'darwin'));
    expect(pathKey('/home/a/CertDesk.SQLITE', 'linux')).not.toBe(pathKey('/home/a/certdesk.sqlite', 'linux'));
  });
});

describe('a page (the window or a browser over HTTP)', () => {
  let server: RunningServer;
  afterEach(async () => {
    await server?.close();
  });

  async function rpc(name: string, args: unknown): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }> {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/rpc/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    return (await res.json()) as never;
  }

  it('names no file to write: every out is refused, the download still comes back', async () => {
    await scoredSession(ctx);
    const before = ctx.db.prepare('SELECT count(*) AS n FROM candidates').get();
    const dist = tempDir();
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>CertDesk</title>');
    server = await startServer({ ctx: { db: ctx.db, operator: 'local' }, staticDir: dist });
    const harmless = path.join(tempDir(), 'x.csv');
    for (const [name, args] of [
      ['export.report', { format: 'csv', out: file }],
      ['export.report', { format: 'csv', out: harmless }],
      ['export.passRate', { out: harmless }],
      ['certificates.publicKey', { out: harmless }],
      ['certificates.calibration', { out: harmless }],
      ['backup.create', { out: harmless }],
    ] as const) {
      const r = await rpc(name, args);
      expect(r.error?.code, name).toBe('PATH_NOT_ALLOWED');
      expect(r.error?.message).toContain('下载');
    }
    expect(fs.existsSync(harmless)).toBe(false);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ctx.db.prepare('SELECT count(*) AS n FROM candidates').get()).toEqual(before);
    const download = await rpc('export.report', { format: 'csv' });
    expect(download.ok).toBe(true);
    expect(Buffer.from(download.data.base64, 'base64').toString('utf8')).toContain('证件号码');
  });

  it('reads no file by path: imports, restore and the font or seal settings take uploads only', async () => {
    const { sessionId } = await scoredSession(ctx);
    const backup = (await call(ctx, 'backup.create', {})).file;
    const dist = tempDir();
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>CertDesk</title>');
    server = await startServer({ ctx: { db: ctx.db, operator: 'local' }, staticDir: dist });
    for (const [name, args] of [
      ['roster.import', { sessionId, file: { path: '/etc/passwd' }, dryRun: true }],
      ['scores.import', { sessionId, file: { path: file }, dryRun: true }],
      ['certificates.import', { file: { path: file }, dryRun: true }],
      ['backup.restore', { file: backup }],
      ['settings.set', { key: 'certificate.font', value: '/etc/secret.ttf' }],
      ['settings.set', { key: 'certificate.seal', value: '/etc/seal.png' }],
    ] as const) {
      const r = await rpc(name, args);
      expect(r.error?.code, name).toBe('PATH_NOT_ALLOWED');
    }
    expect((await rpc('settings.set', { key: 'certificate.font', value: 'bundled' })).ok).toBe(true);
    // The command line (the OS account itself) may still.
    expect((await call({ ...ctx, caller: 'cli' }, 'settings.set', { key: 'certificate.seal', value: '/srv/seal.png' })).value).toBe('/srv/seal.png');
    expect((await callError({ ...ctx, caller: 'page' }, 'roster.import', { sessionId, file: { path: file } })).code).toBe('PATH_NOT_ALLOWED');
  });
});
