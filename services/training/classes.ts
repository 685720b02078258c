// 培训班: a class, its lessons (课次), trainees and attendance, the completion computed live from
// them (completion.ts), and 结业 (finalize), which freezes every trainee's 学时, 出勤率 and
// completion and locks the class as 定稿 locks a session (docs/training.md).
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { isIsoDate, nowIso, parseLooseDate } from '../shared/dates';
import { findCandidateByIdNumber, noCandidateWithIdNumber } from '../candidates/candidates';
import { normaliseIdNumber } from '../ids/idNumber';
import { findOccupation, assertLevelOffered } from '../occupations/occupations';
import { parseLevel } from '../occupations/catalogue';
import { ATTENDANCE_STATUSES, completionOf, STATUS_LABELS, type AttendanceStatus, type CompletionRule, type LessonMark } from './completion';

/**
 * Without a rule of its own a class requires 80 % of its 学时: the common rule of training
 * schemes that a trainee missing more than a fifth of the 学时 does not 结业 (docs/training.md).
 * It is written on the class when it is created, so it is the class's data from then on.
 */
export const DEFAULT_MIN_ATTENDANCE_PERCENT = 80;

export interface TrainingClass {
  id: number;
  name: string;
  occupation: { code: string; name: string } | null;
  level: number | null;
  from: string;
  to: string;
  place: string | null;
  online: boolean;
  teachers: string | null;
  organiser: string | null;
  plannedHours: number | null;
  rule: { minAttendancePercent: number | null; minHours: number | null; examPassMark: number | null };
  status: 'open' | 'finalized';
  finalizedAt: string | null;
  lessons: number;
  lessonHours: number;
  trainees: number;
  /** Who completed: counted live while open, as frozen at 结业 after. */
  completed: number;
}

interface ClassRow {
  id: number;
  name: string;
  occupation_id: number | null;
  code: string | null;
  occupationName: string | null;
  level: number | null;
  start_date: string;
  end_date: string;
  place: string | null;
  online: number;
  teachers: string | null;
  organiser: string | null;
  planned_hours_tenths: number | null;
  min_attendance_percent: number | null;
  min_hours_tenths: number | null;
  exam_pass_tenths: number | null;
  status: 'open' | 'finalized';
  finalized_at: string | null;
}

const SELECT_CLASS = `SELECT tc.*, o.code, o.name AS occupationName FROM training_classes tc LEFT JOIN occupations o ON o.id = tc.occupation_id`;

const tenthsToNumber = (t: number | null) => (t === null ? null : t / 10);

function ruleOf(r: ClassRow): CompletionRule {
  return { minAttendancePercent: r.min_attendance_percent, minHoursTenths: r.min_hours_tenths, examPassTenths: r.exam_pass_tenths };
}

function classRow(ctx: Ctx, id: number): ClassRow {
  const r = cachedStatement(ctx.db, `${SELECT_CLASS} WHERE tc.id = ?`).get(id) as ClassRow | undefined;
  if (!r) throw new AppError('TRAINING_NOT_FOUND', `找不到编号为 ${id} 的培训班，请用 training list 查看培训班编号。`);
  return r;
}

function toClass(ctx: Ctx, r: ClassRow): TrainingClass {
  const lessons = cachedStatement(ctx.db, 'SELECT count(*) AS n, coalesce(sum(hours_tenths), 0) AS t FROM training_lessons WHERE class_id = ?').get(r.id) as { n: number; t: number };
  const trainees = cachedStatement(ctx.db, 'SELECT count(*) AS n FROM training_trainees WHERE class_id = ?').get(r.id) as { n: number };
  const completed = r.status === 'finalized' ? (cachedStatement(ctx.db, 'SELECT count(*) AS n FROM training_trainees WHERE class_id = ? AND completed = 1').get(r.id) as { n: number }).n : liveResults(ctx, r).filter((t) => t.completed).length;
  return {
    id: r.id,
    name: r.name,
    occupation: r.code ? { code: r.code, name: r.occupationName! } : null,
    level: r.level,
    from: r.start_date,
    to: r.end_date,
    place: r.place,
    online: r.online === 1,
    teachers: r.teachers,
    organiser: r.organiser,
    plannedHours: tenthsToNumber(r.planned_hours_tenths),
    rule: { minAttendancePercent: r.min_attendance_percent, minHours: tenthsToNumber(r.min_hours_tenths), examPassMark: tenthsToNumber(r.exam_pass_tenths) },
    status: r.status,
    finalizedAt: r.finalized_at,
    lessons: lessons.n,
    lessonHours: lessons.t / 10,
    trainees: trainees.n,
    completed,
  };
}

export function getClass(ctx: Ctx, id: number): TrainingClass {
  return toClass(ctx, classRow(ctx, id));
}

export function listClasses(ctx: Ctx, filter: { year?: string; status?: 'open' | 'finalized' } = {}): TrainingClass[] {
  const rows = ctx.db
    .prepare(`${SELECT_CLASS} WHERE (? IS NULL OR substr(tc.end_date, 1, 4) = ?) AND (? IS NULL OR tc.status = ?) ORDER BY tc.start_date DESC, tc.id DESC`)
    .all(filter.year ?? null, filter.year ?? null, filter.status ?? null, filter.status ?? null) as ClassRow[];
  return rows.map((r) => toClass(ctx, r));
}

/** A finalized class is read-only; every write to it goes through here first. */
export function assertClassWritable(ctx: Ctx, id: number): ClassRow {
  const r = classRow(ctx, id);
  if (r.status === 'finalized') {
    throw new AppError('TRAINING_FINALIZED', `培训班「${r.name}」已经结业定稿，不能再修改课次、学员、考勤或成绩。`);
  }
  return r;
}

function requireDate(raw: string | undefined, label: string): string {
  const iso = raw ? parseLooseDate(raw) : null;
  if (!iso || !isIsoDate(iso)) throw new AppError('DATE_INVALID', `${label}「${raw ?? ''}」不是有效日期，请写成 YYYY-MM-DD，如 2026-03-15。`);
  return iso;
}

/** A number of 学时 or points, in tenths; at most one decimal. */
export function toTenths(raw: number | string | undefined | null, label: string, max = 10000): number | null {
  if (raw === undefined || raw === null || String(raw).trim() === '') return null;
  const n = Number(String(raw).trim());
  const tenths = Math.round(n * 10);
  if (!Number.isFinite(n) || n < 0 || n > max || Math.abs(tenths - n * 10) > 1e-6) {
    throw new AppError('TRAINING_NUMBER_INVALID', `${label}「${String(raw)}」不对，请填 0 到 ${max} 之间的数，最多一位小数（如 4 或 2.5）。`);
  }
  return tenths;
}

/** 80、80%、0.8 → 80. */
function toPercent(raw: number | string | undefined | null): number | null {
  if (raw === undefined || raw === null || String(raw).trim() === '') return null;
  const s = String(raw).trim().replace(/[%％]$/, '');
  let n = Number(s);
  if (Number.isFinite(n) && n > 0 && n < 1 && !String(raw).includes('%')) n = n * 100;
  n = Math.round(n * 1e6) / 1e6;
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new AppError('TRAINING_NUMBER_INVALID', `最低出勤率「${String(raw)}」不对，请填 0–100 的整数百分比（如 80 或 80%）。`);
  return n;
}

export interface ClassInput {
  name: string;
  from: string;
  to: string;
  hours?: number | string | null;
  occupation?: string | null;
  level?: number | string | null;
  place?: string | null;
  online?: boolean;
  teachers?: string | null;
  organiser?: string | null;
  minAttendance?: number | string | null;
  minHours?: number | string | null;
  examPassMark?: number | string | null;
}

export function createClass(ctx: Ctx, input: ClassInput): TrainingClass {
  const name = input.name.trim();
  if (!name) throw new AppError('TRAINING_NAME_REQUIRED', '请填写培训班名称，如「2026年物业管理师（二级）培训班」。');
  const from = requireDate(input.from, '开班日期');
  const to = requireDate(input.to, '结业日期');
  if (to < from) throw new AppError('TRAINING_DATES', `结业日期 ${to} 早于开班日期 ${from}，请核对。`);
  const planned = toTenths(input.hours, '计划学时');
  let minAttendance = toPercent(input.minAttendance);
  const minHours = toTenths(input.minHours, '最低学时');
  const examPass = toTenths(input.examPassMark, '结业考核合格分', 100);
  if (minAttendance === null && minHours === null) minAttendance = DEFAULT_MIN_ATTENDANCE_PERCENT;
  return inTransaction(ctx.db, () => {
    let occupationId: number | null = null;
    let level: number | null = null;
    const hasOccupation = !!input.occupation?.trim();
    const hasLevel = input.level !== undefined && input.level !== null && String(input.level).trim() !== '';
    if (hasOccupation !== hasLevel) throw new AppError('TRAINING_LEVEL_REQUIRED', '培训对应的职业和等级要一起填写（如 --occupation 4-06-01-01 --level 2），或都不填。');
    if (hasOccupation) {
      const occ = findOccupation(ctx, input.occupation!);
      level = parseLevel(input.level);
      assertLevelOffered(ctx, occ, level, null);
      occupationId = occ.id;
    }
    const id = Number(
      ctx.db
        .prepare(
          `INSERT INTO training_classes (name, occupation_id, level, start_date, end_date, place, online, teachers, organiser, planned_hours_tenths,
             min_attendance_percent, min_hours_tenths, exam_pass_tenths, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(name, occupationId, level, from, to, input.place?.trim() || null, input.online ? 1 : 0, input.teachers?.trim() || null, input.organiser?.trim() || null, planned, minAttendance, minHours, examPass, nowIso()).lastInsertRowid,
    );
    const created = getClass(ctx, id);
    recordAudit(ctx, { entity: 'training', entityId: id, action: 'create', newValue: created });
    return created;
  });
}

/** What `updateClass` changes: a field left out stays; null clears an optional one. */
export type ClassChanges = Partial<ClassInput>;

/**
 * 编辑培训班 before 结业. The lessons already held must stay within the new dates, and the rule must
 * keep a minimum attendance share or of 学时 (docs/training.md § 结业条件), so a change that would
 * leave a lesson outside the class or a class no one can fail to complete is refused.
 */
export function updateClass(ctx: Ctx, classId: number, changes: ClassChanges): TrainingClass {
  return inTransaction(ctx.db, () => {
    const r = assertClassWritable(ctx, classId);
    const before = toClass(ctx, r);
    const has = (k: keyof ClassChanges) => changes[k] !== undefined;
    const name = has('name') ? (changes.name ?? '').trim() : r.name;
    if (!name) throw new AppError('TRAINING_NAME_REQUIRED', '请填写培训班名称，如「2026年物业管理师（二级）培训班」。');
    const from = has('from') ? requireDate(changes.from ?? undefined, '开班日期') : r.start_date;
    const to = has('to') ? requireDate(changes.to ?? undefined, '结业日期') : r.end_date;
    if (to < from) throw new AppError('TRAINING_DATES', `结业日期 ${to} 早于开班日期 ${from}，请核对。`);
    const outside = cachedStatement(ctx.db, 'SELECT min(date) AS first, max(date) AS last FROM training_lessons WHERE class_id = ?').get(r.id) as { first: string | null; last: string | null };
    if (outside.first && (outside.first < from || outside.last! > to)) {
      throw new AppError('TRAINING_LESSON_DATE', `培训班已有 ${outside.first} 至 ${outside.last} 的课次，起止日期 ${from} 至 ${to} 须包含它们；请先删除或改期这些课次，或放宽日期。`);
    }
    const planned = has('hours') ? toTenths(changes.hours, '计划学时') : r.planned_hours_tenths;
    const minAttendance = has('minAttendance') ? toPercent(changes.minAttendance) : r.min_attendance_percent;
    const minHours = has('minHours') ? toTenths(changes.minHours, '最低学时') : r.min_hours_tenths;
    const examPass = has('examPassMark') ? toTenths(changes.examPassMark, '结业考核合格分', 100) : r.exam_pass_tenths;
    if (minAttendance === null && minHours === null) {
      throw new AppError('TRAINING_RULE_REQUIRED', '结业条件至少要有最低出勤率或最低学时中的一项（如出勤率 80%），请填写后再保存。');
    }
    let occupationId = r.occupation_id;
    let level = r.level;
    if (has('occupation') || has('level')) {
      const hasOccupation = !!changes.occupation?.trim();
      const hasLevel = changes.level !== undefined && changes.level !== null && String(changes.level).trim() !== '';
      if (hasOccupation !== hasLevel) throw new AppError('TRAINING_LEVEL_REQUIRED', '培训对应的职业和等级要一起填写（如 --occupation 4-06-01-01 --level 2），或都不填。');
      if (hasOccupation) {
        const occ = findOccupation(ctx, changes.occupation!);
        level = parseLevel(changes.level);
        assertLevelOffered(ctx, occ, level, null);
        occupationId = occ.id;
      } else {
        occupationId = null;
        level = null;
      }
    }
    const text = (k: 'place' | 'teachers' | 'organiser', old: string | null) => (has(k) ? changes[k]?.trim() || null : old);
    const online = has('online') ? (changes.online ? 1 : 0) : r.online;
    ctx.db
      .prepare(
        `UPDATE training_classes SET name = ?, occupation_id = ?, level = ?, start_date = ?, end_date = ?, place = ?, online = ?, teachers = ?, organiser = ?,
           planned_hours_tenths = ?, min_attendance_percent = ?, min_hours_tenths = ?, exam_pass_tenths = ? WHERE id = ?`,
      )
      .run(name, occupationId, level, from, to, text('place', r.place), online, text('teachers', r.teachers), text('organiser', r.organiser), planned, minAttendance, minHours, examPass, r.id);
    const after = getClass(ctx, r.id);
    // Only what changed goes in the audit entry, old beside new.
    const fields = ['name', 'occupation', 'level', 'from', 'to', 'place', 'online', 'teachers', 'organiser', 'plannedHours', 'rule'] as const;
    const changed = fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    if (changed.length) {
      recordAudit(ctx, { entity: 'training', entityId: r.id, action: 'update', oldValue: Object.fromEntries(changed.map((f) => [f, before[f]])), newValue: Object.fromEntries(changed.map((f) => [f, after[f]])) });
    }
    return after;
  });
}

/**
 * 删除培训班: only one created by mistake — nothing keyed on it yet. A class with attendance, a
 * 结业考核 score or a proof printed holds the association's record of who trained; it is refused
 * with what to do, and a finalized class stays as it was counted (TRAINING_FINALIZED).
 */
export function deleteClass(ctx: Ctx, classId: number): { id: number; name: string; deleted: { lessons: number; trainees: number } } {
  return inTransaction(ctx.db, () => {
    const r = assertClassWritable(ctx, classId);
    const marks = (cachedStatement(ctx.db, 'SELECT count(*) AS n FROM training_attendance a JOIN training_lessons l ON l.id = a.lesson_id WHERE l.class_id = ?').get(r.id) as { n: number }).n;
    const scored = (cachedStatement(ctx.db, 'SELECT count(*) AS n FROM training_trainees WHERE class_id = ? AND (exam_score_tenths IS NOT NULL OR certificate_number IS NOT NULL)').get(r.id) as { n: number }).n;
    if (marks > 0 || scored > 0) {
      const what = [marks ? `${marks} 条考勤` : '', scored ? `${scored} 名学员的结业考核成绩` : ''].filter(Boolean).join('和');
      throw new AppError('TRAINING_IN_USE', `培训班「${r.name}」已记录了 ${what}，不能删除。若确是误建，请先在考勤表中清除这些考勤和成绩（或移出相应学员）再删除；若培训已经举办，请保留它并修改名称或日期。`);
    }
    const lessons = listLessons(ctx, r.id);
    const trainees = traineeRows(ctx, r.id).map((t) => ({ idNumber: t.idNumber, name: t.name }));
    const removed = { class: toClass(ctx, r), lessons, trainees };
    ctx.db.prepare('DELETE FROM training_trainees WHERE class_id = ?').run(r.id);
    ctx.db.prepare('DELETE FROM training_lessons WHERE class_id = ?').run(r.id);
    ctx.db.prepare('DELETE FROM training_classes WHERE id = ?').run(r.id);
    recordAudit(ctx, { entity: 'training', entityId: r.id, action: 'delete', oldValue: removed, newValue: null });
    return { id: r.id, name: r.name, deleted: { lessons: lessons.length, trainees: trainees.length } };
  });
}

export interface Lesson {
  id: number;
  classId: number;
  date: string;
  hours: number;
  teacher: string | null;
  topic: string | null;
}

export function addLesson(ctx: Ctx, input: { classId: number; date: string; hours: number | string; teacher?: string | null; topic?: string | null }): Lesson {
  const date = requireDate(input.date, '上课日期');
  const hours = toTenths(input.hours, '学时', 24);
  if (!hours) throw new AppError('TRAINING_NUMBER_INVALID', '请填写这一课次的学时（大于 0，如 4）。');
  return inTransaction(ctx.db, () => {
    const c = assertClassWritable(ctx, input.classId);
    if (date < c.start_date || date > c.end_date) {
      throw new AppError('TRAINING_LESSON_DATE', `上课日期 ${date} 不在培训班「${c.name}」的起止日期（${c.start_date} 至 ${c.end_date}）之内，请核对日期或先修改培训班日期。`);
    }
    const id = Number(
      ctx.db.prepare('INSERT INTO training_lessons (class_id, date, hours_tenths, teacher, topic, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(c.id, date, hours, input.teacher?.trim() || null, input.topic?.trim() || null, nowIso()).lastInsertRowid,
    );
    const lesson = { id, classId: c.id, date, hours: hours / 10, teacher: input.teacher?.trim() || null, topic: input.topic?.trim() || null };
    recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'add-lesson', newValue: lesson });
    return lesson;
  });
}

export function listLessons(ctx: Ctx, classId: number): Lesson[] {
  return (
    cachedStatement(ctx.db, 'SELECT id, class_id AS classId, date, hours_tenths AS hours, teacher, topic FROM training_lessons WHERE class_id = ? ORDER BY date, id').all(classId) as Lesson[]
  ).map((l) => ({ ...l, hours: l.hours / 10 }));
}

/** 删除课次: a lesson added by mistake, before anyone's attendance is on it. */
export function removeLesson(ctx: Ctx, input: { classId: number; lessonId: number }): Lesson {
  return inTransaction(ctx.db, () => {
    const c = assertClassWritable(ctx, input.classId);
    const l = lessonOf(ctx, c, input.lessonId);
    const marks = (cachedStatement(ctx.db, 'SELECT count(*) AS n FROM training_attendance WHERE lesson_id = ?').get(l.id) as { n: number }).n;
    if (marks > 0) {
      throw new AppError('TRAINING_LESSON_IN_USE', `${l.date} 的课次已记录了 ${marks} 名学员的考勤，不能删除。若确是误加，请先在考勤表中清除这一课次的考勤再删除。`);
    }
    const lesson = listLessons(ctx, c.id).find((x) => x.id === l.id)!;
    ctx.db.prepare('DELETE FROM training_lessons WHERE id = ?').run(l.id);
    recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'remove-lesson', oldValue: lesson, newValue: null });
    return lesson;
  });
}

function personByIdNumber(ctx: Ctx, idNumber: string): { id: number; name: string; idNumber: string } {
  const found = findCandidateByIdNumber(ctx, normaliseIdNumber(idNumber));
  if (!found) throw noCandidateWithIdNumber(idNumber);
  return { id: found.id, name: found.name, idNumber: found.idNumber };
}

function assertTrainee(ctx: Ctx, c: { id: number; name: string }, person: { id: number; name: string; idNumber: string }): void {
  if (!cachedStatement(ctx.db, 'SELECT 1 FROM training_trainees WHERE class_id = ? AND candidate_id = ?').get(c.id, person.id)) {
    throw new AppError('TRAINING_NOT_ENROLLED', `「${person.name}」（${person.idNumber}）不是培训班「${c.name}」的学员，请先在培训班页输入证件号码点「报名」（命令行：certdesk training enrol）。`);
  }
}

/** Enrols a registered person; their employer now is kept with the enrolment, as a session's is. */
export function enrolTrainee(ctx: Ctx, input: { classId: number; idNumber: string }): { classId: number; idNumber: string; name: string } {
  return inTransaction(ctx.db, () => {
    const c = assertClassWritable(ctx, input.classId);
    const person = personByIdNumber(ctx, input.idNumber);
    if (cachedStatement(ctx.db, 'SELECT 1 FROM training_trainees WHERE class_id = ? AND candidate_id = ?').get(c.id, person.id)) {
      throw new AppError('TRAINING_ALREADY_ENROLLED', `「${person.name}」（${person.idNumber}）已经是培训班「${c.name}」的学员了。`);
    }
    cachedStatement(ctx.db, 'INSERT INTO training_trainees (class_id, candidate_id, employer_id, created_at) SELECT ?, id, employer_id, ? FROM candidates WHERE id = ?').run(c.id, nowIso(), person.id);
    recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'enrol', newValue: { idNumber: person.idNumber, name: person.name } });
    return { classId: c.id, idNumber: person.idNumber, name: person.name };
  });
}

/**
 * 移出学员 before 结业: the enrolment and every mark of theirs in this class go, and the audit entry
 * keeps what went (their marks and 结业考核 score), so a removal by mistake can be keyed back.
 */
export function unenrolTrainee(ctx: Ctx, input: { classId: number; idNumber: string }): { classId: number; idNumber: string; name: string; removedMarks: number } {
  return inTransaction(ctx.db, () => {
    const c = assertClassWritable(ctx, input.classId);
    const person = personByIdNumber(ctx, input.idNumber);
    assertTrainee(ctx, c, person);
    const marks = cachedStatement(
      ctx.db,
      `SELECT l.id AS lessonId, l.date, a.status, a.hours_tenths AS hoursTenths, a.minutes FROM training_attendance a JOIN training_lessons l ON l.id = a.lesson_id
       WHERE l.class_id = ? AND a.candidate_id = ? ORDER BY l.date, l.id`,
    ).all(c.id, person.id) as { lessonId: number; date: string; status: AttendanceStatus | null; hoursTenths: number | null; minutes: number | null }[];
    const score = cachedStatement(ctx.db, 'SELECT exam_score_tenths AS t FROM training_trainees WHERE class_id = ? AND candidate_id = ?').get(c.id, person.id) as { t: number | null };
    cachedStatement(ctx.db, 'DELETE FROM training_attendance WHERE candidate_id = ? AND lesson_id IN (SELECT id FROM training_lessons WHERE class_id = ?)').run(person.id, c.id);
    cachedStatement(ctx.db, 'DELETE FROM training_trainees WHERE class_id = ? AND candidate_id = ?').run(c.id, person.id);
    recordAudit(ctx, {
      entity: 'training',
      entityId: c.id,
      action: 'unenrol',
      oldValue: {
        idNumber: person.idNumber,
        name: person.name,
        examScore: tenthsToNumber(score.t),
        marks: marks.map((m) => ({ lessonId: m.lessonId, date: m.date, status: m.status, hours: tenthsToNumber(m.hoursTenths), minutes: m.minutes })),
      },
      newValue: null,
    });
    return { classId: c.id, idNumber: person.idNumber, name: person.name, removedMarks: marks.length };
  });
}

function lessonOf(ctx: Ctx, c: { id: number; name: string }, lessonId: number): { id: number; date: string; hours_tenths: number } {
  const l = cachedStatement(ctx.db, 'SELECT id, date, hours_tenths FROM training_lessons WHERE id = ? AND class_id = ?').get(lessonId, c.id) as { id: number; date: string; hours_tenths: number } | undefined;
  if (!l) throw new AppError('TRAINING_LESSON_NOT_FOUND', `培训班「${c.name}」没有编号为 ${lessonId} 的课次，请用 training show --class ${c.id} 查看课次编号。`);
  return l;
}

export function parseStatus(raw: string): AttendanceStatus | null {
  const s = raw.trim().toLowerCase();
  if ((ATTENDANCE_STATUSES as readonly string[]).includes(s)) return s as AttendanceStatus;
  const words: Record<string, AttendanceStatus> = { 出勤: 'present', 到: 'present', 已到: 'present', 签到: 'present', 已签到: 'present', '√': 'present', '✓': 'present', 缺勤: 'absent', 缺: 'absent', 缺课: 'absent', 未到: 'absent', 旷课: 'absent', '×': 'absent', 迟到: 'late', 请假: 'leave', 假: 'leave' };
  return words[raw.trim()] ?? null;
}

export interface AttendanceMark {
  status?: AttendanceStatus | null;
  /** 学时 an online export credited, in tenths (status left null). */
  hoursTenths?: number | null;
  minutes?: number | null;
}

/** Writes one lesson × trainee mark (no transaction, no checks): keying and import both end here. */
export function writeMark(ctx: Ctx, lessonId: number, candidateId: number, mark: AttendanceMark): { old: AttendanceMark | null } {
  const old = cachedStatement(ctx.db, 'SELECT status, hours_tenths AS hoursTenths, minutes FROM training_attendance WHERE lesson_id = ? AND candidate_id = ?').get(lessonId, candidateId) as AttendanceMark | undefined;
  if (!mark.status && (mark.hoursTenths === null || mark.hoursTenths === undefined)) {
    cachedStatement(ctx.db, 'DELETE FROM training_attendance WHERE lesson_id = ? AND candidate_id = ?').run(lessonId, candidateId);
  } else {
    cachedStatement(
      ctx.db,
      `INSERT INTO training_attendance (lesson_id, candidate_id, status, minutes, hours_tenths, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (lesson_id, candidate_id) DO UPDATE SET status = excluded.status, minutes = excluded.minutes, hours_tenths = excluded.hours_tenths, updated_at = excluded.updated_at`,
    ).run(lessonId, candidateId, mark.status ?? null, mark.status ? null : (mark.minutes ?? null), mark.status ? null : mark.hoursTenths, nowIso());
  }
  return { old: old ?? null };
}

/** 考勤: one trainee at one lesson, present / absent / late / leave (or null to clear). */
export function recordAttendance(ctx: Ctx, input: { classId: number; lessonId: number; idNumber: string; status: AttendanceStatus | null }) {
  return inTransaction(ctx.db, () => {
    const c = assertClassWritable(ctx, input.classId);
    const lesson = lessonOf(ctx, c, input.lessonId);
    const person = personByIdNumber(ctx, input.idNumber);
    assertTrainee(ctx, c, person);
    const { old } = writeMark(ctx, lesson.id, person.id, { status: input.status });
    recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'attend', oldValue: old, newValue: { lessonId: lesson.id, idNumber: person.idNumber, status: input.status } });
    const result = resultsOf(ctx, c).find((t) => t.idNumber === person.idNumber)!;
    return { classId: c.id, lessonId: lesson.id, idNumber: person.idNumber, name: person.name, status: input.status, statusLabel: input.status ? STATUS_LABELS[input.status] : null, trainee: result };
  });
}

/** 结业考核 score of one trainee (null clears it). */
export function setExamScore(ctx: Ctx, input: { classId: number; idNumber: string; score: number | string | null }) {
  const tenths = toTenths(input.score, '结业考核成绩', 100);
  return inTransaction(ctx.db, () => {
    const c = assertClassWritable(ctx, input.classId);
    const person = personByIdNumber(ctx, input.idNumber);
    assertTrainee(ctx, c, person);
    const old = cachedStatement(ctx.db, 'SELECT exam_score_tenths AS t FROM training_trainees WHERE class_id = ? AND candidate_id = ?').get(c.id, person.id) as { t: number | null };
    cachedStatement(ctx.db, 'UPDATE training_trainees SET exam_score_tenths = ? WHERE class_id = ? AND candidate_id = ?').run(tenths, c.id, person.id);
    recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'exam-score', oldValue: { idNumber: person.idNumber, score: tenthsToNumber(old.t) }, newValue: { idNumber: person.idNumber, score: tenthsToNumber(tenths) } });
    return resultsOf(ctx, c).find((t) => t.idNumber === person.idNumber)!;
  });
}

export interface TraineeResult {
  idNumber: string;
  name: string;
  employer: string | null;
  hours: number;
  attendance: number;
  examScore: number | null;
  completed: boolean;
  reasons: string[];
  certificateNumber: string | null;
}

interface TraineeRow {
  candidateId: number;
  idNumber: string;
  name: string;
  employer: string | null;
  examScore: number | null;
  hoursTenths: number | null;
  attendancePermille: number | null;
  completed: number | null;
  certificateNumber: string | null;
}

function traineeRows(ctx: Ctx, classId: number): TraineeRow[] {
  return cachedStatement(
    ctx.db,
    `SELECT t.candidate_id AS candidateId, c.id_number AS idNumber, c.name, e.name AS employer, t.exam_score_tenths AS examScore,
            t.hours_tenths AS hoursTenths, t.attendance_permille AS attendancePermille, t.completed, t.certificate_number AS certificateNumber
     FROM training_trainees t JOIN candidates c ON c.id = t.candidate_id LEFT JOIN employers e ON e.id = t.employer_id
     WHERE t.class_id = ? ORDER BY t.created_at, c.id`,
  ).all(classId) as TraineeRow[];
}

/** Every trainee's completion computed now from the lessons and marks on file. */
function liveResults(ctx: Ctx, c: ClassRow): (TraineeResult & { candidateId: number; hoursTenths: number })[] {
  const lessons = cachedStatement(ctx.db, 'SELECT id, hours_tenths FROM training_lessons WHERE class_id = ? ORDER BY date, id').all(c.id) as { id: number; hours_tenths: number }[];
  const marks = cachedStatement(
    ctx.db,
    'SELECT a.lesson_id AS lessonId, a.candidate_id AS candidateId, a.status, a.hours_tenths AS hoursTenths FROM training_attendance a JOIN training_lessons l ON l.id = a.lesson_id WHERE l.class_id = ?',
  ).all(c.id) as { lessonId: number; candidateId: number; status: AttendanceStatus | null; hoursTenths: number | null }[];
  const byKey = new Map(marks.map((m) => [`${m.lessonId}:${m.candidateId}`, m]));
  const rule = ruleOf(c);
  return traineeRows(ctx, c.id).map((t) => {
    const lessonMarks: LessonMark[] = lessons.map((l) => {
      const m = byKey.get(`${l.id}:${t.candidateId}`);
      return { lessonHoursTenths: l.hours_tenths, status: m?.status ?? null, creditedTenths: m?.hoursTenths ?? null };
    });
    const done = completionOf(rule, lessonMarks, t.examScore);
    return {
      candidateId: t.candidateId,
      idNumber: t.idNumber,
      name: t.name,
      employer: t.employer,
      hours: done.hoursTenths / 10,
      hoursTenths: done.hoursTenths,
      attendance: done.attendance,
      examScore: tenthsToNumber(t.examScore),
      completed: done.completed,
      reasons: done.reasons,
      certificateNumber: t.certificateNumber,
    };
  });
}

function resultsOf(ctx: Ctx, c: ClassRow): TraineeResult[] {
  if (c.status === 'open') return liveResults(ctx, c).map(({ candidateId: _c, hoursTenths: _h, ...r }) => r);
  // After 结业 the figures are those frozen then, whatever is corrected in the register later. The
  // lessons and marks are locked with the class, so the reasons computed now are those of then.
  const why = new Map(liveResults(ctx, c).map((t) => [t.idNumber, t.reasons]));
  return traineeRows(ctx, c.id).map((t) => ({
    idNumber: t.idNumber,
    name: t.name,
    employer: t.employer,
    hours: (t.hoursTenths ?? 0) / 10,
    attendance: (t.attendancePermille ?? 0) / 1000,
    examScore: tenthsToNumber(t.examScore),
    completed: t.completed === 1,
    reasons: t.completed === 1 ? [] : (why.get(t.idNumber) ?? []),
    certificateNumber: t.certificateNumber,
  }));
}

/** {class, trainees:[{idNumber, name, hours, attendance, completed, …}]}: live while open, frozen after 结业. */
export function classResults(ctx: Ctx, classId: number): { class: TrainingClass; trainees: TraineeResult[] } {
  const c = classRow(ctx, classId);
  return { class: toClass(ctx, c), trainees: resultsOf(ctx, c) };
}

/** The class page: lessons, and per trainee each lesson's mark, for the attendance grid. */
export function classSheet(ctx: Ctx, classId: number) {
  const c = classRow(ctx, classId);
  const lessons = listLessons(ctx, c.id);
  const marks = ctx.db
    .prepare(
      `SELECT a.lesson_id AS lessonId, p.id_number AS idNumber, a.status, a.hours_tenths AS hoursTenths, a.minutes FROM training_attendance a
       JOIN training_lessons l ON l.id = a.lesson_id JOIN candidates p ON p.id = a.candidate_id WHERE l.class_id = ?`,
    )
    .all(c.id) as { lessonId: number; idNumber: string; status: AttendanceStatus | null; hoursTenths: number | null; minutes: number | null }[];
  const byPerson = new Map<string, Record<number, { status: AttendanceStatus | null; hours: number | null; minutes: number | null }>>();
  for (const m of marks) {
    const row = byPerson.get(m.idNumber) ?? {};
    row[m.lessonId] = { status: m.status, hours: tenthsToNumber(m.hoursTenths), minutes: m.minutes };
    byPerson.set(m.idNumber, row);
  }
  return { class: toClass(ctx, c), lessons, trainees: resultsOf(ctx, c).map((t) => ({ ...t, marks: byPerson.get(t.idNumber) ?? {} })) };
}

/**
 * 结业: the completion of every trainee as it stands is written on them and the class locks. A
 * class with no lesson or no trainee has nothing to certify and is refused.
 */
export function finalizeClass(ctx: Ctx, classId: number): { class: TrainingClass; trainees: TraineeResult[] } {
  return inTransaction(ctx.db, () => {
    const c = classRow(ctx, classId);
    if (c.status === 'finalized') throw new AppError('TRAINING_FINALIZED', `培训班「${c.name}」已经结业定稿过了。`);
    const results = liveResults(ctx, c);
    if (results.length === 0) throw new AppError('TRAINING_EMPTY', `培训班「${c.name}」还没有学员，不能结业。请先报名学员并记录考勤。`);
    if (!cachedStatement(ctx.db, 'SELECT 1 FROM training_lessons WHERE class_id = ?').get(c.id)) {
      throw new AppError('TRAINING_EMPTY', `培训班「${c.name}」还没有课次，不能结业。请先添加课次并记录考勤。`);
    }
    const freeze = ctx.db.prepare('UPDATE training_trainees SET hours_tenths = ?, attendance_permille = ?, completed = ? WHERE class_id = ? AND candidate_id = ?');
    for (const t of results) freeze.run(t.hoursTenths, Math.round(t.attendance * 1000), t.completed ? 1 : 0, c.id, t.candidateId);
    ctx.db.prepare("UPDATE training_classes SET status = 'finalized', finalized_at = ? WHERE id = ?").run(nowIso(), c.id);
    const after = classResults(ctx, c.id);
    recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'finalize', oldValue: { status: 'open' }, newValue: { status: 'finalized', trainees: after.class.trainees, completed: after.class.completed } });
    return after;
  });
}

export { STATUS_LABELS };
