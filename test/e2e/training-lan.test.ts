// Two colleagues on one class's attendance over the LAN (`certdesk serve --lan`, Debian's
// Chromium, one window each, each logged in with their own account): a mark keyed at one desk
// appears at the other, with the row's 学时 and 结业, without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { lanDesk, launchChromium } from './harness';
import { lanDataFile, PASSWORDS, startLan, type LanServer } from '../lan/harness';
import { call, makeIdNumber } from '../helpers';

let server: LanServer;
let browser: Browser;
let classId: number;
let lessonId: number;
const contexts: BrowserContext[] = [];

async function desk(login: keyof typeof PASSWORDS, name: string): Promise<Page> {
  const { context, page } = await lanDesk(browser, server.base, { login, password: PASSWORDS[login], name });
  contexts.push(context);
  await page.goto(`${server.base}/#/training/${classId}`);
  await page.getByTestId('attendance-grid').waitFor();
  return page;
}

beforeAll(async () => {
  const file = await lanDataFile(async (ctx) => {
    const c = await call(ctx, 'training.create', { name: '2026年绿化养护培训班', from: '2026-04-01', to: '2026-04-01', minAttendance: 80 });
    classId = c.id;
    lessonId = (await call(ctx, 'training.addLesson', { classId, date: '2026-04-01', hours: 4 })).id;
    for (const [i, name] of ['周婷', '黄磊'].entries()) {
      const idNumber = makeIdNumber('440106', `1991020${i + 1}`, 20 + i);
      await call(ctx, 'candidates.add', { idNumber, name });
      await call(ctx, 'training.enrol', { classId, idNumber });
    }
  });
  server = await startLan(file);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('attendance keyed at two desks over the LAN', () => {
  it("shows one desk's mark, and the row's completion, at the other without a reload", async () => {
    const wang = await desk('wangfang', '王芳');
    const lina = await desk('lina', '李娜');
    const cell = (page: Page) => page.locator(`[data-cell="1:${lessonId}"]`);
    const done = (page: Page) => page.locator('[data-row="1"] [data-figure="completed"]').getAttribute('data-completed');
    expect(await done(lina)).toBe('no');
    await cell(lina).click();
    await lina.keyboard.press('ArrowUp');
    await cell(wang).click();
    await wang.keyboard.press('1');
    await expect.poll(() => cell(wang).getAttribute('data-state')).toBe('saved');
    await expect.poll(() => cell(lina).getAttribute('data-status'), { timeout: 5000, interval: 100 }).toBe('present');
    expect(await done(lina)).toBe('yes');
    // The other desk's cursor stays where its clerk left it.
    expect(await lina.getByTestId('attendance-notice').textContent()).toContain('第 1 / 2 行');
  }, 120_000);
});
