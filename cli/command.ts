// How a CLI command is declared: its words, usage line, the operation it calls, and how it prints.
import type { ParsedArgs } from './args';
import type { Ctx } from '../services/shared/context';
import { AppError } from '../services/errors';
import { dispatch } from '../api/dispatch';
import type { OpArgs, OpName, OpResult } from '../api/contract';

interface Described {
  /** The command words, e.g. ['session', 'create']. */
  words: string[];
  usage: string;
  summary: string;
}

/** A command that is one operation of the contract: its arguments and its printout are typed by it. */
export interface OpCommand<N extends OpName> extends Described {
  op: N;
  args: (p: ParsedArgs, rest: string[]) => OpArgs<N>;
  /** Readable Chinese output; --json prints the result as it is. */
  print?: (data: OpResult<N>) => string;
}

/** A command with a handler of its own (several operations, a file written here, the server). */
export interface RunCommand<T> extends Described {
  run: (ctx: Ctx, p: ParsedArgs, rest: string[]) => T | Promise<T>;
  /** Does not open the database (serve opens it itself). */
  noDatabase?: boolean;
  print?: (data: Awaited<T>) => string;
}

/** Every command as the registry keeps it, its types checked where it was declared. */
export interface CliCommand extends Described {
  op?: OpName;
  args?: (p: ParsedArgs, rest: string[]) => unknown;
  run?: (ctx: Ctx, p: ParsedArgs, rest: string[]) => unknown;
  noDatabase?: boolean;
  print?: (data: never) => string;
}

export function opCommand<N extends OpName>(command: OpCommand<N>): CliCommand {
  return command as CliCommand;
}

export function runCommand<T>(command: RunCommand<T>): CliCommand {
  return command as CliCommand;
}

/**
 * One operation through the dispatcher, from a command's own handler: its result typed by the
 * contract, a refusal thrown with its code, message and details kept (the CLI prints them).
 */
export async function callOp<N extends OpName>(ctx: Ctx, name: N, args: OpArgs<N>): Promise<OpResult<N>> {
  const res = await dispatch(ctx, name, args);
  if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.details);
  return res.data as OpResult<N>;
}

export function flag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  if (v === true) throw new AppError('USAGE', `--${name} 后面需要跟一个值。`);
  return v;
}

/** A flag whose value must be one of a few words; absent gives undefined. */
export function choice<T extends string>(p: ParsedArgs, name: string, allowed: readonly T[]): T | undefined {
  const v = flag(p, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new AppError('USAGE', `--${name} 只能是 ${allowed.join('、')}，现在是「${v}」。`);
  return v as T;
}

export function requireChoice<T extends string>(p: ParsedArgs, name: string, allowed: readonly T[], what: string): T {
  const v = choice(p, name, allowed);
  if (v === undefined) throw new AppError('USAGE', `缺少 --${name}（${what}）。`);
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
