// The score grid after the first sitting, in the real window: a 补考 whose carried parts (保留) are
// passed over by Enter, asked about before they are typed over and put back afterwards; a refused
// value replaced by the next digits; Ctrl+Z, Ctrl+Home/End, Ctrl+F by pinyin initials; full-width
// digits typed and pasted; a 违纪 with a note. certdesk serve on a real database file, Debian's
// Chromium; what landed is read back with the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { screenshot, startDesk, type Desk } from './harness';

const ADMIN = { login: 'chenli', name: '陈丽', password: 'wuye2026!' };
const LI = { name: '李娜', idNumber: makeIdNumber('440106', '19910721', 24) };
const ZHAO = { name: '赵敏', idNumber: makeIdNumber('440106', '19890110', 35) };
const ZHANG = { name: '张伟', idNumber: makeIdNumber('440106', '19880312', 13) };
const WANG = { name: '王芳', idNumber: makeIdNumber('440104', '19850203', 46) };
const LIU = { name: '刘洋', idNumber: makeIdNumber('440104', '19930915', 57) };

let desk: Desk;
let page: Page;
let dbFile: string;
let retake: number;
let december: number;

const cli = (...args: string[]) => runCli([...args, '--json', '--db', dbFile]);

/** Each candidate's parts in the 补考 as the CLI reads them: a score, absent, misconduct, 保留 N. */
function retakeResults(): Record<string, Record<string, unknown>> {
  const r = cli('results', '--session', String(retake)).json;
  return Object.fromEntries(
    r.candidates.map((c: { name: string; parts: { part: string; status: string; score: number | null }[] }) => [
      c.name,
      Object.fromEntries(c.parts.map((p) => [p.part, p.status === 'scored' ? p.score : p.status === 'carried' ? `保留 ${p.score}` : p.status])),
    ]),
  );
}

/**
 * 李娜 passed 理论知识 (85) and 赵敏 操作技能 (75) in March and failed the other part; their 补考
 * in November carries those parts. 张伟, 王芳 and 刘洋 sit it too.
 */
async function office(): Promise<string> {
  const { ctx, file } = createDB();
  const settings = { 'institution.name': '广州市物业管理行业协会', 'institution.type': 'S', 'institution.code': '0000', 'institution.province': '44', 'institution.site': '000123' };
  for (const [key, value] of Object.entries(settings)) await call(ctx, 'settings.set', { key, value });
  const march = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-03-15', name: '2026年3月物业管理师三级' });
  for (const [p, scores] of [[LI, [85, 30]], [ZHAO, [40, 75]]] as const) {
    await call(ctx, 'enrolments.add', { sessionId: march.id, candidate: p });
    await call(ctx, 'results.set', { sessionId: march.id, idNumber: p.idNumber, part: 'theory', score: scores[0] });
    await call(ctx, 'results.set', { sessionId: march.id, idNumber: p.idNumber, part: 'skill', score: scores[1] });
  }
  await call(ctx, 'sessions.finalize', { id: march.id });
  retake = (await call(ctx, 'sessions.retake', { id: march.id, date: '2026-11-20', name: '2026年11月物业管理师三级补考' })).id;
  for (const p of [ZHANG, WANG, LIU]) await call(ctx, 'enrolments.add', { sessionId: retake, candidate: p });
  december = (await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-12-20', name: '2026年12月物业管理师三级' })).id;
  await call(ctx, 'operators.setup', ADMIN);
  ctx.db.close();
  return file;
}

async function login(p: Page): Promise<void> {
  await p.getByText('登录 CertDesk').waitFor();
  await p.getByLabel('登录名').fill(ADMIN.login);
  await p.getByLabel('密码').fill(ADMIN.password);
  await p.getByRole('button', { name: /登\s*录/ }).click();
  await p.getByTestId('operator').getByText(ADMIN.name).waitFor();
}

async function keys(...sequence: string[]): Promise<void> {
  for (const k of sequence) {
    if (/^[\d.]+$/.test(k)) await page.keyboard.type(k);
    else await page.keyboard.press(k);
  }
}

const notice = () => page.getByTestId('grid-notice').textContent();
const cell = (row: number, part: string) => page.locator(`[data-cell="${row}:${part}"]`);
const saved = () => page.waitForFunction(() => document.querySelectorAll('[data-state="saving"]').length === 0);

/** A roster from an employer: 李娜 is registered already (no employer on file), two are new, two rows are refused. */
async function rosterFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['丙物业报名表']);
  ws.addRow(['序号', '姓名', '身份证号码', '工作单位', '备注']);
  const badId = makeIdNumber('440104', '19920101', 68).slice(0, 17) + '0';
  const wrong = badId === makeIdNumber('440104', '19920101', 68) ? badId.slice(0, 17) + '1' : badId;
  for (const r of [
    [1, LI.name, LI.idNumber, '丙物业', ''],
    [2, '孙亮', makeIdNumber('440104', '19900505', 71), '丙物业', ''],
    [3, '周强', makeIdNumber('440104', '19870707', 83), '丙物业', ''],
    [4, '吴刚', wrong, '丙物业', '号码待核'],
    [5, LI.name, LI.idNumber, '丙物业', '重复'],
  ])
    ws.addRow(r).getCell(3).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the score grid of a 补考, in the real browser', () => {
  beforeAll(async () => {
    dbFile = await office();
    desk = await startDesk(dbFile);
    page = desk.page;
    await login(page);
    await page.goto(`${desk.served.origin}/#/sessions/${retake}`);
    await page.getByTestId('enter-results').click();
    await page.getByTestId('score-grid').waitFor();
  });

  afterAll(() => desk?.close());

  it('shows a carried part as 保留 with its score and source on hover, and Enter passes over it', async () => {
    await expect.poll(() => cell(0, 'theory').textContent()).toBe('保留85');
    expect(await cell(0, 'theory').getAttribute('title')).toBe('上次合格保留的成绩：85 分，来自「2026年3月物业管理师三级」');
    // 李娜's 操作技能, then Enter: 赵敏's 操作技能 below is kept, so the cursor lands on 张伟's.
    await keys('ArrowRight', '70', 'Enter');
    await expect.poll(notice).toBe('第 3 / 5 行 · 张伟 · 操作技能');
    await expect.poll(() => cell(1, 'skill').textContent()).toBe('保留75');
  });

  it('keeps a refused value selected, so the next digits replace it', async () => {
    await keys('105', 'Enter');
    await expect.poll(notice).toContain('超出范围');
    await expect.poll(() => page.getByTestId('cell-editor').evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart!, el.selectionEnd!))).toBe('105');
    await keys('65');
    expect(await page.getByTestId('cell-editor').inputValue()).toBe('65');
    await keys('Enter');
    await expect.poll(notice).toBe('第 4 / 5 行 · 王芳 · 操作技能');
  });

  it('reads full-width digits and 「。」 typed, and 「．」 pasted, as a score', async () => {
    // An input method in full-width mode: the first key reaches the grid as ８, the rest is committed into the cell's editor.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: '８', text: '８' });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: '８' });
    await page.getByTestId('cell-editor').waitFor();
    await page.keyboard.insertText('８。５');
    await expect.poll(() => page.getByTestId('cell-editor').inputValue()).toBe('８８。５');
    await keys('Enter');
    await expect.poll(notice).toBe('第 5 / 5 行 · 刘洋 · 操作技能');
    await page.getByTestId('score-grid').evaluate((grid) => {
      const data = new DataTransfer();
      data.setData('text/plain', '７２．５');
      grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByTestId('cell-editor').inputValue()).toBe('７２．５');
    await keys('Enter');
    await saved();
    await expect.poll(() => cell(3, 'skill').textContent()).toBe('88.5');
    await expect.poll(() => cell(4, 'skill').textContent()).toBe('72.5');
  });

  it('goes to the first and last cell with Ctrl+Home and Ctrl+End', async () => {
    await keys('Control+Home');
    await expect.poll(notice).toBe('第 1 / 5 行 · 李娜 · 理论知识');
    await keys('Control+End');
    await expect.poll(notice).toBe('第 5 / 5 行 · 刘洋 · 操作技能');
  });

  it('finds a candidate by pinyin initials with Ctrl+F, and takes a 违纪 with a note', async () => {
    await keys('Control+f');
    await page.keyboard.type('wf');
    await keys('Enter');
    await expect.poll(notice).toBe('第 4 / 5 行 · 王芳 · 理论知识');
    await keys('w');
    const note = page.getByTestId('misconduct-note');
    await note.waitFor();
    await page.keyboard.type('夹带小抄');
    await screenshot(page, 'grid-misconduct-note');
    await keys('Enter');
    await saved();
    await expect.poll(() => cell(3, 'theory').textContent()).toBe('违纪');
    expect(await cell(3, 'theory').getAttribute('title')).toBe('违纪：夹带小抄');
    // The score's history says it too.
    await keys('ArrowUp', 'h');
    const drawer = page.locator('.ant-drawer-body');
    await expect.poll(() => drawer.textContent()).toContain('违纪（夹带小抄）');
    await keys('Escape');
  });

  it('undoes the last saved changes with Ctrl+Z, each as a new audited change', async () => {
    await page.getByTestId('score-grid').focus();
    await keys('Control+z');
    await saved();
    await expect.poll(notice).toContain('已撤销第 4 行 王芳 的理论知识');
    await expect.poll(() => cell(3, 'theory').textContent()).toBe('');
    await keys('Control+z');
    await saved();
    await expect.poll(() => cell(4, 'skill').textContent()).toBe('');
    const history = cli('audit', 'history', '--session', String(retake), '--candidate', WANG.idNumber, '--part', 'theory');
    const entries = history.json as { action: string; reason: string | null }[];
    expect(entries.map((e) => e.reason)).toEqual([null, '撤销（Ctrl+Z）']);
  });

  it('asks before a carried part is typed over, and puts it back with 恢复保留成绩', async () => {
    await keys('Control+Home', '5');
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain('这是上次合格保留的成绩，确定要改吗？');
    await screenshot(page, 'grid-carried-confirm');
    await confirm.getByRole('button', { name: '取 消' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => cell(0, 'theory').textContent()).toBe('保留85');
    await keys('5');
    await confirm.getByRole('button', { name: '确定要改' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('cell-editor').inputValue()).toBe('5');
    await keys('0', 'Enter');
    await saved();
    await expect.poll(() => cell(0, 'theory').textContent()).toBe('50');
    await keys('ArrowUp');
    await page.getByTestId('restore-carried').click();
    await saved();
    await expect.poll(() => cell(0, 'theory').textContent()).toBe('保留85');
    await screenshot(page, 'grid-retake');
  });

  it('previews a roster truthfully, exports its refused rows, and offers the blank template', async () => {
    await page.goto(`${desk.served.origin}/#/sessions/${december}`);
    await page.getByTestId('import-roster').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '丙物业报名表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await rosterFile() });
    await page.getByTestId('roster-preview').waitFor();
    const counts = await page.getByTestId('import-counts').innerText();
    expect(counts.replace(/\s+/g, ' ')).toBe('新考生 2 已登记的考生 1 已在本批次 0 其中资料有变动 1 被拒绝的行 2');
    const rejected = page.getByTestId('roster-rejected');
    await expect.poll(() => rejected.textContent()).toContain('吴刚');
    const dir = tempDir();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('roster-rejected-download').click()]);
    expect(download.suggestedFilename()).toBe('丙物业报名表_被拒绝的行.xlsx');
    const saved = path.join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(saved);
    const sheet = back.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, '序号', '姓名', '身份证号码', '工作单位', '备注', '原因']);
    expect([sheet.getRow(3).getCell(2).value, sheet.getRow(4).getCell(2).value]).toEqual(['吴刚', '李娜']);
    await page.getByRole('tab', { name: /将导入的考生/ }).click();
    await expect.poll(() => page.getByTestId('roster-changes-3').textContent()).toBe('工作单位：空 → 丙物业');
    await screenshot(page, 'roster-preview-truth');
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('roster-template').click()]);
    expect(template.suggestedFilename()).toContain('报名花名册模板');
    await page.keyboard.press('Escape');
  });

  it('landed exactly what the window showed, as the CLI reads it back', () => {
    expect(retakeResults()).toEqual({
      李娜: { theory: '保留 85', skill: 70 },
      赵敏: { skill: '保留 75' },
      张伟: { skill: 65 },
      王芳: { skill: 88.5 },
      刘洋: {},
    });
  });
});
