// 培训班 on the command line (docs/cli.md § Training): create, lessons, enrolment, attendance by
// hand or from a sheet, results, 结业, and what a class prints.
import path from 'node:path';
import { callOp, choice, flag, requireChoice, requireFlag, requireWord, runCommand, opCommand, type CliCommand } from '../command';
import { renderTable } from '../table';
import { mappingFlags, sayWhichRows, sheetFlags } from './spreadsheets';
import { AppError } from '../../services/errors';
import { ATTENDANCE_STATUSES, STATUS_LABELS, type AttendanceStatus } from '../../services/training/completion';
import type { TrainingClass } from '../../services/training/classes';
import type { Rejection } from '../../services/spreadsheets/values';
import { LEVEL_SHORT } from '../../services/vocabulary/words';

function classLine(c: TrainingClass): string {
  const prepares = c.occupation ? `，${c.occupation.name}${LEVEL_SHORT[c.level!]}` : '';
  const rule = [c.rule.minAttendancePercent !== null ? `出勤率≥${c.rule.minAttendancePercent}%` : '', c.rule.minHours !== null ? `学时≥${c.rule.minHours}` : '', c.rule.examPassMark !== null ? `结业考核≥${c.rule.examPassMark}分` : '']
    .filter(Boolean)
    .join('，');
  return `培训班 ${c.id}「${c.name}」${c.from} 至 ${c.to}${prepares}；课次 ${c.lessons}（${c.lessonHours} 学时），学员 ${c.trainees}，结业 ${c.completed}；结业条件：${rule || '无'}${c.status === 'finalized' ? '；已结业定稿' : ''}`;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export const trainingCommands: CliCommand[] = [
  opCommand({
    words: ['training', 'create'],
    usage:
      'certdesk training create --name TEXT --from YYYY-MM-DD --to YYYY-MM-DD [--hours N] [--occupation CODE --level N] [--place TEXT | --online] [--teachers TEXT] [--organiser TEXT] [--min-attendance 80] [--min-hours N] [--exam-pass N]',
    summary: '新建培训班（结业条件：最低出勤率和/或最低学时，可加结业考核合格分；都不填时按出勤率 80%）',
    op: 'training.create',
    args: (p) => ({
      name: requireFlag(p, 'name', '培训班名称'),
      from: requireFlag(p, 'from', '开班日期 YYYY-MM-DD'),
      to: requireFlag(p, 'to', '结业日期 YYYY-MM-DD'),
      hours: flag(p, 'hours'),
      occupation: flag(p, 'occupation'),
      level: flag(p, 'level'),
      place: flag(p, 'place'),
      online: p.flags.get('online') === true,
      teachers: flag(p, 'teachers'),
      organiser: flag(p, 'organiser'),
      minAttendance: flag(p, 'min-attendance'),
      minHours: flag(p, 'min-hours'),
      examPassMark: flag(p, 'exam-pass'),
    }),
    print: (c) => `已新建${classLine(c)}`,
  }),
  opCommand({
    words: ['training', 'update'],
    usage:
      'certdesk training update --class ID [--name TEXT] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--hours N] [--occupation CODE --level N] [--place TEXT] [--online | --offline] [--teachers TEXT] [--organiser TEXT] [--min-attendance 80] [--min-hours N] [--exam-pass N]',
    summary: '修改结业定稿前的培训班；只改给出的项，值写空字符串（如 --exam-pass ""）即清除该项',
    op: 'training.update',
    args: (p) => {
      if (p.flags.get('online') === true && p.flags.get('offline') === true) throw new AppError('USAGE', '--online 和 --offline 只能给一个。');
      return {
        classId: requireFlag(p, 'class', '培训班编号'),
        name: flag(p, 'name'),
        from: flag(p, 'from'),
        to: flag(p, 'to'),
        hours: flag(p, 'hours'),
        occupation: flag(p, 'occupation'),
        level: flag(p, 'level'),
        place: flag(p, 'place'),
        online: p.flags.get('online') === true ? true : p.flags.get('offline') === true ? false : undefined,
        teachers: flag(p, 'teachers'),
        organiser: flag(p, 'organiser'),
        minAttendance: flag(p, 'min-attendance'),
        minHours: flag(p, 'min-hours'),
        examPassMark: flag(p, 'exam-pass'),
      };
    },
    print: (c) => `已修改${classLine(c)}`,
  }),
  opCommand({
    words: ['training', 'delete'],
    usage: 'certdesk training delete --class ID',
    summary: '删除误建的培训班（只限还没有考勤、结业考核成绩和证明的培训班；其课次和报名一并删除）',
    op: 'training.delete',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号') }),
    print: (r) => `已删除培训班 ${r.id}「${r.name}」（课次 ${r.deleted.lessons} 个，学员 ${r.deleted.trainees} 人）`,
  }),
  opCommand({
    words: ['training', 'list'],
    usage: 'certdesk training list [--year YYYY]',
    summary: '列出培训班',
    op: 'training.list',
    args: (p) => ({ year: flag(p, 'year') }),
    print: (list) => (list.length === 0 ? '还没有培训班。' : list.map(classLine).join('\n')),
  }),
  opCommand({
    words: ['training', 'show'],
    usage: 'certdesk training show --class ID',
    summary: '查看培训班的课次和学员',
    op: 'training.sheet',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号') }),
    print: (s) =>
      [
        classLine(s.class),
        s.lessons.length ? renderTable(['课次', '日期', '学时', '授课教师', '内容'], s.lessons.map((l) => [l.id, l.date, l.hours, l.teacher, l.topic])) : '还没有课次。',
        s.trainees.length ? renderTable(['证件号码', '姓名', '单位', '学时', '出勤率', '结业'], s.trainees.map((t) => [t.idNumber, t.name, t.employer, t.hours, percent(t.attendance), t.completed ? '是' : '否'])) : '还没有学员。',
      ].join('\n'),
  }),
  opCommand({
    words: ['training', 'lesson', 'add'],
    usage: 'certdesk training lesson add --class ID --date YYYY-MM-DD --hours N [--teacher TEXT] [--topic TEXT]',
    summary: '给培训班添加一个课次',
    op: 'training.addLesson',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号'), date: requireFlag(p, 'date', '上课日期'), hours: requireFlag(p, 'hours', '学时'), teacher: flag(p, 'teacher'), topic: flag(p, 'topic') }),
    print: (l) => `已添加课次 ${l.id}：${l.date}，${l.hours} 学时${l.teacher ? `，${l.teacher}` : ''}${l.topic ? `，${l.topic}` : ''}`,
  }),
  opCommand({
    words: ['training', 'lesson', 'remove'],
    usage: 'certdesk training lesson remove --class ID --lesson ID',
    summary: '删除误加的课次（只限还没有考勤的课次）',
    op: 'training.removeLesson',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号'), lessonId: requireFlag(p, 'lesson', '课次编号') }),
    print: (l) => `已删除课次 ${l.id}：${l.date}，${l.hours} 学时`,
  }),
  opCommand({
    words: ['training', 'enrol'],
    usage: 'certdesk training enrol --class ID --candidate IDNUMBER',
    summary: '把已登记的考生报名到培训班',
    op: 'training.enrol',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号'), idNumber: requireFlag(p, 'candidate', '考生证件号码') }),
    print: (r) => `已报名：${r.name}（${r.idNumber}）`,
  }),
  opCommand({
    words: ['training', 'unenrol'],
    usage: 'certdesk training unenrol --class ID --candidate IDNUMBER',
    summary: '结业定稿前把学员移出培训班（其在本班的考勤一并删除，审计日志保留删除的内容）',
    op: 'training.unenrol',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号'), idNumber: requireFlag(p, 'candidate', '考生证件号码') }),
    print: (r) => `已移出：${r.name}（${r.idNumber}）${r.removedMarks ? `，删除考勤 ${r.removedMarks} 条` : ''}`,
  }),
  opCommand({
    words: ['training', 'attend'],
    usage: 'certdesk training attend --class ID --lesson ID --candidate IDNUMBER --status present|absent|late|leave',
    summary: '记录一名学员一个课次的考勤（出勤、缺勤、迟到、请假）',
    op: 'training.attend',
    args: (p) => ({
      classId: requireFlag(p, 'class', '培训班编号'),
      lessonId: requireFlag(p, 'lesson', '课次编号'),
      idNumber: requireFlag(p, 'candidate', '考生证件号码'),
      status: requireChoice(p, 'status', ATTENDANCE_STATUSES, '考勤：present 出勤、absent 缺勤、late 迟到、leave 请假'),
    }),
    print: (r) => `已记录：${r.name} 课次 ${r.lessonId} ${r.status ? STATUS_LABELS[r.status as AttendanceStatus] : '（清除）'}；累计 ${r.trainee.hours} 学时，出勤率 ${percent(r.trainee.attendance)}，${r.trainee.completed ? '达到结业条件' : `未达到结业条件（${r.trainee.reasons.join('；')}）`}`,
  }),
  opCommand({
    words: ['training', 'exam'],
    usage: 'certdesk training exam --class ID --candidate IDNUMBER --score N',
    summary: '录入一名学员的结业考核成绩',
    op: 'training.examScore',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号'), idNumber: requireFlag(p, 'candidate', '考生证件号码'), score: requireFlag(p, 'score', '结业考核成绩') }),
    print: (t) => `已录入：${t.name} 结业考核 ${t.examScore ?? '--'} 分，${t.completed ? '达到结业条件' : `未达到结业条件（${t.reasons.join('；')}）`}`,
  }),
  runCommand({
    words: ['training', 'import', 'attendance'],
    usage: 'certdesk training import attendance FILE.xlsx --class ID [--lesson ID] [--dry-run] [--map 列=字段 …] [--sheet 工作表名] [--include-hidden]',
    summary:
      '导入签到表或线上学习导出表（姓名、证件号码，以及考勤、分钟或学时一列）；没有 --lesson 时按表中的上课日期，或培训班唯一的课次；--sheet 指定读哪张工作表；--include-hidden 连同 Excel 中隐藏的行一起导入',
    run: async (ctx, p, rest) => {
      const file = path.resolve(requireWord(rest, 0, '考勤表文件路径'));
      const lesson = flag(p, 'lesson');
      const data = await callOp(ctx, 'training.importAttendance', {
        classId: requireFlag(p, 'class', '培训班编号'),
        lessonId: lesson,
        file: { path: file },
        dryRun: p.flags.get('dry-run') === true,
        mapping: mappingFlags(p),
        ...sheetFlags(p),
      });
      sayWhichRows(data);
      // The same three keys as the other imports (docs/cli.md § Spreadsheets).
      return { imported: data.imported, updated: data.updated, rejected: data.rejected };
    },
    print: (d: { imported: number; updated: number; rejected: Rejection[] }) =>
      [`新导入 ${d.imported} 行，更新 ${d.updated} 行，退回 ${d.rejected.length} 行。`, d.rejected.length ? renderTable(['行', '列', '原因'], d.rejected.map((r) => [r.row, r.column, r.message])) : '']
        .filter(Boolean)
        .join('\n'),
  }),
  runCommand({
    words: ['training', 'import', 'trainees'],
    usage: 'certdesk training import trainees FILE.xlsx --class ID [--dry-run] [--map 列=字段 …] [--sheet 工作表名] [--include-hidden]',
    summary: '按学员名册（姓名、证件号码）把已登记的考生报名到培训班；未登记的人逐行退回；--sheet 指定读哪张工作表；--include-hidden 连同 Excel 中隐藏的行一起导入',
    run: async (ctx, p, rest) => {
      const data = await callOp(ctx, 'training.importTrainees', {
        classId: requireFlag(p, 'class', '培训班编号'),
        file: { path: path.resolve(requireWord(rest, 0, '学员名册文件路径')) },
        dryRun: p.flags.get('dry-run') === true,
        mapping: mappingFlags(p),
        ...sheetFlags(p),
      });
      sayWhichRows(data);
      return { imported: data.imported, updated: data.updated, rejected: data.rejected };
    },
    print: (d: { imported: number; updated: number; rejected: Rejection[] }) =>
      [`报名 ${d.imported} 人，退回 ${d.rejected.length} 行。`, d.rejected.length ? renderTable(['行', '列', '原因'], d.rejected.map((r) => [r.row, r.column, r.message])) : ''].filter(Boolean).join('\n'),
  }),
  runCommand({
    words: ['training', 'results'],
    usage: 'certdesk training results --class ID',
    summary: '每名学员的学时、出勤率和是否结业（结业前实时计算，结业后为定稿时的结果）',
    run: async (ctx, p) => {
      const r = await callOp(ctx, 'training.results', { classId: requireFlag(p, 'class', '培训班编号') });
      return { trainees: r.trainees.map((t) => ({ idNumber: t.idNumber, name: t.name, hours: t.hours, attendance: t.attendance, completed: t.completed, ...(t.completed ? {} : { reasons: t.reasons }) })) };
    },
    print: (r: { trainees: { idNumber: string; name: string; hours: number; attendance: number; completed: boolean; reasons?: string[] }[] }) =>
      r.trainees.length === 0
        ? '这个培训班还没有学员。'
        : renderTable(['证件号码', '姓名', '学时', '出勤率', '结业', '原因'], r.trainees.map((t) => [t.idNumber, t.name, t.hours, percent(t.attendance), t.completed ? '是' : '否', t.reasons?.join('；')])),
  }),
  opCommand({
    words: ['training', 'certificates'],
    usage: 'certdesk training certificates --class ID [--candidate IDNUMBER] [--title 培训合格证明|结业证书] --out FILE.pdf',
    summary: '打印培训合格证明或结业证书（每人一页，带可核验的签名二维码；只限已结业定稿的培训班中结业的学员）',
    op: 'training.proofs',
    args: (p) => ({
      classId: requireFlag(p, 'class', '培训班编号'),
      idNumber: flag(p, 'candidate'),
      title: choice(p, 'title', ['培训合格证明', '结业证书'] as const),
      out: path.resolve(requireFlag(p, 'out', '输出的 PDF 文件路径')),
    }),
    print: (r) => `已生成 ${r.pages} 页：${'path' in r ? r.path : r.name}（编号 ${r.numbers[0]}${r.numbers.length > 1 ? ` 至 ${r.numbers.at(-1)}` : ''}）`,
  }),
  opCommand({
    words: ['training', 'export'],
    usage: 'certdesk training export --class ID --out FILE.xlsx',
    summary: '导出培训班的学员名册和考勤表（一个工作簿两张表）',
    op: 'export.trainingClass',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号'), out: path.resolve(requireFlag(p, 'out', '输出的 .xlsx 文件路径')) }),
    print: (r) => `已导出：${'path' in r ? r.path : r.name}`,
  }),
  opCommand({
    words: ['training', 'report'],
    usage: 'certdesk training report (--class ID | --year YYYY)',
    summary: '按工作单位统计培训人数、学时和结业人数（一个培训班，或某年结业定稿的全部培训班）',
    op: 'training.byEmployer',
    args: (p) => ({ classId: flag(p, 'class'), year: flag(p, 'year') }),
    print: (r) => (r.employers.length === 0 ? '没有培训记录。' : renderTable(['工作单位', '参训人数', '学时', '结业人数'], r.employers.map((e) => [e.employer, e.trainees, e.hours, e.completed]))),
  }),
  opCommand({
    words: ['training', 'finalize'],
    usage: 'certdesk training finalize --class ID',
    summary: '结业定稿：按当时的考勤和成绩确定每名学员是否结业，之后培训班不能再修改（管理员）',
    op: 'training.finalize',
    args: (p) => ({ classId: requireFlag(p, 'class', '培训班编号') }),
    print: (r) => `已结业定稿：${classLine(r.class)}`,
  }),
];
