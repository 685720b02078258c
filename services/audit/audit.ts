// Append-only audit entries, each hash-chained to the one before (SHA-256 of the previous
// hash and the entry's canonical JSON), written in the same transaction as the change.
import { createHash } from 'node:crypto';
import { cachedStatement, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { APP_VERSION } from '../shared/version';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  entity: 'candidate' | 'employer' | 'session' | 'enrolment' | 'result' | 'certificate' | 'setting' | 'occupation' | 'operator' | 'backup' | 'demo';
  entityId: string | number;
  action: string;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  operator: string;
  entity: string;
  entity_id: string;
  action: string;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  app_version: string;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export function entryHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

export function recordAudit(ctx: Ctx, input: AuditInput): void {
  const prev = cachedStatement(ctx.db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (prev?.seq ?? 0) + 1,
    at: nowIso(),
    operator: ctx.operator,
    entity: input.entity,
    entity_id: String(input.entityId),
    action: input.action,
    old_value: input.oldValue === undefined ? null : canonicalJson(input.oldValue),
    new_value: input.newValue === undefined ? null : canonicalJson(input.newValue),
    reason: input.reason ?? null,
    app_version: APP_VERSION,
  };
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, row);
  cachedStatement(
    ctx.db,
    `INSERT INTO audit_log (seq, at, operator, entity, entity_id, action, old_value, new_value, reason, app_version, prev_hash, hash)
       VALUES (@seq, @at, @operator, @entity, @entity_id, @action, @old_value, @new_value, @reason, @app_version, @prev_hash, @hash)`,
  ).run({ ...row, prev_hash: prevHash, hash });
}
