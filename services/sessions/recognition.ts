// 认定分类 of an enrolment (docs/exchange.md): 晋级 when the person already holds a lower level of
// the same occupation (a higher number: 四级 is above 五级), 初次 otherwise. It depends on the
// session, so it belongs to the enrolment; the officer can set it by hand where the records are
// incomplete (a certificate from elsewhere not entered), and clear it to have it worked out again.
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { getSession } from './sessions';
import { enrolmentIdOf } from './enrolments';
import { RECOGNITIONS, type Recognition } from '../vocabulary/people';

/**
 * The 认定分类 of the enrolment `e` in session `s` of occupation `o`, as SQL for a query that joins
 * those three aliases: the hand-set one, else worked out from the person's certificates (CertDesk's
 * own, not void) and those recorded from elsewhere (candidate_credentials). An occupation is matched
 * by name, so a certificate under the 2015 edition's code counts for the 2022 one.
 */
export const RECOGNITION_SQL = `coalesce(e.recognition, CASE WHEN EXISTS (
    SELECT 1 FROM certificates rc JOIN enrolments re ON re.id = rc.enrolment_id JOIN sessions rs ON rs.id = re.session_id JOIN occupations ro ON ro.id = rs.occupation_id
    WHERE rc.candidate_id = e.candidate_id AND rc.status = 'issued' AND re.id <> e.id AND rs.level > s.level AND ro.name = o.name)
  OR EXISTS (
    SELECT 1 FROM candidate_credentials cc LEFT JOIN occupations co ON co.id = cc.occupation_id
    WHERE cc.candidate_id = e.candidate_id AND cc.kind = 'certificate' AND cc.level > s.level AND coalesce(co.name, cc.occupation_text) = o.name)
  THEN 'promotion' ELSE 'initial' END)`;

export interface EnrolmentRecognition {
  enrolmentId: number;
  name: string;
  idNumber: string;
  recognition: Recognition;
  label: string;
  /** Set by hand (true) or worked out (false). */
  manual: boolean;
}

export function recognitionOf(ctx: Ctx, enrolmentId: number): EnrolmentRecognition {
  const row = ctx.db
    .prepare(
      `SELECT e.id AS enrolmentId, c.name, c.id_number AS idNumber, ${RECOGNITION_SQL} AS recognition, e.recognition IS NOT NULL AS manual
       FROM enrolments e JOIN candidates c ON c.id = e.candidate_id JOIN sessions s ON s.id = e.session_id JOIN occupations o ON o.id = s.occupation_id
       WHERE e.id = ?`,
    )
    .get(enrolmentId) as Omit<EnrolmentRecognition, 'label' | 'manual'> & { manual: number };
  return { ...row, label: RECOGNITIONS[row.recognition], manual: row.manual === 1 };
}

/** Sets (or with null clears) the 认定分类 of a person's enrolment in a session. */
export function setRecognition(ctx: Ctx, sessionId: number, idNumber: string, recognition: Recognition | null): EnrolmentRecognition {
  return inTransaction(ctx.db, () => {
    getSession(ctx, sessionId);
    const id = enrolmentIdOf(ctx, sessionId, idNumber);
    const old = recognitionOf(ctx, id);
    ctx.db.prepare('UPDATE enrolments SET recognition = ? WHERE id = ?').run(recognition, id);
    const now = recognitionOf(ctx, id);
    recordAudit(ctx, { entity: 'enrolment', entityId: id, action: 'recognition', oldValue: { recognition: old.label, manual: old.manual }, newValue: { recognition: now.label, manual: now.manual } });
    return now;
  });
}
