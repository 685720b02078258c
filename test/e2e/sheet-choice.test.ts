// The import preview names the sheet it read and lets the officer pick another; rows hidden in
// Excel are said to be left out and can be included — in the real window (certdesk serve on a real
// database file, Debian's Chromium).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { call, createDB, makeIdNumber, runCli } from '../helpers';
import { startDesk, type Desk } from './harness';

const ADMIN = { login: 'chenli', name: '陈丽', password: 'wuye2026!' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['序号', '姓名', '证件号码', '工作单位'];

let desk: Desk;
let page: Page;
let dbFile: string;
let sessionId: number;

/** Two classes' rosters in one workbook; in 二班 Excel hides the third person's row. */
async function twoClasses(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const one = wb.addWorksheet('一班');
  one.addRow(HEADER);
  one.addRow([1, '黄丽', makeIdNumber('440103', '19900101', 22), '越秀物业']);
  const two = wb.addWorksheet('二班');
  two.addRow(HEADER);
  two.addRow([1, '周强', makeIdNumber('440103', '19870505', 31), '珠江城市服务']);
  two.addRow([2, '吴敏', makeIdNumber('440111', '19920303', 42), '保利物业']);
  two.addRow([3, '郑洁', makeIdNumber('440111', '19940404', 48), '保利物业']);
  two.getRow(4).hidden = true;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function login(p: Page): Promise<void> {
  await p.getByText('登录 CertDesk').waitFor();
  await p.getByLabel('登录名').fill(ADMIN.login);
  await p.getByLabel('密码').fill(ADMIN.password);
  await p.getByRole('button', { name: /登\s*录/ }).click();
}

describe('the sheet picker in the import preview', () => {
  beforeAll(async () => {
    const { ctx, file } = createDB();
    sessionId = (await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-11-20' })).id;
    await call(ctx, 'operators.setup', ADMIN);
    ctx.db.close();
    dbFile = file;
    desk = await startDesk(dbFile);
    page = desk.page;
    await login(page);
    await page.getByTestId('operator').getByText(ADMIN.name).waitFor();
  });

  afterAll(() => desk?.close());

  it('reads the first class, switches to the second, includes its hidden row, and lands who was shown', async () => {
    await page.goto(`${desk.served.origin}/#/sessions/${sessionId}`);
    await page.getByTestId('import-roster').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '两个班.xlsx', mimeType: XLSX, buffer: await twoClasses() });
    await page.getByTestId('roster-preview').waitFor();
    await expect.poll(() => page.getByTestId('import-sheet').textContent()).toContain('一班');
    await expect.poll(() => page.getByTestId('roster-confirm').textContent()).toContain('1');

    await page.getByTestId('import-sheet-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '二班' }).first().click();
    await expect.poll(() => page.getByTestId('import-hidden').textContent()).toContain('有 1 行在 Excel 中被隐藏（第 4 行）');
    await expect.poll(() => page.getByTestId('roster-confirm').textContent()).toContain('2');
    await page.screenshot({ path: '/tmp/reader-sheet-picker.png' });

    await page.getByTestId('import-hidden-include').click();
    await expect.poll(() => page.getByTestId('roster-confirm').textContent()).toContain('3');
    await page.getByTestId('roster-confirm').click();
    await page.getByText('导入完成：新增 3 人').waitFor();
    const enrolled = runCli(['enrolments', '--session', String(sessionId), '--json', '--db', dbFile]).json as { name: string }[];
    expect(enrolled.map((e) => e.name).sort()).toEqual(['吴敏', '周强', '郑洁'].sort());
  });
});
