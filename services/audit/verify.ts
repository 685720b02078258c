// Walks the audit chain from the first entry and names the first one that does not match:
// a changed row no longer hashes to its stored hash, a deleted or reordered row breaks the
// sequence or the link to the previous hash. The head hash, noted on paper or printed on an
// export, shows a rewrite of the whole file too (knownHead).
import Database from 'better-sqlite3';
import type { Ctx } from '../shared/context';
import { runInWorker } from '../shared/worker';
import type { OnProgress } from '../shared/progress';
import { entryHash, GENESIS_HASH, type AuditRow } from './audit';
import { LATEST_VERSION, schemaVersion } from '../../db/database';
import { expectedSchema, schemaOf } from '../../db/schema';

/** Progress is reported every this many entries. */
const PROGRESS_EVERY = 10_000;

export interface AuditProblem {
  seq: number;
  /** Chinese, for the officer. */
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  firstBad: AuditProblem | null;
  /** The triggers that refuse UPDATE and DELETE are still there. */
  appendOnly: boolean;
  /** When a noted head hash was given: is it an entry of this chain? */
  knownHeadFound?: boolean;
}

function findProblem(row: AuditRow, expectedSeq: number, prevHash: string): AuditProblem | null {
  if (row.seq > expectedSeq) return { seq: expectedSeq, message: `第 ${expectedSeq} 条记录不见了（被删除），紧接着的是第 ${row.seq} 条。` };
  if (row.seq < expectedSeq) return { seq: row.seq, message: `第 ${row.seq} 条记录的顺序不对（重复或被调换）。` };
  if (row.prev_hash !== prevHash) return { seq: row.seq, message: `第 ${row.seq} 条记录与上一条接不上（它被挪动过，或上一条被改动、删除）。` };
  const { hash, prev_hash: _prev, ...content } = row;
  if (entryHash(prevHash, content) !== hash) {
    return { seq: row.seq, message: `第 ${row.seq} 条记录的内容被改动过（${row.at} ${row.operator} ${row.entity} ${row.entity_id} ${row.action}）。` };
  }
  return null;
}

/**
 * `fromSeq` walks only the tail from that entry on (the quick check of an automatic backup, where
 * a whole decade's chain would keep the officer waiting); the full walk starts at the first entry.
 */
export function verifyAuditChain(ctx: Ctx, knownHead?: string, fromSeq = 1, onProgress?: OnProgress): AuditVerification {
  const before = fromSeq > 1 ? (ctx.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(fromSeq - 1) as { hash: string } | undefined) : undefined;
  let prevHash = before?.hash ?? GENESIS_HASH;
  let expectedSeq = before ? fromSeq : 1;
  let firstBad: AuditProblem | null = null;
  let entries = 0;
  let headSeq = 0;
  let knownHeadFound = false;
  const total = onProgress ? Math.max(0, auditHead(ctx).seq - expectedSeq + 1) : 0;
  for (const row of ctx.db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').iterate(expectedSeq) as IterableIterator<AuditRow>) {
    if (++entries % PROGRESS_EVERY === 0) onProgress?.({ phase: 'audit', done: entries, total });
    headSeq = row.seq;
    if (knownHead && row.hash === knownHead) knownHeadFound = true;
    firstBad ??= findProblem(row, expectedSeq, prevHash);
    // Keep walking from what is stored, so the head is still reported after a break.
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
  }
  const appendOnly = appendOnlyTriggersInPlace(ctx);
  const result: AuditVerification = {
    // Without its triggers the log can be rewritten unseen from here on: not a log to vouch for.
    ok: firstBad === null && appendOnly && (knownHead === undefined || knownHeadFound),
    entries,
    headSeq,
    headHash: prevHash,
    firstBad,
    appendOnly,
  };
  if (knownHead !== undefined) result.knownHeadFound = knownHeadFound;
  return result;
}

const APPEND_ONLY_TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete'];

/** The triggers that refuse UPDATE and DELETE on the log are there, exactly as the schema defines them (a no-op trigger of the same name is not). */
function appendOnlyTriggersInPlace(ctx: Ctx): boolean {
  const version = Math.min(Math.max(schemaVersion(ctx.db), 1), LATEST_VERSION);
  const want = expectedSchema(version);
  const have = schemaOf(ctx.db);
  return APPEND_ONLY_TRIGGERS.every((name) => {
    const key = `trigger ${name}`;
    return have.has(key) && have.get(key)!.sql === want.get(key)?.sql;
  });
}

/**
 * `audit verify` of the open database: walked in a worker thread on a read-only connection of its
 * own, so the window and `certdesk serve` keep answering while 100,000 entries are hashed. It sees
 * what is committed, which is all there is between operations. An in-memory database (tests) has no
 * file a worker could open and is walked here.
 */
export async function verifyAudit(ctx: Ctx, knownHead?: string, onProgress?: OnProgress): Promise<AuditVerification> {
  if (ctx.db.memory) return verifyAuditChain(ctx, knownHead, 1, onProgress);
  return runInWorker('audit.verify', { file: ctx.db.name, knownHead }, onProgress);
}

/** The worker's side of verifyAudit. */
export function verifyAuditFile(file: string, knownHead: string | undefined, onProgress: OnProgress): AuditVerification {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return verifyAuditChain({ db, operator: 'audit' }, knownHead, 1, onProgress);
  } finally {
    db.close();
  }
}

/** The hash of the newest entry, for printing on exports. */
export function auditHead(ctx: Ctx): { seq: number; hash: string } {
  const row = ctx.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}
