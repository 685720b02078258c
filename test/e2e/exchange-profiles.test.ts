// 交换格式 made and edited in the window (docs/exchange.md § Made from the platform's template):
// the officer reads the platform's template, maps the column nothing matched, changes a code,
// is told why a save is refused, and exports an upload whose header rows are the template's cell
// for cell. certdesk serve on a real database file, Debian's Chromium.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, createDB, tempDir } from '../helpers';
import { configureInstitution, finalizedSession, PEOPLE } from '../certificates/fixtures';
import { screenshot, startDesk, type Desk } from './harness';

const people = PEOPLE.map((p) => ({ ...p, photo: false }));
const [zhang, ouyang, , wang] = people;
let desk: Desk;
let page: Page;

/** A June session this year: 张伟, 欧阳淑芬 and 王堃 passed. */
async function office(): Promise<string> {
  const { ctx, file } = createDB();
  await configureInstitution(ctx);
  await finalizedSession(ctx, { people, date: `${new Date().getFullYear()}-06-15` });
  for (const p of [zhang!, ouyang!, wang!]) {
    const { hasPhoto: _photo, ...c } = (await call(ctx, 'candidates.history', { idNumber: p.idNumber })).candidate;
    await call(ctx, 'candidates.update', { ...c, ethnicity: '汉族', origin: '企业职工', education: '大专' });
  }
  ctx.db.close();
  return file;
}

const TITLE = ['江苏省职业技能等级认定成绩上报模板（请勿改动表头）'];
const HEADER = ['序号', '*姓名', '*证件类型', '*身份证号码', '性别', '民族', '学历', '*鉴定站代码', '职业(工种)', '技能等级', '备注'];

/** The platform's template as it hands it out: a title row, the header in row 2, two headers of its own. */
async function template(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考生信息');
  ws.addRow(TITLE);
  ws.addRow(HEADER);
  ws.mergeCells(1, 1, 1, HEADER.length);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Each row's cells as Excel shows them (a merged title once, in its first cell), and the merged ranges. */
async function rows(file: string): Promise<{ cells: string[][]; merges: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('考生信息')!;
  const cells: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      values[c - 1] = cell.isMerged && cell.master.address !== cell.address ? '' : cell.value === null || cell.value === undefined ? '' : String(cell.value);
    });
    const v = Array.from(values, (x) => x ?? '');
    while (v.length && v[v.length - 1] === '') v.pop();
    cells[n - 1] = v;
  });
  return { cells: Array.from(cells, (r) => r ?? []), merges: (ws.model as { merges?: string[] }).merges ?? [] };
}

describe('交换格式 in the window', () => {
  beforeAll(async () => {
    desk = await startDesk(await office());
    page = desk.page;
  });
  afterAll(() => desk?.close());

  it('makes a profile from the template, maps a column by hand, changes a code, and exports a file whose header is the template\'s', async () => {
    await page.goto(`${desk.served.origin}/#/reports`);
    await page.getByTestId('upload-panel').waitFor();
    await page.getByTestId('upload-profiles').click();
    const drawer = page.getByTestId('profiles-drawer');
    await drawer.getByTestId('profiles-list').getByText('平台上传').waitFor();

    const chooser = page.waitForEvent('filechooser');
    await drawer.getByTestId('profiles-from-template').click();
    await (await chooser).setFiles({ name: '江苏省上报模板.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await template() });
    const form = drawer.getByTestId('profile-form');
    await form.waitFor();
    expect(await form.getByTestId('profile-sheet').textContent()).toContain('工作表「考生信息」，表头在第 2 行');
    expect(await form.getByTestId('profile-header-rows').textContent()).toContain(TITLE[0]);
    expect(await form.getByTestId('profile-name').inputValue()).toBe('江苏省上报模板');
    const columns = form.getByTestId('profile-columns');
    // Suggested from the header's wording; the platform's own 鉴定站代码 and 备注 are not recognised.
    expect(await columns.getByText('未认出').count()).toBe(2);
    expect(await form.getByTestId('column-field-3').textContent()).toContain('证件号码');

    // Saved as it stands, the required 鉴定站代码 would be empty in every row: refused, and said why.
    await form.getByTestId('profile-save').click();
    const refused = form.getByTestId('profile-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('第 8 列「*鉴定站代码」标为必填，却没有对应的字段');
    await screenshot(page, 'profiles-refused');

    await form.getByTestId('column-field-7').click();
    await page.keyboard.type('评价机构');
    await page.keyboard.press('Enter');
    expect(await form.getByTestId('column-field-7').textContent()).toContain('评价机构');
    await form.getByTestId('code-idType-居民身份证').fill('1');
    await form.getByTestId('profile-name').fill('江苏省平台');
    await screenshot(page, 'profiles-form');
    await form.getByTestId('profile-save').click();
    await drawer.getByTestId('profiles-list').getByText('江苏省平台').waitFor();
    await screenshot(page, 'profiles-list');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The upload panel now exports with it.
    expect(await page.getByTestId('upload-profile').textContent()).toContain('江苏省平台');
    await page.getByTestId('upload-batch-number').fill('JS-2026-01');
    const download = page.waitForEvent('download');
    await page.getByTestId('upload-export').click();
    const file = path.join(tempDir(), 'upload.xlsx');
    await (await download).saveAs(file);
    const written = await rows(file);
    const templateFile = path.join(tempDir(), 'template.xlsx');
    fs.writeFileSync(templateFile, await template());
    const original = await rows(templateFile);
    expect(original.cells).toEqual([TITLE, HEADER]);
    expect(written.cells.slice(0, 2)).toEqual(original.cells);
    expect(written.merges).toEqual(original.merges);
    const first = written.cells[2]!;
    expect(first[HEADER.indexOf('*姓名')]).toBe('张伟');
    expect(first[HEADER.indexOf('*证件类型')]).toBe('1');
    expect(first[HEADER.indexOf('*身份证号码')]).toBe(zhang!.idNumber);
    expect(first[HEADER.indexOf('*鉴定站代码')]).not.toBe('');
    expect(first[HEADER.indexOf('备注')] ?? '').toBe('');
    expect(written.cells.length).toBe(5);
  });

  it('copies a built-in profile, renames the copy, and refuses to delete it once a batch used it', async () => {
    await page.goto(`${desk.served.origin}/#/reports`);
    await page.getByTestId('upload-profiles').click();
    const drawer = page.getByTestId('profiles-drawer');
    const list = drawer.getByTestId('profiles-list');
    await list.getByText('平台上传').waitFor();
    // Built-ins are copied, never edited or deleted.
    expect(await list.getByTestId('profile-edit-平台上传').count()).toBe(0);
    expect(await list.getByTestId('profile-delete-平台上传').count()).toBe(0);
    await list.getByTestId('profile-copy-平台上传').click();
    const form = drawer.getByTestId('profile-form');
    expect(await form.getByTestId('profile-name').inputValue()).toBe('平台上传（副本）');
    await form.getByTestId('profile-name').fill('本省上传');
    await form.getByTestId('profile-save').click();
    await list.getByText('本省上传').waitFor();

    await list.getByTestId('profile-edit-本省上传').click();
    await form.getByTestId('profile-name').fill('本省上传（2026）');
    await form.getByTestId('profile-save').click();
    await list.getByText('本省上传（2026）').waitFor();
    expect(await list.getByTestId('profile-edit-本省上传').count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    expect(await page.getByTestId('upload-profile').textContent()).toContain('本省上传（2026）');
    await page.getByTestId('upload-batch-number').fill('BS-2026-02');
    const download = page.waitForEvent('download');
    await page.getByTestId('upload-export').click();
    expect((await download).suggestedFilename()).toBe('本省上传（2026）_BS-2026-02.xlsx');

    await page.getByTestId('upload-profiles').click();
    await list.getByTestId('profile-delete-本省上传（2026）').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const refused = drawer.getByTestId('profiles-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('已用于 1 个上报批次');
    expect(await list.textContent()).toContain('本省上传（2026）');
    await screenshot(page, 'profiles-in-use');
  });
});
