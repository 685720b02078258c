// import roster / import scores (the fixed CLI contract of issue 2) and the export commands.
import path from 'node:path';
import type { CliCommand } from '../command';
import { requireFlag, requireWord } from '../command';
import type { ParsedArgs } from '../args';
import type { Ctx } from '../../services/shared/context';
import { dispatch } from '../../api/dispatch';
import { AppError } from '../../services/errors';
import type { ImportResult } from '../../services/spreadsheets/importResult';
import type { Rejection } from '../../services/spreadsheets/values';
import { renderTable } from '../table';

/** --map C=idNumber (repeatable): a column the header does not name, mapped by hand. */
function mappingFlags(p: ParsedArgs): Record<string, string> | undefined {
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

async function callOp(ctx: Ctx, name: string, args: unknown): Promise<unknown> {
  const res = await dispatch(ctx, name, args);
  if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.details);
  return res.data;
}

function importCommand(kind: 'roster' | 'scores', op: string, what: string): CliCommand {
  return {
    words: ['import', kind],
    usage: `certdesk import ${kind} FILE.xlsx --session ID [--dry-run] [--map 列=字段 …]`,
    summary: `导入${what}（--dry-run 只检查不写入；整份文件要么全部导入接受的行，要么都不导入）`,
    run: async (ctx, p, rest) => {
      const file = path.resolve(requireWord(rest, 0, `${what}文件路径`));
      const data = (await callOp(ctx, op, {
        sessionId: requireFlag(p, 'session', '批次编号'),
        file: { path: file },
        dryRun: p.flags.get('dry-run') === true,
        mapping: mappingFlags(p),
      })) as ImportResult<unknown>;
      // The CLI contract (issue 2) is exactly these three keys.
      return { imported: data.imported, updated: data.updated, rejected: data.rejected };
    },
    print: (d: { imported: number; updated: number; rejected: Rejection[] }) =>
      [
        `新导入 ${d.imported} 行，更新 ${d.updated} 行，退回 ${d.rejected.length} 行。`,
        d.rejected.length ? renderTable(['行', '列', '原因'], d.rejected.map((r) => [r.row, r.column, r.message])) : '',
      ]
        .filter(Boolean)
        .join('\n'),
  };
}

export const spreadsheetCommands: CliCommand[] = [importCommand('roster', 'roster.import', '报名花名册'), importCommand('scores', 'scores.import', '成绩单')];
