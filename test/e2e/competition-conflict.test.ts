// Two desks on one seat of the 竞赛 score grid: a mark typed here while another desk (a judge's
// tablet on the LAN) saves the same seat is refused when the cell is left, the cell then shows the
// other desk's mark with who saved it, and keying it again knowingly saves. certdesk serve on a
// real database file, Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, createDB } from '../helpers';
import { rpcInPage, startDesk, type Desk } from './harness';

let desk: Desk;
let page: Page;
let competitionId: number;

/** The seat's marks as stored, read from inside the page. */
const storedMarks = async () => (await rpcInPage<{ value: number }[]>(page, 'competitions.marks', { competitionId, event: '形象展示' })).map((m) => m.value);

describe('the competition grid when another desk saved the same seat', () => {
  beforeAll(async () => {
    const { ctx, file } = createDB();
    // An installation past its first-run wizard.
    await call(ctx, 'settings.set', { key: 'institution.name', value: '四川省物业管理协会' });
    const c = await call(ctx, 'competitions.create', { name: '物业服务技能大赛', date: '2024-05-20', kind: 'team', occupation: '4-07-05-01' });
    competitionId = c.id;
    await call(ctx, 'competitions.addEvent', { competitionId, name: '形象展示', max: 10, judges: 2 });
    for (const [i, name] of ['甲队', '乙队'].entries()) await call(ctx, 'competitions.addEntrant', { competitionId, name, employer: name, draw: String(i + 1) });
    ctx.db.close();
    desk = await startDesk(file);
    page = desk.page;
  }, 120_000);

  afterAll(() => desk?.close());

  it('refuses the stale mark, shows theirs and who saved it, and saves when keyed again', async () => {
    await page.goto(`${desk.served.origin}/#/competitions/${competitionId}`);
    await page.getByTestId('event-switch').getByText('形象展示').click();
    const cell = (row: number, col: number) => page.locator(`[data-cell="${row}-${col}"]`);
    await cell(0, 0).click();
    await page.keyboard.type('8.8');
    // Meanwhile the judge's tablet saves that seat; the cell being typed in keeps what was typed.
    await rpcInPage(page, 'competitions.setMark', { competitionId, event: '形象展示', entrant: '甲队', seat: 1, value: 9.1 });
    await page.waitForTimeout(1500);
    await expect(cell(0, 0).inputValue()).resolves.toBe('8.8');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByTestId('grid-error').textContent()).toMatch(/\d{1,2}:\d{2}:\d{2} 刚把「甲队」形象展示的第 1 位裁判的分数改成了 9\.10，你的修改没有保存/);
    await expect.poll(() => cell(0, 0).inputValue()).toBe('9.10');
    await expect(cell(0, 0).getAttribute('class')).resolves.toContain('comp-cell-error');
    await page.screenshot({ path: '/tmp/lanperf-competition-conflict.png' });
    expect(await storedMarks()).toEqual([9.1]);

    // Having seen 9.10, the officer keys 8.8 again, knowingly: saved.
    await cell(0, 0).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('8.8');
    await page.keyboard.press('Tab');
    await page.getByTestId('grid-error').waitFor({ state: 'detached' });
    await expect.poll(storedMarks).toEqual([8.8]);
  }, 120_000);
});
