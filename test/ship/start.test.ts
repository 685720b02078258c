// npm start, run the way a newcomer runs it: without Electron's binary it explains what to do instead;
// with one, it builds the window's bundles and launches it on this project.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';

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
