// 培训班 and 会员单位 in the window, on the demo: the class list, a running class's attendance
// marked and its completion recomputed, the finalized class's 培训合格证明 downloaded and read
// back, the member list and the year's figures. certdesk serve on a real database file, Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { call, createDB, tempDir } from '../helpers';
import { loadDemo } from '../../services/demo/generate';
import { pdfPages } from '../certificates/poppler';
import { screenshot, startDesk, type Desk } from './harness';

let desk: Desk;
let page: Page;
let running: { id: number; name: string };
let finished: { id: number; name: string };
let person: string;

describe('training classes and members in the window', () => {
  beforeAll(async () => {
    const { ctx, file } = createDB();
    await call(ctx, 'settings.set', { key: 'institution.name', value: '广州市物业管理行业协会' });
    loadDemo(ctx, 'small', { today: '2024-06-30' });
    const classes = await call(ctx, 'training.list', {});
    running = classes.find((c) => c.status === 'open')!;
    finished = classes.find((c) => c.status === 'finalized')!;
    const sheet = await call(ctx, 'training.sheet', { classId: running.id });
    person = sheet.trainees[0]!.idNumber;
    ctx.db.close();
    desk = await startDesk(file);
    page = desk.page;
  }, 120_000);

  afterAll(() => desk?.close());

  it('lists the classes and marks attendance on a running class, its completion recomputed', async () => {
    await page.goto(`${desk.served.origin}/#/training`);
    await page.locator(`[data-class-link="${running.id}"]`).waitFor();
    await screenshot(page, 'training-list');
    await page.locator(`[data-class-link="${running.id}"]`).click();
    await page.getByTestId('class-title').getByText(running.name).waitFor();
    const grid = page.getByTestId('attendance-grid');
    await grid.waitFor();
    const cell = page.locator(`[data-id-number="${person}"] [data-cell]`).first();
    expect(await page.locator('[data-id-number] [data-cell]').count()).toBeGreaterThan(0);
    await cell.click();
    await page.keyboard.press('1');
    await expect.poll(async () => (await cell.textContent()) ?? '').toContain('出勤');
    await expect.poll(() => cell.getAttribute('data-state')).toBe('saved');
    await screenshot(page, 'training-class');
  });

  it('prints the finalized class’s 培训合格证明 as a PDF with each completer', async () => {
    await page.goto(`${desk.served.origin}/#/training/${finished.id}`);
    await page.getByTestId('class-title').getByText(finished.name).waitFor();
    await screenshot(page, 'training-finalized');
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-proofs').click()]);
    const file = path.join(tempDir('certdesk-e2e-'), d.suggestedFilename());
    await d.saveAs(file);
    const pages = pdfPages(file);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages[0]!.replace(/\s/g, '')).toContain('培训合格证明');
  });

  it('shows the members and the year’s figures per member', async () => {
    await page.goto(`${desk.served.origin}/#/members`);
    await page.getByText('会长单位').first().waitFor();
    await screenshot(page, 'members-list');
    await page.getByRole('tab', { name: '年度统计' }).click();
    await page.getByTestId('report-year').fill('2024');
    await page.getByText('合计（6家）').waitFor();
    await screenshot(page, 'members-report');
  });
});
