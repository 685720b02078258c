// What an export covers — one session, a period of exam dates, or everything — and the words
// printed under its title.
import type { Ctx } from '../../shared/context';
import { getSession } from '../../sessions/sessions';
import { getSetting } from '../../settings/settings';
import { todayIso } from '../../shared/dates';
import type { PassRateFilter } from '../../passrate/breakdown';
import { openWorkbook, type OpenWorkbook } from './output';

export interface ExportScope {
  sessionId?: number;
  /** Exam dates (or, for certificate lists, issue dates), inclusive. */
  from?: string;
  to?: string;
}

export interface ExportContext {
  /** What every sheet prints under its title: the evaluation body, the scope, today's date. */
  heading: { institution: string; scope: string; date: string };
  /** For file names: 「2024年上半年物业管理师…」 or 「2024-01-01至2024-06-30」. */
  scopeName: string;
}

export function exportContext(ctx: Ctx, scope: ExportScope, dateWord = '考试日期'): ExportContext {
  const institution = getSetting(ctx, 'institution.name');
  const date = todayIso();
  if (scope.sessionId !== undefined) {
    const s = getSession(ctx, scope.sessionId);
    // The venue (考点) beside the session's name: a list handed to an exam room must say which room.
    const where = s.venue ? `　考点：${s.venue}` : '';
    return { heading: { institution, date, scope: `认定批次：${s.name}　考试日期：${s.examDate}${where}` }, scopeName: s.name };
  }
  if (scope.from || scope.to) {
    const range = `${scope.from ?? '最早'} 至 ${scope.to ?? '今'}`;
    return { heading: { institution, date, scope: `${dateWord}：${range}` }, scopeName: range.replace(/\s/g, '') };
  }
  return { heading: { institution, date, scope: '范围：全部批次' }, scopeName: '全部' };
}

/** The export's workbook, named 「报名花名册_<scope>.xlsx」 when it goes back as a download. */
export function openExport(ctx: Ctx, x: ExportContext, out: string | undefined, baseName: string): OpenWorkbook {
  return openWorkbook(ctx, out, `${baseName}_${x.scopeName}`, x.heading.institution || 'CertDesk');
}

export function passRateFilter(scope: ExportScope): PassRateFilter {
  return { sessionId: scope.sessionId, from: scope.from, to: scope.to };
}

/** The WHERE clause for queries over sessions (alias s), matching passRateFilter. */
export function sessionWhere(scope: ExportScope): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (scope.sessionId !== undefined) (where.push('s.id = ?'), args.push(scope.sessionId));
  if (scope.from) (where.push('s.exam_date >= ?'), args.push(scope.from));
  if (scope.to) (where.push('s.exam_date <= ?'), args.push(scope.to));
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}
