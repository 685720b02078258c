// 培训班 corrected in the window (docs/training.md § 修改和删除): a class edited in the form it was
// created with, a used class refused deletion with the reason shown, an empty one deleted, a
// trainee removed. certdesk serve on a real database file, Debian's Chromium; what landed is read
// back through the operations on the same file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { openDatabase } from '../../db/database';
import type { Ctx } from '../../services/shared/context';
import { screenshot, startDesk, type Desk } from './harness';

const wang = makeIdNumber('440106', '19880315', 11);
const li = makeIdNumber('440106', '19900722', 22);
const zhou = makeIdNumber('510104', '19850101', 33);

let desk: Desk;
let page: Page;
let file: string;
let used: number;
let empty: number;

/** A second connection on the served file, to read what the window wrote. */
async function readBack<T>(read: (ctx: Ctx) => Promise<T>): Promise<T> {
  const db = openDatabase(file, { migrate: false });
  try {
    return await read({ db, operator: 'test' });
  } finally {
    db.close();
  }
}

describe('training classes corrected in the window', () => {
  beforeAll(async () => {
    const made = createDB();
    file = made.file;
    const ctx = made.ctx;
    // A configured office, so the window opens on its pages rather than the welcome steps.
    await call(ctx, 'settings.set', { key: 'institution.name', value: '广州市物业管理行业协会' });
    for (const [id, name] of [[wang, '王芳'], [li, '李强'], [zhou, '周杰']] as const) await call(ctx, 'candidates.add', { idNumber: id, name, employer: '广州市越秀物业服务有限公司' });
    used = (await call(ctx, 'training.create', { name: '2026年消防安全培训班', from: '2026-03-02', to: '2026-03-31', hours: 16, place: '协会培训室' })).id;
    const lesson = await call(ctx, 'training.addLesson', { classId: used, date: '2026-03-05', hours: 4, topic: '消防设施' });
    await call(ctx, 'training.addLesson', { classId: used, date: '2026-03-12', hours: 4, topic: '应急疏散' });
    for (const id of [wang, li]) await call(ctx, 'training.enrol', { classId: used, idNumber: id });
    await call(ctx, 'training.attend', { classId: used, lessonId: lesson.id, idNumber: wang, status: 'present' });
    await call(ctx, 'training.attend', { classId: used, lessonId: lesson.id, idNumber: li, status: 'late' });
    empty = (await call(ctx, 'training.create', { name: '误建的培训班', from: '2026-04-01', to: '2026-04-02' })).id;
    await call(ctx, 'training.enrol', { classId: empty, idNumber: zhou });
    ctx.db.close();
    desk = await startDesk(file);
    page = desk.page;
  }, 120_000);

  afterAll(() => desk?.close());

  it('edits a class in the form it was created with, prefilled', async () => {
    await page.goto(`${desk.served.origin}/#/training/${used}`);
    await page.getByTestId('class-title').getByText('2026年消防安全培训班').waitFor();
    await page.getByTestId('edit-class').click();
    const name = page.getByTestId('class-name');
    await expect.poll(() => name.inputValue()).toBe('2026年消防安全培训班');
    expect(await page.getByTestId('class-place').inputValue()).toBe('协会培训室');
    await name.fill('2026年消防安全（春季）培训班');
    await page.getByTestId('class-teachers').fill('陈老师');
    await page.getByTestId('class-exam-pass').fill('60');
    await screenshot(page, 'training-edit');
    await page.getByTestId('class-save').click();
    await page.getByTestId('class-title').getByText('2026年消防安全（春季）培训班').waitFor();
    await page.getByText('结业考核 ≥ 60 分').waitFor();
    const c = await readBack((ctx) => call(ctx, 'training.get', { classId: used }));
    expect(c).toMatchObject({ name: '2026年消防安全（春季）培训班', teachers: '陈老师', place: '协会培训室', from: '2026-03-02', plannedHours: 16, rule: { minAttendancePercent: 80, examPassMark: 60 } });
  });

  it('refuses to delete a class with attendance, saying why and what to do', async () => {
    await page.getByTestId('delete-class').click();
    await page.getByTestId('confirm-delete-class').click();
    await page.getByText('已记录了 2 条考勤，不能删除').waitFor();
    await screenshot(page, 'training-delete-refused');
    expect((await readBack((ctx) => call(ctx, 'training.get', { classId: used }))).lessons).toBe(2);
  });

  it('removes a trainee and their marks after asking', async () => {
    const list = page.getByTestId('trainee-list');
    await list.getByText('李强').waitFor();
    await page.getByTestId(`unenrol-${li}`).click();
    await page.getByText('其在本班的 1 条考勤一并删除').waitFor();
    await screenshot(page, 'training-unenrol');
    await page.getByTestId('confirm-unenrol').click();
    await expect.poll(() => list.getByText('李强').count()).toBe(0);
    await list.getByText('学员名单（1 人）').waitFor();
    const results = await readBack((ctx) => call(ctx, 'training.results', { classId: used }));
    expect(results.trainees.map((t) => t.idNumber)).toEqual([wang]);
  });

  it('deletes an empty class and goes back to the list', async () => {
    await page.goto(`${desk.served.origin}/#/training/${empty}`);
    await page.getByTestId('class-title').getByText('误建的培训班').waitFor();
    await page.getByTestId('delete-class').click();
    await page.getByText('它的 0 个课次和 1 名学员的报名会一并删除').waitFor();
    await page.getByTestId('confirm-delete-class').click();
    await page.locator(`[data-class-link="${used}"]`).waitFor();
    expect(await page.locator(`[data-class-link="${empty}"]`).count()).toBe(0);
    expect((await readBack((ctx) => callError(ctx, 'training.get', { classId: empty }))).code).toBe('TRAINING_NOT_FOUND');
  });
});
