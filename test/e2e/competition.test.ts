// 竞赛 in the window: a competition created through the window with its four events, a 14-team
// field, one event keyed through the score grid by keyboard while the ranking moves, a refused mark,
// the prize rule, 定稿 and the 获奖证书 PDF read back. certdesk serve on a real database file, Debian's Chromium.
// To save time, 13 of the 14 teams and the marks of the three other events go in through the same
// operations the window calls (POST /api/rpc from the page); the first team goes in through the form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, tempDir } from '../helpers';
import { pdfPages } from '../certificates/poppler';
import { rpcInPage, screenshot, startDesk, type Desk } from './harness';

const TEAMS = Array.from({ length: 14 }, (_, i) => `${'成渝川渝蓉渝锦巴天嘉宝龙万金'[i]}城物业${i + 1}队`);
const MEMBERS = [1, 2, 3].map((m) => makeIdNumber('510104', `1990010${m}`, 200 + m));
/** Team i's 形象展示 mark, the same from every judge: later teams score higher. */
const imageMark = (i: number) => (5 + 0.35 * i).toFixed(2);

let desk: Desk;
let page: Page;
let competitionId: number;

const firstRanked = () => page.locator('[data-testid="ranking"] tbody tr.ant-table-row').first().locator('[data-ranked]').textContent();

/** An antd InputNumber by its test id, wherever antd put the attribute. */
const numberField = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

async function addEvent(name: string, max: number, opts: { judges: number; high?: number; low?: number; timed?: boolean }) {
  await page.getByTestId('event-name').fill(name);
  await numberField('event-max').fill(String(max));
  if (opts.timed) await page.getByTestId('event-kind').getByText('计时').click();
  await numberField('event-judges').fill(String(opts.judges));
  if (!opts.timed) {
    await numberField('event-drop-high').fill(String(opts.high ?? 0));
    await numberField('event-drop-low').fill(String(opts.low ?? 0));
  }
  await page.getByTestId('add-event').click();
  await page.locator('.ant-card').filter({ hasText: '竞赛项目' }).getByRole('cell', { name, exact: true }).waitFor();
}

describe('a skill competition in the window', () => {
  beforeAll(async () => {
    const { ctx, file } = createDB();
    await call(ctx, 'settings.set', { key: 'institution.name', value: '四川省物业管理协会' });
    for (const [m, idNumber] of MEMBERS.entries()) await call(ctx, 'candidates.add', { idNumber, name: `队员${m + 1}`, employer: TEAMS[0] });
    ctx.db.close();
    desk = await startDesk(file);
    page = desk.page;
  }, 120_000);

  afterAll(() => desk?.close());

  it('creates a competition with four events and a 14-team field', async () => {
    await page.goto(`${desk.served.origin}/#/competitions`);
    await page.getByTestId('new-competition').click();
    await page.getByTestId('competition-name').fill('成渝物业秩序维护人员技能大赛');
    await page.getByTestId('competition-date').locator('input').click();
    await page.getByTestId('competition-date').locator('input').fill('2024-05-20');
    await page.getByTestId('competition-date').locator('input').press('Enter');
    await page.getByTestId('create-competition').click();
    await page.getByTestId('competition-title').getByText('成渝物业秩序维护人员技能大赛').waitFor();
    competitionId = Number(/#\/competitions\/(\d+)/.exec(page.url())![1]);

    await addEvent('形象展示', 10, { judges: 5, high: 1, low: 1 });
    await addEvent('专业作业', 60, { judges: 3 });
    await addEvent('消防竞技', 20, { judges: 2, timed: true });
    await addEvent('创意展示', 10, { judges: 1 });

    await page.getByTestId('entrant-name').fill(TEAMS[0]!);
    await page.getByTestId('entrant-draw').fill('1');
    await page.getByTestId('entrant-members').fill(MEMBERS.join(' '));
    await page.getByTestId('add-entrant').click();
    await page.getByText('队员1、队员2、队员3').waitFor();

    for (const [i, name] of TEAMS.entries()) {
      if (i === 0) continue;
      await rpcInPage(page, 'competitions.addEntrant', { competitionId, name, employer: name, draw: String(i + 1) });
    }
    for (const name of TEAMS) {
      for (const seat of [1, 2, 3]) await rpcInPage(page, 'competitions.setMark', { competitionId, event: '专业作业', entrant: name, seat, value: 50 });
      await rpcInPage(page, 'competitions.setMark', { competitionId, event: '消防竞技', entrant: name, seat: 1, value: 60 });
      await rpcInPage(page, 'competitions.setMark', { competitionId, event: '消防竞技', entrant: name, seat: 2, value: '1:00.50' });
      await rpcInPage(page, 'competitions.setMark', { competitionId, event: '创意展示', entrant: name, seat: 1, value: 8 });
    }
    await page.reload();
    await page.getByTestId('competition-title').waitFor();
    await page.locator('.ant-card').filter({ hasText: '参赛队/选手（14）' }).first().waitFor();
    await screenshot(page, 'competition-setup');
  }, 120_000);

  it('keys 形象展示 through the grid by keyboard, the ranking moving after each save, a mark above the maximum refused', async () => {
    await page.getByTestId('event-switch').getByText('形象展示').click();
    const cell = (row: number, col: number) => page.locator(`[data-cell="${row}-${col}"]`);
    // A mark saved at another desk (a judge's tablet on the LAN) appears in the grid without a reload.
    await rpcInPage(page, 'competitions.setMark', { competitionId, event: '形象展示', entrant: TEAMS[13], seat: 5, value: imageMark(13) });
    await expect.poll(() => cell(13, 4).inputValue()).toBe('9.55');
    await cell(0, 0).click();
    // Tab goes across the five judges and on to the next team's first judge.
    for (const row of [0, 1]) for (let j = 0; j < 5; j++) {
      await page.keyboard.type(imageMark(row));
      await page.keyboard.press('Tab');
      if (row === 0 && j === 4) await expect.poll(firstRanked).toBe(TEAMS[0]);
    }
    await expect.poll(firstRanked).toBe(TEAMS[1]);

    // A mark above the maximum stays in its cell, red, with the server's reason.
    await page.keyboard.type('11');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('grid-error').textContent()).toContain('超过本项目满分 10');
    await expect(cell(2, 0).getAttribute('class')).resolves.toContain('comp-cell-error');
    await cell(2, 0).click();
    await page.keyboard.press('Control+A');
    // Enter goes down the column: key judge 1 for every remaining team, then the other judges.
    for (let row = 2; row < TEAMS.length; row++) {
      await page.keyboard.type(imageMark(row));
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('grid-error').waitFor({ state: 'detached' });
    for (let j = 1; j < 5; j++) {
      await cell(2, j).click();
      for (let row = 2; row < TEAMS.length; row++) {
        await page.keyboard.type(imageMark(row));
        await page.keyboard.press(row === TEAMS.length - 1 ? 'Tab' : 'Enter');
      }
    }
    await expect.poll(firstRanked).toBe(TEAMS[13]);
    await expect.poll(() => page.locator('[data-testid="ranking"] tbody tr.ant-table-row').first().textContent()).toContain('9.55');
    await screenshot(page, 'competition-grid');
  }, 180_000);

  it('sets the prizes, finalizes after a confirmation and prints the 获奖证书', async () => {
    await page.getByTestId('prize-rule').fill('一等奖:1,二等奖:1,三等奖:1,优秀奖:rest');
    await page.getByTestId('save-prizes').click();
    const top = page.locator('[data-testid="ranking"] tbody tr.ant-table-row');
    await expect.poll(() => top.first().textContent()).toContain('一等奖');
    await expect.poll(() => top.nth(3).textContent()).toContain('优秀奖');

    await page.getByTestId('finalize-competition').click();
    await page.getByTestId('confirm-finalize').click();
    await page.getByTestId('print-awards').waitFor();
    await expect(page.locator('[data-cell="0-0"]').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'competition-final');

    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-awards').click()]);
    const file = path.join(tempDir('certdesk-e2e-'), d.suggestedFilename());
    await d.saveAs(file);
    const pages = pdfPages(file).map((p) => p.replace(/\s+/g, ''));
    expect(pages).toHaveLength(14);
    expect(pages[0]).toContain('获奖证书');
    expect(pages[0]).toContain(TEAMS[13]);
    expect(pages[0]).toContain('荣获一等奖（第1名）');
    expect(pages[1]).toContain(TEAMS[12]);
  }, 120_000);

  it('reads in English too', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.locator('.ant-card-head-title').getByText('Score entry', { exact: true }).waitFor();
    await page.getByText('Print award certificates').waitFor();
    await page.getByTestId('competition-title').getByText('Final', { exact: true }).waitFor();
    await screenshot(page, 'competition-en');
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('录入成绩').first().waitFor();
  });
});
