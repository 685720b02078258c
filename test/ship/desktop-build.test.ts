// What becomes of dist/electron, in one file so the two never build it at the same time:
// npm start, run the way a newcomer runs it (without Electron's binary it explains what to do
// instead; with one, it builds the window's bundles and launches it), and electron-builder
// packing the app from it exactly as `npm run dist` would.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';

const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(file: string, options?: object): string[] };

function start(args: string[], env: Record<string, string | undefined>) {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: merged as NodeJS.ProcessEnv, timeout: 300_000 });
}

describe('npm start', () => {
  it('is what package.json runs for npm start', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
  });

  it("on a machine without Electron's binary, points to npx certdesk serve in Chinese and English and fails gently", () => {
    const r = start([], { ELECTRON_OVERRIDE_DIST_PATH: undefined });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('CertDesk 的桌面窗口需要 Electron 程序');
    expect(r.stderr).toContain('npx certdesk serve');
    expect(r.stderr).toContain("The desktop window needs Electron's binary");
    // A friendly message, not a stack trace.
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('with an Electron binary, builds the main and preload bundles and opens this project in it, passing --db along', () => {
    const fake = tempDir('certdesk-fake-electron-');
    const record = path.join(fake, 'launched.txt');
    fs.writeFileSync(
      path.join(fake, 'electron'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}"\necho "RUN_AS_NODE=$ELECTRON_RUN_AS_NODE" >> "${record}"\nexit 5\n`,
      { mode: 0o755 },
    );
    const r = start(['--db', '/tmp/office.sqlite'], { ELECTRON_OVERRIDE_DIST_PATH: fake, ELECTRON_RUN_AS_NODE: '1' });
    expect(r.stderr).not.toContain('npx certdesk serve');
    // The window's exit code is npm start's exit code.
    expect(r.status).toBe(5);
    expect(fs.readFileSync(record, 'utf8').split('\n')).toEqual([ROOT, '--db', '/tmp/office.sqlite', 'RUN_AS_NODE=', '']);
    for (const f of ['main.cjs', 'preload.cjs', 'licenses.json', 'THIRD_PARTY_LICENSES.txt']) expect(fs.existsSync(path.join(ROOT, 'dist/electron', f)), f).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'renderer/dist/index.html'))).toBe(true);
  });
});

describe('npm run dist, as far as it can go without Electron', () => {
  /** A stand-in for Electron's unpacked distribution: enough for electron-builder to lay out the app around it. */
  function fakeElectronDist(): string {
    const dir = tempDir('certdesk-electron-dist-');
    fs.writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    for (const f of ['LICENSE', 'LICENSES.chromium.html', 'version']) fs.writeFileSync(path.join(dir, f), '');
    fs.mkdirSync(path.join(dir, 'resources'));
    return dir;
  }

  it('packs the bundles, the built window, the fonts and the shipped packages into app.asar, and nothing else', () => {
    // dist/electron is left by the npm start test above; build it here too so this test stands alone.
    expect(spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-electron.mjs')], { cwd: ROOT }).status).toBe(0);
    const out = tempDir('certdesk-pack-');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'test/ship/fixtures/pack-dir.cjs'), out, fakeElectronDist()], { cwd: ROOT, encoding: 'utf8', timeout: 400_000 });
    expect(r.status, r.stderr).toBe(0);
    const app = path.join(out, 'linux-unpacked');
    expect(fs.existsSync(path.join(app, 'certdesk'))).toBe(true);
    expect(fs.existsSync(path.join(app, 'resources/THIRD_PARTY_LICENSES.txt'))).toBe(true);
    expect(fs.existsSync(path.join(app, 'resources/docs/用户手册.md'))).toBe(true);
    expect(fs.existsSync(path.join(app, 'resources/docs/screenshots/readme-desk.png'))).toBe(true);
    expect(fs.existsSync(path.join(app, 'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);

    const files = new Set(asar.listPackage(path.join(app, 'resources/app.asar'), { isPack: false }).map((f) => f.split(path.sep).join('/')));
    for (const f of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/licenses.json', '/renderer/dist/index.html', '/build/icons/512x512.png',
      '/node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf', '/node_modules/@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf']) {
      expect(files.has(f), f).toBe(true);
    }
    // Every package the main bundle loads is in the asar.
    const main = fs.readFileSync(path.join(ROOT, 'dist/electron/main.cjs'), 'utf8');
    const packages = [...new Set([...main.matchAll(/\brequire\("([^"./][^"]*)"\)/g)].map((m) => m[1]!).filter((s) => !s.startsWith('node:') && s !== 'electron'))];
    for (const spec of packages) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      expect(files.has(`/node_modules/${name}/package.json`), name).toBe(true);
    }
    const unwanted = [...files].filter((f) =>
      /^\/(services|api|db|cli|electron|test|bench|scripts|docs)\//.test(f) ||
      /^\/node_modules\/(tsx|esbuild|vite|react|antd|electron-builder)\//.test(f) ||
      /\.map$/.test(f) ||
      /noto-serif-sc\/(200|300|500|600|800|900)/.test(f) ||
      /better-sqlite3\/(src|deps|build\/Release\/obj)\//.test(f),
    );
    expect(unwanted).toEqual([]);
  }, 420_000);
});
