// Several desks on the LAN in the real browser: `certdesk serve --lan` on loopback over HTTPS,
// Debian's Chromium with one window per colleague, each logged in with their own account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { lanDesk, launchChromium, screenshot } from './harness';
import { lanDataFile, PASSWORDS, startLan, type LanServer } from '../lan/harness';
import { scoredSession } from '../trust/fixtures';

let server: LanServer;
let browser: Browser;
let sessionId: number;
const contexts: BrowserContext[] = [];

/** A colleague's browser: the certificate warning passed (the fingerprint compared), logged in, on the score grid. */
async function desk(login: keyof typeof PASSWORDS, name: string, opts: { noLiveUpdates?: boolean } = {}): Promise<Page> {
  const { context, page } = await lanDesk(browser, server.base, { login, password: PASSWORDS[login], name }, opts);
  contexts.push(context);
  await page.goto(`${server.base}/#/sessions/${sessionId}/results`);
  await page.getByTestId('score-grid').waitFor();
  return page;
}

const cellText = (page: Page, row: number, part: string) => page.locator(`[data-cell="${row}:${part}"]`).innerText();

async function key(page: Page, row: number, part: string, score: string): Promise<void> {
  await page.locator(`[data-cell="${row}:${part}"]`).click();
  await page.keyboard.type(score);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-state="saving"]').length === 0);
}

beforeAll(async () => {
  const file = await lanDataFile(async (ctx) => {
    ({ sessionId } = await scoredSession(ctx));
  });
  server = await startLan(file);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('two colleagues keying the same session over the LAN', () => {
  it("shows one desk's saved score at the other within a second or so, without a reload", async () => {
    const wang = await desk('wangfang', '王芳');
    const lina = await desk('lina', '李娜');
    expect(await cellText(lina, 0, 'skill')).toContain('80');
    await key(wang, 0, 'skill', '88');
    const t = Date.now();
    await expect.poll(() => cellText(lina, 0, 'skill'), { timeout: 5000, interval: 100 }).toContain('88');
    // The stream, the 300 ms gathering of a burst, and a reload of the grid on a loaded machine.
    expect(Date.now() - t).toBeLessThan(3000);
  }, 120_000);

  it("refuses a save over a score another desk changed meanwhile, and shows that desk's value and name", async () => {
    const zhao = await desk('zhaolei', '赵磊', { noLiveUpdates: true });
    const wang = await desk('wangfang', '王芳');
    const before = await cellText(zhao, 1, 'theory');
    await key(wang, 1, 'theory', '91');
    expect(await cellText(zhao, 1, 'theory')).toBe(before);
    await key(zhao, 1, 'theory', '66');
    await expect.poll(() => zhao.getByTestId('grid-notice').innerText()).toMatch(/王芳（wangfang）.*刚把这一科（理论知识）改成了 91 分，你的修改没有保存/);
    await expect.poll(() => cellText(zhao, 1, 'theory')).toContain('91');
    await screenshot(zhao, 'lan-conflict');
  }, 120_000);

  it('shows the addresses, the QR code and the fingerprint in 设置 → 开放给局域网', async () => {
    const wang = await desk('wangfang', '王芳');
    await wang.goto(`${server.base}/#/settings`);
    await wang.getByRole('tab', { name: '开放给局域网' }).click();
    await wang.getByTestId('lan-qr').waitFor();
    expect(await wang.getByTestId('lan-fingerprint').innerText()).toContain(server.fingerprint!);
    expect(await wang.getByTestId('lan-address').first().innerText()).toBe(`${server.base}/`);
    await screenshot(wang, 'lan-settings');
  }, 120_000);
});
