// `npm test` leaves `git status` as it found it: the end-to-end tests keep their screenshots in an
// ignored folder, and only `npm run docs:screenshots` rewrites the ones README and the manual show.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';
import { DOC_SCREENSHOTS_ENV, SCREENSHOT_DIRS } from '../e2e/harness';

const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() === 'true';

describe('the tree after npm test', () => {
  it.skipIf(!inGit || process.env[DOC_SCREENSHOTS_ENV] === '1')('keeps the end-to-end screenshots out of git unless docs:screenshots asks for them', () => {
    expect(SCREENSHOT_DIRS.length).toBeGreaterThan(0);
    for (const dir of SCREENSHOT_DIRS) {
      const probe = path.relative(ROOT, path.join(dir, 'probe.png'));
      expect(spawnSync('git', ['check-ignore', '-q', probe], { cwd: ROOT }).status, `${probe} is not ignored by git`).toBe(0);
    }
  });

  it('has a command of its own that writes the documentation screenshots', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['docs:screenshots']).toContain('scripts/docs-screenshots.mjs');
    expect(fs.readFileSync(path.join(ROOT, 'scripts/docs-screenshots.mjs'), 'utf8')).toContain(`${DOC_SCREENSHOTS_ENV}: '1'`);
    expect(pkg.scripts.test).not.toContain(DOC_SCREENSHOTS_ENV);
  });

  it('runs, for docs:screenshots, every test file that takes a screenshot', () => {
    const script = fs.readFileSync(path.join(ROOT, 'scripts/docs-screenshots.mjs'), 'utf8');
    const listed = [.../const SCREENSHOT_TESTS = \[([^\]]*)\]/.exec(script)![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    const files = (dir: string): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith('.test.ts') ? [`${dir}/${e.name}`] : []));
    const shooting = files('test').filter((f) => /screenshot\(page, '/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(shooting.length).toBeGreaterThan(2);
    expect(shooting.filter((f) => !listed.some((l) => f === l || f.startsWith(`${l}/`)))).toEqual([]);
  });

  it('keeps every test under test/, as README § Architecture says, and vitest looks nowhere else', () => {
    const tracked = spawnSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n');
    const outside = (inGit ? tracked : []).filter((f) => /\.(test|testkit)\.ts$/.test(f) && !f.startsWith('test/'));
    expect(outside).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, 'vitest.config.ts'), 'utf8')).toContain("include: ['test/**/*.test.ts']");
  });

  it('has every screenshot README and the manual show, since npm test no longer writes them', () => {
    const docs = [fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), fs.readFileSync(path.join(ROOT, 'docs/用户手册.md'), 'utf8')].join('\n');
    const shown = [...docs.matchAll(/\]\((?:docs\/)?screenshots\/([^)]+\.png)\)/g)].map((m) => m[1]!);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.filter((name) => !fs.existsSync(path.join(ROOT, 'docs/screenshots', name)))).toEqual([]);
  });
});
