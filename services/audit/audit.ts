// Append-only audit entries, each hash-chained to the one before (SHA-256 of the previous
// hash and the entry's canonical JSON), written in the same transaction as the change.
import crypto, { createHash } from 'node:crypto';
import { cachedStatement, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { APP_VERSION } from '../shared/version';

export const GENESIS_HASH = '0'.repeat(64);

/** What an audit entry can be about. */
export const AUDIT_ENTITIES = ['candidate', 'employer', 'session', 'enrolment', 'result', 'certificate', 'setting', 'occupation', 'operator', 'backup', 'demo', 'training', 'member', 'exchangeProfile', 'uploadBatch', 'competition'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export interface AuditInput {
  entity: AuditEntity;
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

/**
 * JSON with object keys sorted at every depth, so the same entry always hashes the same.
 * Written as plain loops: an import hashes two entries per row, and this runs twice for each.
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof CanonicalJson) return value.text;
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(v);
  }
  return out + '}';
}

/** A value already written as canonicalJson would write it (by shapeJson), passed through as is. */
export class CanonicalJson {
  constructor(readonly text: string) {}
}

/**
 * canonicalJson for many objects of one flat shape — an import's 100,000 new candidates — with the
 * keys sorted and written once instead of once per object. Same text as canonicalJson.
 */
export function shapeJson<K extends string>(keys: readonly K[]): (value: { readonly [key in K]: unknown }) => CanonicalJson {
  const sorted = [...keys].sort();
  const names = sorted.map((k) => `${JSON.stringify(k)}:`);
  return (value) => {
    let out = '';
    for (let i = 0; i < sorted.length; i++) {
      const v = value[sorted[i]!];
      if (v === undefined) continue;
      out += (out ? ',' : '') + names[i] + (v === null || typeof v !== 'object' ? JSON.stringify(v) : canonicalJson(v));
    }
    return new CanonicalJson(`{${out}}`);
  };
}

export function entryHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

export function recordAudit(ctx: Ctx, input: AuditInput): void {
  appendEntry(ctx, chainTail(ctx), input);
}

interface ChainTail {
  seq: number;
  hash: string;
}

function chainTail(ctx: Ctx): ChainTail {
  const last = cachedStatement(ctx.db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as ChainTail | undefined;
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

type EntryContent = Omit<AuditRow, 'hash' | 'prev_hash'>;

/**
 * canonicalJson of an entry's own columns, which are all strings, numbers or null: the same
 * text, with the keys written in their sorted order instead of sorted each time.
 */
export function entryJson(row: EntryContent): string {
  const j = JSON.stringify;
  return (
    `{"action":${j(row.action)},"app_version":${j(row.app_version)},"at":${j(row.at)},"entity":${j(row.entity)},"entity_id":${j(row.entity_id)},` +
    `"new_value":${j(row.new_value)},"old_value":${j(row.old_value)},"operator":${j(row.operator)},"reason":${j(row.reason)},"seq":${j(row.seq)}}`
  );
}

/** entryHash in one call (SHA-256 over the previous hash and the entry's canonical JSON). */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => createHash('sha256').update(text).digest('hex');

/** Writes one entry after `prev` and returns the new tail of the chain. */
function appendEntry(ctx: Ctx, prev: ChainTail, input: AuditInput, at = nowIso()): ChainTail {
  const row: EntryContent = {
    seq: prev.seq + 1,
    at,
    operator: ctx.operator,
    entity: input.entity,
    entity_id: String(input.entityId),
    action: input.action,
    old_value: input.oldValue === undefined ? null : canonicalJson(input.oldValue),
    new_value: input.newValue === undefined ? null : canonicalJson(input.newValue),
    reason: input.reason ?? null,
    app_version: APP_VERSION,
  };
  const hash = sha256Hex(prev.hash + entryJson(row));
  cachedStatement(
    ctx.db,
    `INSERT INTO audit_log (seq, at, operator, entity, entity_id, action, old_value, new_value, reason, app_version, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.seq, row.at, row.operator, row.entity, row.entity_id, row.action, row.old_value, row.new_value, row.reason, row.app_version, prev.hash, hash);
  return { seq: row.seq, hash };
}

/**
 * recordAudit for many changes in one transaction (an import of 100,000 rows): the chain's tail
 * is read once and carried along, so each entry costs its hash and one INSERT. The entries are
 * exactly what recordAudit writes, stamped with the time the batch opened. While the batch is in
 * use, every entry of the transaction must go through it (a recordAudit in between would fork
 * the chain), so open it right before the loop that uses it, inside the transaction.
 */
export function auditBatch(ctx: Ctx): (input: AuditInput) => void {
  if (!ctx.db.inTransaction) throw new Error('auditBatch: open it inside the transaction whose changes it records');
  let tail = chainTail(ctx);
  // The entries of one transaction carry its time (one clock read, not one per entry).
  const at = nowIso();
  return (input) => {
    tail = appendEntry(ctx, tail, input, at);
  };
}
