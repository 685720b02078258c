// One operation of the contract: its argument schema (checked at the boundary) and its handler.
import { z } from 'zod';
import type { Ctx } from '../services/shared/context';

export interface Operation<S extends z.ZodType = z.ZodType, R = unknown> {
  input: S;
  run(ctx: Ctx, args: z.output<S>): R | Promise<R>;
  /** Writes data (HTTP requires POST and the CLI prints a confirmation). */
  writes?: boolean;
}

export function query<S extends z.ZodType, R>(input: S, run: (ctx: Ctx, args: z.output<S>) => R | Promise<R>): Operation<S, R> {
  return { input, run, writes: false };
}

export function command<S extends z.ZodType, R>(input: S, run: (ctx: Ctx, args: z.output<S>) => R | Promise<R>): Operation<S, R> {
  return { input, run, writes: true };
}

/** A file handed to an operation: a path (CLI, Electron) or its bytes (a browser upload). */
export const FileArg = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ name: z.string(), base64: z.string() }),
]);
export type FileArg = z.infer<typeof FileArg>;

export const Id = z.coerce.number().int().positive();
