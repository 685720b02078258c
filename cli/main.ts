// certdesk: the command line over the same contract as the window.
import { parseArgs, type ParsedArgs } from './args';
import { commands } from './registry';
import type { CliCommand } from './command';
import type { DB } from '../db/database';
import { openDataFile } from '../services/backup/beforeMigrate';
import { resolveDatabasePath } from '../services/shared/paths';
import { dispatch } from '../api/dispatch';
import { AppError, toErrorBody, type ErrorBody } from '../services/errors';
import { cliOperator } from './operator';
import type { Ctx } from '../services/shared/context';
import { keepSigningKeysOut } from '../services/certificates/signing';

function findCommand(words: string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const c of commands) {
    if (c.words.length <= words.length && c.words.every((w, i) => words[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  return best ? { command: best, rest: words.slice(best.words.length) } : null;
}

function helpText(): string {
  const lines = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    'certdesk — 职业技能等级认定工作台（命令行）',
    '',
    '每个命令都可以加 --db FILE（数据文件）和 --json（输出一个 JSON 文档），写在命令前后都可以。',
    '',
    ...lines,
  ].join('\n');
}

function fail(p: ParsedArgs, error: ErrorBody, exitCode: number): number {
  if (p.flags.get('json') === true) process.stdout.write(`${JSON.stringify({ error })}\n`);
  else process.stderr.write(`错误（${error.code}）：${error.message}\n`);
  return exitCode;
}

export async function main(argv: readonly string[]): Promise<number> {
  const p = parseArgs(argv);
  const json = p.flags.get('json') === true;
  if (p.words.length === 0 || p.words[0] === 'help' || (p.flags.get('help') === true && p.words.length === 0)) {
    process.stdout.write(`${helpText()}\n`);
    return p.words.length === 0 && p.flags.get('help') !== true ? 2 : 0;
  }
  const found = findCommand(p.words);
  if (!found) {
    return fail(p, { code: 'USAGE', message: `不认识的命令「${p.words.join(' ')}」。运行 certdesk help 查看全部命令。` }, 2);
  }
  const { command, rest } = found;
  if (p.flags.get('help') === true) {
    process.stdout.write(`${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  const dbFlag = p.flags.get('db');
  if (dbFlag === true) return fail(p, { code: 'USAGE', message: '--db 后面需要跟数据文件的路径。' }, 2);
  const file = resolveDatabasePath(dbFlag);
  let db: DB | null = null;
  try {
    if (!command.noDatabase) db = openDataFile(file);
    const ctx: Ctx = { db: db as DB, operator: cliOperator(), caller: 'cli' };
    if (db) keepSigningKeysOut(ctx);
    let data: unknown;
    if (command.run) {
      data = await command.run(ctx, p, rest);
    } else {
      const args = command.args!(p, rest);
      const res = await dispatch(ctx, command.op!, args);
      if (!res.ok) return fail(p, res.error, 1);
      data = res.data;
    }
    if (json) process.stdout.write(`${JSON.stringify(data)}\n`);
    else if (command.print) process.stdout.write(`${command.print(data as never)}\n`);
    else process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  } catch (e) {
    const body = toErrorBody(e);
    return fail(p, body, e instanceof AppError && e.code === 'USAGE' ? 2 : 1);
  } finally {
    db?.close();
  }
}
