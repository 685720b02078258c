// Spreadsheet imports (花名册, 成绩单) with preview, and the exports officers hand upward.
import { z } from 'zod';
import { command, FileArg, Id, query } from '../op';
import { fieldChoices } from '../../services/spreadsheets/importResult';
import { importProgress } from '../../services/spreadsheets/progress';
import { CERTIFICATE_FIELDS, ROSTER_FIELDS, SCORE_FIELDS } from '../../services/spreadsheets/fields';

// exceljs and the workbook code load on first use, so commands that touch no spreadsheet start fast.
const importJob = () => import('../../services/spreadsheets/importJob');
const roster = () => import('../../services/spreadsheets/roster');
const scores = () => import('../../services/spreadsheets/scores');
const passRateWorkbook = () => import('../../services/spreadsheets/export/passRateWorkbook');
const sessionSheets = () => import('../../services/spreadsheets/export/sessionSheets');
const certificateLists = () => import('../../services/spreadsheets/export/certificateLists');
const rejectedRows = () => import('../../services/spreadsheets/rejectedRows');
const eligibilityRoster = () => import('../../services/spreadsheets/export/eligibilityRoster');
import { isIsoDate } from '../../services/shared/dates';

/** Column letter → field key; '' leaves the column out. */
const Mapping = z.record(z.string().regex(/^[A-Za-z]{1,3}$/), z.string());

/** The sheet the officer picked by name; without it the first whose header fits is read. */
export const SheetChoice = {
  sheet: z.string().min(1).max(200).optional(),
  /** Rows hidden in Excel are read too. */
  includeHidden: z.boolean().optional(),
};

const ImportArgs = z.object({
  sessionId: Id,
  file: FileArg,
  dryRun: z.boolean().optional(),
  mapping: Mapping.optional(),
  ...SheetChoice,
  /** Any id the window picks, to ask spreadsheets.progress while the file is read. */
  progressId: z.string().max(100).optional(),
});

/** The refusals of an import (its `rejected`), with the file they came from. */
const RejectedArgs = z.object({
  file: FileArg,
  rejected: z.array(z.object({ row: z.number().int().positive(), column: z.string(), message: z.string() })).min(1).max(200_000),
  mapping: Mapping.optional(),
  sheet: SheetChoice.sheet,
  out: z.string().min(1).optional(),
});

const IsoDate = z.string().refine(isIsoDate, '日期应写成 YYYY-MM-DD，如 2024-06-30');

/** Where the export goes: a path (CLI, Electron's save dialog); without one, the bytes come back for a download. */
const Out = { out: z.string().min(1).optional() };

/** One session, a period, or (neither) everything. */
const Scope = z.object({ sessionId: Id.optional(), from: IsoDate.optional(), to: IsoDate.optional(), ...Out });

const SessionExport = z.object({ sessionId: Id, blank: z.boolean().optional(), ...Out });

export const spreadsheetOperations = {
  'roster.import': command({ title: '导入报名花名册', backup: 'import' }, ImportArgs, async (ctx, a) => (await importJob()).importOffThread(ctx, 'roster', a) as ReturnType<Awaited<ReturnType<typeof roster>>['importRoster']>),
  'scores.import': command({ title: '导入成绩单', backup: 'import' }, ImportArgs, async (ctx, a) => (await importJob()).importOffThread(ctx, 'scores', a) as ReturnType<Awaited<ReturnType<typeof scores>>['importScores']>),
  /** 导出被拒绝的行: a roster's refused rows, its own columns and a 原因 column, to send back to the employer. */
  'roster.rejected': command({ title: '导出被拒绝的行' }, RejectedArgs, async (ctx, a) =>
    (await rejectedRows()).rejectedRowsWorkbook(ctx, a.file, a.rejected, { mapping: a.mapping, sheet: a.sheet, out: a.out }),
  ),
  'spreadsheets.progress': query({ title: '查看导入进度' }, z.object({ progressId: z.string() }), (_ctx, a) => importProgress(a.progressId)),
  /** The fields each import knows, for the window's hand-mapping menu. */
  'spreadsheets.fields': query(
    { title: '查看可导入的字段' },
    z.object({ kind: z.enum(['roster', 'scores', 'certificates', 'trainingAttendance', 'trainingTrainees']) }),
    async (_ctx, a) =>
      fieldChoices(
        a.kind === 'roster'
          ? ROSTER_FIELDS
          : a.kind === 'scores'
            ? SCORE_FIELDS
            : a.kind === 'certificates'
              ? CERTIFICATE_FIELDS
              : a.kind === 'trainingAttendance'
                ? (await import('../../services/training/attendanceImport')).ATTENDANCE_FIELDS
                : (await import('../../services/training/rosterImport')).TRAINEE_FIELDS,
      ),
  ),

  'export.passRate': command({ title: '导出合格率统计表' }, Scope, async (ctx, { out, ...scope }) => (await passRateWorkbook()).exportPassRateWorkbook(ctx, scope, out)),
  /** 报名花名册 of a session; blank: the empty template the roster import accepts. */
  'export.roster': command({ title: '导出报名花名册' }, SessionExport, async (ctx, a) => (await sessionSheets()).exportRoster(ctx, a.sessionId, a.out, { blank: a.blank })),
  /** 成绩单 of a session; blank: the enrolled candidates with empty score cells, for the exam site. */
  'export.scores': command({ title: '导出成绩单' }, SessionExport, async (ctx, a) => (await sessionSheets()).exportScoreSheet(ctx, a.sessionId, a.out, { blank: a.blank })),
  /** 资格审核花名册: each person's history and the 申报条件 clause they meet, or why none, as of the exam date. */
  'export.eligibility': command({ title: '导出资格审核花名册' }, z.object({ sessionId: Id, ...Out }), async (ctx, a) => (await eligibilityRoster()).exportEligibilityRoster(ctx, a.sessionId, a.out)),
  'export.passed': command({ title: '导出合格人员名单' }, Scope, async (ctx, { out, ...scope }) => (await sessionSheets()).exportPassedList(ctx, scope, out)),
  'export.issueList': command({ title: '导出证书发放清单' }, Scope, async (ctx, { out, ...scope }) => (await certificateLists()).exportIssueList(ctx, scope, out)),
  'export.report': command({ title: '导出数据上报表' }, Scope.extend({ format: z.enum(['xlsx', 'csv']).optional() }), async (ctx, { out, format, ...scope }) =>
    (await certificateLists()).exportAuthorityReport(ctx, scope, out, format),
  ),
};
