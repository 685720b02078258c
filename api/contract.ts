// The one contract: every operation the renderer, the HTTP server and the CLI can call.
// Each area declares its table in api/operations/<area>.ts; this file merges them.
import type { z } from 'zod';
import { coreOperations } from './operations/core';
import { certificateOperations } from './operations/certificates';
import { trustOperations } from './operations/trust';
import { spreadsheetOperations } from './operations/spreadsheets';
import { deskOperations } from './operations/desk';
import { demoOperations } from './operations/demo';

export const operations = {
  ...coreOperations,
  ...certificateOperations,
  ...trustOperations,
  ...spreadsheetOperations,
  ...deskOperations,
  ...demoOperations,
};

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpArgs<N extends OpName> = z.input<Operations[N]['input']>;
export type OpResult<N extends OpName> = Awaited<ReturnType<Operations[N]['run']>>;

export type RpcResponse<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** What every adapter gives the renderer: Electron's preload, the browser's fetch client. */
export interface Rpc {
  <N extends OpName>(name: N, args: OpArgs<N>): Promise<RpcResponse<OpResult<N>>>;
}
