// 竞赛 in the window beyond the score grid: a judges' 评分表 imported (checked first, the bad row
// refused by row and column, the rest imported and seen in the grid and ranking), and 以赛代评 after
// 定稿 with one promotion made and one refused with its reason. certdesk serve on a real database
// file, Debian's Chromium, a workbook written by exceljs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, tempDir } from '../helpers';
import { configureInstitution } from '../certificates/fixtures';
import { qrCodesOnPage } from '../certificates/poppler';
import { rpcInPage, screenshot, startDesk, type Desk } from './harness';

const MEMBER = makeIdNumber('510104', '19900101', 301);
let desk: Desk;
let page: Page;
let competitionId: number;

describe('a competition’s score sheet import and 以赛代评 in the window', () => {
  beforeAll(async () => {
    const { ctx, file } = createDB();
    await configureInstitution(ctx);
    await call(ctx, 'candidates.add', { idNumber: MEMBER, name: '队员甲', employer: '甲队物业' });
    const c = await call(ctx, 'competitions.create', { name: '保安员技能比武', date: '2024-05-20', kind: 'team', occupation: '4-07-05-01' });
    competitionId = c.id;
    await call(ctx, 'competitions.addEvent', { competitionId, name: '实操', max: 100, judges: 2 });
    // 乙队 has no registered member: 以赛代评 cannot grant it a level.
    await call(ctx, 'competitions.addEntrant', { competitionId, name: '甲队', draw: '1', members: [MEMBER] });
    await call(ctx, 'competitions.addEntrant', { competitionId, name: '乙队', draw: '2' });
    await call(ctx, 'competitions.addEntrant', { competitionId, name: '丙队', draw: '3' });
    // A prize rule, so that the 定稿 below has 获奖证书 to print and verify.
    await call(ctx, 'competitions.prizes', { competitionId, rule: '一等奖:1,二等奖:1,优秀奖:rest' });
    ctx.db.close();
    desk = await startDesk(file);
    page = desk.page;
  }, 120_000);

  afterAll(() => desk?.close());

  it('checks a judges’ sheet first, shows the bad row refused by row and column, then imports the rest into the grid and ranking', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评分表');
    ws.addRow(['参赛队', '项目', '裁判1', '裁判2']);
    ws.addRow(['甲队', '实操', 95, 93]);
    ws.addRow(['乙队', '实操', 80, 82]);
    ws.addRow(['丙队', '实操', 70, 170]); // above the event's 100
    const sheet = path.join(tempDir('certdesk-e2e-'), '评分表.xlsx');
    await wb.xlsx.writeFile(sheet);

    await page.goto(`${desk.served.origin}/#/competitions/${competitionId}`);
    await page.getByTestId('competition-title').waitFor();
    await page.getByTestId('import-scores-file').setInputFiles(sheet);
    await expect.poll(() => page.getByTestId('import-scores-summary').textContent()).toContain('可导入 2 行，1 行有问题不会导入');
    const refused = page.getByTestId('import-scores-refused').locator('tbody tr.ant-table-row');
    await expect.poll(() => refused.count()).toBe(1);
    const cells = await refused.first().locator('td').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['4', '裁判2']);
    expect(cells[2]).toMatch(/\S/);
    // The dry run wrote nothing.
    expect(await rpcInPage(page, 'competitions.marks', { competitionId, event: '实操' })).toEqual([]);
    await screenshot(page, 'competition-import-check');

    await page.getByTestId('confirm-import-scores').click();
    await expect.poll(() => page.getByTestId('import-scores-summary').textContent()).toContain('已导入 2 行，1 行未导入');
    await page.getByTestId('close-import-scores').click();
    // The grid and the ranking show the imported marks without a reload.
    await expect.poll(() => page.locator('[data-cell="0-1"]').inputValue()).toBe('93.00');
    await expect.poll(() => page.locator('[data-testid="ranking"] tbody tr.ant-table-row').first().locator('[data-ranked]').textContent()).toBe('甲队');
  }, 120_000);

  it('promotes by rank after 定稿: one made with its certificate, one refused with the reason', async () => {
    await rpcInPage(page, 'competitions.setMark', { competitionId, event: '实操', entrant: '丙队', seat: 1, value: 70 });
    await rpcInPage(page, 'competitions.setMark', { competitionId, event: '实操', entrant: '丙队', seat: 2, value: 70 });
    await page.getByTestId('finalize-competition').click();
    await page.getByTestId('confirm-finalize').click();
    await page.getByTestId('promote').click();
    await page.getByText('1-3:2,4-10:3').first().waitFor();
    await page.getByTestId('promote-rule').fill('1-2:4');
    await page.getByTestId('confirm-promote').click();
    await page.getByTestId('promote-result').waitFor();
    const made = await page.getByTestId('promote-made').locator('tbody tr.ant-table-row').allTextContents();
    expect(made).toHaveLength(1);
    expect(made[0]).toContain('队员甲（甲队）');
    expect(made[0]).toMatch(/四级\/中级工.*S\d{21}/);
    const refused = await page.getByTestId('promote-refused').locator('tbody tr.ant-table-row').allTextContents();
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('乙队');
    expect(refused[0]).toContain('没有登记队员');
    await screenshot(page, 'competition-promote');
  }, 120_000);

  it('verifies a printed 获奖证书 in 核验证书: the competition, the winner, the place and the prize, not a skill level', async () => {
    const file = await rpcInPage<{ name: string; base64: string }>(page, 'competitions.certificates', { competitionId });
    const pdf = path.join(tempDir('certdesk-e2e-'), file.name);
    fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const [scanned] = qrCodesOnPage(pdf, 1);
    expect(scanned).toBeDefined();
    await page.goto(`${desk.served.origin}/#/certificates`);
    await page.getByTestId('verify').click();
    await page.getByTestId('verify-text').fill(scanned!);
    await page.getByTestId('verify-run').click();
    const result = page.getByTestId('verify-result');
    await expect.poll(() => result.textContent()).toContain('真实有效');
    const award = page.getByTestId('verify-award');
    await expect.poll(() => award.textContent()).toContain('保安员技能比武');
    const text = (await award.textContent())!;
    expect(text).toContain('甲队');
    expect(text).toContain('名次1');
    expect(text).toContain('一等奖');
    // An award is no 职业技能等级证书: the award's table is the only one, with no occupation or level row.
    expect(await result.locator('.ant-descriptions').count()).toBe(1);
    await screenshot(page, 'competition-award-verified');
    await page.keyboard.press('Escape');
  }, 120_000);
});
