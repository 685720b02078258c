// Importing attendance from a 签到表 (姓名, 证件号码, 考勤) or an online platform's learning
// export (姓名, 证件号码, 学习时长 in minutes, or 学时), in the frame of the other imports
// (spreadsheets/importRun.ts): the column mapping remembered, refused rows listed with their
// reason, the accepted ones written in one transaction (docs/training.md § Attendance import).
// A class's sheet is tens of rows, so it runs on the calling thread.
import { inTransaction, type Ctx } from '../shared/context';
import { cellOf } from '../spreadsheets/reader';
import { PersonRows } from '../spreadsheets/personRows';
import type { FieldSpec } from '../spreadsheets/headers';
import { ID_TYPE_FIELD } from '../spreadsheets/fields';
import { readDate } from '../spreadsheets/values';
import { rememberMapping } from '../spreadsheets/mappings';
import { importResult, manualMapping, PREVIEW_LIMIT, type ImportResult } from '../spreadsheets/importResult';
import { runSheetImport, type SheetFrame, type SheetInput } from '../spreadsheets/importRun';
import { checkInputPath } from '../shared/outputPath';
import { recordAudit } from '../audit/audit';
import { AppError } from '../errors';
import { assertClassWritable, listLessons, parseStatus, writeMark, type AttendanceMark, type Lesson } from './classes';
import { minutesToTenths, STATUS_LABELS } from './completion';

export const ATTENDANCE_FIELDS: readonly FieldSpec[] = [
  { field: 'seq', title: '序号', aliases: ['编号'] },
  { field: 'name', title: '姓名', aliases: ['学员姓名', '学员', '用户姓名', '真实姓名'], required: true },
  ID_TYPE_FIELD,
  { field: 'idNumber', title: '证件号码', aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号'], required: true },
  { field: 'employer', title: '工作单位', aliases: ['单位', '所在单位', '单位名称'] },
  { field: 'date', title: '上课日期', aliases: ['日期', '培训日期', '课次日期'] },
  { field: 'status', title: '考勤', aliases: ['出勤', '出勤情况', '签到', '签到情况', '考勤情况', '状态'] },
  { field: 'minutes', title: '分钟', aliases: ['学习时长(分钟)', '学习时长', '时长(分钟)', '观看时长(分钟)', '观看时长', '在线时长(分钟)', '学习分钟数'] },
  { field: 'hours', title: '学时', aliases: ['获得学时', '课时', '完成学时', '有效学时'] },
];

export interface AttendancePreviewRow {
  row: number;
  name: string;
  idNumber: string;
  lessonId: number;
  date: string;
  mark: string;
}

export interface AttendanceImportInput extends SheetInput {
  classId: number;
  /** The lesson every row is for; without it a 上课日期 column, or the class's only lesson, says. */
  lessonId?: number;
}

export function importAttendance(ctx: Ctx, input: AttendanceImportInput): Promise<ImportResult<AttendancePreviewRow>> {
  checkInputPath(ctx, input.file);
  return runSheetImport(
    ctx,
    input,
    'attendance',
    ATTENDANCE_FIELDS,
    () => {
      const c = assertClassWritable(ctx, input.classId);
      const lessons = listLessons(ctx, c.id);
      if (input.lessonId !== undefined && !lessons.some((l) => l.id === input.lessonId)) {
        throw new AppError('TRAINING_LESSON_NOT_FOUND', `培训班「${c.name}」没有编号为 ${input.lessonId} 的课次，请用 training show --class ${c.id} 查看课次编号。`);
      }
      if (lessons.length === 0) throw new AppError('TRAINING_LESSON_NOT_FOUND', `培训班「${c.name}」还没有课次，请先在培训班页添加课次（命令行：certdesk training lesson add），再导入考勤。`);
      return { c, lessons };
    },
    (frame, { c, lessons }) => checkAndWrite(frame, input, c, lessons),
  );
}

interface Accepted {
  lessonId: number;
  candidateId: number;
  idNumber: string;
  mark: AttendanceMark;
}

function checkAndWrite({ ctx, table, phase }: SheetFrame, input: AttendanceImportInput, c: { id: number; name: string }, lessons: Lesson[]): ImportResult<AttendancePreviewRow> {
  const has = (field: string) => table.columns.some((col) => col.field === field);
  const people = new PersonRows(table, ATTENDANCE_FIELDS);
  const accepted: Accepted[] = [];
  const preview: AttendancePreviewRow[] = [];
  const enrolled = ctx.db.prepare('SELECT 1 FROM training_trainees WHERE class_id = ? AND candidate_id = ?');
  const current = ctx.db.prepare('SELECT status, hours_tenths AS hoursTenths FROM training_attendance WHERE lesson_id = ? AND candidate_id = ?');
  const fixedLesson = input.lessonId !== undefined ? lessons.find((l) => l.id === input.lessonId)! : lessons.length === 1 && !has('date') ? lessons[0]! : null;
  let imported = 0;
  let updated = 0;

  for (const row of table.rows) {
    const person = people.read(row);
    if (!person) continue;
    const { name } = person;
    const reject = (field: string, message: string) => people.reject(row.row, field, message, name);
    let lesson = fixedLesson;
    if (!lesson) {
      const date = readDate(cellOf(row, 'date'), table.date1904);
      if (!date.ok) {
        reject('date', date.message);
        continue;
      }
      if (!date.value) {
        reject('date', `培训班有 ${lessons.length} 个课次，这一行没有写上课日期。请填写上课日期，或导入时指定课次（--lesson）。`);
        continue;
      }
      const onDay = lessons.filter((l) => l.date === date.value);
      if (onDay.length !== 1) {
        reject('date', onDay.length === 0 ? `培训班「${c.name}」在 ${date.value} 没有课次，请核对日期。` : `培训班「${c.name}」在 ${date.value} 有 ${onDay.length} 个课次，请导入时用 --lesson 指定课次。`);
        continue;
      }
      lesson = onDay[0]!;
    }
    const candidate = people.registered(ctx, person, '请先登记考生并报名本培训班，或核对证件号码。');
    if (!candidate) continue;
    if (!enrolled.get(c.id, candidate.id)) {
      reject('idNumber', `「${name}」不是培训班「${c.name}」的学员，请先在培训班页为此人「报名」（或导入学员名单），或核对签到表上的证件号码。`);
      continue;
    }
    const statusText = cellOf(row, 'status').text.trim();
    const minutesCell = cellOf(row, 'minutes');
    const hoursCell = cellOf(row, 'hours');
    let mark: AttendanceMark;
    let shown: string;
    if (statusText) {
      const status = parseStatus(statusText);
      if (!status) {
        reject('status', `考勤「${statusText}」无法识别，请填 出勤、缺勤、迟到 或 请假。`);
        continue;
      }
      mark = { status };
      shown = STATUS_LABELS[status];
    } else if (minutesCell.text.trim()) {
      const minutes = Number(minutesCell.text.trim());
      if (!Number.isFinite(minutes) || minutes < 0 || minutes > 24 * 60) {
        reject('minutes', `学习时长「${minutesCell.text}」不对，请填 0–1440 之间的分钟数。`);
        continue;
      }
      mark = { hoursTenths: minutesToTenths(minutes), minutes: Math.round(minutes) };
      shown = `${Math.round(minutes)} 分钟（${minutesToTenths(minutes) / 10} 学时）`;
    } else if (hoursCell.text.trim()) {
      const hours = Number(hoursCell.text.trim());
      if (!Number.isFinite(hours) || hours < 0 || hours > 24) {
        reject('hours', `学时「${hoursCell.text}」不对，请填 0–24 之间的数。`);
        continue;
      }
      mark = { hoursTenths: Math.floor(hours * 10 + 1e-9) };
      shown = `${Math.floor(hours * 10 + 1e-9) / 10} 学时`;
    } else {
      reject(has('status') ? 'status' : has('minutes') ? 'minutes' : 'hours', '这一行没有考勤：请填写考勤（出勤、缺勤、迟到、请假）、学习分钟数或学时。');
      continue;
    }
    if (!people.once(person, `同一课次（${lesson.date}）的考勤只能写一行`, String(lesson.id))) continue;
    const old = current.get(lesson.id, candidate.id) as { status: string | null; hoursTenths: number | null } | undefined;
    if (!old) imported++;
    else if ((old.status ?? null) !== (mark.status ?? null) || (old.hoursTenths ?? null) !== (mark.hoursTenths ?? null)) updated++;
    else continue;
    accepted.push({ lessonId: lesson.id, candidateId: candidate.id, idNumber: candidate.idNumber, mark });
    if (preview.length < PREVIEW_LIMIT) preview.push({ row: row.row, name, idNumber: candidate.idNumber, lessonId: lesson.id, date: lesson.date, mark: shown });
  }

  const dryRun = input.dryRun === true;
  const result = importResult(table, ATTENDANCE_FIELDS, { imported, updated, dryRun }, people.rejected, preview);
  if (!dryRun) {
    phase('writing');
    inTransaction(ctx.db, () => {
      for (const a of accepted) {
        const { old } = writeMark(ctx, a.lessonId, a.candidateId, a.mark);
        recordAudit(ctx, { entity: 'training', entityId: c.id, action: 'attend', oldValue: old, newValue: { lessonId: a.lessonId, idNumber: a.idNumber, ...a.mark, from: '考勤表导入' } });
      }
      const remembered = manualMapping(table.columns, input.mapping);
      if (remembered) rememberMapping(ctx, 'attendance', table.signature, remembered);
    });
  }
  return result;
}
