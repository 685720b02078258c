// How a CLI command is declared: its words, usage line, the operation it calls, and how it prints.
import type { ParsedArgs } from './args';
import type { Ctx } from '../services/shared/context';
import { AppError } from '../services/errors';

export interface CliCommand {
  /** The command words, e.g. ['session', 'create']. */
  words: string[];
  usage: string;
  summary: string;
  /** The contract operation to call, with the arguments built from the command line... */
  op?: string;
  args?: (p: ParsedArgs, rest: string[]) => unknown;
  /** ...or a handler of its own (init, serve, verify). */
  run?: (ctx: Ctx, p: ParsedArgs, rest: string[]) => unknown | Promise<unknown>;
  /** Does not open the database (serve opens it itself). */
  noDatabase?: boolean;
  /** Readable Chinese output; JSON is printed as it is. */
  print?: (data: never) => string;
}

export function flag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  if (v === true) throw new AppError('USAGE', `--${name} 后面需要跟一个值。`);
  return v;
}

export function requireFlag(p: ParsedArgs, name: string, what: string): string {
  const v = flag(p, name);
  if (v === undefined || v === '') throw new AppError('USAGE', `缺少 --${name}（${what}）。`);
  return v;
}

export function requireWord(rest: string[], index: number, what: string): string {
  const v = rest[index];
  if (v === undefined) throw new AppError('USAGE', `缺少${what}。`);
  return v;
}
