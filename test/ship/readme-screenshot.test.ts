// The README's picture: the desk as a newcomer sees it after loading the demo data, taken by this
// test in the real browser so it always shows the current window.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCli, tempDir } from '../helpers';
import { launchChromium, openDesk, screenshot, serve, type Served } from '../e2e/harness';

let served: Served;
let browser: Browser;
let page: Page;

describe('the README screenshot', () => {
  beforeAll(async () => {
    const dbFile = path.join(tempDir('certdesk-readme-'), 'certdesk.sqlite');
    expect(runCli(['settings', 'set', 'institution.name', '广州市物业管理行业协会', '--db', dbFile]).status).toBe(0);
    expect(runCli(['demo', '--db', dbFile]).status).toBe(0);
    served = await serve(dbFile);
    browser = await launchChromium();
    page = await openDesk(browser, served);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('shows the desk with the demo data’s sessions and pass rates', async () => {
    await page.locator('[data-ready="1"]').waitFor();
    await page.getByText('合格率').first().waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'readme-desk');
  });
});
