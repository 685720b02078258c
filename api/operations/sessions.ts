// Sessions (认定批次) and who is enrolled in them.
import { z } from 'zod';
import { command, Id, query } from '../op';
import { AppError } from '../../services/errors';
import { createSession, deleteSession, finalizeSession, updateSession, getSession, listSessions, previewFinalize } from '../../services/sessions/sessions';
import { enrolmentIdOf, enrolPerson, listEnrolments, withdrawEnrolment } from '../../services/sessions/enrolments';
import { createRetakeSession } from '../../services/sessions/retake';
import { CandidateInput } from './candidates';
import { setRecognition } from '../../services/sessions/recognition';

const optText = z.string().nullish();

export const sessionOperations = {
  'sessions.list': query(
    { title: '查看认定批次' },
    z.object({ status: z.enum(['draft', 'open', 'finalized']).optional(), year: z.string().optional() }).default({}),
    (ctx, a) => listSessions(ctx, a),
  ),
  'sessions.get': query({ title: '查看认定批次' }, z.object({ id: Id }), (ctx, a) => getSession(ctx, a.id)),
  'sessions.create': command(
    { title: '新建认定批次' },
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
  /** Correct a session before 定稿: a field left out stays, an empty venue or 工种 is cleared. */
  'sessions.update': command(
    { title: '修改认定批次' },
    z.object({ id: Id, name: z.string().optional(), date: z.string().optional(), venue: optText, specialty: optText }),
    (ctx, { id, ...changes }) => updateSession(ctx, id, changes),
  ),
  /** Remove a session made by mistake, only while nobody is enrolled in it. */
  'sessions.delete': command({ title: '删除认定批次' }, z.object({ id: Id }), (ctx, a) => deleteSession(ctx, a.id)),
  'sessions.finalizePreview': query({ title: '定稿前检查' }, z.object({ id: Id }), (ctx, a) => previewFinalize(ctx, a.id)),
  /** 补考 of a finalized session: everyone who did not pass, with the parts they passed carried. */
  'sessions.retake': command(
    { title: '建补考批次' },
    z.object({ id: Id, date: z.string(), name: z.string().optional() }),
    (ctx, a) => createRetakeSession(ctx, a.id, { date: a.date, name: a.name }),
  ),
  'sessions.finalize': command({ title: '定稿', access: 'admin', backup: 'finalize' }, z.object({ id: Id }), (ctx, a) => finalizeSession(ctx, a.id)),

  'enrolments.list': query({ title: '查看报名名单' }, z.object({ sessionId: Id }), (ctx, a) => listEnrolments(ctx, a.sessionId)),
  /** Enrol a known candidate, or register a new one and enrol them in one step. */
  'enrolments.add': command(
    { title: '报名' },
    z.object({
      sessionId: Id,
      candidateId: Id.optional(),
      idNumber: z.string().optional(),
      candidate: CandidateInput.optional(),
      admissionNumber: z.string().optional(),
      /** An administrator enrols a person who already passed or holds the certificate (ALREADY_CERTIFIED), with a reason. */
      override: z.object({ reason: z.string() }).optional(),
    }),
    (ctx, { sessionId, admissionNumber, override, ...who }) => enrolPerson(ctx, sessionId, who, { admissionNumber, override }),
  ),
  /** Withdraw one enrolment, named by its id or by the session and the person's ID number. */
  /** 认定分类 (初次/晋级) set by hand; null: worked out again from the person's certificates. */
  'enrolments.setRecognition': command(
    { title: '修改认定分类' },
    z.object({ sessionId: Id, idNumber: z.string().min(1), recognition: z.enum(['initial', 'promotion']).nullable() }),
    (ctx, a) => setRecognition(ctx, a.sessionId, a.idNumber, a.recognition),
  ),
  'enrolments.remove': command(
    { title: '移出批次' },
    z.object({ enrolmentId: Id.optional(), sessionId: Id.optional(), idNumber: z.string().optional(), reason: z.string().optional() }),
    (ctx, a) => {
      let enrolmentId = a.enrolmentId;
      if (enrolmentId === undefined) {
        if (a.sessionId === undefined || a.idNumber === undefined) throw new AppError('ENROLMENT_REQUIRED', '请指明要移出的报名：批次编号和考生证件号码。');
        enrolmentId = enrolmentIdOf(ctx, a.sessionId, a.idNumber);
      }
      const e = withdrawEnrolment(ctx, enrolmentId, a.reason);
      return { removed: enrolmentId, sessionId: e.sessionId, name: e.name, idNumber: e.idNumber };
    },
  ),
};
