// 资格审核花名册: everyone enrolled in a session with the history their 申报条件 rest on and the
// clause each meets, or why they meet none, as of the exam date (docs/eligibility.md) — the sheet
// an officer signs and files under 「谁评价、谁发证、谁负责」.
import type { Ctx } from '../../shared/context';
import { getSession } from '../../sessions/sessions';
import { checkCandidate, clausesFor, historyOf } from '../../eligibility/eligibility';
import { exportContext, openExport } from './scope';
import type { ExportFile } from './output';
import { SEQ_COLUMN, textColumns, writeReportSheet } from './reportSheet';
import { LEVEL_LABELS, LEVEL_SHORT } from '../../vocabulary/words';

const SIGNATURES = '审核人：　　　　　　　复核人：　　　　　　　日期：　　　　年　　月　　日';

export async function exportEligibilityRoster(ctx: Ctx, sessionId: number, out?: string): Promise<ExportFile> {
  const session = getSession(ctx, sessionId);
  const clauses = clausesFor(ctx, session.occupationId, session.level);
  const x = exportContext(ctx, { sessionId });
  const { workbook, finish } = openExport(ctx, x, out, '资格审核花名册');
  const people = ctx.db
    .prepare(
      `SELECT c.id, c.name, c.gender, c.id_number AS idNumber, emp.name AS employer, c.education, c.graduation_date AS graduationDate, c.work_start_date AS workStartDate
       FROM enrolments e JOIN candidates c ON c.id = e.candidate_id LEFT JOIN employers emp ON emp.id = e.employer_id
       WHERE e.session_id = ? ORDER BY e.admission_number`,
    )
    .all(sessionId) as { id: number; name: string; gender: string | null; idNumber: string; employer: string | null; education: string | null; graduationDate: string | null; workStartDate: string | null }[];
  const codes = new Map((ctx.db.prepare('SELECT code, name FROM occupations').all() as { code: string; name: string }[]).map((o) => [o.code, o.name]));
  writeReportSheet(workbook, {
    name: '资格审核花名册',
    title: `${session.name}资格审核花名册`,
    ...x.heading,
    scope: `${x.heading.scope}；申报等级 ${LEVEL_LABELS[session.level]}，按考试日期 ${session.examDate} 审核${clauses.length ? '' : '（本等级未设置申报条件）'}`,
    columns: [SEQ_COLUMN, ...textColumns('姓名', '性别', '证件号码', '工作单位', '文化程度', '毕业时间', '参加工作时间', '已取得证书', '审核结果', '符合的申报条件 / 不符合的原因')],
    rows: people.map((p, i) => {
      const v = checkCandidate(ctx, session, p.id, clauses);
      const held = historyOf(ctx, p.id)
        .certificates.map((c) => `${(c.occupationCode && codes.get(c.occupationCode)) ?? '其他职业'}${LEVEL_SHORT[c.level]}（${c.date}）`)
        .join('；');
      return {
        values: [i + 1, p.name, p.gender, p.idNumber, p.employer, p.education, p.graduationDate, p.workStartDate, held || null, v.eligible ? '符合' : '不符合', v.eligible ? (v.clause ?? '未设置申报条件') : v.reasons.join('；')],
      };
    }),
    notes: [SIGNATURES],
  });
  return finish();
}
