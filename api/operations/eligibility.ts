// 申报条件: the clauses of an occupation × level (an administrator's data), a person's history
// (参加工作时间, 文化程度, earlier certificates and training), and the check of a whole session.
import { z } from 'zod';
import { command, Id, query } from '../op';
import { addClause, addCredential, backgroundOf, checkSession, listClauses, removeClause, setBackground } from '../../services/eligibility/eligibility';

const Level = z.union([z.number(), z.string()]);

export const eligibilityOperations = {
  /** Everyone enrolled in a session, checked as of its exam date: {candidates:[{idNumber, name, eligible, clause, reasons}]}. */
  'eligibility.check': query({ title: '审核申报条件' }, z.object({ sessionId: Id }), (ctx, a) => checkSession(ctx, a.sessionId)),
  'eligibility.clauses': query({ title: '查看申报条件' }, z.object({ occupation: z.string(), level: Level }), (ctx, a) => listClauses(ctx, a)),
  'eligibility.addClause': command(
    { title: '增加申报条件', access: 'admin' },
    z.object({ occupation: z.string(), level: Level, label: z.string(), text: z.string(), conditions: z.unknown(), source: z.string().optional() }),
    (ctx, a) => addClause(ctx, a),
  ),
  'eligibility.removeClause': command({ title: '删除申报条件', access: 'admin' }, z.object({ id: Id }), (ctx, a) => removeClause(ctx, a)),
  /** A certificate CertDesk did not issue (原证书), or completed training, recorded for a person. */
  'credentials.add': command(
    { title: '登记原证书' },
    z.object({
      idNumber: z.string(),
      occupation: z.string(),
      level: Level,
      date: z.string(),
      number: z.string().optional(),
      issuer: z.string().optional(),
      kind: z.enum(['certificate', 'training']).optional(),
    }),
    (ctx, a) => addCredential(ctx, a),
  ),
  /** A person's 参加工作时间, 文化程度, 毕业时间 and the certificates from elsewhere and training recorded for them. */
  'credentials.list': query({ title: '查看申报资料' }, z.object({ idNumber: z.string() }), (ctx, a) => backgroundOf(ctx, a.idNumber)),
  /** 参加工作时间, 文化程度 and 毕业时间 of a registered person; a field left out stays, an empty one is cleared. */
  'candidates.setBackground': command(
    { title: '登记工作和学历情况' },
    z.object({ idNumber: z.string(), workStartDate: z.string().nullable().optional(), education: z.string().nullable().optional(), graduationDate: z.string().nullable().optional() }),
    (ctx, a) => setBackground(ctx, a),
  ),
};
