// After the happy path, in the real window: a finalized session offers 发证 and 建补考批次; the retake
// carries the passed parts and refuses a person who already passed; 发证 is a dialog with the date,
// the count and the numbers, and never issues twice; a person is withdrawn (移出本批次) with a reason;
// a session is edited (its venue shown after) and deleted once empty. certdesk serve on a real
// database file, Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, runCli } from '../helpers';
import { startDesk, type Desk } from './harness';
import { todayIso } from '../../services/shared/dates';

const ZHANG = { name: '张伟', idNumber: makeIdNumber('440106', '19880312', 13) };
const LI = { name: '李娜', idNumber: makeIdNumber('440106', '19910721', 24) };
const WANG = { name: '王芳', idNumber: makeIdNumber('440104', '19850203', 46) };
const SHOTS = path.join(os.tmpdir(), 'certdesk-session-flow');

let desk: Desk;
let page: Page;
let dbFile: string;
let june: number;
let retake: number;

const cli = (...args: string[]) => runCli([...args, '--json', '--db', dbFile]);
const dayFromToday = (days: number) => todayIso(new Date(Date.now() + days * 24 * 3600 * 1000));

async function shot(name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Types a date into the DateField found by test id and confirms it with Enter. */
async function typeDate(testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.click();
  await input.press('Control+A');
  await input.pressSequentially(date);
  await input.press('Enter');
}

/** A finalized June session of 物业管理师 三级: 张伟 and 王芳 passed, 李娜 failed theory and passed skill. */
async function office(): Promise<string> {
  const { ctx, file } = createDB();
  const settings = { 'institution.name': '广州市物业管理行业协会', 'institution.type': 'S', 'institution.code': '0000', 'institution.province': '44', 'institution.site': '000123' };
  for (const [key, value] of Object.entries(settings)) await call(ctx, 'settings.set', { key, value });
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-06-15' });
  for (const [p, scores] of [[ZHANG, [85, 90]], [LI, [50, 90]], [WANG, [70, 70]]] as const) {
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: p });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: p.idNumber, part: 'theory', score: scores[0] });
    await call(ctx, 'results.set', { sessionId: s.id, idNumber: p.idNumber, part: 'skill', score: scores[1] });
  }
  await call(ctx, 'sessions.finalize', { id: s.id });
  june = s.id;
  ctx.db.close();
  return file;
}

describe('the officer’s second day, in the real browser', () => {
  beforeAll(async () => {
    dbFile = await office();
    desk = await startDesk(dbFile);
    page = desk.page;
  });

  afterAll(() => desk?.close());

  it('offers 发证 and 建补考批次 after 定稿, and builds the retake with the failed person and her carried part', async () => {
    await page.goto(`${desk.served.origin}/#/sessions/${june}`);
    await page.getByTestId('next-steps').waitFor();
    // The list of a finalized session is locked: 移出本批次 is there but greyed out.
    expect(await page.getByTestId(`withdraw-${LI.idNumber}`).isDisabled()).toBe(true);
    expect(await page.getByTestId('edit-session').isDisabled()).toBe(true);
    await shot('01-next-steps');
    await page.getByTestId('create-retake').click();
    // A date a month ahead: the retake has not been held yet.
    await typeDate('retake-date', dayFromToday(30));
    await shot('02-retake-dialog');
    await page.getByTestId('retake-create').click();
    // Nobody was skipped, so the new session opens at once.
    await expect.poll(() => page.url()).not.toContain(`/sessions/${june}`);
    retake = Number(/sessions\/(\d+)/.exec(page.url())![1]);
    await expect.poll(() => page.getByTestId('session-title').textContent()).toContain('补考');
    await expect.poll(() => page.locator('.ant-table-row').allTextContents()).toEqual([expect.stringContaining(LI.name)]);
    const li = cli('results', '--session', String(retake)).json.candidates[0];
    expect(li.parts.find((p: { part: string }) => p.part === 'skill')).toMatchObject({ status: 'carried', score: 90 });
  });

  it('explains why 定稿 is greyed out for a session not yet held, and warns when keying its results', async () => {
    expect(await page.getByTestId('finalize').isDisabled()).toBe(true);
    await page.getByTestId('finalize').hover({ force: true });
    await expect.poll(() => page.getByTestId('finalize-why').textContent()).toContain('还没到');
    await shot('03-finalize-why');
    await page.getByTestId('enter-results').click();
    await page.getByTestId('future-warning').waitFor();
    await shot('04-future-warning');
    await page.goBack();
  });

  it('refuses to enrol into the retake, by the window, a person who already passed', async () => {
    await page.getByRole('button', { name: '逐个添加考生' }).click();
    await page.locator('.ant-modal input').first().fill('张伟');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: ZHANG.idNumber }).click();
    const refusal = page.locator('.ant-modal .ant-alert-error');
    await expect.poll(() => refusal.textContent()).toContain('不能再报名同一职业、等级和工种的认定');
    expect(await refusal.textContent()).toContain(ZHANG.name);
    await shot('05-already-certified');
    await page.getByRole('button', { name: /完\s*成/ }).click();
    expect(cli('enrolments', '--session', String(retake)).json.map((e: { name: string }) => e.name)).toEqual([LI.name]);
  });

  it('withdraws a person from an open session with a reason', async () => {
    const enrolmentId = cli('enrolments', '--session', String(retake)).json[0].id as number;
    await page.getByTestId(`withdraw-${LI.idNumber}`).click();
    expect(await page.getByTestId('withdraw-confirm').isDisabled()).toBe(true);
    await page.getByTestId('withdraw-reason').fill('本人申请延期参加');
    await shot('06-withdraw');
    await page.getByTestId('withdraw-confirm').click();
    await page.getByText(`已将 ${LI.name} 移出本批次`).waitFor();
    expect(cli('enrolments', '--session', String(retake)).json).toEqual([]);
    const audit = cli('audit', 'history', '--entity', 'enrolment', '--id', String(enrolmentId)).json as { action: string; reason: string | null }[];
    expect(audit.at(-1)).toMatchObject({ action: 'delete', reason: '本人申请延期参加' });
  });

  it('edits the session, shows its venue, and deletes it once nobody is enrolled', async () => {
    await page.getByTestId('edit-session').click();
    await page.getByTestId('edit-session-venue').fill('广州市天河区职业技能鉴定所 301 室');
    await shot('07-edit-session');
    await page.getByTestId('edit-session-save').click();
    await expect.poll(() => page.getByTestId('session-venue').textContent()).toBe('广州市天河区职业技能鉴定所 301 室');
    expect(cli('session', 'show', String(retake)).json.venue).toBe('广州市天河区职业技能鉴定所 301 室');
    await shot('08-venue-shown');
    await page.getByTestId('edit-session').click();
    await page.getByTestId('delete-session').click();
    await page.getByTestId('delete-session-confirm').click();
    await expect.poll(() => page.url()).toMatch(/#\/sessions$/);
    expect(cli('sessions').json.map((s: { id: number }) => s.id)).toEqual([june]);
  });

  it('issues by a dialog: refuses a date ahead or before the exam, shows the count and numbers, and never issues twice', async () => {
    // The certificates page lists who is waiting: the two who passed in June.
    await page.goto(`${desk.served.origin}/#/certificates`);
    const awaiting = page.getByTestId('awaiting');
    await expect.poll(() => awaiting.locator('.ant-table-row').allTextContents()).toEqual([expect.stringContaining(ZHANG.name), expect.stringContaining(WANG.name)]);
    await shot('09a-awaiting');
    await page.goto(`${desk.served.origin}/#/sessions/${june}`);
    await page.getByTestId('issue-certificates').click();
    // Today by default: 2 to issue.
    await expect.poll(() => page.getByTestId('issue-count').textContent()).toBe('将发证 2 本');
    await typeDate('issue-date', dayFromToday(2));
    await expect.poll(() => page.getByTestId('issue-preview-error').textContent()).toContain('晚于今天');
    expect(await page.getByTestId('issue-confirm').isDisabled()).toBe(true);
    await typeDate('issue-date', '2026-06-01');
    await expect.poll(() => page.getByTestId('issue-preview-error').textContent()).toContain('早于考试日期 2026-06-15');
    await typeDate('issue-date', '2026-07-01');
    await expect.poll(() => page.getByTestId('issue-range').textContent()).toBe('证书编号 S000044000123263000001 至 S000044000123263000002');
    await shot('09-issue-dialog');
    expect(cli('certificates', 'list').json).toEqual([]);
    await page.getByTestId('issue-confirm').click();
    await page.getByText('已发证 2 本').waitFor();
    const list = cli('certificates', 'list').json as { name: string; issueDate: string }[];
    expect(list.map((c) => [c.name, c.issueDate])).toEqual([
      [ZHANG.name, '2026-07-01'],
      [WANG.name, '2026-07-01'],
    ]);
    // Again: nothing more to issue, and the dialog says why.
    await page.getByTestId('issue-certificates').click();
    await expect.poll(() => page.getByTestId('issue-count').textContent()).toBe('没有需要发证的考生');
    await page.getByText('2 人此前已发证，不会重复发放').waitFor();
    expect(await page.getByTestId('issue-confirm').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    expect(cli('certificates', 'list').json).toHaveLength(2);
    expect(cli('certificates', 'awaiting').json).toEqual([]);
  });

  it('shows the current score in the correction dialog', async () => {
    await page.getByTestId('correct-result').click();
    await page.getByTestId('correction-candidate').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: LI.name }).click();
    await page.getByTestId('correction-part').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '理论知识' }).click();
    await expect.poll(() => page.getByTestId('correction-current').textContent()).toBe('50');
    await shot('10-correction-current');
    await page.keyboard.press('Escape');
  });

  it('opens the new-session dialog from the home page, finds 物业管理师 by its initials, and Enter in the date does not submit', async () => {
    await page.goto(`${desk.served.origin}/#/`);
    await page.getByTestId('home-new-session').click();
    await page.locator('.ant-modal-title', { hasText: '新建认定批次' }).waitFor();
    await page.getByTestId('occupation-select').locator('input').fill('wygls');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '物业管理师' }).click();
    await page.getByTestId('level-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '三级' }).click();
    // The form is complete: Enter in the date field confirms the date and nothing else.
    await typeDate('session-date', '2027-03-20');
    await page.waitForTimeout(1000);
    expect(await page.locator('.ant-modal-title', { hasText: '新建认定批次' }).isVisible()).toBe(true);
    expect(cli('sessions').json).toHaveLength(1);
    await shot('11-new-session-from-home');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await expect.poll(() => page.getByTestId('session-title').textContent()).toContain('2027年上半年物业管理师');
    expect(cli('sessions').json.map((x: { examDate: string }) => x.examDate)).toContain('2027-03-20');
  });

  it('counts 人次 on the home page and filters it by period', async () => {
    await page.goto(`${desk.served.origin}/#/`);
    await page.getByText('报名人次').first().waitFor();
    await expect.poll(() => page.locator('[data-figure="overall-pass-rate"]').textContent()).toBe('66.7%');
    await page.getByTestId('home-period').getByText('去年').click();
    await expect.poll(() => page.locator('[data-figure="overall-pass-rate"]').textContent()).toBe('—');
    // The session list follows the period as the figures do.
    await page.getByText('这段时间没有认定批次').first().waitFor();
    await shot('12-home-period');
  });
});
