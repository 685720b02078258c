// The foundation's operations: settings, catalog, candidates, sessions, enrolments, results, pass rates.
import { z } from 'zod';
import { command, Id, query } from '../op';
import { listSettings, setSetting } from '../../services/settings/settings';
import { listOccupations } from '../../services/occupations/occupations';
import { listEmployers } from '../../services/candidates/employers';
import {
  addCandidate,
  findCandidateByIdNumber,
  getCandidate,
  getCandidatePhoto,
  searchCandidates,
  setCandidatePhoto,
  updateCandidate,
  upsertCandidate,
} from '../../services/candidates/candidates';
import { checkIdNumber, normaliseIdNumber } from '../../services/ids/idNumber';
import { createSession, finalizeSession, getSession, listSessions, previewFinalize } from '../../services/sessions/sessions';
import { enrol, listEnrolments, withdrawEnrolment } from '../../services/sessions/enrolments';
import { getResults, setResult } from '../../services/results/results';
import { GROUPINGS, overallPassRate, passRateBreakdown } from '../../services/passrate/breakdown';
import { PASS_RATE_FORMULA } from '../../services/passrate/passRate';
import { schemaVersion } from '../../db/database';
import { APP_VERSION } from '../../services/shared/version';
import { inTransaction } from '../../services/shared/context';
import { AppError } from '../../services/errors';

const optText = z.string().nullish();

const CandidateInput = z.object({
  idType: z.string().optional(),
  idNumber: z.string(),
  name: z.string(),
  gender: optText,
  birthDate: optText,
  phone: optText,
  education: optText,
  employer: optText,
});

export const PassRateFilter = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    sessionId: Id.optional(),
    occupationId: Id.optional(),
    level: z.coerce.number().int().min(1).max(5).optional(),
    attempt: z.enum(['first', 'retake']).optional(),
    finalizedOnly: z.boolean().optional(),
  })
  .default({});

export const coreOperations = {
  'app.info': query(z.object({}).default({}), (ctx) => ({
    version: APP_VERSION,
    schemaVersion: schemaVersion(ctx.db),
    database: ctx.db.name,
    operator: ctx.operator,
  })),

  'settings.list': query(z.object({}).default({}), (ctx) => listSettings(ctx)),
  'settings.set': command(z.object({ key: z.string(), value: z.string() }), (ctx, a) => setSetting(ctx, a.key, a.value)),

  'occupations.list': query(z.object({}).default({}), (ctx) => listOccupations(ctx)),
  'employers.list': query(z.object({}).default({}), (ctx) => listEmployers(ctx)),

  'ids.check': query(z.object({ idNumber: z.string(), idType: z.string().optional() }), (_ctx, a) => checkIdNumber(a.idNumber, a.idType)),

  'candidates.search': query(
    z.object({ query: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0) }),
    (ctx, a) => searchCandidates(ctx, a.query, a.limit, a.offset),
  ),
  'candidates.get': query(z.object({ id: Id }), (ctx, a) => getCandidate(ctx, a.id)),
  'candidates.add': command(CandidateInput, (ctx, a) => addCandidate(ctx, a)),
  'candidates.update': command(CandidateInput.extend({ id: Id }), (ctx, { id, ...a }) => updateCandidate(ctx, id, a)),
  'candidates.setPhoto': command(z.object({ id: Id, base64: z.string().nullable() }), (ctx, a) => {
    const bytes = a.base64 === null ? null : Buffer.from(a.base64, 'base64');
    if (bytes && bytes.length > 2 * 1024 * 1024) throw new AppError('PHOTO_TOO_LARGE', '照片超过 2 MB，请裁剪或压缩后再上传（一寸照片通常不到 200 KB）。');
    if (bytes && !(bytes[0] === 0xff && bytes[1] === 0xd8) && !(bytes[0] === 0x89 && bytes[1] === 0x50)) {
      throw new AppError('PHOTO_FORMAT', '照片只能是 JPEG 或 PNG 格式，请换一张照片。');
    }
    return setCandidatePhoto(ctx, a.id, bytes);
  }),
  'candidates.photo': query(z.object({ id: Id }), (ctx, a) => {
    const p = getCandidatePhoto(ctx, a.id);
    return { base64: p ? p.toString('base64') : null };
  }),

  'sessions.list': query(
    z.object({ status: z.enum(['draft', 'open', 'finalized']).optional(), year: z.string().optional() }).default({}),
    (ctx, a) => listSessions(ctx, a),
  ),
  'sessions.get': query(z.object({ id: Id }), (ctx, a) => getSession(ctx, a.id)),
  'sessions.create': command(
    z.object({
      occupation: z.string(),
      level: z.coerce.number(),
      date: z.string(),
      name: z.string().optional(),
      attempt: z.string().optional(),
      specialty: optText,
      endDate: optText,
      venue: optText,
    }),
    (ctx, a) => createSession(ctx, a),
  ),
  'sessions.finalizePreview': query(z.object({ id: Id }), (ctx, a) => previewFinalize(ctx, a.id)),
  'sessions.finalize': command(z.object({ id: Id }), (ctx, a) => finalizeSession(ctx, a.id)),

  'enrolments.list': query(z.object({ sessionId: Id }), (ctx, a) => listEnrolments(ctx, a.sessionId)),
  /** Enrol a known candidate, or register a new one and enrol them in one step. */
  'enrolments.add': command(
    z.object({
      sessionId: Id,
      candidateId: Id.optional(),
      idNumber: z.string().optional(),
      candidate: CandidateInput.optional(),
      admissionNumber: z.string().optional(),
    }),
    (ctx, a) =>
      inTransaction(ctx.db, () => {
        let candidateId = a.candidateId ?? (a.candidate ? upsertCandidate(ctx, a.candidate).candidate.id : undefined);
        if (candidateId === undefined && a.idNumber) {
          const found = findCandidateByIdNumber(ctx, normaliseIdNumber(a.idNumber));
          if (!found) throw new AppError('CANDIDATE_NOT_FOUND', `没有证件号码为 ${a.idNumber} 的考生，请先登记（candidate add）或核对号码。`);
          candidateId = found.id;
        }
        if (candidateId === undefined) throw new AppError('CANDIDATE_REQUIRED', '请选择一名考生，或填写新考生的信息。');
        return enrol(ctx, a.sessionId, candidateId, { admissionNumber: a.admissionNumber });
      }),
  ),
  'enrolments.remove': command(z.object({ enrolmentId: Id, reason: z.string().optional() }), (ctx, a) => {
    withdrawEnrolment(ctx, a.enrolmentId, a.reason);
    return { removed: a.enrolmentId };
  }),

  'results.get': query(z.object({ sessionId: Id }), (ctx, a) => getResults(ctx, a.sessionId)),
  'results.set': command(
    z.object({
      sessionId: Id,
      idNumber: z.string().optional(),
      enrolmentId: Id.optional(),
      part: z.string(),
      score: z.union([z.number(), z.string()]).optional(),
      absent: z.boolean().optional(),
      misconduct: z.boolean().optional(),
      clear: z.boolean().optional(),
      reason: z.string().optional(),
    }),
    (ctx, a) => setResult(ctx, a),
  ),

  'passrate.breakdown': query(z.object({ groupBy: z.enum(GROUPINGS), filter: PassRateFilter }), (ctx, a) => ({
    formula: PASS_RATE_FORMULA,
    rows: passRateBreakdown(ctx, a.groupBy, a.filter),
  })),
  'passrate.overall': query(z.object({ filter: PassRateFilter }).default({ filter: {} }), (ctx, a) => ({
    formula: PASS_RATE_FORMULA,
    summary: overallPassRate(ctx, a.filter),
  })),
};
