// `npm run docs:screenshots`: runs the tests that drive the real window with the documentation
// screenshots switched on, so docs/screenshots (README, docs/用户手册.md) is rewritten from the
// real window. `npm test` runs the same tests without writing there (test/e2e/harness.ts
// SCREENSHOT_DIRS). Arguments, if any, name the test files to run instead.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
// Every test file that takes a screenshot (test/ship/clean-tree.test.ts checks the list is whole).
const SCREENSHOT_TESTS = ['test/e2e', 'test/ship/window.test.ts'];
const files = process.argv.slice(2);
const run = spawnSync(process.execPath, [vitest, 'run', ...(files.length ? files : SCREENSHOT_TESTS)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CERTDESK_DOC_SCREENSHOTS: '1' },
});
process.exit(run.status ?? 1);
