// The demo's training classes and member enterprises (docs/training.md, docs/members.md): six of
// its companies as members across the categories (one joined a few months ago), a 物业管理师 三级
// class finalized two months before the demo's today, and an online 消防安全 class still running.
// Drawn from a random stream of their own, after everything else, so the demo's sessions,
// results and certificates are exactly what they were before classes and members existed.
import type { Ctx } from '../shared/context';
import { addLesson, createClass, enrolTrainee, finalizeClass, recordAttendance, writeMark } from '../training/classes';
import { minutesToTenths, type AttendanceStatus } from '../training/completion';
import { Random } from './random';
import { addDays } from './schedule';
import { DEMO_MARK } from './plans';
import type { DemoRanges } from './ranges';

const CATEGORIES = ['会长单位', '副会长单位', '常务理事单位', '理事单位', '会员单位', '会员单位'] as const;

export function addDemoTrainingAndMembers(ctx: Ctx, ranges: DemoRanges, seed: number, today: string, employerIds: readonly number[]): { members: number; classes: number } {
  const rng = new Random(seed + 19);
  const insertMember = ctx.db.prepare('INSERT INTO members (employer_id, category, joined_on, left_on, contact, phone, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?)');
  let members = 0;
  CATEGORIES.forEach((category, i) => {
    const employerId = employerIds[i];
    if (employerId === undefined) return;
    const joined = i === CATEGORIES.length - 1 ? addDays(today, -120) : `${2012 + i * 2}-0${1 + (i % 9)}-01`;
    const id = Number(insertMember.run(employerId, category, joined, ['陈', '李', '黄', '周', '吴', '刘'][i] + '经理', `1380013${String(8000 + i).padStart(4, '0')}`, new Date().toISOString()).lastInsertRowid);
    ctx.db.prepare('UPDATE employers SET is_member = 1 WHERE id = ?').run(employerId);
    ranges.add('member', id);
    members++;
  });

  const people = ctx.db
    .prepare(`SELECT c.id_number AS idNumber FROM candidates c WHERE c.employer_id IN (${employerIds.slice(0, 6).map(() => '?').join(',') || 'NULL'}) ORDER BY c.id LIMIT 24`)
    .all(...employerIds.slice(0, 6)) as { idNumber: string }[];
  if (people.length < 6) return { members, classes: 0 };

  // A class for 物业管理师 三级, finalized: its completers meet a clause asking for that training.
  const from = addDays(today, -100);
  const done = createClass(ctx, { name: `${DEMO_MARK}物业管理师（三级）考前培训班`, from, to: addDays(from, 24), hours: 16, occupation: '4-06-01-01', level: 3, place: '协会培训中心 301 室', teachers: '陈敏、王建国', organiser: null, minAttendance: 75, examPassMark: 60 });
  ranges.add('training_class', done.id);
  const lessons = [0, 7, 14, 21].map((d, i) => addLesson(ctx, { classId: done.id, date: addDays(from, d), hours: 4, teacher: i % 2 ? '王建国' : '陈敏', topic: ['物业服务合同管理', '设施设备管理', '客户服务与投诉处理', '综合复习'][i] }));
  const statuses: AttendanceStatus[] = ['present', 'present', 'present', 'present', 'present', 'late', 'absent', 'leave'];
  for (const p of people.slice(0, 14)) {
    enrolTrainee(ctx, { classId: done.id, idNumber: p.idNumber });
    for (const l of lessons) recordAttendance(ctx, { classId: done.id, lessonId: l.id, idNumber: p.idNumber, status: statuses[rng.int(0, statuses.length - 1)]! });
    ctx.db.prepare('UPDATE training_trainees SET exam_score_tenths = ? WHERE class_id = ? AND candidate_id = (SELECT id FROM candidates WHERE id_number = ?)').run(rng.int(480, 960), done.id, p.idNumber);
  }
  finalizeClass(ctx, done.id);

  // An online class still running: two lessons held (minutes from the platform), two to come.
  const start = addDays(today, -10);
  const open = createClass(ctx, { name: `${DEMO_MARK}物业消防安全线上培训`, from: start, to: addDays(start, 30), hours: 8, online: true, minHours: 6 });
  ranges.add('training_class', open.id);
  const online = [0, 7, 14, 21].map((d, i) => addLesson(ctx, { classId: open.id, date: addDays(start, d), hours: 2, topic: ['消防法规', '消防设施操作', '疏散演练', '灭火器使用'][i] }));
  const candidate = ctx.db.prepare('SELECT id FROM candidates WHERE id_number = ?');
  for (const p of people.slice(10, 24)) {
    enrolTrainee(ctx, { classId: open.id, idNumber: p.idNumber });
    const { id } = candidate.get(p.idNumber) as { id: number };
    for (const l of online.slice(0, 2)) {
      const minutes = rng.int(40, 95);
      writeMark(ctx, l.id, id, { hoursTenths: minutesToTenths(minutes), minutes });
    }
  }
  return { members, classes: 2 };
}
