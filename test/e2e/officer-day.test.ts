// An officer's whole day in the real window: certdesk serve on a real database file, Debian's
// Chromium, keyboard-only score entry, and the home page's pass rate checked against the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { makeIdNumber, runCli, tempDir } from '../helpers';
import { openDesk, rpcInPage, screenshot, startDesk, type Desk, type Served } from './harness';

const PEOPLE = [
  { name: '张伟', id: makeIdNumber('440106', '19880312', 13), employer: '广州市越秀物业管理有限公司' },
  { name: '李娜', id: makeIdNumber('440106', '19910721', 24), employer: '广州市越秀物业管理有限公司' },
  { name: '王芳', id: makeIdNumber('440104', '19850203', 46), employer: '广州珠江城市服务有限公司' },
  { name: '刘洋', id: makeIdNumber('440104', '19930915', 57), employer: '广州珠江城市服务有限公司' },
  { name: '陈静', id: makeIdNumber('440111', '19870430', 68), employer: '保利物业服务股份有限公司广州分公司' },
  { name: '杨磊', id: makeIdNumber('440111', '19900118', 79), employer: '保利物业服务股份有限公司广州分公司' },
];

/** A landscape snapshot (not yet 一寸): a face in the middle of a wide white picture. */
function snapshotPng(): Buffer {
  const png = new PNG({ width: 640, height: 480 });
  for (let y = 0; y < 480; y++) {
    for (let x = 0; x < 640; x++) {
      const k = (y * 640 + x) * 4;
      const face = ((x - 320) ** 2) / 8000 + ((y - 200) ** 2) / 12000 < 1;
      png.data[k] = face ? 236 : 255;
      png.data[k + 1] = face ? 200 : 255;
      png.data[k + 2] = face ? 170 : 255;
      png.data[k + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let i = 2;
  while (i < bytes.length) {
    const marker = bytes[i + 1]!;
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  throw new Error('no SOF marker');
}

/** A roster as associations send it: a title row, the header, a signature line — and two bad rows. */
async function rosterWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名花名册');
  ws.addRow(['2026年上半年物业管理师（三级）职业技能等级认定报名花名册']);
  ws.mergeCells('A1:F1');
  ws.addRow(['序号', '姓名', '性别', '身份证号码', '工作单位', '考试类型']);
  PEOPLE.forEach((p, i) => ws.addRow([i + 1, p.name, Number(p.id[16]) % 2 ? '男' : '女', p.id, p.employer, '正考']));
  // Excel has turned this ID into a number: its last digits are gone (domain.md § Identity documents).
  ws.addRow([7, '赵敏', '女', 440106199205061234, '广州市越秀物业管理有限公司', '正考']);
  // A copying slip: the check character does not match.
  const wrong = makeIdNumber('440104', '19860808', 91);
  ws.addRow([8, '孙亮', '男', wrong.slice(0, 17) + (wrong[17] === '1' ? '2' : '1'), '广州珠江城市服务有限公司', '正考']);
  ws.addRow([]);
  ws.addRow(['填表人：', '', '审核人：']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let desk: Desk;
let served: Served;
let browser: Browser;
let page: Page;
let dbFile: string;
let sessionId: number;

async function keys(...sequence: string[]): Promise<void> {
  for (const k of sequence) {
    if (/^[\d.]+$/.test(k)) await page.keyboard.type(k);
    else await page.keyboard.press(k);
  }
}

describe('an officer’s day at the desk, in the real browser', () => {
  beforeAll(async () => {
    dbFile = path.join(tempDir('certdesk-e2e-'), 'certdesk.sqlite');
    expect(runCli(['init', '--db', dbFile]).status).toBe(0);
    desk = await startDesk(dbFile);
    ({ served, browser, page } = desk);
  });

  afterAll(() => desk?.close());

  it('greets a first run with the guide: the evaluation body, the first administrator, where data lives', async () => {
    await page.getByText('欢迎使用 CertDesk').waitFor();
    await screenshot(page, '01-first-run');
    await page.getByTestId('institution-name').fill('广州市物业管理行业协会');
    await page.getByTestId('institution-province').fill('99');
    await page.getByTestId('institution-save').click();
    // A province code that does not exist is refused with what to write instead.
    await expect.poll(() => page.getByTestId('institution-error').textContent()).toContain('省份代码');
    await page.getByTestId('institution-province').fill('44');
    await page.getByLabel('站点序号').fill('000123');
    await page.getByTestId('institution-save').click();
    await page.getByTestId('admin-login').fill('chenli');
    await page.getByTestId('admin-name').fill('陈丽');
    await page.getByTestId('admin-password').fill('wuye2026!');
    await page.getByTestId('admin-password2').fill('wuye2026!');
    await screenshot(page, '02-first-run-admin');
    await page.getByTestId('admin-create').click();
    await page.getByTestId('data-next').waitFor();
    await page.getByText(dbFile).first().waitFor();
    await page.getByTestId('data-next').click();
    await page.getByTestId('welcome-finish').click();
    await page.getByText('还没有认定批次 — 新建一个').waitFor();
    // From now on every change is recorded under the administrator who was just created.
    await page.getByTestId('operator').getByText('陈丽').waitFor();
    await screenshot(page, '03-home-empty');
  });

  it('creates a session from the occupation catalog', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByTestId('new-session').click();
    await page.getByTestId('occupation-select').click();
    await page.keyboard.type('物业管理师');
    await page.keyboard.press('Enter');
    await page.getByTestId('level-select').click();
    await page.getByText('三级/高级工（理论知识、操作技能）').click();
    await page.getByTestId('session-date').locator('input').click();
    await page.getByTestId('session-date').locator('input').fill('2026-06-15');
    await page.keyboard.press('Tab');
    await screenshot(page, '04-new-session');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('session-title').getByText('2026年上半年物业管理师（三级）职业技能等级认定').waitFor();
    sessionId = Number(/#\/sessions\/(\d+)/.exec(page.url())![1]);
    expect(sessionId).toBeGreaterThan(0);
  });

  it('imports a roster, showing each rejected row and why before anything is written', async () => {
    await page.getByTestId('import-roster').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '报名花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterWorkbook(),
    });
    const preview = page.getByTestId('roster-preview');
    await preview.waitFor();
    await expect.poll(() => preview.textContent()).toContain('存成了数字');
    await expect.poll(() => preview.textContent()).toContain('校验位');
    // Nothing written yet: the session still has no candidates.
    expect(runCli(['results', '--session', String(sessionId), '--json', '--db', dbFile]).json.candidates).toHaveLength(0);
    await screenshot(page, '05-roster-preview');
    await page.getByTestId('roster-confirm').click();
    await page.getByText('导入完成：新增 6 人').waitFor();
    await page.getByRole('button', { name: '完 成' }).or(page.getByRole('button', { name: '完成' })).click();
    await page.getByText('报名考生（6 人）').waitFor();
    await screenshot(page, '06-session');
  });

  it('refuses to finalize while scores are missing, and names who is missing', async () => {
    await page.getByTestId('finalize').click();
    await page.getByText('还有 6 名考生的成绩没有录完').waitFor();
    await expect.poll(() => page.getByTestId('finalize-confirm').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('keys in every score with the keyboard only: Enter down, Tab right, Q 缺考, W 违纪, and a refused 105', async () => {
    await page.getByTestId('enter-results').click();
    const grid = page.getByTestId('score-grid');
    await grid.waitFor();
    // 理论知识, top to bottom.
    await keys('85', 'Enter', '72.5', 'Enter', '105', 'Enter');
    const notice = page.getByTestId('grid-notice');
    await expect.poll(() => notice.textContent()).toContain('超出范围');
    await expect.poll(() => page.locator('[data-cell="2:theory"]').getAttribute('class')).toContain('refused');
    await screenshot(page, '07-grid-refused');
    // The refused text is still in the cell: correct it in place.
    await keys('Backspace', 'Backspace', 'Backspace', '59', 'Enter', 'q', '95', 'Enter', '60', 'Enter');
    // Over to 操作技能 and back to the top.
    await keys('Tab', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp');
    await keys('90', 'Enter', '60', 'Enter', '88', 'Enter', 'q', 'w', 'Enter', '61', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-state="saving"]').length === 0);
    const outcomes = await page.locator('.grid-row [data-outcome]').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
    expect(outcomes).toEqual(['pass', 'pass', 'fail', 'absent', 'fail', 'pass']);
    await expect.poll(() => page.locator('[data-figure="running-pass-rate"]').textContent()).toBe('60.0%');
    await expect.poll(() => page.locator('[data-cell="3:theory"]').textContent()).toBe('缺考');
    await expect.poll(() => page.locator('[data-cell="4:skill"]').textContent()).toBe('违纪');
    await screenshot(page, '08-grid');
    // Among many rows, Ctrl+F finds a candidate and puts the cursor on them.
    await keys('Control+f');
    await page.keyboard.type('王芳');
    await keys('Enter');
    await expect.poll(() => page.getByTestId('grid-notice').textContent()).toContain('第 3 / 6 行 · 王芳');
  });

  it('saved every accepted cell at once, exactly as the CLI reads it back', () => {
    const r = runCli(['results', '--session', String(sessionId), '--json', '--db', dbFile]).json;
    const byName = Object.fromEntries(r.candidates.map((c: any) => [c.name, c.parts.map((p: any) => (p.status === 'scored' ? p.score : p.status))]));
    expect(byName).toEqual({ 张伟: [85, 90], 李娜: [72.5, 60], 王芳: [59, 88], 刘洋: ['absent', 'absent'], 陈静: [95, 'misconduct'], 杨磊: [60, 61] });
  });

  it('finalizes with a summary of what will be locked', async () => {
    await page.getByRole('button', { name: '去定稿' }).click();
    await page.getByTestId('finalize').click();
    await page.getByTestId('finalize-summary').waitFor();
    await expect.poll(() => page.getByTestId('finalize-summary').textContent()).toContain('60.0%');
    await screenshot(page, '09-finalize');
    await page.getByTestId('finalize-confirm').click();
    await page.locator('.ant-tag', { hasText: '已定稿' }).first().waitFor();
  });

  it('keeps a finalized session’s scores locked in the grid', async () => {
    await page.getByTestId('enter-results').click();
    await page.getByTestId('score-grid').waitFor();
    await keys('70');
    await expect.poll(() => page.getByTestId('grid-notice').textContent()).toContain('已定稿');
  });

  it('shows on the home page the pass rate the CLI reports, and the candidates behind it', async () => {
    const cli = runCli(['results', '--session', String(sessionId), '--json', '--db', dbFile]).json.summary;
    expect(cli).toMatchObject({ registered: 6, absent: 1, sat: 5, passed: 3 });
    await page.keyboard.press('Alt+1');
    const overall = page.locator('[data-figure="overall-pass-rate"]');
    await overall.waitFor();
    const figure = `${(cli.passRate * 100).toFixed(1)}%`;
    await expect.poll(() => overall.textContent()).toBe(figure);
    await expect.poll(() => page.locator(`[data-session-rate="${sessionId}"]`).textContent()).toBe(figure);
    await screenshot(page, '10-home');
    await page.locator('.ant-card', { hasText: '点击柱子或表格行' }).locator('.ant-table-row').first().click();
    const drawer = page.locator('.ant-drawer-body');
    await drawer.getByText('杨磊').waitFor();
    await expect.poll(() => drawer.locator('.ant-table-row').count()).toBe(6);
    await screenshot(page, '11-home-drilldown');
    await page.keyboard.press('Escape');
  });

  it('finds candidates as the officer types, by pinyin initials too', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByTestId('candidate-search').fill('zw');
    await expect.poll(() => page.locator('.ant-table-row').allTextContents()).toEqual([expect.stringContaining('张伟')]);
    await screenshot(page, '12-candidates');
  });

  it('checks an ID number as it is typed and fills birth date and gender from it', async () => {
    await page.getByRole('button', { name: '登记考生' }).first().click();
    const idInput = page.getByLabel('证件号码');
    const good = makeIdNumber('440103', '19950617', 32);
    await idInput.fill(good.slice(0, 17) + (good[17] === '5' ? '6' : '5'));
    await expect.poll(() => page.getByTestId('id-problem').textContent()).toContain('校验位不对');
    await screenshot(page, '13-candidate-id-check');
    await idInput.fill(good);
    await page.getByText('号码有效：出生日期 1995-06-17').waitFor();
    await expect.poll(() => page.getByLabel('出生日期').inputValue()).toBe('1995-06-17');
    await page.getByLabel('姓名').fill('周晓梅');
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: snapshotPng() });
    await page.getByTestId('photo-preview').locator('img').waitFor();
    await screenshot(page, '13b-candidate-photo');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal-title', { hasText: '登记考生' }).waitFor({ state: 'hidden' });
    const found = runCli(['candidates', '--search', 'zxm', '--json', '--db', dbFile]).json;
    const id = found.items[0].id as number;
    expect(found.items[0]).toMatchObject({ name: '周晓梅', gender: '女', birthDate: '1995-06-17', hasPhoto: true });
    // The photo went up cropped to 一寸 (25 × 35 mm): 295 × 413 px, a JPEG.
    const photo = await rpcInPage<{ base64: string }>(page, 'candidates.photo', { id });
    expect(jpegSize(Buffer.from(photo.base64, 'base64'))).toEqual({ width: 295, height: 413 });
  });

  it('issues certificates for the finalized session', async () => {
    await page.keyboard.press('Alt+5');
    await page.getByRole('button', { name: /为合格考生发证/ }).click();
    // 发证 is a dialog: today's date, how many, the first and last number, then confirm.
    await expect.poll(() => page.getByTestId('issue-count').textContent()).toBe('将发证 3 本');
    await page.getByTestId('issue-confirm').click();
    await page.getByText('已发证 3 本').waitFor();
    // 杨磊's certificate row (keyed by its number), not his row in the 待发证 list, which empties as the page refreshes.
    await page.locator('.ant-table-row[data-row-key^="S"]', { hasText: '杨磊' }).waitFor();
    // 张伟, 李娜 and 杨磊 passed; the others get nothing.
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(3);
    await screenshot(page, '14-certificates');
  });

  it('shows reports and settings, and switches to English', async () => {
    await page.keyboard.press('Alt+6');
    await page.getByText('合格率 = 合格人数 ÷ 实考人数', { exact: false }).first().waitFor();
    await screenshot(page, '15-reports');
    // The pass-rate workbook comes down as a file the officer can hand on.
    await page.getByTestId('report-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('合格率统计表（Excel）').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const cells = workbook.worksheets.flatMap((ws) => ws.getSheetValues().flat().map((v) => String(v ?? '')));
    expect(cells.some((v) => v.includes('物业管理师'))).toBe(true);
    await page.keyboard.press('Alt+0');
    await page.getByTestId('institution-name').waitFor();
    await expect.poll(() => page.getByTestId('institution-name').inputValue()).toBe('广州市物业管理行业协会');
    await screenshot(page, '16-settings');
    await page.getByText('English', { exact: true }).click();
    await page.keyboard.press('Alt+1');
    await page.getByText('Passed/registered').first().waitFor();
    await screenshot(page, '17-home-english');
    await page.getByText('中文', { exact: true }).click();
  });

  it('refuses a score in its cell, with the reason, when the session was finalized from another window', async () => {
    const cli = (...args: string[]) => runCli([...args, '--json', '--db', dbFile]);
    const retake = cli('session', 'create', '--occupation', '物业管理师', '--level', '3', '--date', '2026-09-20', '--attempt', '补考').json;
    const idNumber = makeIdNumber('440106', '19891111', 35);
    expect(cli('candidate', 'add', '--id-number', idNumber, '--name', '吴刚', '--session', String(retake.id)).status).toBe(0);
    await page.goto(`${served.origin}/#/sessions/${retake.id}/results`);
    await page.getByTestId('score-grid').waitFor();
    // Meanwhile, someone at the command line keys the scores and finalizes.
    expect(cli('result', 'set', '--session', String(retake.id), '--candidate', idNumber, '--part', 'theory', '--score', '75').status).toBe(0);
    expect(cli('result', 'set', '--session', String(retake.id), '--candidate', idNumber, '--part', 'skill', '--score', '80').status).toBe(0);
    expect(cli('session', 'finalize', String(retake.id)).status).toBe(0);
    await keys('90', 'Enter');
    await expect.poll(() => page.getByTestId('grid-notice').textContent()).toContain('已定稿');
    await expect.poll(() => page.locator('[data-cell="0:theory"]').getAttribute('data-state')).toBe('refused');
    expect(cli('results', '--session', String(retake.id)).json.candidates[0].parts[0].score).toBe(75);
  });

  it('asks a second window to log in, and says why a wrong password is refused', async () => {
    const second = await openDesk(browser, served);
    await second.getByText('登录 CertDesk').waitFor();
    await second.getByLabel('登录名').fill('chenli');
    await second.getByLabel('密码').fill('wrong-password');
    await second.getByRole('button', { name: /登\s*录/ }).click();
    await second.locator('.ant-alert-error').waitFor();
    await screenshot(second, '19-login');
    await second.getByLabel('密码').fill('wuye2026!');
    await second.getByRole('button', { name: /登\s*录/ }).click();
    await second.getByTestId('operator').getByText('陈丽').waitFor();
    await second.context().close();
  });

  it('opens the help with F1', async () => {
    await page.keyboard.press('F1');
    await page.locator('.ant-drawer-body').last().waitFor();
    await screenshot(page, '18-help');
    await page.keyboard.press('F1');
  });
});
