// A whole association's roster at once (issue 4): tens of thousands of rows are read, checked and
// written while the window shows how far it has got, in the real window — certdesk serve on a real
// database file, Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, tempDir } from '../helpers';
import { screenshot, startDesk, type Desk } from './harness';

const ADMIN = { login: 'chenli', name: '陈丽', password: 'wuye2026!' };
/** Enough rows that reading and writing each take a while, even on a fast machine. */
const ROWS = 50_000;
/** A slow office PC may take minutes over a file this size; the test waits, it does not time. */
const PATIENCE = 240_000;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂';

/** The i-th applicant's real-looking ID number: a distinct area code per thousand, a distinct sequence within it. */
function idNumber(i: number): string {
  const area = String(110101 + (Math.floor(i / 1000) % 800));
  const birth = `19${60 + (i % 40)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
  return makeIdNumber(area, birth, i % 1000);
}

/**
 * The roster as a large association sends it: a title row, the header, ROWS applicants. Written with
 * exceljs's streaming writer, which (unlike Excel and WPS) does not declare the sheet's size in a
 * <dimension>; the bar then counts the rows read without a total.
 */
async function largeRoster(file: string): Promise<Buffer> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('报名花名册');
  ws.addRow(['2026年下半年物业管理师（三级）职业技能等级认定报名花名册']).commit();
  ws.addRow(['序号', '姓名', '性别', '身份证号码', '工作单位', '考试类型']).commit();
  for (let i = 0; i < ROWS; i++) {
    const id = idNumber(i);
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / 20) % GIVEN.length]! + GIVEN[Math.floor(i / 500) % GIVEN.length]!;
    ws.addRow([i + 1, name, Number(id[16]) % 2 ? '男' : '女', id, `第${i % 300}物业服务有限公司`, '正考']).commit();
  }
  ws.commit();
  await wb.commit();
  return fs.readFileSync(file);
}

let desk: Desk;
let page: Page;
let sessionId: number;
let roster: Buffer;

/** Every text the progress bar showed, in order: on a fast machine a phase may pass quicker than a test can look. */
async function recordProgress(): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-progress"]')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const progressSeen = () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.join('\n'));

describe('a roster of 50,000 applicants, in the real browser', () => {
  beforeAll(async () => {
    const { ctx, file } = createDB();
    const settings = { 'institution.name': '广州市物业管理行业协会', 'institution.type': 'S', 'institution.code': '0000', 'institution.province': '44', 'institution.site': '000123' };
    for (const [key, value] of Object.entries(settings)) await call(ctx, 'settings.set', { key, value });
    sessionId = (await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-11-20' })).id;
    await call(ctx, 'operators.setup', ADMIN);
    ctx.db.close();
    roster = await largeRoster(path.join(tempDir('certdesk-e2e-large-'), '报名花名册.xlsx'));
    desk = await startDesk(file);
    page = desk.page;
    await page.getByLabel('登录名').fill(ADMIN.login);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('operator').getByText(ADMIN.name).waitFor();
  });

  afterAll(() => desk?.close());

  it('shows how far the preview has read, then how far the import has written, and ends with the count', { timeout: 2 * PATIENCE }, async () => {
    await page.goto(`${desk.served.origin}/#/sessions/${sessionId}`);
    await page.getByTestId('import-roster').click();
    await recordProgress();
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '报名花名册（全会）.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: roster,
    });

    // The preview reads the whole file first; the bar says so, counting rows as they are read.
    const reading = page.getByTestId('import-progress').filter({ hasText: /正在读取表格… 已读 [\d,]+ / });
    await reading.waitFor({ timeout: PATIENCE }).catch(() => undefined);
    await screenshot(page, '33-import-progress', { midway: true });
    await expect.poll(progressSeen, { timeout: PATIENCE }).toMatch(/正在读取表格… 已读 \d{1,3}(,\d{3})* /);
    await expect.poll(progressSeen, { timeout: PATIENCE }).toContain(`正在逐行检查 ${ROWS.toLocaleString('en')} 行`);

    const preview = page.getByTestId('roster-preview');
    await preview.waitFor({ timeout: PATIENCE });
    await expect.poll(() => page.getByTestId('roster-confirm').textContent()).toContain(String(ROWS));
    // With the preview in, the bar is gone: nothing is running.
    expect(await page.getByTestId('import-progress').count()).toBe(0);

    // The real import reads again and then writes; the bar stays with it to the end.
    await recordProgress();
    await page.getByTestId('roster-confirm').click();
    await expect.poll(progressSeen, { timeout: PATIENCE }).toContain('正在写入数据库');
    await page.getByText(`导入完成：新增 ${ROWS} 人`).waitFor({ timeout: PATIENCE });
    expect(await page.getByTestId('import-progress').count()).toBe(0);
    expect(await progressSeen()).toMatch(/正在读取表格/);
  });
});
