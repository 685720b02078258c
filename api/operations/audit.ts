// The audit trail: checking the hash chain, a thing's history, the latest entries.
//
//   audit.verify   { knownHead? }         → { ok, entries, headSeq, headHash, firstBad: {seq,message}|null, appendOnly, knownHeadFound? }
//   audit.history  { entity, entityId }   → AuditEntry[] oldest first; a score is entity 'result', entityId '<enrolmentId>:<part>'
//   audit.recent   { limit, offset }      → AuditEntry[] newest first
//                  AuditEntry = { seq, at, operator, operatorName, entity, entityId, action, oldValue, newValue, reason, appVersion }
import { z } from 'zod';
import { query } from '../op';
import { verifyAudit } from '../../services/audit/verify';
import { auditHistory, recentAudit } from '../../services/audit/history';
import { AUDIT_ENTITIES } from '../../services/audit/audit';

export const auditOperations = {
  'audit.verify': query({ title: '核对操作记录' }, z.object({ knownHead: z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制的哈希值').optional() }).default({}), (ctx, a) =>
    verifyAudit(ctx, a.knownHead),
  ),
  'audit.history': query({ title: '查看修改记录' }, z.object({ entity: z.enum(AUDIT_ENTITIES), entityId: z.union([z.string(), z.number()]) }), (ctx, a) =>
    auditHistory(ctx, a.entity, a.entityId),
  ),
  'audit.recent': query(
    { title: '查看操作记录' },
    z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) }).default({ limit: 100, offset: 0 }),
    (ctx, a) => recentAudit(ctx, a.limit, a.offset),
  ),
};
