// The one contract: every operation the renderer, the HTTP server and the CLI can call.
// Each area declares its table in api/operations/<area>.ts, mirroring services/<area>/; this file
// merges them (a name declared twice stops the app at start-up).
import type { z } from 'zod';
import { mergeTables } from './op';
import { appOperations } from './operations/app';
import { settingsOperations } from './operations/settings';
import { occupationOperations } from './operations/occupations';
import { candidateOperations } from './operations/candidates';
import { sessionOperations } from './operations/sessions';
import { resultOperations } from './operations/results';
import { passRateOperations } from './operations/passrate';
import { certificateOperations } from './operations/certificates';
import { printingOperations } from './operations/printing';
import { spreadsheetOperations } from './operations/spreadsheets';
import { operatorOperations } from './operations/operators';
import { auditOperations } from './operations/audit';
import { backupOperations } from './operations/backup';
import { demoOperations } from './operations/demo';
import { eligibilityOperations } from './operations/eligibility';
import { trainingOperations } from './operations/training';
import { memberOperations } from './operations/members';
import { competitionOperations } from './operations/competitions';
import { exchangeOperations } from './operations/exchange';
import { lanOperations } from './operations/lan';

export const operations = mergeTables(
  appOperations,
  settingsOperations,
  occupationOperations,
  candidateOperations,
  sessionOperations,
  resultOperations,
  passRateOperations,
  certificateOperations,
  printingOperations,
  spreadsheetOperations,
  operatorOperations,
  auditOperations,
  backupOperations,
  demoOperations,
  eligibilityOperations,
  trainingOperations,
  memberOperations,
  competitionOperations,
  exchangeOperations,
  lanOperations,
);

export type Operations = typeof operations;
export type OpName = keyof Operations & string;
export type OpArgs<N extends OpName> = z.input<Operations[N]['input']>;
export type OpResult<N extends OpName> = Awaited<ReturnType<Operations[N]['run']>>;

export type RpcResponse<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** What every adapter gives the renderer: Electron's preload, the browser's fetch client. */
export interface Rpc {
  <N extends OpName>(name: N, args: OpArgs<N>): Promise<RpcResponse<OpResult<N>>>;
}
