// A whole association's roster at once (docs/performance.md § Large imports): tens of thousands of rows are read, checked and
// written while the window shows how far it has got, in the real window — certdesk serve on a real
// database file, Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber } from '../helpers';
import { zip } from '../spreadsheets/zip';
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

const cell = (ref: string, v: string | number) => (typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`);
const row = (r: number, values: (string | number)[]) => `<row r="${r}">${values.map((v, k) => cell(`${'ABCDEF'[k]}${r}`, v)).join('')}</row>`;

/**
 * The roster as a large association sends it: a title row, the header, ROWS applicants, and — as
 * Excel and WPS write it, and exceljs's streaming writer does not — the sheet's size declared up
 * front in <dimension>, which the bar reads for its total.
 */
function largeRoster(): Buffer {
  const rows = [row(1, ['2026年下半年物业管理师（三级）职业技能等级认定报名花名册']), row(2, ['序号', '姓名', '性别', '身份证号码', '工作单位', '考试类型'])];
  for (let i = 0; i < ROWS; i++) {
    const id = idNumber(i);
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / 20) % GIVEN.length]! + GIVEN[Math.floor(i / 500) % GIVEN.length]!;
    rows.push(row(i + 3, [i + 1, name, Number(id[16]) % 2 ? '男' : '女', id, `第${i % 300}物业服务有限公司`, '正考']));
  }
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return zip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns="${main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="报名花名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${main}"><dimension ref="A1:F${ROWS + 2}"/><sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells></worksheet>`,
    },
  ]);
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
    roster = largeRoster();
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
    // For the picture, a moment well into the file (a fast machine may be past it: then any moment).
    const reading = page.getByTestId('import-progress').filter({ hasText: /正在读取表格… 已读 [1-4]\d,\d{3} \/ 50,002 行/ });
    await reading.waitFor({ timeout: PATIENCE }).catch(() => undefined);
    // The bar glides to each new count; the picture waits for it to catch up with the words.
    await page
      .waitForFunction(
        () => {
          const track = document.querySelector<HTMLElement>('[data-testid="import-progress"] .ant-progress-track');
          const rail = track?.parentElement;
          if (!track || !rail) return true;
          return Math.abs((track.getBoundingClientRect().width / rail.getBoundingClientRect().width) * 100 - parseFloat(track.style.width)) < 1;
        },
        undefined,
        { timeout: 3000, polling: 'raf' },
      )
      .catch(() => undefined);
    await screenshot(page, '33-import-progress', { midway: true });
    // Each row is checked as it is read (on a thread of its own), so reading is the whole of a preview.
    await expect.poll(progressSeen, { timeout: PATIENCE }).toMatch(/正在读取表格… 已读 \d{1,3}(,\d{3})* \/ 50,002 行/);

    const preview = page.getByTestId('roster-preview');
    await preview.waitFor({ timeout: PATIENCE });
    await expect.poll(() => page.getByTestId('roster-confirm').textContent()).toContain(String(ROWS));
    // With the preview in, the bar is gone: nothing is running.
    expect(await page.getByTestId('import-progress').count()).toBe(0);

    // The real import reads again, writing as it reads, then enrols everyone; the bar stays with it to the end.
    await recordProgress();
    await page.getByTestId('roster-confirm').click();
    await expect.poll(progressSeen, { timeout: PATIENCE }).toContain('正在写入数据库');
    await page.getByText(`导入完成：新增 ${ROWS} 人`).waitFor({ timeout: PATIENCE });
    expect(await page.getByTestId('import-progress').count()).toBe(0);
    expect(await progressSeen()).toMatch(/正在读取表格/);
  });
});
