// Errors are values with a code and a Chinese message an officer can act on.
import { DbError } from '../db/errors';

/**
 * What kind of refusal an error is, which decides how an adapter reports it (the HTTP status):
 * the input is wrong (most errors), the thing asked for does not exist, the caller may not do it,
 * nobody is logged in, it clashes with the data's state or another desk's work, the caller must
 * wait, or the program failed.
 */
export type ErrorKind = 'invalid' | 'not-found' | 'forbidden' | 'login' | 'conflict' | 'throttled' | 'internal';

/** What the catalogue knows of a code: its kind and, when the code is always about one field of a person or form, that field (the one its details name). */
export interface ErrorEntry {
  kind: ErrorKind;
  field?: string;
}

/**
 * Every error code the program raises, once: services, the database layer, the CLI, and the
 * transports (api/http.ts, electron/ipc.ts). test/domain/error-catalogue.test.ts scans the source
 * and fails on a code missing here or an entry nobody raises, so an adapter never meets a code it
 * cannot classify.
 */
export const ERROR_CATALOGUE: Readonly<Record<string, ErrorEntry>> = {
  ADDRESS_TOO_LONG: { kind: 'invalid', field: 'address' },
  ADDRESS_UNSAFE: { kind: 'invalid', field: 'address' },
  ADMIN_REQUIRED: { kind: 'forbidden' },
  ADMISSION_NUMBER_TAKEN: { kind: 'conflict' },
  ALREADY_CERTIFIED: { kind: 'conflict' },
  ALREADY_ENROLLED: { kind: 'conflict' },
  ATTEMPT_INVALID: { kind: 'invalid' },
  AUDIT_BROKEN: { kind: 'invalid' },
  BACKUP_AUDIT_BROKEN: { kind: 'invalid' },
  BACKUP_BAD_VERSION: { kind: 'invalid' },
  BACKUP_CORRUPT: { kind: 'invalid' },
  BACKUP_EXISTS: { kind: 'conflict' },
  BACKUP_FAILED: { kind: 'invalid' },
  BACKUP_FOREIGN: { kind: 'invalid' },
  BACKUP_KEY_UNRECORDED: { kind: 'invalid' },
  BACKUP_MEMORY: { kind: 'invalid' },
  BACKUP_MIGRATE_FAILED: { kind: 'invalid' },
  BACKUP_NOT_FOUND: { kind: 'not-found' },
  BACKUP_NO_ACCESS: { kind: 'invalid' },
  BACKUP_NO_ADMIN: { kind: 'invalid' },
  BACKUP_NO_FOLDER: { kind: 'invalid' },
  BACKUP_SAME_FILE: { kind: 'invalid' },
  BACKUP_SCHEMA_ALTERED: { kind: 'invalid' },
  BACKUP_TOO_NEW: { kind: 'invalid' },
  BACKUP_TRUNCATED: { kind: 'invalid' },
  BIRTH_DATE_INVALID: { kind: 'invalid', field: 'birthDate' },
  BIRTH_DATE_MISMATCH: { kind: 'invalid', field: 'birthDate' },
  BIRTH_DATE_UNSAFE: { kind: 'invalid', field: 'birthDate' },
  BODY_TOO_LARGE: { kind: 'invalid' },
  CANDIDATE_AMBIGUOUS: { kind: 'invalid' },
  CANDIDATE_EXISTS: { kind: 'conflict' },
  CANDIDATE_IDENTITY_LOCKED: { kind: 'conflict' },
  CANDIDATE_NOT_FOUND: { kind: 'not-found' },
  CANDIDATE_REQUIRED: { kind: 'invalid' },
  CERT_ALREADY_REPLACED: { kind: 'conflict' },
  CERT_ALREADY_VOID: { kind: 'conflict' },
  CERT_DATE_BEFORE_EXAM: { kind: 'invalid' },
  CERT_DATE_IN_FUTURE: { kind: 'invalid' },
  CERT_FONT_MISSING_CHAR: { kind: 'invalid' },
  CERT_FONT_NOT_FOUND: { kind: 'invalid' },
  CERT_FONT_UNREADABLE: { kind: 'invalid' },
  CERT_INCOMPLETE: { kind: 'invalid' },
  CERT_LAYOUT_FIELD: { kind: 'invalid' },
  CERT_LAYOUT_INVALID: { kind: 'invalid' },
  CERT_NONE_TO_PRINT: { kind: 'invalid' },
  CERT_NOT_FOUND: { kind: 'not-found' },
  CERT_PDF_WRITE: { kind: 'invalid' },
  CERT_PHOTO_UNREADABLE: { kind: 'invalid' },
  CERT_PUBLIC_KEY_INVALID: { kind: 'invalid' },
  CERT_REASON_REQUIRED: { kind: 'invalid' },
  CERT_SEAL_UNREADABLE: { kind: 'invalid' },
  CERT_SERIAL_EXHAUSTED: { kind: 'invalid' },
  CERT_SESSION_NOT_FINALIZED: { kind: 'conflict' },
  CERT_SETTINGS_MISSING: { kind: 'invalid' },
  CERT_VOID: { kind: 'conflict' },
  CLAUSE_INVALID: { kind: 'invalid' },
  CLAUSE_NOT_FOUND: { kind: 'not-found' },
  COMPETITION_DROP_TOO_MANY: { kind: 'invalid' },
  COMPETITION_JUDGES_INVALID: { kind: 'invalid' },
  COMPETITION_PRIZE_RULE_INVALID: { kind: 'invalid' },
  COMPETITION_PROMOTION_RULE_INVALID: { kind: 'invalid' },
  COMPETITION_RULE_INVALID: { kind: 'invalid' },
  COMPETITION_WEIGHT_INVALID: { kind: 'invalid' },
  CONTENT_TYPE: { kind: 'invalid' },
  CREDENTIAL_EXISTS: { kind: 'conflict' },
  DATE_INVALID: { kind: 'invalid' },
  DB_BUSY: { kind: 'conflict' },
  DB_IN_USE: { kind: 'conflict' },
  DB_NOT_CERTDESK: { kind: 'invalid' },
  DB_ON_NETWORK_SHARE: { kind: 'invalid' },
  DB_OPEN_FAILED: { kind: 'invalid' },
  DB_TOO_NEW: { kind: 'invalid' },
  DEMO_ALREADY_LOADED: { kind: 'conflict' },
  DEMO_IN_USE: { kind: 'conflict' },
  DEMO_LARGE_CLI_ONLY: { kind: 'forbidden' },
  DEMO_NOT_LOADED: { kind: 'invalid' },
  DISK_FULL: { kind: 'internal' },
  EDUCATION_UNKNOWN: { kind: 'invalid', field: 'education' },
  EDUCATION_UNSAFE: { kind: 'invalid', field: 'education' },
  EMPLOYER_UNSAFE: { kind: 'invalid', field: 'employer' },
  ENROLMENT_HAS_RESULTS: { kind: 'conflict' },
  ENROLMENT_NOT_FOUND: { kind: 'not-found' },
  ENROLMENT_REQUIRED: { kind: 'invalid' },
  ETHNICITY_UNKNOWN: { kind: 'invalid', field: 'ethnicity' },
  ETHNICITY_UNSAFE: { kind: 'invalid', field: 'ethnicity' },
  EXPORT_FAILED: { kind: 'invalid' },
  EXPORT_FILE_LOCKED: { kind: 'conflict' },
  EXPORT_FOLDER_MISSING: { kind: 'invalid' },
  FILE_DAMAGED: { kind: 'invalid' },
  FILE_ENCRYPTED: { kind: 'invalid' },
  FILE_NOT_FOUND: { kind: 'not-found' },
  FILE_NOT_REGULAR: { kind: 'invalid' },
  FILE_NOT_SPREADSHEET: { kind: 'invalid' },
  FILE_NOT_XLSX: { kind: 'invalid' },
  FILE_TOO_LARGE: { kind: 'invalid' },
  FILE_TRUNCATED: { kind: 'invalid' },
  FILE_UNREADABLE: { kind: 'invalid' },
  FILE_WRITE_FAILED: { kind: 'invalid' },
  FILE_XLS: { kind: 'invalid' },
  FILE_ZIP_BOMB: { kind: 'invalid' },
  GENDER_INVALID: { kind: 'invalid', field: 'gender' },
  GENDER_MISMATCH: { kind: 'invalid', field: 'gender' },
  GENDER_UNSAFE: { kind: 'invalid', field: 'gender' },
  GROUPING_UNKNOWN: { kind: 'invalid' },
  HOST_REFUSED: { kind: 'forbidden' },
  IDENTITY_UNCHANGED: { kind: 'invalid' },
  ID_BIRTH_DATE: { kind: 'invalid', field: 'idNumber' },
  ID_CHECK_CHAR: { kind: 'invalid', field: 'idNumber' },
  ID_EMPTY: { kind: 'invalid', field: 'idNumber' },
  ID_FORMAT: { kind: 'invalid', field: 'idNumber' },
  ID_NUMBER_UNSAFE: { kind: 'invalid', field: 'idNumber' },
  ID_REGION: { kind: 'invalid', field: 'idNumber' },
  ID_TYPE_UNKNOWN: { kind: 'invalid', field: 'idType' },
  ID_TYPE_UNSAFE: { kind: 'invalid', field: 'idType' },
  ID_WRONG_TYPE: { kind: 'invalid', field: 'idType' },
  IMPORT_COLUMNS_MISSING: { kind: 'invalid' },
  IMPORT_NO_HEADER: { kind: 'invalid' },
  IMPORT_NO_SCORE_COLUMNS: { kind: 'invalid' },
  IMPORT_TOO_LARGE: { kind: 'invalid' },
  IMPORT_TOO_SLOW: { kind: 'invalid' },
  INTERNAL: { kind: 'internal' },
  INVALID_ARGUMENT: { kind: 'invalid' },
  INVALID_JSON: { kind: 'invalid' },
  IPC_SENDER_REFUSED: { kind: 'forbidden' },
  LAN_CERT_DAMAGED: { kind: 'invalid' },
  LAN_NO_ACCOUNTS: { kind: 'login' },
  LAST_ADMIN: { kind: 'conflict' },
  LEVEL_INVALID: { kind: 'invalid' },
  LEVEL_NOT_OFFERED: { kind: 'invalid' },
  LOGIN_FAILED: { kind: 'login' },
  LOGIN_INVALID: { kind: 'invalid' },
  LOGIN_REQUIRED: { kind: 'login' },
  LOGIN_TAKEN: { kind: 'conflict' },
  LOGIN_THROTTLED: { kind: 'throttled' },
  MAPPING_FIELD_UNKNOWN: { kind: 'invalid' },
  MEMBER_CATEGORY_INVALID: { kind: 'invalid' },
  MEMBER_DATES: { kind: 'invalid' },
  MEMBER_EMPLOYER_REQUIRED: { kind: 'invalid' },
  MEMBER_EXISTS: { kind: 'conflict' },
  MEMBER_MERGE_SAME: { kind: 'conflict' },
  MEMBER_NOT_FOUND: { kind: 'not-found' },
  METHOD_NOT_ALLOWED: { kind: 'invalid' },
  NAME_EMPTY: { kind: 'invalid', field: 'name' },
  NAME_TOO_LONG: { kind: 'invalid', field: 'name' },
  NAME_UNSAFE: { kind: 'invalid', field: 'name' },
  NOTE_NOT_MISCONDUCT: { kind: 'invalid' },
  NOTE_TOO_LONG: { kind: 'invalid' },
  NOTHING_REJECTED: { kind: 'invalid' },
  NOTHING_TO_RESTORE: { kind: 'conflict' },
  NOT_ELIGIBLE: { kind: 'conflict' },
  NOT_ENROLLED: { kind: 'not-found' },
  NO_WINDOW: { kind: 'invalid' },
  OCCUPATION_CODE_INVALID: { kind: 'invalid' },
  OCCUPATION_EDITION_INVALID: { kind: 'invalid' },
  OCCUPATION_EXISTS: { kind: 'conflict' },
  OCCUPATION_NAME_REQUIRED: { kind: 'invalid' },
  OCCUPATION_RETIRED: { kind: 'conflict' },
  OCCUPATION_UNKNOWN: { kind: 'invalid' },
  OPERATOR_DISABLED: { kind: 'forbidden' },
  OPERATOR_NAME_REQUIRED: { kind: 'invalid' },
  OPERATOR_NOT_FOUND: { kind: 'not-found' },
  ORIGIN_REFUSED: { kind: 'forbidden' },
  ORIGIN_TOO_LONG: { kind: 'invalid', field: 'origin' },
  ORIGIN_UNSAFE: { kind: 'invalid', field: 'origin' },
  OUTPUT_IN_BACKUPS: { kind: 'forbidden' },
  OUTPUT_IS_BACKUP: { kind: 'forbidden' },
  OUTPUT_IS_DATABASE: { kind: 'forbidden' },
  PART_NOT_REQUIRED: { kind: 'invalid' },
  PART_UNKNOWN: { kind: 'invalid' },
  PART_WEIGHT_INVALID: { kind: 'invalid' },
  PASSWORD_TOO_SHORT: { kind: 'invalid' },
  PASSWORD_WRONG: { kind: 'invalid' },
  PASS_MARK_INVALID: { kind: 'invalid' },
  PATH_NOT_ALLOWED: { kind: 'forbidden' },
  PHONE_INVALID: { kind: 'invalid', field: 'phone' },
  PHONE_UNSAFE: { kind: 'invalid', field: 'phone' },
  PHOTO_FORMAT: { kind: 'invalid' },
  PHOTO_TOO_LARGE: { kind: 'invalid' },
  PHOTO_ZIP_INVALID: { kind: 'invalid' },
  PHOTO_ZIP_TOO_LARGE: { kind: 'invalid' },
  PORT_IN_USE: { kind: 'invalid' },
  PRINT_SESSION_EMPTY: { kind: 'conflict' },
  REASON_REQUIRED: { kind: 'invalid' },
  RENDERER_BUILD_FAILED: { kind: 'invalid' },
  RESTORE_FAILED: { kind: 'invalid' },
  RESTORE_NO_ACCESS: { kind: 'invalid' },
  RESULT_AMBIGUOUS: { kind: 'invalid' },
  ROSTER_PRIOR_DATE_MISSING: { kind: 'invalid', field: 'priorDate' },
  ROSTER_PRIOR_LEVEL_INVALID: { kind: 'invalid', field: 'priorLevel' },
  ROSTER_PRIOR_OCCUPATION_MISSING: { kind: 'invalid', field: 'priorOccupation' },
  SCORE_INVALID: { kind: 'invalid' },
  SERVER_BUSY: { kind: 'throttled' },
  SERVE_FAILED: { kind: 'invalid' },
  SESSION_EMPTY: { kind: 'invalid' },
  SESSION_FINALIZED: { kind: 'conflict' },
  SESSION_INCOMPLETE: { kind: 'invalid' },
  SESSION_NAME_REQUIRED: { kind: 'invalid' },
  SESSION_NOT_EMPTY: { kind: 'conflict' },
  SESSION_NOT_FINALIZED: { kind: 'conflict' },
  SESSION_NOT_FOUND: { kind: 'not-found' },
  SESSION_NOT_HELD: { kind: 'conflict' },
  SETTING_FILE_INVALID: { kind: 'invalid' },
  SETTING_INVALID: { kind: 'invalid' },
  SETTING_UNKNOWN: { kind: 'invalid' },
  SETUP_DONE: { kind: 'conflict' },
  SIGNING_KEY_DESKTOP_ONLY: { kind: 'invalid' },
  SIGNING_KEY_WRITE_FAILED: { kind: 'invalid' },
  SPECIALTY_NAME_REQUIRED: { kind: 'invalid' },
  SPECIALTY_UNKNOWN: { kind: 'invalid' },
  TEXT_UNSAFE: { kind: 'invalid' },
  TOKEN_REQUIRED: { kind: 'login' },
  TRAINING_ALREADY_ENROLLED: { kind: 'conflict' },
  TRAINING_DATES: { kind: 'invalid' },
  TRAINING_EMPTY: { kind: 'conflict' },
  TRAINING_FINALIZED: { kind: 'conflict' },
  TRAINING_LESSON_DATE: { kind: 'invalid' },
  TRAINING_LESSON_NOT_FOUND: { kind: 'not-found' },
  TRAINING_LEVEL_REQUIRED: { kind: 'invalid' },
  TRAINING_NAME_REQUIRED: { kind: 'invalid' },
  TRAINING_NOT_ENROLLED: { kind: 'invalid' },
  TRAINING_NOT_FOUND: { kind: 'not-found' },
  TRAINING_NUMBER_INVALID: { kind: 'invalid' },
  UNKNOWN_OPERATION: { kind: 'not-found' },
  USAGE: { kind: 'invalid' },
};

/** A code outside the catalogue (a test's own, say) is treated as bad input. */
export function errorKind(code: string): ErrorKind {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code) ? ERROR_CATALOGUE[code]!.kind : 'invalid';
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
