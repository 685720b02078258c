// 培训班 corrected in the window (docs/training.md § 修改和删除): a class edited in the form it was
// created with, a used class refused deletion with the reason shown, an empty one deleted, a
// trainee removed; a 学员名单 and a 签到表 imported through the import frame (preview with the refused
// rows by row and column, then 确认). certdesk serve on a real database file, Debian's Chromium; what landed is read
// back through the operations on the same file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { openDatabase } from '../../db/database';
import type { Ctx } from '../../services/shared/context';
import { buildWorkbook } from '../spreadsheets/workbooks';
import { screenshot, startDesk, type Desk } from './harness';

const wang = makeIdNumber('440106', '19880315', 11);
const li = makeIdNumber('440106', '19900722', 22);
const zhou = makeIdNumber('510104', '19850101', 33);
const stranger = makeIdNumber('510104', '19790101', 44);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
    await call(ctx, 'training.addLesson', { classId: used, date: '2026-03-19', hours: 2 });
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
    expect(await page.getByTestId('class-summary').innerText()).toMatch(/^2026-03-02 – 2026-03-31 · 协会培训室 · 授课教师：陈老师 · 3 个课次/);
    const c = await readBack((ctx) => call(ctx, 'training.get', { classId: used }));
    expect(c).toMatchObject({ name: '2026年消防安全（春季）培训班', teachers: '陈老师', place: '协会培训室', from: '2026-03-02', plannedHours: 16, rule: { minAttendancePercent: 80, examPassMark: 60 } });
  });

  it('refuses to delete a class with attendance, saying why and what to do', async () => {
    await page.getByTestId('delete-class').click();
    await page.getByTestId('confirm-delete-class').click();
    await page.getByText('已记录了 2 条考勤，不能删除').waitFor();
    await screenshot(page, 'training-delete-refused');
    expect((await readBack((ctx) => call(ctx, 'training.get', { classId: used }))).lessons).toBe(3);
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
    // No place, no teachers: nothing empty between the dots.
    expect(await page.getByTestId('class-summary').innerText()).toMatch(/^2026-04-01 – 2026-04-02 · 0 个课次/);
    await page.getByTestId('delete-class').click();
    await page.getByText('它的 0 个课次和 1 名学员的报名会一并删除').waitFor();
    await page.getByTestId('confirm-delete-class').click();
    await page.locator(`[data-class-link="${used}"]`).waitFor();
    expect(await page.locator(`[data-class-link="${empty}"]`).count()).toBe(0);
    expect((await readBack((ctx) => callError(ctx, 'training.get', { classId: empty }))).code).toBe('TRAINING_NOT_FOUND');
  });

  it('enrols from a 学员名单: the registered enrolled, the unregistered refused by row', async () => {
    await page.goto(`${desk.served.origin}/#/training/${used}`);
    await page.getByTestId('class-title').waitFor();
    await page.getByTestId('import-trainees').click();
    const list = await buildWorkbook([
      { textColumns: ['C'], rows: [['序号', '姓名', '身份证号码', '工作单位'], [1, '李强', li, '广州市越秀物业服务有限公司'], [2, '王芳', wang, ''], [3, '张三', stranger, '']] },
    ]);
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '学员名单.xlsx', mimeType: XLSX, buffer: list });
    const preview = page.getByTestId('training-import-preview');
    await preview.waitFor();
    await expect.poll(() => page.getByTestId('import-counts').innerText()).toMatch(/将报名\s*1[\s\S]*已是学员\s*1[\s\S]*被拒绝的行\s*1/);
    const refused = page.getByTestId('training-import-rejected');
    await refused.getByText('不是已登记的考生', { exact: false }).waitFor();
    expect(await refused.locator('tbody tr').first().innerText()).toMatch(/^4\s/);
    await screenshot(page, 'training-import-trainees');
    await page.getByTestId('training-import-confirm').click();
    await page.getByText('已报名 1 人（1 人原已是学员）').waitFor();
    await page.locator('.ant-modal-footer button').click();
    await page.getByTestId('trainee-list').getByText('学员名单（2 人）').waitFor();
    const results = await readBack((ctx) => call(ctx, 'training.results', { classId: used }));
    expect(results.trainees.map((t) => t.idNumber)).toEqual([wang, li]);
  });

  it('imports a 签到表 past a 说明 sheet: the bad row refused by row and column, the rest recorded', async () => {
    await page.getByTestId('import-attendance').click();
    const signIn = await buildWorkbook([
      { name: '说明', rows: [['本表由培训机构填写，请勿改动表头']] },
      {
        name: '签到表',
        textColumns: ['C'],
        rows: [
          ['2026年消防安全培训班 签到表'],
          ['序号', '姓名', '身份证号码', '上课日期', '签到情况'],
          [1, '王芳', wang, '2026-03-12', '已签到'],
          [2, '李强', li, '2026-03-12', '迟到'],
          [3, '周杰', zhou, '2026-03-12', '已签到'],
        ],
      },
    ]);
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '签到表.xlsx', mimeType: XLSX, buffer: signIn });
    await page.getByTestId('training-import-preview').waitFor();
    await expect.poll(() => page.getByTestId('import-counts').innerText()).toMatch(/新记录\s*2[\s\S]*被拒绝的行\s*1/);
    await page.getByTestId('import-sheet-select').getByText('签到表').waitFor();
    const refused = page.getByTestId('training-import-rejected');
    const row = refused.locator('tbody tr').first();
    await expect.poll(() => row.innerText()).toMatch(/^5\s+(周杰\s+)?身份证号码\s+.*不是培训班/);
    await screenshot(page, 'training-import-attendance');
    await page.getByTestId('training-import-confirm').click();
    await page.getByText('新记录 2 条考勤，更新 0 条').waitFor();
    await page.locator('.ant-modal-footer button').click();
    const sheet = await readBack((ctx) => call(ctx, 'training.sheet', { classId: used }));
    const second = sheet.lessons.find((l) => l.date === '2026-03-12')!;
    expect(Object.fromEntries(sheet.trainees.map((t) => [t.name, t.marks[second.id]?.status ?? null]))).toEqual({ 王芳: 'present', 李强: 'late' });
  });

  it('deletes a lesson with no attendance from its tag and refuses one with marks', async () => {
    await page.goto(`${desk.served.origin}/#/training/${used}`);
    const tags = page.getByTestId('lesson-tags');
    await tags.getByText('03-19').waitFor();
    await page.getByTestId('remove-lesson-2026-03-05').click();
    await page.getByTestId('confirm-remove-lesson').click();
    await page.getByText('2026-03-05 的课次已记录了 1 名学员的考勤，不能删除').waitFor();
    await page.getByTestId('remove-lesson-2026-03-19').click();
    await page.getByTestId('confirm-remove-lesson').last().click();
    await expect.poll(() => tags.getByText('03-19').count()).toBe(0);
    await screenshot(page, 'training-lessons');
    const sheet = await readBack((ctx) => call(ctx, 'training.sheet', { classId: used }));
    expect(sheet.lessons.map((l) => l.date)).toEqual(['2026-03-05', '2026-03-12']);
  });
});
