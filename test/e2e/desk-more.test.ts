// The rest of the officer's desk in the real window: a roster whose ID column has its own wording
// mapped by hand (and remembered), an administrator's correction of a finalized result, operators,
// reissuing and importing certificates, the stock calibration page, verifying a scanned QR code,
// and the audit check that names the first altered entry. certdesk serve on a real database file,
// Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { pdfPages, qrCodesOnPage } from '../certificates/poppler';
import { openDesk, screenshot, startDesk, type Desk } from './harness';

const ADMIN = { login: 'chenli', name: '陈丽', password: 'wuye2026!' };
const ZHANG = { name: '张伟', idNumber: makeIdNumber('440106', '19880312', 13) };
const LI = { name: '李娜', idNumber: makeIdNumber('440106', '19910721', 24) };
const WANG = { name: '王芳', idNumber: makeIdNumber('440104', '19850203', 46) };
const LIU = { name: '刘洋', idNumber: makeIdNumber('440104', '19930915', 57) };

let desk: Desk;
let page: Page;
let dbFile: string;
let finalized: number;
let guards: number;
let open: number;
let zhangNumber: string;

const cli = (...args: string[]) => runCli([...args, '--json', '--db', dbFile]);

/** A sheet as an association sends it; `idHeader` is how this association words the ID column. */
async function workbook(title: string, header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([title]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow(['填表人：', '', '审核人：']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function upload(name: string, buffer: Buffer): Promise<void> {
  await page.locator('.ant-modal input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });
}

/** Picks `label` in the antd Select found by test id. */
async function choose(testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

/** An office before the afternoon: a finalized 物业管理师 session with certificates, a finalized 保安员 session without, an open one. */
async function office(): Promise<string> {
  const { ctx, file } = createDB();
  const settings = { 'institution.name': '广州市物业管理行业协会', 'institution.type': 'S', 'institution.code': '0000', 'institution.province': '44', 'institution.site': '000123' };
  for (const [key, value] of Object.entries(settings)) await call(ctx, 'settings.set', { key, value });
  const june = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-06-15' });
  for (const [p, scores] of [[ZHANG, [85, 90]], [LI, [50, 90]], [WANG, [70, 70]]] as const) {
    await call(ctx, 'enrolments.add', { sessionId: june.id, candidate: p });
    await call(ctx, 'results.set', { sessionId: june.id, idNumber: p.idNumber, part: 'theory', score: scores[0] });
    await call(ctx, 'results.set', { sessionId: june.id, idNumber: p.idNumber, part: 'skill', score: scores[1] });
  }
  await call(ctx, 'sessions.finalize', { id: june.id });
  const issued = await call(ctx, 'certificates.issue', { sessionId: june.id, date: '2026-07-01' });
  zhangNumber = issued.issued.find((c) => c.name === ZHANG.name)!.number;
  const october = await call(ctx, 'sessions.create', { occupation: '保安员', level: 5, date: '2026-09-20' });
  await call(ctx, 'enrolments.add', { sessionId: october.id, candidate: LIU });
  const octoberParts = (await call(ctx, 'sessions.get', { id: october.id })).parts;
  for (const p of octoberParts) await call(ctx, 'results.set', { sessionId: october.id, idNumber: LIU.idNumber, part: p.part, score: 80 });
  await call(ctx, 'sessions.finalize', { id: october.id });
  const november = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-11-20' });
  await call(ctx, 'operators.setup', ADMIN);
  finalized = june.id;
  guards = october.id;
  open = november.id;
  ctx.db.close();
  return file;
}

async function login(p: Page, who: { login: string; password: string }): Promise<void> {
  await p.getByText('登录 CertDesk').waitFor();
  await p.getByLabel('登录名').fill(who.login);
  await p.getByLabel('密码').fill(who.password);
  await p.getByRole('button', { name: /登\s*录/ }).click();
}

describe('the rest of the desk, in the real browser', () => {
  beforeAll(async () => {
    dbFile = await office();
    desk = await startDesk(dbFile);
    page = desk.page;
    await login(page, ADMIN);
    await page.getByTestId('operator').getByText(ADMIN.name).waitFor();
  });

  afterAll(() => desk?.close());

  it('lets the officer map a column the import does not recognise, and remembers it for the next file of that shape', async () => {
    const header = ['序号', '姓名', '性别', '有效证件编码', '工作单位'];
    const people = [
      ['黄丽', makeIdNumber('440103', '19900101', 22), '广州市越秀物业管理有限公司'],
      ['周强', makeIdNumber('440103', '19870505', 31), '广州珠江城市服务有限公司'],
    ];
    await page.goto(`${desk.served.origin}/#/sessions/${open}`);
    await page.getByTestId('import-roster').click();
    await upload('报名表（本会格式）.xlsx', await workbook('报名表', header, people.map(([n, id, e], i) => [i + 1, n!, Number(id![16]) % 2 ? '男' : '女', id!, e!])));
    // The file is refused for its missing 证件号码 column, and the columns are laid out to map.
    await page.getByTestId('column-mapping').waitFor();
    await expect.poll(() => page.locator('.ant-modal .ant-alert-error').textContent()).toContain('找不到「证件号码」列');
    expect(await page.getByTestId('mapping-apply').isDisabled()).toBe(true);
    await choose('map-D', '证件号码');
    await screenshot(page, '20-import-mapping');
    await page.getByTestId('mapping-apply').click();
    const preview = page.getByTestId('roster-preview');
    await preview.waitFor();
    await expect.poll(() => page.getByTestId('roster-confirm').textContent()).toContain('2');
    // Still nothing written: the preview reads without writing.
    expect(cli('enrolments', '--session', String(open)).json).toHaveLength(0);
    await page.getByTestId('roster-confirm').click();
    await page.getByText('导入完成：新增 2 人').waitFor();
    await page.getByRole('button', { name: /完\s*成/ }).click();

    // The next file from the same association maps itself.
    const more = [['吴敏', makeIdNumber('440111', '19920303', 42), '保利物业服务股份有限公司广州分公司']];
    await page.getByTestId('import-roster').click();
    await upload('报名表（补报）.xlsx', await workbook('补报名单', header, more.map(([n, id, e], i) => [i + 1, n!, '女', id!, e!])));
    await preview.waitFor();
    await page.locator('.ant-modal .ant-tabs-tab', { hasText: '列对应' }).click();
    await expect.poll(() => page.getByTestId('column-mapping').textContent()).toContain('沿用上次');
    await screenshot(page, '21-import-mapping-remembered');
    await page.getByTestId('roster-confirm').click();
    await page.getByText('导入完成：新增 1 人').waitFor();
    await page.getByRole('button', { name: /完\s*成/ }).click();
    expect(cli('enrolments', '--session', String(open)).json.map((e: { name: string }) => e.name).sort()).toEqual(['吴敏', '周强', '黄丽'].sort());
  });

  it('lets an administrator correct a finalized result with a reason, refusing a score out of range in place', async () => {
    await page.goto(`${desk.served.origin}/#/sessions/${finalized}`);
    await page.getByText('定稿后没有更正过成绩').waitFor();
    await page.getByTestId('correct-result').click();
    await choose('correction-candidate', LI.name);
    await choose('correction-part', '理论知识');
    await page.getByTestId('correction-score').fill('105');
    // No reason yet: the correction cannot be made.
    const ok = page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary');
    expect(await ok.isDisabled()).toBe(true);
    await page.getByTestId('correction-reason').fill('复核试卷发现登分错误，原卷 65 分');
    await ok.click();
    await expect.poll(() => page.getByTestId('correction-error').textContent()).toMatch(/100|范围/);
    await page.getByTestId('correction-score').fill('65');
    await screenshot(page, '22-correction');
    await ok.click();
    const list = page.getByTestId('corrections');
    await expect.poll(() => list.textContent()).toContain('50 → 65');
    await expect.poll(() => list.textContent()).toContain('复核试卷发现登分错误');
    await screenshot(page, '23-corrections-list');
    const li = cli('results', '--session', String(finalized)).json.candidates.find((c: { name: string }) => c.name === LI.name);
    expect(li.parts[0].score).toBe(65);
    expect(li.outcome).toBe('pass');
  });

  it('shows the correction in the cell history of the locked grid', async () => {
    await page.getByTestId('enter-results').click();
    await page.getByTestId('score-grid').waitFor();
    const row = await page.locator('.grid-row').evaluateAll((rows, name) => rows.findIndex((r) => r.textContent?.includes(name)), LI.name);
    for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('h');
    const drawer = page.locator('.ant-drawer-body');
    await drawer.getByText('复核试卷发现登分错误').waitFor();
    await expect.poll(() => drawer.textContent()).toContain('更正');
    await screenshot(page, '24-history-correction');
    await page.keyboard.press('Escape');
  });

  it('adds an operator, refuses a short password, disables and enables the account, and resets its password', async () => {
    await page.keyboard.press('Alt+0');
    await page.getByRole('tab', { name: '操作员' }).click();
    await page.getByTestId('operator-add').click();
    await page.getByTestId('operator-login').fill('wangxm');
    await page.getByTestId('operator-name').fill('王小明');
    await page.getByTestId('operator-password').fill('123');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-modal .ant-alert-error').textContent()).toContain('密码至少');
    await page.getByTestId('operator-password').fill('luru2026!');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const rowOf = page.locator('[data-testid=operators] .ant-table-row', { hasText: 'wangxm' });
    await rowOf.waitFor();
    await expect.poll(() => rowOf.textContent()).toContain('录入员');

    await page.getByTestId('operator-toggle-wangxm').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => rowOf.textContent()).toContain('停用');
    expect(cli('operators').json.find((o: { login: string }) => o.login === 'wangxm').disabled).toBe(true);
    await screenshot(page, '25-operators');
    await page.getByTestId('operator-toggle-wangxm').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => cli('operators').json.find((o: { login: string }) => o.login === 'wangxm').disabled).toBe(false);

    // The last administrator cannot lock everyone out.
    await page.getByTestId(`operator-toggle-${ADMIN.login}`).click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('operators-error').textContent()).toContain('最后一个可用的管理员');

    await page.getByTestId('operator-password-wangxm').click();
    await page.getByTestId('new-password').fill('abc');
    await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('password-error').textContent()).toContain('密码至少');
    await page.getByTestId('new-password').fill('xinmima2026');
    await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await page.getByText('已重设 王小明 的密码').waitFor();

    // The clerk logs in with the new password in a second window — and may not correct a finalized result.
    const second = await openDesk(desk.browser, desk.served);
    await login(second, { login: 'wangxm', password: 'xinmima2026' });
    await second.getByTestId('operator').getByText('王小明').waitFor();
    await second.goto(`${desk.served.origin}/#/sessions/${finalized}`);
    await second.getByTestId('correct-result').click();
    await second.getByTestId('correction-candidate').click();
    await second.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: WANG.name }).click();
    await second.getByTestId('correction-part').click();
    await second.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '操作技能' }).click();
    await second.getByTestId('correction-score').fill('75');
    await second.getByTestId('correction-reason').fill('想改一下');
    await second.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => second.getByTestId('correction-error').textContent()).toContain('管理员');
    await second.context().close();
  });

  it('reissues a certificate under a new number that records the old one, only with a reason', async () => {
    await page.keyboard.press('Alt+5');
    await choose('cert-session', '物业管理师');
    await page.locator('.ant-table-row', { hasText: zhangNumber }).waitFor();
    await page.getByTestId(`reissue-${zhangNumber}`).click();
    const ok = page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary');
    expect(await ok.isDisabled()).toBe(true);
    await page.getByTestId('reissue-reason').fill('证书遗失，本人申请补发');
    await ok.click();
    const list = cli('certificates', 'list', '--session', String(finalized)).json;
    const items: { number: string; status: string; name: string }[] = list.certificates ?? list;
    const fresh = items.find((c) => c.name === ZHANG.name && c.status === 'issued')!;
    expect(items.find((c) => c.number === zhangNumber)!.status).toBe('void');
    await page.locator('.ant-table-row', { hasText: fresh.number }).getByText('补发').first().waitFor();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: zhangNumber }).textContent()).toContain(`已补发为 ${fresh.number}`);
    await screenshot(page, '26-certificate-reissued');
    zhangNumber = fresh.number;
  });

  it('imports numbers the provincial system assigned, with a preview that refuses someone who did not pass', async () => {
    const liu = 'S000044000123265000001';
    const file = await workbook('2026年保安员（五级）证书编号', ['序号', '姓名', '身份证号码', '省平台证书号', '发证日期'], [
      [1, LIU.name, LIU.idNumber, liu, '2026-10-01'],
      [2, '赵敏', makeIdNumber('440106', '19920506', 88), 'S000044000123265000002', '2026-10-01'],
    ]);
    await page.getByTestId('cert-import').click();
    await upload('省平台证书编号.xlsx', file);
    // 「省平台证书号」 is this platform's own wording: mapped by hand.
    await page.getByTestId('column-mapping').waitFor();
    await choose('map-D', '证书编号');
    await page.getByTestId('mapping-apply').click();
    const preview = page.getByTestId('cert-import-preview');
    await preview.waitFor();
    await expect.poll(() => preview.textContent()).toContain('不是已登记的考生');
    await screenshot(page, '27-certificate-import');
    await page.getByTestId('cert-import-confirm').click();
    await page.getByText('已登记 1 本证书').waitFor();
    await page.getByRole('button', { name: /完\s*成/ }).click();
    const list = cli('certificates', 'list', '--session', String(guards)).json;
    expect((list.certificates ?? list).map((c: { number: string; name: string }) => [c.number, c.name])).toEqual([[liu, LIU.name]]);
  });

  it('saves the stock offsets in millimetres and prints the calibration page with them, refusing an impossible offset', async () => {
    await page.getByTestId('calibration').click();
    const x = page.getByTestId('offset-x');
    await x.fill('150');
    await page.getByTestId('offset-save').click();
    await expect.poll(() => page.getByTestId('calibration-error').textContent()).toContain('偏移量');
    await x.fill('2.5');
    await page.getByTestId('offset-y').fill('-1');
    await screenshot(page, '28-calibration');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('calibration-pdf').click()]);
    const pdf = path.join(tempDir('certdesk-e2e-'), download.suggestedFilename());
    await download.saveAs(pdf);
    expect(pdfPages(pdf).join('')).toContain('当前偏移：水平 2.5 毫米，垂直 -1 毫米');
    const settings: { key: string; value: string }[] = cli('settings', 'list').json;
    expect(settings.find((s) => s.key === 'certificate.stockOffsetX')!.value).toBe('2.5');
    expect(settings.find((s) => s.key === 'certificate.stockOffsetY')!.value).toBe('-1');
    await page.keyboard.press('Escape');
  });

  it('verifies the text scanned from a printed certificate, and says why an altered one is not genuine', async () => {
    const pdf = path.join(tempDir('certdesk-e2e-'), 'zhang.pdf');
    expect(cli('certificates', 'pdf', '--number', zhangNumber, '--out', pdf).status).toBe(0);
    const [scanned] = qrCodesOnPage(pdf, 1);
    expect(scanned).toBeDefined();
    await page.getByTestId('verify').click();
    await page.getByTestId('verify-text').fill(scanned!);
    await page.getByTestId('verify-run').click();
    const result = page.getByTestId('verify-result');
    await expect.poll(() => result.textContent()).toContain('证书真实有效');
    await expect.poll(() => result.textContent()).toContain(ZHANG.idNumber);
    await screenshot(page, '29-verify');
    // Someone changed the number printed in the first line.
    const altered = scanned!.replace(zhangNumber, zhangNumber.slice(0, -1) + (zhangNumber.endsWith('9') ? '8' : '9'));
    await page.getByTestId('verify-text').fill(altered);
    await page.getByTestId('verify-run').click();
    await expect.poll(() => result.textContent()).toContain('不能确认为真实有效');
    await expect.poll(() => result.textContent()).toContain('不一致');
    await page.keyboard.press('Escape');
  });

  it('checks the audit chain: the head hash to note on paper, then the first entry someone altered with the sqlite3 shell', async () => {
    await page.keyboard.press('Alt+0');
    await page.getByRole('tab', { name: '审计' }).click();
    await page.getByTestId('audit-recent').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-result');
    await expect.poll(() => result.textContent()).toContain('操作记录完整');
    const cliHead = cli('audit', 'verify').json;
    await expect.poll(async () => (await page.getByTestId('audit-head').textContent())!.replace(/\s/g, '')).toBe(cliHead.headHash);
    await screenshot(page, '30-audit-ok');

    const { execFileSync } = await import('node:child_process');
    execFileSync('sqlite3', [dbFile, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET reason = '无' WHERE seq = 3;"]);
    await page.getByTestId('audit-known-head').fill(cliHead.headHash);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => result.textContent()).toContain('从第 3 条起对不上');
    await expect.poll(() => result.textContent()).toContain('防改保护');
    await screenshot(page, '31-audit-broken');
    await page.getByText('English', { exact: true }).click();
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => result.textContent()).toContain('breaks at entry 3');
    await screenshot(page, '32-audit-english');
    await page.getByText('中文', { exact: true }).click();
  });
});

