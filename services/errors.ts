// Errors are values with a code and a Chinese message an officer can act on.
import { DbError } from '../db/errors';

/**
 * What kind of refusal an error is, which decides how an adapter reports it (the HTTP status):
 * the input is wrong (most errors), the thing asked for does not exist, the caller may not do it,
 * nobody is logged in, it clashes with the data's state or another desk's work, the caller must
 * wait, or the program failed.
 */
export type ErrorKind = 'invalid' | 'not-found' | 'forbidden' | 'login' | 'conflict' | 'throttled' | 'internal';

/** Every error code whose kind is not 'invalid'. */
const KIND_OF: Readonly<Record<string, ErrorKind>> = {
  UNKNOWN_OPERATION: 'not-found',
  SESSION_NOT_FOUND: 'not-found',
  CANDIDATE_NOT_FOUND: 'not-found',
  ENROLMENT_NOT_FOUND: 'not-found',
  NOT_ENROLLED: 'not-found',
  CERT_NOT_FOUND: 'not-found',
  OPERATOR_NOT_FOUND: 'not-found',
  BACKUP_NOT_FOUND: 'not-found',
  FILE_NOT_FOUND: 'not-found',

  ADMIN_REQUIRED: 'forbidden',
  OPERATOR_DISABLED: 'forbidden',
  DEMO_LARGE_CLI_ONLY: 'forbidden',
  IPC_SENDER_REFUSED: 'forbidden',
  PATH_REFUSED: 'forbidden',
  PATH_NOT_ALLOWED: 'forbidden',
  OUTPUT_IS_DATABASE: 'forbidden',
  OUTPUT_IS_BACKUP: 'forbidden',
  OUTPUT_IN_BACKUPS: 'forbidden',

  LOGIN_REQUIRED: 'login',
  LOGIN_FAILED: 'login',

  LOGIN_THROTTLED: 'throttled',

  DB_BUSY: 'conflict',
  DB_IN_USE: 'conflict',
  SESSION_FINALIZED: 'conflict',
  SESSION_NOT_FINALIZED: 'conflict',
  CERT_SESSION_NOT_FINALIZED: 'conflict',
  ALREADY_ENROLLED: 'conflict',
  ALREADY_CERTIFIED: 'conflict',
  CANDIDATE_IDENTITY_LOCKED: 'conflict',
  ADMISSION_NUMBER_TAKEN: 'conflict',
  CANDIDATE_EXISTS: 'conflict',
  ENROLMENT_HAS_RESULTS: 'conflict',
  LOGIN_TAKEN: 'conflict',
  SETUP_DONE: 'conflict',
  LAST_ADMIN: 'conflict',
  CERT_ALREADY_VOID: 'conflict',
  CERT_ALREADY_REPLACED: 'conflict',
  CERT_VOID: 'conflict',
  DEMO_ALREADY_LOADED: 'conflict',
  DEMO_IN_USE: 'conflict',
  BACKUP_EXISTS: 'conflict',
  EXPORT_FILE_LOCKED: 'conflict',

  INTERNAL: 'internal',
  DISK_FULL: 'internal',
};

export function errorKind(code: string): ErrorKind {
  return Object.prototype.hasOwnProperty.call(KIND_OF, code) ? KIND_OF[code]! : 'invalid';
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export function toErrorBody(e: unknown): ErrorBody {
  if (e instanceof DbError) return { code: e.code, message: e.message };
  if (e instanceof AppError) return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
  const err = e as { code?: string; message?: string };
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_BUSY')) {
    return { code: 'DB_BUSY', message: '数据文件正忙：可能正在导入一份大表格，或被另一个程序占用。本次修改没有保存，请稍等片刻再试。' };
  }
  if (typeof err?.code === 'string' && err.code === 'SQLITE_FULL') {
    return { code: 'DISK_FULL', message: '磁盘空间已满，本次修改没有保存，之前的数据完好。请清理磁盘后重试。' };
  }
  return { code: 'INTERNAL', message: `程序内部错误：${err?.message ?? String(e)}。已保存的数据没有受影响，请把日志发给技术支持。` };
}
