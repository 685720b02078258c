// Reading the audit log: every version of one thing (e.g. one score), with who, when and why.
import type { Ctx } from '../shared/context';
import { AppError } from '../errors';
import { enrolmentIdOf } from '../sessions/enrolments';
import type { AuditInput, AuditRow } from './audit';
import { requirePart } from '../vocabulary/words';

export interface AuditEntry {
  seq: number;
  at: string;
  /** The login (or cli:NAME for the command line). */
  operator: string;
  /** 姓名 of the account, when the login is one. */
  operatorName: string | null;
  entity: string;
  entityId: string;
  action: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
  appVersion: string;
}

const SELECT_ENTRY = `SELECT a.*, o.name AS operator_name FROM audit_log a LEFT JOIN operators o ON o.login = a.operator`;

function toEntry(r: AuditRow & { operator_name: string | null }): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    operator: r.operator,
    operatorName: r.operator_name,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    oldValue: r.old_value === null ? null : JSON.parse(r.old_value),
    newValue: r.new_value === null ? null : JSON.parse(r.new_value),
    reason: r.reason,
    appVersion: r.app_version,
  };
}

/**
 * The newest entry about one thing whose new value matches `where` (SQL over a.new_value, e.g.
 * one seat among a competition's marks), or undefined.
 */
export function lastAuditEntryWhere(ctx: Ctx, entity: AuditInput['entity'], entityId: string | number, where: string, ...params: (string | number)[]): AuditEntry | undefined {
  const row = ctx.db.prepare(`${SELECT_ENTRY} WHERE a.entity = ? AND a.entity_id = ? AND (${where}) ORDER BY a.seq DESC LIMIT 1`).get(entity, String(entityId), ...params) as never | undefined;
  return row === undefined ? undefined : toEntry(row);
}

/** Oldest first: the first entry is how it began, the last is how it is now. */
export function auditHistory(ctx: Ctx, entity: AuditInput['entity'], entityId: string | number): AuditEntry[] {
  return (ctx.db.prepare(`${SELECT_ENTRY} WHERE a.entity = ? AND a.entity_id = ? ORDER BY a.seq`).all(entity, String(entityId)) as never[]).map(toEntry);
}

/** The newest entry about one thing (who changed it last, and when), or undefined. */
export function lastAuditEntry(ctx: Ctx, entity: AuditInput['entity'], entityId: string | number): AuditEntry | undefined {
  const row = ctx.db.prepare(`${SELECT_ENTRY} WHERE a.entity = ? AND a.entity_id = ? ORDER BY a.seq DESC LIMIT 1`).get(entity, String(entityId)) as never | undefined;
  return row === undefined ? undefined : toEntry(row);
}

/** Newest first, a page at a time, for the log screen. */
export function recentAudit(ctx: Ctx, limit: number, offset: number): AuditEntry[] {
  return (ctx.db.prepare(`${SELECT_ENTRY} ORDER BY a.seq DESC LIMIT ? OFFSET ?`).all(limit, offset) as never[]).map(toEntry);
}

/**
 * Administrators' corrections to a finalized session's results, oldest first — the exports list
 * them so a changed result never leaves silently.
 */
export function sessionCorrections(ctx: Ctx, sessionId: number): AuditEntry[] {
  return (
    ctx.db
      .prepare(
        `${SELECT_ENTRY} WHERE a.entity = 'result' AND a.action = 'correct'
           AND CAST(substr(a.entity_id, 1, instr(a.entity_id, ':') - 1) AS INTEGER) IN (SELECT id FROM enrolments WHERE session_id = ?)
         ORDER BY a.seq`,
      )
      .all(sessionId) as never[]
  ).map(toEntry);
}

/** The audit id of one score ('<enrolmentId>:<part>'), from what an officer knows: session, ID number, part. */
export function scoreEntityId(ctx: Ctx, sessionId: number, idNumber: string, rawPart: string): string {
  const part = requirePart(rawPart);
  return `${enrolmentIdOf(ctx, sessionId, idNumber)}:${part}`;
}
