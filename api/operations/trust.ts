// Trust: operator accounts, the audit trail, corrections to finalized sessions, backups.
//
// Operations (arguments → result), for the login, first-run, history and backup screens:
//   operators.status     {}                                   → { setupRequired, current: Operator|null, lockAfterMinutes }
//   operators.setup      { login, name, password }            → { operator, session }   first administrator; only while no account exists
//   operators.login      { login, password }                  → { operator, session }
//   operators.logout     {}                                   → { loggedOut: true }
//   operators.list       {}                                   → Operator[]               Operator = { login, name, role: 'clerk'|'admin', disabled, createdAt }
//   operators.add        { login, name, role, password }      → Operator                 admin only
//   operators.disable    { login, disabled = true }           → Operator                 admin only; disabled:false enables again
//   operators.setPassword { login, password, currentPassword? } → { login }              admin for anyone; a clerk for themself with currentPassword
//   audit.verify         { knownHead? }                       → { ok, entries, headSeq, headHash, firstBad: {seq,message}|null, appendOnly, knownHeadFound? }
//   audit.history        { entity, entityId }                 → AuditEntry[] oldest first; a score is entity 'result', entityId '<enrolmentId>:<part>'
//   audit.recent         { limit = 100, offset = 0 }          → AuditEntry[] newest first
//                        AuditEntry = { seq, at, operator, operatorName, entity, entityId, action, oldValue, newValue, reason, appVersion }
//   results.correct      { sessionId, idNumber | enrolmentId, part, score | absent | misconduct, reason }
//                                                             → like results.set; admin only, reason required, for a finalized session
//   candidates.correctIdentity { id, name?, idType?, idNumber?, gender?, birthDate?, reason }
//                                                             → Candidate; admin only, reason required; shown on the certificate record
//   results.corrections  { sessionId }                        → AuditEntry[] (action 'correct'), for exports and the session page
//   backup.create        { out? }                             → BackupInfo = { file, name, bytes, createdAt, reason, schemaVersion, auditEntries, auditHead }
//   backup.list          {}                                   → { folder, backups: [{ file, name, bytes, takenAt, reason }] } newest first
//   backup.restore       { file }                             → { restored, safetyBackup, schemaVersion }   admin only
//
// Over HTTP the `session` from setup/login goes back in the X-CertDesk-Session header (the server
// also sets it as an HttpOnly cookie). Once an account exists, every other operation needs it;
// an expired one answers LOGIN_REQUIRED and the window shows its lock screen.
import path from 'node:path';
import { z } from 'zod';
import { command, Id, query } from '../op';
import {
  addOperator,
  authenticate,
  currentOperator,
  hasOperators,
  listOperators,
  setOperatorDisabled,
  setOperatorPassword,
  setupFirstAdmin,
} from '../../services/operators/operators';
import { openLoginSession } from '../../services/operators/loginSessions';
import { lockAfterMinutes } from '../../services/operators/access';
import { verifyAudit } from '../../services/audit/verify';
import { auditHistory, recentAudit, sessionCorrections } from '../../services/audit/history';
import { createBackup, listBackups, restoreBackup } from '../../services/backup/backup';
import { backupsFolder } from '../../db/database';
import { correctResult } from '../../services/results/results';
import { correctIdentity } from '../../services/candidates/identity';
import { coreOperations } from './core';

const Login = z.string().min(1);
const Password = z.string().min(1);
const ENTITIES = ['candidate', 'employer', 'session', 'enrolment', 'result', 'certificate', 'setting', 'occupation', 'operator', 'backup'] as const;

export const trustOperations = {
  'operators.status': query(z.object({}).default({}), (ctx) => ({
    setupRequired: !hasOperators(ctx),
    current: currentOperator(ctx),
    lockAfterMinutes: lockAfterMinutes(ctx),
  })),
  'operators.setup': command(z.object({ login: Login, name: z.string(), password: Password }), (ctx, a) => {
    const operator = setupFirstAdmin(ctx, a);
    return { operator, session: openLoginSession(operator.login) };
  }),
  'operators.login': command(z.object({ login: Login, password: Password }), (ctx, a) => {
    const operator = authenticate(ctx, a.login, a.password);
    return { operator, session: openLoginSession(operator.login) };
  }),
  // The adapter ends the caller's session (api/dispatch.ts, dispatchForSession).
  'operators.logout': command(z.object({}).default({}), () => ({ loggedOut: true as const })),
  'operators.list': query(z.object({}).default({}), (ctx) => listOperators(ctx)),
  'operators.add': command(
    z.object({ login: Login, name: z.string(), role: z.enum(['clerk', 'admin']), password: Password }),
    (ctx, a) => addOperator(ctx, a),
  ),
  'operators.disable': command(z.object({ login: Login, disabled: z.boolean().default(true) }), (ctx, a) => setOperatorDisabled(ctx, a.login, a.disabled)),
  'operators.setPassword': command(z.object({ login: Login, password: Password, currentPassword: z.string().optional() }), (ctx, a) =>
    setOperatorPassword(ctx, a.login, a.password, a.currentPassword),
  ),

  'audit.verify': query(z.object({ knownHead: z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制的哈希值').optional() }).default({}), (ctx, a) =>
    verifyAudit(ctx, a.knownHead),
  ),
  'audit.history': query(z.object({ entity: z.enum(ENTITIES), entityId: z.union([z.string(), z.number()]) }), (ctx, a) => auditHistory(ctx, a.entity, a.entityId)),
  'audit.recent': query(
    z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) }).default({ limit: 100, offset: 0 }),
    (ctx, a) => recentAudit(ctx, a.limit, a.offset),
  ),

  // The same arguments as results.set (no clearing a finalized result), with a required reason.
  'results.correct': command(coreOperations['results.set'].input.omit({ clear: true }).extend({ reason: z.string() }), (ctx, a) => correctResult(ctx, a)),
  'candidates.correctIdentity': command(
    z.object({
      id: Id,
      name: z.string().optional(),
      idType: z.string().optional(),
      idNumber: z.string().optional(),
      gender: z.string().nullable().optional(),
      birthDate: z.string().nullable().optional(),
      reason: z.string(),
    }),
    (ctx, a) => correctIdentity(ctx, a),
  ),
  'results.corrections': query(z.object({ sessionId: Id }), (ctx, a) => sessionCorrections(ctx, a.sessionId)),

  'backup.create': command(z.object({ out: z.string().min(1).optional() }).default({}), (ctx, a) => createBackup(ctx, 'manual', a.out)),
  'backup.list': query(z.object({}).default({}), (ctx) => ({ folder: backupsFolder(ctx.db.name), backups: listBackups(ctx) })),
  'backup.restore': command(z.object({ file: z.string().min(1) }), (ctx, a) => restoreBackup(ctx, path.resolve(a.file))),
};
