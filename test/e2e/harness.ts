// The real thing for end-to-end tests and the grid bench: `certdesk serve` on a real database file,
// driven by Debian's Chromium through playwright-core (never a downloaded browser).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../helpers';

export const CHROMIUM = process.env.CERTDESK_CHROMIUM ?? '/usr/bin/chromium';
/**
 * Where screenshots go: always test-output/screenshots (ignored by git), and docs/screenshots
 * (committed, shown by README and docs/用户手册.md) only when `npm run docs:screenshots` asks for
 * them, so that `npm test` leaves the tree as it found it.
 */
export const DOC_SCREENSHOTS_ENV = 'CERTDESK_DOC_SCREENSHOTS';
export const SCREENSHOT_DIRS = [
  path.join(ROOT, 'test-output/screenshots'),
  ...(process.env[DOC_SCREENSHOTS_ENV] === '1' ? [path.join(ROOT, 'docs/screenshots')] : []),
];

export interface Served {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** Starts `node bin/certdesk.mjs serve --json --db FILE` and reads the address from its first line. */
export async function serve(dbFile: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/certdesk.mjs'), 'serve', '--json', '--db', dbFile], {
    cwd: ROOT,
    env: { ...process.env, CERTDESK_DB: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`certdesk serve did not start within 90 s: ${stderr}`)), 90_000);
    rl.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`certdesk serve exited with ${code}: ${stderr}`));
    });
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  return {
    url,
    origin: new URL(url).origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A window of an office PC's size, in Chinese, opened at the server's one-time address. */
export async function openDesk(browser: Browser, served: Served): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(served.url);
  return page;
}

/**
 * A colleague's browser on `certdesk serve --lan` (base: its https address): the certificate
 * warning passed (the fingerprint compared), logged in as `login`, waiting until the header shows
 * `name`. `noLiveUpdates` blocks the event stream, as a flaky Wi-Fi would.
 */
export async function lanDesk(
  browser: Browser,
  base: string,
  account: { login: string; password: string; name: string },
  opts: { noLiveUpdates?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN', ignoreHTTPSErrors: true });
  if (opts.noLiveUpdates) await context.route('**/events', (r) => r.abort());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/`);
  await page.getByText('登录 CertDesk').waitFor();
  await page.getByLabel('登录名').fill(account.login);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('operator').getByText(account.name).waitFor();
  return { context, page };
}

/**
 * Saves the page as name.png into SCREENSHOT_DIRS. `midway` shoots at once: a picture of work in
 * progress would otherwise wait for the work to end.
 */
export async function screenshot(page: Page, name: string, { midway = false } = {}): Promise<void> {
  if (!midway) {
    // Let data arrive and animations settle: the picture is documentation.
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-btn-loading, .ant-message-notice'), undefined, { timeout: 6000 }).catch(() => undefined);
    await page.waitForTimeout(400);
  }
  const png = await page.screenshot({ fullPage: false });
  for (const dir of SCREENSHOT_DIRS) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.png`), png);
  }
}

/**
 * Calls an operation from inside the page, as the window does (POST /api/rpc under the page's own
 * login): the setup a walk does not type in by hand, or what the window downloads. A refusal
 * throws with the operation's name and message.
 */
export async function rpcInPage<T = unknown>(page: Page, name: string, args: unknown): Promise<T> {
  const r = (await page.evaluate(
    async ([n, a]) => (await fetch(`/api/rpc/${n}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(a) })).json(),
    [name, args] as const,
  )) as { ok: boolean; data?: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${name}: ${r.error?.message}`);
  return r.data as T;
}

export interface Desk {
  served: Served;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The whole rig for one database file: the server, the browser, a window opened on it. */
export async function startDesk(dbFile: string): Promise<Desk> {
  const served = await serve(dbFile);
  const browser = await launchChromium();
  const page = await openDesk(browser, served);
  return {
    served,
    browser,
    page,
    close: async () => {
      await browser.close();
      await served.stop();
    },
  };
}
