// 培训班 corrected before 结业 (docs/training.md § 修改和删除): a class edited, a lesson or a class
// created by mistake deleted, a trainee removed with their marks — each refused once there is
// something to lose or the class is finalized, and each kept in the audit log.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli } from '../helpers';

const wang = makeIdNumber('440106', '19880315', 11);
const li = makeIdNumber('440106', '19900722', 22);

function cliOn(db: string) {
  return (...args: string[]) => runCli([...args, '--db', db, '--json']);
}

async function classWithTwo() {
  const { ctx, file } = createDB();
  const c = await call(ctx, 'training.create', { name: '2026年消防安全培训班', from: '2026-03-02', to: '2026-03-31', hours: 16 });
  const first = await call(ctx, 'training.addLesson', { classId: c.id, date: '2026-03-05', hours: 4 });
  const second = await call(ctx, 'training.addLesson', { classId: c.id, date: '2026-03-12', hours: 4 });
  await call(ctx, 'candidates.add', { idNumber: wang, name: '王芳', employer: '广州市越秀物业服务有限公司' });
  await call(ctx, 'candidates.add', { idNumber: li, name: '李强' });
  await call(ctx, 'training.enrol', { classId: c.id, idNumber: wang });
  await call(ctx, 'training.enrol', { classId: c.id, idNumber: li });
  return { ctx, file, cli: cliOn(file), classId: c.id, cid: String(c.id), first: first.id, second: second.id };
}

describe('training update, delete, lesson remove and unenrol', () => {
  it('edits a class from the command line, changing only what is given, and refuses dates that leave a lesson out', async () => {
    const { ctx, cli, cid, classId } = await classWithTwo();
    const edited = cli('training', 'update', '--class', cid, '--name', '2026年消防安全（春季）培训班', '--to', '2026-04-10', '--online', '--teachers', '陈老师', '--min-hours', '6', '--exam-pass', '60');
    expect(edited.status).toBe(0);
    expect(edited.json).toMatchObject({
      id: classId,
      name: '2026年消防安全（春季）培训班',
      from: '2026-03-02',
      to: '2026-04-10',
      online: true,
      teachers: '陈老师',
      plannedHours: 16,
      rule: { minAttendancePercent: 80, minHours: 6, examPassMark: 60 },
    });
    // An empty value clears an optional item; the occupation and level go together.
    expect(cli('training', 'update', '--class', cid, '--exam-pass', '', '--occupation', '4-06-01-01', '--level', '2').json).toMatchObject({ rule: { examPassMark: null }, occupation: { code: '4-06-01-01' }, level: 2 });
    expect(cli('training', 'update', '--class', cid, '--occupation', '', '--level', '').json).toMatchObject({ occupation: null, level: null });
    expect(cli('training', 'update', '--class', cid, '--level', '2').json.error.code).toBe('TRAINING_LEVEL_REQUIRED');

    const late = cli('training', 'update', '--class', cid, '--from', '2026-03-10');
    expect(late.status).toBe(1);
    expect(late.json.error.code).toBe('TRAINING_LESSON_DATE');
    expect(late.json.error.message).toContain('已有 2026-03-05 至 2026-03-12 的课次');
    expect(cli('training', 'update', '--class', cid, '--to', '2026-02-01').json.error.code).toBe('TRAINING_DATES');
    expect(cli('training', 'update', '--class', cid, '--min-attendance', '', '--min-hours', '').json.error.code).toBe('TRAINING_RULE_REQUIRED');
    expect(cli('training', 'update', '--class', cid, '--name', ' ').json.error.code).toBe('TRAINING_NAME_REQUIRED');
    expect((await call(ctx, 'training.get', { classId })).from).toBe('2026-03-02');

    // The audit entry holds only what changed, old beside new.
    const updates = (await call(ctx, 'audit.history', { entity: 'training', entityId: classId })).filter((e) => e.action === 'update');
    expect(updates).toHaveLength(3);
    expect(updates[0]!.oldValue).toEqual({ name: '2026年消防安全培训班', to: '2026-03-31', online: false, teachers: null, rule: { minAttendancePercent: 80, minHours: null, examPassMark: null } });
    expect(updates[0]!.newValue).toMatchObject({ name: '2026年消防安全（春季）培训班', to: '2026-04-10', online: true, teachers: '陈老师' });
  }, 120_000);

  it('deletes a class with no attendance (its lessons and enrolments with it) and refuses one with marks, a score or 结业', async () => {
    const { ctx, cli, cid, classId, first } = await classWithTwo();
    await call(ctx, 'training.attend', { classId, lessonId: first, idNumber: wang, status: 'present' });
    const used = cli('training', 'delete', '--class', cid);
    expect(used.status).toBe(1);
    expect(used.json.error.code).toBe('TRAINING_IN_USE');
    expect(used.json.error.message).toBe('培训班「2026年消防安全培训班」已记录了 1 条考勤，不能删除。若确是误建，请先在考勤表中清除这些考勤和成绩（或移出相应学员）再删除；若培训已经举办，请保留它并修改名称或日期。');
    await call(ctx, 'training.attend', { classId, lessonId: first, idNumber: wang, status: null });
    await call(ctx, 'training.examScore', { classId, idNumber: li, score: 75 });
    expect((await callError(ctx, 'training.delete', { classId })).message).toContain('1 名学员的结业考核成绩');
    await call(ctx, 'training.examScore', { classId, idNumber: li, score: null });

    const deleted = cli('training', 'delete', '--class', cid);
    expect(deleted.json).toEqual({ id: classId, name: '2026年消防安全培训班', deleted: { lessons: 2, trainees: 2 } });
    expect((await callError(ctx, 'training.get', { classId })).code).toBe('TRAINING_NOT_FOUND');
    expect(ctx.db.prepare('SELECT (SELECT count(*) FROM training_lessons) + (SELECT count(*) FROM training_trainees) AS n').get()).toEqual({ n: 0 });
    const entry = (await call(ctx, 'audit.history', { entity: 'training', entityId: classId })).at(-1)!;
    expect(entry.action).toBe('delete');
    expect(entry.oldValue).toMatchObject({ class: { name: '2026年消防安全培训班' }, lessons: [{ date: '2026-03-05' }, { date: '2026-03-12' }], trainees: [{ idNumber: wang, name: '王芳' }, { idNumber: li, name: '李强' }] });

    const done = await classWithTwo();
    await call(done.ctx, 'training.finalize', { classId: done.classId });
    for (const args of [['delete'], ['update', '--name', '改名'], ['unenrol', '--candidate', wang], ['lesson', 'remove', '--lesson', String(done.second)]]) {
      const r = done.cli('training', ...args, '--class', done.cid);
      expect(r.json.error.code, args.join(' ')).toBe('TRAINING_FINALIZED');
    }
    expect(done.cli('training', 'delete', '--class', '999').json.error.code).toBe('TRAINING_NOT_FOUND');
  }, 120_000);

  it('removes a lesson with no attendance and refuses one with marks on it', async () => {
    const { ctx, cli, cid, classId, first, second } = await classWithTwo();
    await call(ctx, 'training.attend', { classId, lessonId: first, idNumber: li, status: 'late' });
    const refused = cli('training', 'lesson', 'remove', '--class', cid, '--lesson', String(first));
    expect(refused.json.error).toMatchObject({ code: 'TRAINING_LESSON_IN_USE', message: expect.stringContaining('2026-03-05 的课次已记录了 1 名学员的考勤') });
    expect(cli('training', 'lesson', 'remove', '--class', cid, '--lesson', String(second)).json).toMatchObject({ id: second, date: '2026-03-12', hours: 4 });
    expect(cli('training', 'lesson', 'remove', '--class', cid, '--lesson', String(second)).json.error.code).toBe('TRAINING_LESSON_NOT_FOUND');
    expect((await call(ctx, 'training.get', { classId })).lessons).toBe(1);
    expect((await call(ctx, 'training.results', { classId })).trainees.find((t) => t.idNumber === li)).toMatchObject({ hours: 4, attendance: 1 });
  }, 120_000);

  it('removes a trainee before 结业 with their marks, keeping what went in the audit log', async () => {
    const { ctx, cli, cid, classId, first, second } = await classWithTwo();
    await call(ctx, 'training.attend', { classId, lessonId: first, idNumber: wang, status: 'present' });
    await call(ctx, 'training.attend', { classId, lessonId: second, idNumber: wang, status: 'leave' });
    await call(ctx, 'training.attend', { classId, lessonId: first, idNumber: li, status: 'present' });
    const out = cli('training', 'unenrol', '--class', cid, '--candidate', wang);
    expect(out.json).toEqual({ classId, idNumber: wang, name: '王芳', removedMarks: 2 });
    expect((await call(ctx, 'training.results', { classId })).trainees.map((t) => t.idNumber)).toEqual([li]);
    expect(ctx.db.prepare('SELECT count(*) AS n FROM training_attendance').get()).toEqual({ n: 1 });
    const entry = (await call(ctx, 'audit.history', { entity: 'training', entityId: classId })).at(-1)!;
    expect(entry).toMatchObject({
      action: 'unenrol',
      oldValue: { idNumber: wang, name: '王芳', examScore: null, marks: [{ lessonId: first, date: '2026-03-05', status: 'present' }, { lessonId: second, date: '2026-03-12', status: 'leave' }] },
    });
    expect(cli('training', 'unenrol', '--class', cid, '--candidate', wang).json.error.code).toBe('TRAINING_NOT_ENROLLED');
    // Enrolled again, they start with no marks.
    await call(ctx, 'training.enrol', { classId, idNumber: wang });
    expect((await call(ctx, 'training.results', { classId })).trainees.find((t) => t.idNumber === wang)).toMatchObject({ hours: 0 });
  }, 120_000);
});
