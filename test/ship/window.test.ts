// The window as the README and the help show it, in the real browser on the demo data:
// the README's picture of the desk, and 使用说明 opening on F1 for the page on screen.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCli, tempDir } from '../helpers';
import { launchChromium, openDesk, screenshot, serve, type Served } from '../e2e/harness';

let served: Served;
let browser: Browser;
let page: Page;

describe('the window a newcomer opens on the demo data', () => {
  beforeAll(async () => {
    const dbFile = path.join(tempDir('certdesk-window-'), 'certdesk.sqlite');
    // An evaluation body already set up, so the window opens on the desk rather than the first-run guide.
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

  it('shows the desk with the demo sessions and their pass rates (the README picture)', async () => {
    await page.locator('[data-ready="1"]').waitFor();
    await page.getByText('【示例】').first().waitFor();
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'readme-desk');
  });

  it('opens the help for 考生 when F1 is pressed on the candidates page', async () => {
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('F1');
    const drawer = page.locator('.ant-drawer-open');
    await drawer.locator('article[data-area="candidates"]').waitFor();
    expect(await drawer.locator('h3').first().textContent()).toBe('考生');
    await expect.poll(() => drawer.getByText('拼音首字母').count()).toBeGreaterThan(0);
    await screenshot(page, 'help-f1');
  });

  it('closes the help again with F1', async () => {
    await page.keyboard.press('F1');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
  });

  it('follows the page: on the reports page F1 shows 报表', async () => {
    await page.keyboard.press('Alt+6');
    await page.keyboard.press('F1');
    await page.locator('.ant-drawer-open article[data-area="reports"]').waitFor();
    await page.keyboard.press('F1');
  });

  it('lists the work areas in order with 设置 last, each with its key: Alt+8 opens 竞赛, Alt+0 设置', async () => {
    const menu = page.locator('.ant-layout-sider .ant-menu');
    expect(await menu.locator('.menu-label > span:not(.menu-key)').allTextContents()).toEqual(['工作台', '考生', '认定批次', '成绩录入', '证书', '报表', '培训班', '竞赛', '会员单位', '设置']);
    expect(await menu.locator('.menu-key').allTextContents()).toEqual(['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7', 'Alt+8', 'Alt+9', 'Alt+0']);
    const selected = () => menu.locator('.ant-menu-item-selected .menu-label > span:not(.menu-key)').textContent();
    await page.keyboard.press('Alt+8');
    await expect.poll(selected).toBe('竞赛');
    await page.keyboard.press('Alt+0');
    await expect.poll(selected).toBe('设置');
    await page.keyboard.press('Alt+7');
    await expect.poll(selected).toBe('培训班');
  });
});
