// 设置 → 职业目录 and 申报条件 in the real window: an administrator finds occupations by pinyin
// initials, adds a 工种 with its levels, changes a pass mark, takes out a level no session uses
// (deleted) and one a session uses (retired, then taken back), reads and edits a level's 申报条件;
// a roster's preview shows who meets no clause; enrolling such a person is refused with the
// reasons in words and an administrator overrides with a reason, audited. certdesk serve on a
// real database file, Debian's Chromium; what landed is read back through the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, runCli } from '../helpers';
import { buildWorkbook } from '../spreadsheets/workbooks';
import { screenshot, startDesk, type Desk } from './harness';

const ADMIN = { login: 'chenli', name: '陈丽', password: 'wuye2026!' };
const QIAN = { name: '钱进', idNumber: makeIdNumber('510104', '19881122', 42) };
const SUN = { name: '孙明', idNumber: makeIdNumber('310101', '19950505', 44) };

let desk: Desk;
let page: Page;
let dbFile: string;
let guards: number;
let managers: number;

const cli = (...args: string[]) => runCli([...args, '--json', '--db', dbFile]);
type Shown = { levels: { level: number; retired: boolean; parts: { part: string; passMark: number }[] }[]; specialtyDetails: { name: string; levels: number[] }[] };
const show = (occupation: string) => cli('occupation', 'show', occupation).json as Shown;

/** A 保安员 四级 session whose 钱进 took 五级 2年7个月 before the exam, and a 物业管理师 三级 session. */
async function office(): Promise<string> {
  const { ctx, file } = createDB();
  guards = (await call(ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2026-11-20' })).id;
  managers = (await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-11-25' })).id;
  await call(ctx, 'candidates.add', QIAN);
  await call(ctx, 'credentials.add', { idNumber: QIAN.idNumber, occupation: '保安员', level: 5, date: '2024-04-10', number: 'S000044000123205000009' });
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

const row = (name: string) => page.locator(`tr[data-occupation="${name}"]`);
const detail = (code: string) => page.getByTestId(`occupation-detail-${code}`);
/** The success message of the last edit. */
const said = (text: string) => page.locator('.ant-message-notice', { hasText: text }).first().waitFor();

async function openCatalogue(): Promise<void> {
  await page.goto(`${desk.served.origin}/#/settings`);
  await page.getByRole('tab', { name: '职业目录' }).click();
  await page.getByTestId('catalogue').waitFor();
}

async function expand(name: string): Promise<void> {
  await row(name).locator('.ant-table-row-expand-icon').click();
}

describe('设置 → 职业目录 and 申报条件 in the window', () => {
  beforeAll(async () => {
    dbFile = await office();
    desk = await startDesk(dbFile);
    page = desk.page;
    await login(page);
  });

  afterAll(() => desk?.close());

  it('finds an occupation by its pinyin initials, name or code', async () => {
    await openCatalogue();
    const search = page.getByTestId('catalogue-search').locator('input');
    await search.fill('xfss');
    await expect.poll(() => page.locator('tr[data-occupation]').count()).toBe(1);
    expect(await row('消防设施操作员').textContent()).toContain('消防设施监控操作（五级、四级、三级、二级）');
    await search.fill('4-06-01-01');
    await row('物业管理师').waitFor();
    await search.fill('bay');
    await row('保安员').waitFor();
    await search.fill('');
  });

  it('adds a 工种 with the levels it offers', async () => {
    await page.getByTestId('catalogue-search').locator('input').fill('保安员');
    await expand('保安员');
    await page.getByTestId('specialty-add-4-07-05-01').click();
    await page.getByTestId('specialty-name').fill('武装守护押运');
    const levels = page.getByTestId('specialty-levels');
    for (const l of ['四级', '三级']) await levels.getByText(l, { exact: true }).click();
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await said('已增加：武装守护押运');
    await detail('4-07-05-01').locator('tr[data-specialty="武装守护押运"]').waitFor();
    expect(show('保安员').specialtyDetails).toContainEqual({ name: '武装守护押运', levels: [4, 3], retired: false });
  });

  it('changes a pass mark, and shows it', async () => {
    await page.getByTestId('catalogue-search').locator('input').fill('wygls');
    await expand('物业管理师');
    const three = detail('4-06-01-01').locator('tr[data-level="3"]');
    await three.locator('[data-part="theory"]').click();
    await page.getByTestId('part-pass-mark').fill('65');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await said('已保存理论知识');
    await expect.poll(() => three.locator('[data-part="theory"]').textContent()).toContain('65');
    expect(show('物业管理师').levels.find((l) => l.level === 3)!.parts.find((p) => p.part === 'theory')!.passMark).toBe(65);
  });

  it('deletes a level no session uses, and retires (then takes back) one a session uses', async () => {
    const one = detail('4-06-01-01').locator('tr[data-level="1"]');
    await page.getByTestId('level-remove-4-06-01-01-1').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await said('已删除：物业管理师一级');
    await one.waitFor({ state: 'detached' });
    expect(show('物业管理师').levels.map((l) => l.level)).toEqual([4, 3, 2]);

    await page.getByTestId('level-remove-4-06-01-01-3').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await said('已停用：物业管理师三级');
    const three = detail('4-06-01-01').locator('tr[data-level="3"]');
    await three.getByText('已停用').waitFor();
    await screenshot(page, 'catalogue-levels');
    expect(show('物业管理师').levels.find((l) => l.level === 3)!.retired).toBe(true);
    await three.getByRole('button', { name: '重新启用' }).click();
    await said('已修改：物业管理师三级');
    expect(show('物业管理师').levels.find((l) => l.level === 3)!.retired).toBe(false);
  });

  it('shows a level’s 申报条件 in words, adds an alternative with its conditions and removes it', async () => {
    await page.getByTestId('catalogue-search').locator('input').fill('保安员');
    await page.getByTestId('clauses-4-07-05-01-4').click();
    const clauses = page.getByTestId('clauses');
    await expect.poll(() => clauses.textContent()).toContain('取得本职业五级或更高等级证书后满4年');
    await page.getByTestId('clause-add').click();
    await page.getByTestId('clause-label').fill('（2）');
    await page.getByTestId('clause-text').fill('累计从事本职业或相关职业工作6年（含）以上。');
    await page.getByTestId('condition-years').fill('6');
    await page.getByTestId('clause-source').fill('某省人社厅通知（试）');
    await screenshot(page, 'catalogue-clause-form');
    await page.getByTestId('clause-save').click();
    await said('已增加申报条件');
    await expect.poll(() => clauses.textContent()).toContain('累计从事本职业或相关职业工作满6年');
    await screenshot(page, 'catalogue-clauses');
    const listed = cli('eligibility', 'clauses', '--occupation', '保安员', '--level', '4').json as { clauses: { label: string; conditions: unknown[]; source: string }[] };
    expect(listed.clauses.map((c) => [c.label, c.conditions, c.source])).toContainEqual(['（2）', [{ kind: 'work', years: 6 }], '某省人社厅通知（试）']);

    await clauses.locator('[data-clause="（2）"]').getByRole('button', { name: /删\s*除/ }).click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await said('已删除这条申报条件');
    expect((cli('eligibility', 'clauses', '--occupation', '保安员', '--level', '4').json as { clauses: unknown[] }).clauses).toHaveLength(1);
    await page.keyboard.press('Escape');
  });

  it('shows in a roster’s preview who meets no 申报条件, and why', async () => {
    const roster = await buildWorkbook([
      {
        rows: [
          ['序号', '姓名', '身份证号码', '参加工作时间', '原职业', '原证书等级', '取证日期'],
          [1, SUN.name, SUN.idNumber, '2019-03', '保安员', '五级', '2023-01-05'],
        ],
        textColumns: ['C'],
      },
    ]);
    await page.goto(`${desk.served.origin}/#/sessions/${guards}`);
    await page.getByTestId('import-roster').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '报名表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: roster });
    await page.getByTestId('roster-preview').waitFor();
    await expect.poll(() => page.getByTestId('roster-eligibility-2').textContent()).toBe('不符合（1）需取得五级证书后满4年（现3年10个月）');
    await screenshot(page, 'catalogue-roster-eligibility');
    await page.keyboard.press('Escape');
  });

  it('refuses to enrol a person no clause admits, with the reasons in words; an administrator overrides with a reason, audited', async () => {
    expect(cli('settings', 'set', 'eligibility.enforce', 'yes').status).toBe(0);
    await page.goto(`${desk.served.origin}/#/sessions/${guards}`);
    await page.getByRole('button', { name: /逐个添加考生/ }).first().click();
    await page.locator('.ant-modal:visible input').first().fill('qj');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: QIAN.name }).click();
    const refusal = page.getByTestId('enrol-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('NOT_ELIGIBLE');
    expect(await page.getByTestId('enrol-reasons').innerText()).toBe('（1）需取得五级证书后满4年（现2年7个月）');
    expect(await refusal.textContent()).toContain(`考生「钱进」（${QIAN.idNumber}）不符合四级的申报条件`);
    expect(cli('enrolments', '--session', String(guards)).json).toHaveLength(0);
    await page.getByTestId('override-reason').fill('省厅批复：原五级证书取证日期以档案为准');
    await screenshot(page, 'catalogue-enrol-refused');
    await page.getByTestId('override-enrol').click();
    await said('已强制报名：钱进');
    expect((cli('enrolments', '--session', String(guards)).json as { name: string }[]).map((e) => e.name)).toEqual([QIAN.name]);
    const db = new Database(dbFile, { readonly: true });
    try {
      const audit = db.prepare("SELECT operator, reason, new_value AS v FROM audit_log WHERE action = 'override-eligibility'").all() as { operator: string; reason: string; v: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ operator: ADMIN.login, reason: '省厅批复：原五级证书取证日期以档案为准' });
      expect(JSON.parse(audit[0]!.v).reasons).toEqual(['（1）需取得五级证书后满4年（现2年7个月）']);
    } finally {
      db.close();
    }
  });

  it('shows on the person’s page what the 申报条件 are checked against, and records their start of work there', async () => {
    const id = (cli('candidate', 'show', QIAN.idNumber).json as { candidate: { id: number } }).candidate.id;
    await page.goto(`${desk.served.origin}/#/candidates/${id}`);
    const card = page.getByTestId('person-background');
    await expect.poll(() => page.getByTestId('person-credentials').textContent()).toContain('保安员 · 五级');
    expect(await page.getByTestId('person-credentials').textContent()).toContain('2024-04-10');
    await page.getByTestId('background-edit').click();
    await page.getByTestId('background-work-start').fill('2016-05');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await said('已保存参加工作时间');
    await expect.poll(() => card.textContent()).toContain('2016-05-01');
    await screenshot(page, 'catalogue-person-background');
    expect(cli('credential', 'list', '--candidate', QIAN.idNumber).json).toMatchObject({ workStartDate: '2016-05-01', credentials: [{ occupation: '保安员', level: 5, date: '2024-04-10' }] });
  });
});

