// 考勤 keyed in the attendance grid, in the real browser: a whole lesson's column keyed 1 1 3 4 2
// top to bottom, each trainee's 学时, 出勤率 and 结业 recomputed as the keys land (one of them at
// exactly 80 %), what landed read back through the CLI and the contract, Space and Delete, a
// pasted column, a mark refused by the server shown red with its reason, and a finalized class
// read only. certdesk serve on a real database file, Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, createDB, makeIdNumber, runCli } from '../helpers';
import { openDatabase } from '../../db/database';
import { startDesk, type Desk } from './harness';

let desk: Desk;
let page: Page;
const sheetLoads = { inFlight: 0, last: 0 };

/** Saves answered and the reloads their live events cause come and gone (a second of quiet). */
async function settled(): Promise<void> {
  await expect.poll(async () => page.locator('[data-state="saving"]').count()).toBe(0);
  await expect.poll(() => sheetLoads.inFlight === 0 && Date.now() - sheetLoads.last > 1000, { interval: 200 }).toBe(true);
}
let file: string;
let classId: number;
let lessonIds: number[];
/** Trainees in the grid's order. */
let people: { idNumber: string; name: string }[];

const NAMES = ['王芳', '李强', '张敏', '刘洋', '陈静'];
/** Lessons 1–4 before the test keys lesson 5: P present, A absent (each lesson 4 学时, 80 % needed). */
const BEFORE = ['PPPA', 'PPPP', 'PPPA', 'PPPP', 'PPPP'];

/** The class's marks and results as another program reads them from the database file. */
async function landed() {
  const db = openDatabase(file, { migrate: false });
  try {
    return await call({ db, operator: 'test' }, 'training.sheet', { classId });
  } finally {
    db.close();
  }
}

const cellOf = (row: number, lesson: number) => page.locator(`[data-cell="${row}:${lessonIds[lesson]}"]`);
const figure = (row: number, name: 'hours' | 'attendance' | 'completed') => page.locator(`[data-row="${row}"] [data-figure="${name}"]`);
const completed = (row: number) => figure(row, 'completed').getAttribute('data-completed');

describe('attendance keyed in the class grid', () => {
  beforeAll(async () => {
    const made = createDB();
    const { ctx } = made;
    file = made.file;
    await call(ctx, 'settings.set', { key: 'institution.name', value: '广州市物业管理行业协会' });
    const ids = NAMES.map((name, i) => ({ name, idNumber: makeIdNumber('440106', `1990010${i + 1}`, 10 + i) }));
    for (const p of ids) await call(ctx, 'candidates.add', { idNumber: p.idNumber, name: p.name, employer: '广州市越秀物业服务有限公司' });
    const c = await call(ctx, 'training.create', { name: '2026年消防安全培训班', from: '2026-03-02', to: '2026-03-06', minAttendance: 80 });
    classId = c.id;
    lessonIds = [];
    for (let d = 2; d <= 6; d++) lessonIds.push((await call(ctx, 'training.addLesson', { classId, date: `2026-03-0${d}`, hours: 4, topic: `第${d - 1}讲` })).id);
    for (const p of ids) await call(ctx, 'training.enrol', { classId, idNumber: p.idNumber });
    const sheet = await call(ctx, 'training.sheet', { classId });
    people = sheet.trainees.map((t) => ({ idNumber: t.idNumber, name: t.name }));
    expect(people).toHaveLength(5);
    for (const [row, marks] of BEFORE.entries()) {
      for (const [lesson, m] of [...marks].entries()) {
        await call(ctx, 'training.attend', { classId, lessonId: lessonIds[lesson]!, idNumber: people[row]!.idNumber, status: m === 'P' ? 'present' : 'absent' });
      }
    }
    ctx.db.close();
    desk = await startDesk(file);
    page = desk.page;
    // The page reloads the class after every save it hears of (its own too): track those loads.
    page.on('request', (r) => {
      if (r.url().includes('/api/rpc/training.sheet')) (sheetLoads.inFlight++, (sheetLoads.last = Date.now()));
    });
    const done = (r: { url(): string }) => {
      if (r.url().includes('/api/rpc/training.sheet')) (sheetLoads.inFlight--, (sheetLoads.last = Date.now()));
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }, 120_000);

  afterAll(() => desk?.close());

  it('keys a whole lesson column 1 1 3 4 2, each key saved and the row’s completion recomputed at once', async () => {
    await page.goto(`${desk.served.origin}/#/training/${classId}`);
    await page.getByTestId('attendance-grid').waitFor();
    expect(await completed(0)).toBe('no');
    expect(await completed(2)).toBe('no');
    await cellOf(0, 4).click();
    await expect.poll(() => page.getByTestId('attendance-notice').textContent()).toContain('第 1 / 5 行');
    for (const key of ['1', '1', '3', '4', '2']) await page.keyboard.press(key);
    // 12 + 4 学时 of 20 is exactly 80 %: 王芳 completes with the key, 张敏's 迟到 earns the lesson too.
    await expect.poll(() => completed(0)).toBe('yes');
    await expect.poll(() => figure(0, 'hours').textContent()).toBe('16');
    await expect.poll(() => completed(2)).toBe('yes');
    await expect.poll(() => completed(3)).toBe('yes');
    await expect.poll(async () => page.locator('[data-state="saving"]').count()).toBe(0);
    expect(await page.locator(`[data-cell$=":${lessonIds[4]}"]`).evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status')))).toEqual(['present', 'present', 'late', 'leave', 'absent']);
    // The header counts the completions without a reload.
    await expect.poll(() => page.locator('.page p.muted').first().textContent()).toContain('达到结业条件 5 人');
    // Enter and the arrows move without marking: up to the top, then Enter goes down one.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('attendance-notice').textContent()).toContain(`第 2 / 5 行 · ${people[1]!.name}`);
    await page.screenshot({ path: '/tmp/attendance-keyed.png' });

    const sheet = await landed();
    expect(sheet.trainees.map((t) => t.marks[lessonIds[4]!]?.status)).toEqual(['present', 'present', 'late', 'leave', 'absent']);
    const cli = runCli(['training', 'results', '--class', String(classId), '--db', file, '--json']);
    expect(cli.status).toBe(0);
    expect(cli.json.trainees.map((t: { hours: number; attendance: number; completed: boolean }) => [t.hours, t.attendance, t.completed])).toEqual([
      [16, 0.8, true],
      [20, 1, true],
      [16, 0.8, true],
      [16, 0.8, true],
      [16, 0.8, true],
    ]);
  });

  it('cycles a mark with Space and clears it with Delete, completion following each', async () => {
    await cellOf(0, 4).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => completed(0)).toBe('no');
    await expect.poll(() => cellOf(0, 4).getAttribute('data-status')).toBe('');
    await page.keyboard.press(' ');
    await expect.poll(() => cellOf(0, 4).getAttribute('data-status')).toBe('present');
    await page.keyboard.press(' ');
    await expect.poll(() => cellOf(0, 4).getAttribute('data-status')).toBe('absent');
    await expect.poll(() => completed(0)).toBe('no');
    await page.keyboard.press('Backspace');
    await expect.poll(async () => page.locator('[data-state="saving"]').count()).toBe(0);
    expect((await landed()).trainees[0]!.marks[lessonIds[4]!]).toBeUndefined();
  });

  it('takes a pasted column of marks from a sheet, and leaves a word it cannot read', async () => {
    await cellOf(0, 3).click();
    await page.getByTestId('attendance-grid').evaluate((grid) => {
      const data = new DataTransfer();
      data.setData('text/plain', '出勤\n2\n迟到\n早退\n请假\n');
      grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByTestId('attendance-notice').textContent()).toContain('有 1 格');
    await expect.poll(async () => page.locator('[data-state="saving"]').count()).toBe(0);
    const sheet = await landed();
    expect(sheet.trainees.map((t) => t.marks[lessonIds[3]!]?.status)).toEqual(['present', 'absent', 'late', 'present', 'leave']);
    // 王芳 now has lessons 1–4 all but lesson 5 cleared: 16 学时, 80 %.
    expect(sheet.trainees[0]!.completed).toBe(true);
    await expect.poll(() => completed(0)).toBe('yes');
  });

  it('shows a mark the server refuses in red with its reason, and a finalized class read only', async () => {
    // A reload still on its way from the last test's saves would show the class finalized before
    // the key is pressed; the refusal is what this walk is about.
    await settled();
    // Another program finalizes the class while this window still shows it open.
    const db = openDatabase(file, { migrate: false });
    try {
      await call({ db, operator: 'test' }, 'training.finalize', { classId });
    } finally {
      db.close();
    }
    await cellOf(1, 4).click();
    await page.keyboard.press('2');
    await expect.poll(() => cellOf(1, 4).getAttribute('data-state')).toBe('refused');
    expect(await cellOf(1, 4).getAttribute('title')).toContain('结业');
    expect(await cellOf(1, 4).getAttribute('data-status')).toBe('present');
    await expect.poll(() => page.getByTestId('attendance-notice').textContent()).toContain('没有保存');
    await page.screenshot({ path: '/tmp/attendance-refused.png' });
    // The refusal tells the page the class changed: it loads it again and the grid turns read only.
    await expect.poll(() => page.getByTestId('attendance-legend').textContent()).toContain('已结业定稿');

    await page.reload();
    await page.getByTestId('attendance-grid').waitFor();
    expect(await page.getByTestId('attendance-legend').textContent()).toContain('已结业定稿');
    await cellOf(2, 4).click();
    await page.keyboard.press('4');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('attendance-legend').getAttribute('class')).toBe('grid-refusal');
    expect(await cellOf(2, 4).getAttribute('data-status')).toBe('late');
    await page.screenshot({ path: '/tmp/attendance-finalized.png' });
    expect((await landed()).trainees[2]!.marks[lessonIds[4]!]?.status).toBe('late');
  });
});
