// 培训班: classes, their lessons, trainees and attendance, completion and 结业, and what a class
// prints and exports (docs/training.md).
import { z } from 'zod';
import { command, FileArg, Id, query } from '../op';
import { SheetChoice } from './spreadsheets';
import { addLesson, classResults, classSheet, createClass, deleteClass, enrolTrainee, finalizeClass, getClass, listClasses, recordAttendance, removeLesson, setExamScore, unenrolTrainee, updateClass } from '../../services/training/classes';
import { ATTENDANCE_STATUSES } from '../../services/training/completion';

const Num = z.union([z.number(), z.string()]);
const optText = z.string().nullish();
/** Column letter → field key; '' leaves the column out. */
const Mapping = z.record(z.string().regex(/^[A-Za-z]{1,3}$/), z.string());
const attendanceImport = () => import('../../services/training/attendanceImport');
const proofs = () => import('../../services/training/proofs');
const traineeImport = () => import('../../services/training/rosterImport');
const exports = () => import('../../services/training/exports');
const Out = { out: z.string().min(1).optional() };

/** A class as 新建 takes it; 编辑 takes any of them (a field left out stays, null clears it). */
const ClassFields = z.object({
  name: z.string(),
  from: z.string(),
  to: z.string(),
  hours: Num.nullish(),
  occupation: optText,
  level: Num.nullish(),
  place: optText,
  online: z.boolean().optional(),
  teachers: optText,
  organiser: optText,
  /** 最低出勤率, percent (80); with neither this nor minHours, 80 %. */
  minAttendance: Num.nullish(),
  minHours: Num.nullish(),
  /** 结业考核 pass mark; absent: the class has no 结业考核. */
  examPassMark: Num.nullish(),
});

export const trainingOperations = {
  'training.list': query(
    { title: '查看培训班' },
    z.object({ year: z.string().optional(), status: z.enum(['open', 'finalized']).optional() }).default({}),
    (ctx, a) => listClasses(ctx, a),
  ),
  'training.get': query({ title: '查看培训班' }, z.object({ classId: Id }), (ctx, a) => getClass(ctx, a.classId)),
  /** The class page: its lessons, and each trainee's marks and completion, for the attendance grid. */
  'training.sheet': query({ title: '查看培训班' }, z.object({ classId: Id }), (ctx, a) => classSheet(ctx, a.classId)),
  'training.create': command({ title: '新建培训班' }, ClassFields, (ctx, a) => createClass(ctx, a)),
  /** 编辑培训班 before 结业: a field left out stays, null clears it; {class} as training.get. */
  'training.update': command(
    { title: '修改培训班' },
    ClassFields.partial().extend({ classId: Id }),
    (ctx, { classId, ...changes }) => updateClass(ctx, classId, changes),
  ),
  /** 删除培训班: only one with no attendance, 结业考核 score or proof on it; its lessons and enrolments go with it. */
  'training.delete': command({ title: '删除培训班' }, z.object({ classId: Id }), (ctx, a) => deleteClass(ctx, a.classId)),
  'training.addLesson': command(
    { title: '添加课次' },
    z.object({ classId: Id, date: z.string(), hours: Num, teacher: optText, topic: optText }),
    (ctx, a) => addLesson(ctx, a),
  ),
  'training.enrol': command({ title: '培训报名' }, z.object({ classId: Id, idNumber: z.string() }), (ctx, a) => enrolTrainee(ctx, a)),
  /** 删除课次: a lesson with no attendance on it. */
  'training.removeLesson': command({ title: '删除课次' }, z.object({ classId: Id, lessonId: Id }), (ctx, a) => removeLesson(ctx, a)),
  /** 移出学员 before 结业: their marks in the class go too (kept in the audit entry). */
  'training.unenrol': command({ title: '移出学员' }, z.object({ classId: Id, idNumber: z.string() }), (ctx, a) => unenrolTrainee(ctx, a)),
  /** One trainee at one lesson; status null clears the mark. */
  'training.attend': command(
    { title: '记录考勤' },
    z.object({ classId: Id, lessonId: Id, idNumber: z.string(), status: z.enum(ATTENDANCE_STATUSES as [string, ...string[]]).nullable() }),
    (ctx, a) => recordAttendance(ctx, a as Parameters<typeof recordAttendance>[1]),
  ),
  'training.examScore': command(
    { title: '录入结业考核成绩' },
    z.object({ classId: Id, idNumber: z.string(), score: Num.nullable() }),
    (ctx, a) => setExamScore(ctx, a),
  ),
  /** A 签到表 or an online platform's export: {imported, updated, rejected, preview, …}. */
  'training.importAttendance': command(
    { title: '导入考勤', backup: 'import' },
    z.object({ classId: Id, lessonId: Id.optional(), file: FileArg, dryRun: z.boolean().optional(), mapping: Mapping.optional(), ...SheetChoice, progressId: z.string().max(100).optional() }),
    async (ctx, a) => (await attendanceImport()).importAttendance(ctx, a),
  ),
  /** 学员名册: registered people enrolled from a sheet (姓名, 证件号码); {imported, rejected, unchanged, …}. */
  'training.importTrainees': command(
    { title: '导入学员名册', backup: 'import' },
    z.object({ classId: Id, file: FileArg, dryRun: z.boolean().optional(), mapping: Mapping.optional(), ...SheetChoice, progressId: z.string().max(100).optional() }),
    async (ctx, a) => (await traineeImport()).importTrainees(ctx, a),
  ),
  /** {class, trainees:[{idNumber, name, hours, attendance, completed, reasons, …}]}: live while open, as frozen at 结业 after. */
  'training.results': query({ title: '查看培训结业情况' }, z.object({ classId: Id }), (ctx, a) => classResults(ctx, a.classId)),
  /** 培训合格证明 / 结业证书 PDF: every trainee who completed, or one; a serial is given at the first print. */
  'training.proofs': command(
    { title: '打印培训合格证明' },
    z.object({ classId: Id, idNumber: z.string().optional(), title: z.enum(['培训合格证明', '结业证书']).optional(), ...Out }),
    async (ctx, a) => (await proofs()).trainingProofsPdf(ctx, a),
  ),
  /** 学员名册 and 考勤表 of a class in one workbook. */
  'export.trainingClass': command({ title: '导出培训班名册和考勤表' }, z.object({ classId: Id, ...Out }), async (ctx, a) => (await exports()).exportClassWorkbook(ctx, a.classId, a.out)),
  /** Trainees, 学时 and completions by employer, of a class or of the classes finalized in a year. */
  'training.byEmployer': query({ title: '按单位统计培训' }, z.object({ classId: Id.optional(), year: z.string().regex(/^\d{4}$/).optional() }), async (ctx, a) =>
    (await exports()).trainingByEmployer(ctx, a),
  ),
  'training.finalize': command({ title: '培训结业定稿', access: 'admin', backup: 'finalize' }, z.object({ classId: Id }), (ctx, a) => finalizeClass(ctx, a.classId)),
};
