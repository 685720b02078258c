// The Electron bundles (npm run build:electron): what they load at run time must ship in the app.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';
import { holdInstanceLock } from '../../db/database';

// A folder of its own, so this file never races `npm start` (start.test.ts) over dist/electron.
const OUT = path.join(tempDir('certdesk-electron-build-'), 'electron');

function requires(file: string): string[] {
  const code = fs.readFileSync(path.join(OUT, file), 'utf8');
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();
}

/** 'exceljs/dist/es5' → 'exceljs', '@scope/pkg/x' → '@scope/pkg'. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

beforeAll(async () => {
  // @ts-expect-error — a plain ES module script without type declarations
  const { buildElectron } = await import('../../scripts/build-electron.mjs');
  await buildElectron(OUT);
}, 120_000);

describe('the Electron bundles', () => {
  it('main.cjs loads only Node built-ins, electron, and packages the installer ships (dependencies and what they bring)', async () => {
    // @ts-expect-error — a plain ES module script without type declarations
    const { collectLibraries } = await import('../../scripts/licences.mjs');
    const shipped = new Set((collectLibraries(ROOT) as { name: string }[]).map((l) => l.name));
    expect(shipped.has('vite')).toBe(false);
    // main.cjs and any bundle beside it that runs in the main process (a worker thread's, say).
    const bundles = fs.readdirSync(OUT).filter((f) => f.endsWith('.cjs') && f !== 'preload.cjs');
    expect(bundles).toContain('main.cjs');
    const missing = bundles.flatMap((b) => requires(b).filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron' && !shipped.has(packageOf(s))));
    expect(missing).toEqual([]);
    expect(requires('main.cjs')).toContain('better-sqlite3');
    // electron-builder.yml leaves these out of the installer.
    expect(requires('main.cjs').filter((s) => ['tsx', 'esbuild'].includes(packageOf(s)))).toEqual([]);
  });

  it('preload.cjs needs nothing but electron, as a sandboxed preload must', () => {
    expect(requires('preload.cjs')).toEqual(['electron']);
    const code = fs.readFileSync(path.join(OUT, 'preload.cjs'), 'utf8');
    expect(code).toContain('exposeInMainWorld');
    expect(code).toContain('"certdesk:rpc"');
  });

  it('lists the licences of what ships, with the full texts beside them', () => {
    const summary = JSON.parse(fs.readFileSync(path.join(OUT, 'licenses.json'), 'utf8')) as { libraries: { name: string; license: string }[]; fonts: string[] };
    const byName = new Map(summary.libraries.map((l) => [l.name, l.license]));
    for (const name of ['better-sqlite3', 'exceljs', 'pdfkit', 'zod', 'react', 'antd', 'electron-log']) expect(byName.has(name), name).toBe(true);
    // The certificate font and its OFL licence.
    expect(summary.fonts.join()).toContain('noto-serif-sc');
    expect(fs.readFileSync(path.join(OUT, 'THIRD_PARTY_LICENSES.txt'), 'utf8')).toContain('SIL OPEN FONT LICENSE');
    expect(byName.get('better-sqlite3')).toBe('MIT');
    const texts = fs.readFileSync(path.join(OUT, 'THIRD_PARTY_LICENSES.txt'), 'utf8');
    expect(texts).toMatch(/better-sqlite3 [\d.]+ — MIT/);
    expect(texts).toContain('Permission is hereby granted');
  });
});

/** Starts the real main.cjs under plain Node with a stand-in for Electron's API (fixtures/fake-electron.cjs). */
function startMain(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'test/ship/fixtures/fake-electron.cjs'), path.join(OUT, 'main.cjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // The bundle sits in a temporary folder: its packages come from the project's node_modules.
    // The user-data folder (logs) goes to a temporary folder too.
    env: { ...process.env, CERTDESK_DB: '', FAKE_APP_PATH: ROOT, NODE_PATH: path.join(ROOT, 'node_modules'), XDG_CONFIG_HOME: tempDir('certdesk-userdata-'), ...env },
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('the main process, started on a database given with --db', () => {
  it('takes the single-instance lock, names itself CertDesk (so its data folder is the CLI’s), and creates the database', () => {
    const db = path.join(tempDir('certdesk-main-'), 'office.sqlite');
    const report = startMain(['--db', db]);
    expect(report.singleInstance).toBe(true);
    expect(report.name).toBe('CertDesk');
    expect(fs.existsSync(db)).toBe(true);
  });

  it('opens one sandboxed window on app://certdesk with our preload, under the Chinese menu', () => {
    const report = startMain(['--db', path.join(tempDir('certdesk-main-'), 'office.sqlite')]);
    expect(report.sandboxAll).toBe(true);
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0].url).toBe('app://certdesk/index.html');
    expect(report.windows[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: path.join(OUT, 'preload.cjs') });
    expect(report.menu).toEqual(['文件', '编辑', '视图', '帮助']);
  });

  it('serves the renderer with the CSP, answers rpc from its page only, and guards the window', () => {
    const report = startMain(['--db', path.join(tempDir('certdesk-main-'), 'office.sqlite')]);
    expect(report.page.scheme).toBe('app');
    expect(report.page.csp).toContain("script-src 'self'");
    expect(report.ipcChannel).toBe('certdesk:rpc');
    expect(report.ipcFromPage.ok).toBe(true);
    expect(report.ipcFromElsewhere.error.code).toBe('IPC_SENDER_REFUSED');
    expect(report.guard).toEqual({ newWindow: { action: 'deny' }, navigateAway: true, navigateHome: false });
    expect(report.permissionRefused).toBe(true);
  });

  it('logs a crashed page and reloads it', () => {
    const report = startMain(['--db', path.join(tempDir('certdesk-main-'), 'office.sqlite')]);
    expect(report.reloadedAfterCrash).toBe(true);
    expect(report.events).toContainEqual({ logError: 'renderer gone crashed 11' });
  });

  it('runs the menu: 关于 lists version, fonts and licences; 备份… then 恢复… round-trip the data; the folders open; 使用说明 presses F1', () => {
    const folder = tempDir('certdesk-main-');
    const db = path.join(folder, 'office.sqlite');
    const copy = path.join(folder, '备份', '拷贝.sqlite');
    fs.mkdirSync(path.dirname(copy));
    const report = startMain(['--db', db], {
      FAKE_MENU: '帮助/关于 CertDesk,文件/备份…,文件/恢复…,文件/打开数据文件夹,帮助/打开日志文件夹,帮助/用户手册,帮助/使用说明',
      FAKE_DIALOG_FILE: copy,
    });
    const [about, save, saved, open, confirm, restored] = report.dialogs;
    expect(about.detail).toMatch(/^版本 \d+\.\d+\.\d+/);
    expect(about.detail).toContain('随附字体：@expo-google-fonts/noto-serif-sc');
    expect(about.detail).toMatch(/MIT（\d+）：/);
    expect(save).toEqual({ kind: 'save', defaultPath: expect.stringContaining(path.join(folder, 'backups')) });
    expect(saved).toMatchObject({ type: 'info', message: '备份完成', detail: expect.stringContaining(copy) });
    expect(fs.existsSync(copy)).toBe(true);
    expect(open).toEqual({ kind: 'open', defaultPath: path.join(folder, 'backups') });
    expect(confirm).toMatchObject({ type: 'warning', message: '用「拷贝.sqlite」替换当前数据？' });
    expect(restored).toMatchObject({ type: 'info', message: '恢复完成', detail: expect.stringContaining('before-restore') });
    expect(report.reloaded).toBe(true);
    expect(report.opened[0]).toBe(folder);
    expect(report.opened[1]).toMatch(/CertDesk[\\/]logs$/);
    expect(report.opened[2]).toBe(path.join(ROOT, 'docs', '用户手册.md'));
    expect(report.events.filter((e: { type?: string }) => e.type)).toEqual([{ type: 'keyDown', keyCode: 'F1' }, { type: 'keyUp', keyCode: 'F1' }]);
  });

  it('shows why a restore did not happen, and keeps the data, when the chosen file is not a backup', () => {
    const folder = tempDir('certdesk-main-');
    const notBackup = path.join(folder, '成绩单.xlsx');
    fs.writeFileSync(notBackup, 'PK\u0003\u0004 a spreadsheet');
    const report = startMain(['--db', path.join(folder, 'office.sqlite')], { FAKE_MENU: '文件/恢复…', FAKE_DIALOG_FILE: notBackup });
    const last = report.dialogs[report.dialogs.length - 1];
    expect(last).toMatchObject({ type: 'error', message: '操作没有完成' });
    expect(last.detail.length).toBeGreaterThan(5);
    expect(report.reloaded).toBeUndefined();
  });

  it('refuses a data file that another running CertDesk (a window or certdesk serve) has open', () => {
    const db = path.join(tempDir('certdesk-main-'), 'office.sqlite');
    expect(startMain(['--db', db]).windows).toHaveLength(1);
    const release = holdInstanceLock(db);
    try {
      const report = startMain(['--db', db]);
      expect(report.exitCode).toBe(1);
      expect(report.errorBox.message).toContain('已经被另一个正在运行的 CertDesk 打开');
      expect(report.windows).toHaveLength(0);
    } finally {
      release();
    }
  });

  it('tells the officer why, and quits, when the data file is not a CertDesk database', () => {
    const notOurs = path.join(tempDir('certdesk-main-'), '花名册.xlsx');
    fs.writeFileSync(notOurs, 'PK\u0003\u0004 this is a spreadsheet, not a database');
    const report = startMain(['--db', notOurs]);
    expect(report.exitCode).toBe(1);
    expect(report.errorBox.title).toBe('无法打开数据文件');
    expect(report.errorBox.message).toMatch(/不是 (SQLite|CertDesk)/);
    expect(report.windows).toHaveLength(0);
  });
});
