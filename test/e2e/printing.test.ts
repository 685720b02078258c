// Printing from the window: the session page's 「打印」 menu (签到表 and the other lists), one
// certificate from its row and 打印所选, and the 套打 layout editor — each download's PDF read back
// with poppler. certdesk serve on a real database file, Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { pdfPages, wordBoxes } from '../certificates/poppler';
import { screenshot, startDesk, type Desk } from './harness';

const PEOPLE = [
  { name: '张伟', idNumber: makeIdNumber('440106', '19880312', 13) },
  { name: '李娜', idNumber: makeIdNumber('440106', '19910721', 24) },
  { name: '王芳', idNumber: makeIdNumber('440104', '19850203', 46) },
];

let desk: Desk;
let page: Page;
let dbFile: string;
let sessionId: number;
let sessionName: string;
let numbers: Record<string, string>;

const compact = (s: string) => s.replace(/\s+/g, '');

async function office(): Promise<string> {
  const { ctx, file } = createDB();
  const settings = { 'institution.name': '广州市物业管理行业协会', 'institution.type': 'S', 'institution.code': '0000', 'institution.province': '44', 'institution.site': '000123' };
  for (const [key, value] of Object.entries(settings)) await call(ctx, 'settings.set', { key, value });
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2026-06-15', venue: '天河区体育西路 191 号 5 楼' });
  for (const p of PEOPLE) {
    await call(ctx, 'enrolments.add', { sessionId: s.id, candidate: p });
    for (const part of ['theory', 'skill'] as const) await call(ctx, 'results.set', { sessionId: s.id, idNumber: p.idNumber, part, score: 80 });
  }
  await call(ctx, 'sessions.finalize', { id: s.id });
  const issued = await call(ctx, 'certificates.issue', { sessionId: s.id, date: '2026-07-01' });
  numbers = Object.fromEntries(issued.issued.map((c) => [c.name, c.number]));
  sessionId = s.id;
  sessionName = s.name;
  ctx.db.close();
  return file;
}

/** Clicks, waits for the download, saves it; returns its suggested name and the path. */
async function download(click: () => Promise<void>): Promise<{ name: string; file: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(tempDir('certdesk-e2e-'), d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}

describe('printing from the window', () => {
  beforeAll(async () => {
    dbFile = await office();
    desk = await startDesk(dbFile);
    page = desk.page;
  }, 120_000);

  afterAll(() => desk?.close());

  it('prints the 签到表 from the session page’s 打印 menu, named after the session, every candidate on it', async () => {
    await page.goto(`${desk.served.origin}/#/sessions/${sessionId}`);
    await page.getByTestId('session-title').getByText(sessionName).waitFor();
    await page.getByTestId('session-print').click();
    await page.getByTestId('print-sign-in').waitFor();
    await screenshot(page, 'print-menu');
    const { name, file } = await download(() => page.getByTestId('print-sign-in').click());
    expect(name).toBe(`${sessionName}-签到表.pdf`);
    const text = compact(pdfPages(file).join(''));
    expect(text).toContain('考生签到表');
    expect(text).toContain('考生签名');
    expect(text).toContain(compact(sessionName));
    expect(text).toContain(compact('天河区体育西路 191 号 5 楼'));
    for (const p of PEOPLE) expect(text).toContain(`${p.name}${p.idNumber}`);

    await page.getByTestId('session-print').click();
    const tickets = await download(() => page.getByTestId('print-tickets').click());
    expect(tickets.name).toBe(`${sessionName}-准考证.pdf`);
    expect(pdfPages(tickets.file)).toHaveLength(2);
  });

  it('prints the 准考证号名单 preview as the PDF list, every row, not the scrolled screen', async () => {
    await page.getByRole('button', { name: '准考证号名单' }).click();
    const list = await download(() => page.getByTestId('print-list-admission-list').click());
    expect(list.name).toBe(`${sessionName}-准考证号名单.pdf`);
    const text = compact(pdfPages(list.file).join(''));
    for (const p of PEOPLE) expect(text).toContain(p.idNumber);
    await page.keyboard.press('Escape');
  });

  it('prints one certificate from its row, and the ticked ones with 打印所选', async () => {
    await page.goto(`${desk.served.origin}/#/certificates`);
    const zhang = numbers['张伟']!;
    await page.getByTestId(`print-${zhang}`).waitFor();
    const one = await download(() => page.getByTestId(`print-${zhang}`).click());
    expect(one.name).toBe(`证书-张伟-${zhang}.pdf`);
    const pages = pdfPages(one.file);
    expect(pages).toHaveLength(1);
    expect(compact(pages[0]!)).toContain(zhang);
    expect(compact(pages[0]!)).toContain(PEOPLE[0]!.idNumber);

    expect(await page.getByTestId('print-selected').isDisabled()).toBe(true);
    for (const who of ['李娜', '王芳']) await page.locator('tr', { hasText: numbers[who]! }).locator('.ant-checkbox-input').check();
    await expect.poll(() => page.getByTestId('print-selected').textContent()).toContain('2');
    await screenshot(page, 'print-selected');
    const two = await download(() => page.getByTestId('print-selected').click());
    expect(two.name).toBe('证书-李娜等2人.pdf');
    expect(pdfPages(two.file).map((p) => /S\d{21}/.exec(compact(p))?.[0])).toEqual([numbers['李娜'], numbers['王芳']]);
  });

  it('moves one field in the 套打 layout editor, and the calibration page draws its box at the new place', async () => {
    await page.getByTestId('calibration').click();
    await page.getByTestId('layout-name').fill('白云印刷厂证书纸');
    const x = page.getByTestId('layout-qr-x');
    await x.fill('150');
    await page.getByTestId('layout-qr-y').fill('240');
    await screenshot(page, 'stock-layout');
    const cal = await download(() => page.getByTestId('calibration-pdf').click());
    expect(compact(pdfPages(cal.file)[0]!)).toContain('版式：白云印刷厂证书纸');
    const qr = wordBoxes(cal.file).find((w) => w.text === '二维码')!;
    expect(Math.round(qr.xMin / (72 / 25.4))).toBe(151);
    const shown = runCli(['certificates', 'layout', 'show', '--json', '--db', dbFile]).json;
    expect(shown.name).toBe('白云印刷厂证书纸');
    expect(shown.fields.find((f: { key: string }) => f.key === 'qr')).toMatchObject({ x: 150, y: 240, moved: true });
    await page.keyboard.press('Escape');
  });
});
