// A candidate's page, photos in bulk, settings and audit in words, restore in the browser, and the
// window in English: certdesk serve on a real database file, Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, runCli } from '../helpers';
import { configureInstitution, portraitPng } from '../certificates/fixtures';
import { zip } from '../spreadsheets/zip';
import { screenshot, startDesk, type Desk } from './harness';

const ADMIN = { login: 'chenli', name: '陈丽', password: 'wuye2026!' };
const ZHANG = { name: '张伟', idNumber: makeIdNumber('440106', '19880312', 13) };
const LI = { name: '李娜', idNumber: makeIdNumber('440106', '19910721', 24) };
const STRANGER = makeIdNumber('310101', '19950505', 44);

let desk: Desk;
let page: Page;
let dbFile: string;
let liId: number;
let zhangId: number;
let liCertificate: string;

const cli = (...args: string[]) => runCli([...args, '--json', '--db', dbFile]);
/** Into /tmp to look at while building, and under the name the manual would use (test-output/screenshots; docs/screenshots on request). */
async function shot(name: string, docName: string): Promise<void> {
  await screenshot(page, docName);
  await page.screenshot({ path: `/tmp/desk-${name}.png` });
}

/** 张伟 passes in June; 李娜 fails 操作技能, passes the 补考 with 理论知识 kept, and holds a certificate. A manual backup is taken before the name changes. */
async function office(): Promise<string> {
  const { ctx, file } = createDB();
  await configureInstitution(ctx, { 'institution.name': '备份时的协会名称' });
  const june = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-06-15', name: '2026年6月物业管理师三级' });
  for (const [p, skill] of [[ZHANG, 80], [LI, 40]] as const) {
    await call(ctx, 'enrolments.add', { sessionId: june.id, candidate: p });
    await call(ctx, 'results.set', { sessionId: june.id, idNumber: p.idNumber, part: 'theory', score: 75 });
    await call(ctx, 'results.set', { sessionId: june.id, idNumber: p.idNumber, part: 'skill', score: skill });
  }
  await call(ctx, 'sessions.finalize', { id: june.id });
  const retake = await call(ctx, 'sessions.retake', { id: june.id, date: '2026-09-20' });
  await call(ctx, 'results.set', { sessionId: retake.id, idNumber: LI.idNumber, part: 'skill', score: 70 });
  await call(ctx, 'sessions.finalize', { id: retake.id });
  const issued = await call(ctx, 'certificates.issue', { sessionId: retake.id, date: '2026-10-08' });
  liCertificate = issued.issued[0]!.number;
  await call(ctx, 'operators.setup', ADMIN);
  await call({ ...ctx, operator: ADMIN.login }, 'backup.create', {});
  await call({ ...ctx, operator: ADMIN.login }, 'settings.set', { key: 'institution.name', value: '恢复前的协会名称' });
  const people = (await call(ctx, 'candidates.search', {})).items;
  liId = people.find((p) => p.name === LI.name)!.id;
  zhangId = people.find((p) => p.name === ZHANG.name)!.id;
  ctx.db.close();
  return file;
}

async function login(): Promise<void> {
  await page.getByText('登录 CertDesk').waitFor();
  await page.getByLabel('登录名').fill(ADMIN.login);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('operator').getByText(ADMIN.name).waitFor();
}

const stored = (name: string, bytes: Buffer) => ({ name, data: { deflated: zlib.deflateRawSync(bytes), size: bytes.length, crc: zlib.crc32(bytes) } });

describe('a candidate’s page, photos, settings in words and restore, in the real browser', () => {
  beforeAll(async () => {
    dbFile = await office();
    desk = await startDesk(dbFile);
    page = desk.page;
    await login();
  });

  afterAll(() => desk?.close());

  it('opens a candidate from the list and shows every enrolment, each part (保留 for the carried one), the outcome and the certificate', async () => {
    await page.goto(`${desk.served.origin}/#/candidates`);
    await page.getByRole('link', { name: LI.name }).click();
    await page.getByTestId('candidate-page').waitFor();
    expect(page.url()).toContain(`#/candidates/${liId}`);
    const enrolments = page.getByTestId('person-enrolments');
    await expect.poll(() => enrolments.locator('tbody tr').count()).toBe(2);
    const [retakeRow, juneRow] = [enrolments.locator('tbody tr').nth(0), enrolments.locator('tbody tr').nth(1)];
    expect(await retakeRow.textContent()).toContain('补考');
    expect(await retakeRow.locator('[data-status="carried"]').textContent()).toContain('保留');
    expect(await retakeRow.locator('[data-outcome="pass"]').count()).toBe(1);
    expect(await juneRow.textContent()).toContain('2026年6月物业管理师三级');
    expect(await juneRow.textContent()).toContain('操作技能 40');
    expect(await juneRow.locator('[data-outcome="fail"]').count()).toBe(1);
    const certificates = page.getByTestId('person-certificates');
    expect(await certificates.textContent()).toContain(liCertificate);
    expect(await certificates.locator('[data-state="valid"]').textContent()).toBe('有效');
    await shot('candidate-page', '13c-candidate-record');
  });

  it('imports a zip of photos named by ID number and says which matched nobody and which were refused', async () => {
    await page.goto(`${desk.served.origin}/#/candidates`);
    await page.getByTestId('photos-import').click();
    const archive = zip([
      stored(`${ZHANG.idNumber.toLowerCase()}.png`, portraitPng(2)),
      stored(`${STRANGER}.jpg`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2])),
      stored('说明.txt', Buffer.from('照片按证件号码命名')),
    ]);
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '照片.zip', mimeType: 'application/zip', buffer: archive });
    const result = page.getByTestId('photos-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('已导入 1 张照片');
    expect(await result.textContent()).toContain(`${STRANGER}.jpg`);
    expect(await result.textContent()).toContain('没有对应考生');
    expect(await result.textContent()).toContain('说明.txt');
    await shot('photos-import', '13d-photos-import');
    expect(cli('candidate', 'show', ZHANG.idNumber).json.candidate.hasPhoto).toBe(true);
    await page.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await page.goto(`${desk.served.origin}/#/candidates/${zhangId}`);
    await page.getByTestId('person-photo').locator('img').waitFor();
  });

  it('shows settings and the audit log in words, edits a choice by its words and uploads a seal', async () => {
    await page.goto(`${desk.served.origin}/#/settings`);
    await page.locator('.ant-tabs-tab', { hasText: '证书与其他设置' }).click();
    const table = page.getByTestId('settings-table');
    await table.locator('tbody tr').first().waitFor();
    const text = (await table.textContent())!;
    for (const raw of ['certificate.', 'results.', 'security.', 'bundled', 'portrait', 'year-level', ' yes', ' no']) expect(text).not.toContain(raw);
    for (const word of ['证书字体', '随附的思源宋体', 'A4 竖版', '否，只印中文', '不印章', '15 分钟', '12 个月']) expect(text).toContain(word);

    await table.locator('tr', { hasText: '中英文双语证书' }).getByRole('button').click();
    await page.getByTestId('setting-choice').getByText('是，中英文双语').click();
    await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => table.locator('tr', { hasText: '中英文双语证书' }).textContent()).toContain('是，中英文双语');
    expect(cli('settings', 'list').json.find((s: { key: string }) => s.key === 'certificate.bilingual').value).toBe('yes');

    await table.locator('tr', { hasText: '印章图片' }).getByRole('button').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '协会公章.png', mimeType: 'image/png', buffer: portraitPng(1) });
    await expect.poll(async () => table.locator('tr', { hasText: '印章图片' }).textContent()).toContain('已选择：协会公章.png');
    await shot('settings-words', '16b-settings-in-words');

    await page.locator('.ant-tabs-tab', { hasText: '审计' }).click();
    const audit = page.getByTestId('audit-recent');
    await expect.poll(() => audit.textContent(), { timeout: 15_000 }).toContain('中英文双语证书');
    const auditText = (await audit.textContent())!;
    expect(auditText).toContain('中英文双语证书');
    expect(auditText).toContain('否，只印中文 → 是，中英文双语');
    expect(auditText).toContain('设置 评价机构名称');
    for (const raw of ['certificate.bilingual', 'institution.name', ':skill', 'scored']) expect(auditText).not.toContain(raw);
    await shot('audit-words', '16c-audit-in-words');
  });

  it('lets an administrator restore a backup from the browser, after a confirmation, and reloads on the restored data', async () => {
    await page.goto(`${desk.served.origin}/#/settings`);
    await page.locator('.ant-tabs-tab', { hasText: '备份' }).click();
    const list = page.getByTestId('backup-list');
    const manual = list.locator('tbody tr', { hasText: '手动备份' });
    await manual.waitFor();
    await shot('backups-words', '16d-backups-restore');
    await manual.getByTestId('backup-restore').click();
    await page.locator('.ant-modal-confirm').getByText('当前数据会被这份备份').waitFor();
    await page.getByTestId('backup-restore-ok').click();
    await expect.poll(() => cli('settings', 'list').json.find((s: { key: string }) => s.key === 'institution.name').value, { timeout: 30_000 }).toBe('备份时的协会名称');
    // The page starts again on the restored data (a login screen, or the window itself).
    await page.waitForLoadState('load');
    await page.locator('[data-testid="operator"], .ant-card-head-title:has-text("登录 CertDesk")').first().waitFor({ timeout: 20_000 });
    if (await page.getByText('登录 CertDesk').isVisible()) await login();
    await page.goto(`${desk.served.origin}/#/settings`);
    await page.locator('.ant-tabs-tab', { hasText: '备份' }).click();
    await page.getByTestId('backup-list').locator('tbody tr', { hasText: '恢复前自动备份' }).waitFor();
    expect(cli('audit', 'verify').json.ok).toBe(true);
  });

  it('in English, shows no Chinese label on the main pages where an English word exists', async () => {
    await page.goto(`${desk.served.origin}/#/candidates`);
    await page.getByText('English', { exact: true }).click();
    // Names of people, sessions and occupations are the officer's data, shown as written.
    const DATA = [LI.name, ZHANG.name, ADMIN.name, '物业管理师', '2026年'];
    const LABELS = '.ant-statistic-title, .ant-empty-description, .muted, .ant-typography, .ant-menu-item, th, .ant-tabs-tab, .ant-descriptions-item-label, .ant-card-head-title, button, .page-head h2, .ant-tag';
    const chineseLabels = async () =>
      (await page.locator(LABELS).allTextContents()).map((s) => s.trim()).filter((s) => /[\u4e00-\u9fff]/.test(s));
    const pages: [string, string][] = [
      ['#/', 'home'],
      ['#/sessions', 'sessions'],
      ['#/certificates', 'certificates'],
      ['#/reports', 'reports'],
      ['#/candidates', 'candidates'],
      [`#/candidates/${liId}`, 'candidate'],
      ['#/settings', 'settings'],
    ];
    for (const [hash, name] of pages) {
      await page.goto(`${desk.served.origin}/${hash}`);
      await page.waitForTimeout(800);
      if (name === 'settings') {
        await page.locator('.ant-tabs-tab').nth(1).click();
        await page.getByTestId('settings-table').locator('tbody tr').first().waitFor();
      }
      const found = (await chineseLabels()).filter((s) => s !== '中文' && !DATA.some((d) => s.includes(d)));
      expect(found, name).toEqual([]);
      await page.screenshot({ path: `/tmp/desk-en-${name}.png` });
    }
    await page.getByText('中文', { exact: true }).click();
  });
});
