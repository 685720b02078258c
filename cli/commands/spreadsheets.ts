// import roster / import scores (docs/cli.md § Spreadsheets) and the export commands.
import fs from 'node:fs';
import path from 'node:path';
import { callOp, choice, type CliCommand, flag, requireFlag, requireWord, runCommand } from '../command';
import type { ParsedArgs } from '../args';
import type { Ctx } from '../../services/shared/context';
import type { OpArgs } from '../../api/contract';
import { AppError } from '../../services/errors';
import type { ImportResult } from '../../services/spreadsheets/importResult';
import type { Rejection } from '../../services/spreadsheets/values';
import { renderTable } from '../table';

/** --map C=idNumber (repeatable): a column the header does not name, mapped by hand. */
export function mappingFlags(p: ParsedArgs): Record<string, string> | undefined {
  const list = p.lists.get('map');
  if (!list?.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const m = /^([A-Za-z]{1,3})=(\w*)$/.exec(item.trim());
    if (!m) throw new AppError('USAGE', `--map ${item} 看不懂，应写成「列字母=字段」，如 --map C=idNumber。`);
    out[m[1]!.toUpperCase()] = m[2]!;
  }
  return out;
}

/** --sheet NAME and --include-hidden, as every import takes them. */
export function sheetFlags(p: ParsedArgs): { sheet: string | undefined; includeHidden: boolean } {
  return { sheet: flag(p, 'sheet'), includeHidden: p.flags.get('include-hidden') === true };
}

/**
 * Said beside an import's result, which stays exactly its three keys: which sheet was read when
 * there was a choice, and the rows hidden in Excel that were left out.
 */
export function sayWhichRows(data: Pick<ImportResult<unknown>, 'sheet' | 'sheets' | 'hiddenRows'>): void {
  if (data.sheets.length > 1) process.stderr.write(`读取的工作表：「${data.sheet}」（共 ${data.sheets.length} 张：${data.sheets.join('、')}；可用 --sheet 指定）\n`);
  if (data.hiddenRows.length > 0) process.stderr.write(`隐藏的 ${data.hiddenRows.length} 行没有导入（第 ${data.hiddenRows.slice(0, 10).join('、')}${data.hiddenRows.length > 10 ? ' …' : ''} 行）；要一并导入请加 --include-hidden\n`);
}

function importCommand(kind: 'roster' | 'scores', op: 'roster.import' | 'scores.import', what: string): CliCommand {
  const rejectedOut = kind === 'roster';
  return runCommand({
    words: ['import', kind],
    usage: `certdesk import ${kind} FILE.xlsx --session ID [--dry-run] [--map 列=字段 …] [--sheet 工作表名] [--include-hidden]${rejectedOut ? ' [--rejected-out FILE.xlsx]' : ''}`,
    summary: `导入${what}（--dry-run 只检查不写入；整份文件要么全部导入接受的行，要么都不导入；--sheet 指定读哪张工作表；--include-hidden 连同 Excel 中隐藏的行一起导入${rejectedOut ? '；--rejected-out 把被拒绝的行连同原因另存，退给报名单位' : ''}）`,
    run: async (ctx, p, rest) => {
      const file = path.resolve(requireWord(rest, 0, `${what}文件路径`));
      const mapping = mappingFlags(p);
      const data: ImportResult<unknown> = await callOp(ctx, op, {
        sessionId: requireFlag(p, 'session', '批次编号'),
        file: { path: file },
        dryRun: p.flags.get('dry-run') === true,
        mapping,
        ...sheetFlags(p),
      });
      sayWhichRows(data);
      const out = rejectedOut ? flag(p, 'rejected-out') : undefined;
      if (out && data.rejected.length > 0) {
        const saved = (await callOp(ctx, 'roster.rejected', { file: { path: file }, rejected: data.rejected, mapping, sheet: data.sheet, out: path.resolve(out) })) as { path: string };
        // Said beside the result, which stays exactly its three keys.
        process.stderr.write(`被拒绝的 ${data.rejected.length} 行已另存：${saved.path}\n`);
      }
      // The printed result is exactly these three keys (docs/cli.md § Spreadsheets): scripts rely on it.
      return { imported: data.imported, updated: data.updated, rejected: data.rejected };
    },
    print: (d: { imported: number; updated: number; rejected: Rejection[] }) =>
      [
        `新导入 ${d.imported} 行，更新 ${d.updated} 行，退回 ${d.rejected.length} 行。`,
        d.rejected.length ? renderTable(['行', '列', '原因'], d.rejected.map((r) => [r.row, r.column, r.message])) : '',
      ]
        .filter(Boolean)
        .join('\n'),
  });
}

/** --session ID, or --from/--to exam (issue) dates, or neither for everything. */
function scopeFlags(p: ParsedArgs): Record<string, string | undefined> {
  return { sessionId: flag(p, 'session'), from: flag(p, 'from'), to: flag(p, 'to') };
}

/** Without --out the file goes to the current folder under the export's own name. */
type ExportOp = 'export.passRate' | 'export.roster' | 'export.eligibility' | 'export.scores' | 'export.passed' | 'export.issueList' | 'export.report';

async function exportTo<N extends ExportOp>(ctx: Ctx, p: ParsedArgs, op: N, args: OpArgs<N>): Promise<{ path: string }> {
  const out = flag(p, 'out');
  const data: { path: string } | { name: string; base64: string } = await callOp(ctx, op, { ...args, ...(out ? { out } : {}) });
  if ('path' in data) return data;
  const file = path.resolve(data.name);
  fs.writeFileSync(file, Buffer.from(data.base64, 'base64'));
  return { path: file };
}

function exportCommand<N extends ExportOp>(words: string[], usage: string, summary: string, op: N, args: (p: ParsedArgs) => OpArgs<N>): CliCommand {
  return runCommand({
    words: ['export', ...words],
    usage: `certdesk export ${words.join(' ')} ${usage} [--out FILE]`.replace(/\s+/g, ' '),
    summary,
    run: (ctx, p) => exportTo(ctx, p, op, args(p)),
    print: (d: { path: string }) => `已导出：${d.path}`,
  });
}

const SCOPE_USAGE = '[--session ID | --from YYYY-MM-DD --to YYYY-MM-DD]';

export const spreadsheetCommands: CliCommand[] = [
  importCommand('roster', 'roster.import', '报名花名册'),
  importCommand('scores', 'scores.import', '成绩单'),
  exportCommand(['passrate'], SCOPE_USAGE, '导出合格率统计工作簿（汇总、按单位、按月/季/年、一次通过率、成绩明细）', 'export.passRate', scopeFlags),
  exportCommand(['roster'], '--session ID', '导出一个批次的报名花名册', 'export.roster', (p) => ({ sessionId: requireFlag(p, 'session', '批次编号') })),
  exportCommand(['eligibility'], '--session ID', '导出资格审核花名册：每人的工作年限、学历、已取得证书和符合的申报条件', 'export.eligibility', (p) => ({ sessionId: requireFlag(p, 'session', '批次编号') })),
  exportCommand(['scores'], '--session ID', '导出一个批次的成绩单（考核成绩合并表头，缺考/违纪写成文字）', 'export.scores', (p) => ({ sessionId: requireFlag(p, 'session', '批次编号') })),
  exportCommand(['passed'], SCOPE_USAGE, '导出合格人员名单', 'export.passed', scopeFlags),
  exportCommand(['issue-list'], '[--session ID | --from 发证日期 --to 发证日期]', '导出证书发放清单', 'export.issueList', scopeFlags),
  exportCommand(['report'], '[--session ID | --from 发证日期 --to 发证日期] [--format xlsx|csv]', '导出数据上报表（含按职业、工种、等级的汇总）', 'export.report', (p) => ({
    ...scopeFlags(p),
    format: choice(p, 'format', ['xlsx', 'csv'] as const),
  })),
  exportCommand(['template', 'roster'], '--session ID', '导出空白报名花名册模板（填好后可直接导入）', 'export.roster', (p) => ({ sessionId: requireFlag(p, 'session', '批次编号'), blank: true })),
  exportCommand(['template', 'scores'], '--session ID', '导出成绩单模板（列出本批次考生，成绩留空）', 'export.scores', (p) => ({ sessionId: requireFlag(p, 'session', '批次编号'), blank: true })),
];
