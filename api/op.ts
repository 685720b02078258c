// One operation of the contract: its argument schema (checked at the boundary), its handler, and
// its policy — everything an adapter needs to know about it, declared where it is defined. The
// dispatcher, the HTTP server, Electron IPC and the CLI read the policy; none keeps a list of names.
import { z } from 'zod';
import type { Ctx } from '../services/shared/context';
import type { BackupReason } from '../services/backup/backup';
import { mergeByName, type Merged } from '../services/shared/merge';

/**
 * Who may call an operation: anyone (before logging in: enough to show the first-run and login
 * screens), any logged-in operator including 裁判 ('judge': a judge's own score entry, which then
 * checks the judge is assigned to that event: services/operators/judges.ts), 录入员 and 管理员
 * ('operator', the default), or administrators only. The command line acts as the OS account that
 * owns the data file, which may do everything.
 */
export type Access = 'public' | 'judge' | 'operator' | 'admin';

export interface Policy {
  /** What it does, in the officer's words: named in refusals («作废证书需要管理员账号»). */
  title: string;
  access: Access;
  /** Writes data: over HTTP only as a JSON POST, and it counts as the day's first write. */
  writes: boolean;
  /**
   * An automatic backup before it runs: the reason for a risky write (skipped for a dry run),
   * or 'none' for a write that takes its own copy or must not wait for the day's (logging in).
   * Any other write takes the day's first backup.
   */
  backup?: Exclude<BackupReason, 'manual' | 'before-restore' | 'daily'> | 'none';
  /** Opens a login session (its result carries `session`), or closes the caller's. */
  login?: 'opens' | 'closes';
}

export interface Operation<S extends z.ZodType = z.ZodType, R = unknown> extends Policy {
  input: S;
  run(ctx: Ctx, args: z.output<S>): R | Promise<R>;
}

type Declared = Pick<Policy, 'title'> & Partial<Omit<Policy, 'title' | 'writes'>>;

/** Reads only. Any logged-in operator unless it says otherwise. */
export function query<S extends z.ZodType, R>(policy: Declared, input: S, run: (ctx: Ctx, args: z.output<S>) => R | Promise<R>): Operation<S, R> {
  return { access: 'operator', ...policy, writes: false, input, run };
}

/** Writes. Any logged-in operator unless it says otherwise. */
export function command<S extends z.ZodType, R>(policy: Declared, input: S, run: (ctx: Ctx, args: z.output<S>) => R | Promise<R>): Operation<S, R> {
  return { access: 'operator', ...policy, writes: true, input, run };
}

/** One contract from the areas' tables; a name declared twice stops the app at start-up. */
export function mergeTables<T extends readonly Record<string, Operation>[]>(...tables: T): Merged<T> {
  return mergeByName('操作', ...tables);
}

/** A file handed to an operation: a path (CLI, Electron) or its bytes (a browser upload). */
export const FileArg = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ name: z.string(), base64: z.string() }),
]);
export type FileArg = z.infer<typeof FileArg>;

export const Id = z.coerce.number().int().positive();

/** The empty argument object most queries take. */
export const NoArgs = z.object({}).default({});
