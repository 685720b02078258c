// What a class hands over on paper (docs/training.md § Exports): the 学员名册 with each trainee's
// 学时, 出勤率 and 结业, beside the 考勤表 (one column per 课次), in one workbook; and the figures by
// employer (trainees, 学时, completions) for a class or a year.
import type { Ctx } from '../shared/context';
import { getSetting } from '../settings/settings';
import { todayIso } from '../shared/dates';
import { openWorkbook, type ExportFile } from '../spreadsheets/export/output';
import { SEQ_COLUMN, textColumns, writeReportSheet, type ReportColumn } from '../spreadsheets/export/reportSheet';
import { aliasMap } from '../members/members';
import { classResults, classSheet } from './classes';
import { STATUS_LABELS } from './completion';

export async function exportClassWorkbook(ctx: Ctx, classId: number, out?: string): Promise<ExportFile> {
  const sheet = classSheet(ctx, classId);
  const c = sheet.class;
  const institution = getSetting(ctx, 'institution.name');
  const { workbook, finish } = openWorkbook(ctx, out, `培训班名册_${c.name}`, institution || 'CertDesk');
  const scope = `培训班：${c.name}　${c.from} 至 ${c.to}${c.place ? `　地点：${c.place}` : c.online ? '　线上' : ''}${c.status === 'finalized' ? '　已结业定稿' : '　（未结业，结果为当前计算）'}`;
  const heading = { institution, scope, date: todayIso() };
  writeReportSheet(workbook, {
    name: '学员名册',
    title: `${c.name}学员名册`,
    ...heading,
    columns: [SEQ_COLUMN, ...textColumns('姓名', '证件号码', '工作单位'), { header: '学时', kind: 'score' }, { header: '出勤率', kind: 'percent' }, { header: '结业考核', kind: 'score' }, ...textColumns('是否结业', '证书编号', '未结业原因')],
    rows: sheet.trainees.map((t, i) => ({ values: [i + 1, t.name, t.idNumber, t.employer, t.hours, t.attendance, t.examScore, t.completed ? '结业' : '未结业', t.certificateNumber, t.reasons.join('；') || null] })),
    notes: [`结业条件：${[c.rule.minAttendancePercent !== null ? `出勤率不低于 ${c.rule.minAttendancePercent}%` : '', c.rule.minHours !== null ? `学时不少于 ${c.rule.minHours}` : '', c.rule.examPassMark !== null ? `结业考核不低于 ${c.rule.examPassMark} 分` : ''].filter(Boolean).join('，') || '无'}。迟到计出勤，请假不计学时。`],
  });
  const lessonColumns: ReportColumn[] = sheet.lessons.map((l) => ({ header: `${l.date.slice(5)}（${l.hours}学时）`, kind: 'text', group: '课次' }));
  writeReportSheet(workbook, {
    name: '考勤表',
    title: `${c.name}考勤表`,
    ...heading,
    columns: [SEQ_COLUMN, ...textColumns('姓名', '证件号码'), ...lessonColumns, { header: '合计学时', kind: 'score' }],
    rows: sheet.trainees.map((t, i) => ({
      values: [
        i + 1,
        t.name,
        t.idNumber,
        ...sheet.lessons.map((l) => {
          const m = t.marks[l.id];
          if (!m) return null;
          return m.status ? STATUS_LABELS[m.status] : `${m.hours}学时${m.minutes !== null ? `（${m.minutes}分钟）` : ''}`;
        }),
        t.hours,
      ],
    })),
    notes: ['出勤、迟到计该课次全部学时；缺勤、请假不计；线上学习按平台导出的分钟数折算（45 分钟为 1 学时），不超过该课次学时。'],
  });
  return finish();
}

export interface EmployerTraining {
  employer: string;
  trainees: number;
  hours: number;
  completed: number;
}

/**
 * Trainees, 学时 and completions by employer: of one class (live while open), or of the classes
 * finalized in a year. A name merged into another (会员单位 更名) counts as that one.
 */
export function trainingByEmployer(ctx: Ctx, scope: { classId?: number; year?: string }): { employers: EmployerTraining[] } {
  const aliases = aliasMap(ctx);
  const names = new Map((ctx.db.prepare('SELECT id, name FROM employers').all() as { id: number; name: string }[]).map((e) => [e.id, e.name]));
  const rows: { employerId: number | null; hoursTenths: number; completed: boolean }[] = [];
  if (scope.classId !== undefined) {
    const results = classResults(ctx, scope.classId).trainees;
    const employerOf = new Map(
      (ctx.db.prepare('SELECT c.id_number AS idNumber, t.employer_id AS employerId FROM training_trainees t JOIN candidates c ON c.id = t.candidate_id WHERE t.class_id = ?').all(scope.classId) as { idNumber: string; employerId: number | null }[]).map((r) => [r.idNumber, r.employerId]),
    );
    for (const t of results) rows.push({ employerId: employerOf.get(t.idNumber) ?? null, hoursTenths: Math.round(t.hours * 10), completed: t.completed });
  } else {
    const year = scope.year ?? todayIso().slice(0, 4);
    const frozen = ctx.db
      .prepare(
        `SELECT t.employer_id AS employerId, t.hours_tenths AS hoursTenths, t.completed FROM training_trainees t JOIN training_classes tc ON tc.id = t.class_id
         WHERE tc.status = 'finalized' AND tc.end_date BETWEEN ? AND ?`,
      )
      .all(`${year}-01-01`, `${year}-12-31`) as { employerId: number | null; hoursTenths: number; completed: number }[];
    for (const r of frozen) rows.push({ employerId: r.employerId, hoursTenths: r.hoursTenths, completed: r.completed === 1 });
  }
  const by = new Map<string, { trainees: number; tenths: number; completed: number }>();
  for (const r of rows) {
    const id = r.employerId === null ? null : (aliases.get(r.employerId) ?? r.employerId);
    const name = id === null ? '（未填单位）' : names.get(id)!;
    const f = by.get(name) ?? { trainees: 0, tenths: 0, completed: 0 };
    f.trainees++;
    f.tenths += r.hoursTenths;
    if (r.completed) f.completed++;
    by.set(name, f);
  }
  return {
    employers: [...by.entries()]
      .map(([employer, f]) => ({ employer, trainees: f.trainees, hours: f.tenths / 10, completed: f.completed }))
      .sort((a, b) => b.trainees - a.trainees || a.employer.localeCompare(b.employer, 'zh-CN')),
  };
}
