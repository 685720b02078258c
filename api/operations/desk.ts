// Operations the officer's window needs beyond the foundation: the people behind a pass-rate figure,
// and the pass mark of a part (设置 → 考核科目与合格线).
import { z } from 'zod';
import { command, query } from '../op';
import { PassRateFilter } from './core';
import { filterClause, GROUP_SQL, GROUPINGS } from '../../services/passrate/breakdown';
import { setPassMark } from '../../services/occupations/passMarks';
import type { Outcome } from '../../services/vocabulary/words';

export interface FigureCandidate {
  enrolmentId: number;
  sessionId: number;
  sessionName: string;
  admissionNumber: string;
  name: string;
  idNumber: string;
  employer: string | null;
  attempt: 'first' | 'retake';
  outcome: Outcome;
}

export const deskOperations = {
  /** Click-through from one bar or row of a pass-rate breakdown to the candidates it counts. */
  'desk.figureCandidates': query(
    z.object({ groupBy: z.enum(GROUPINGS), key: z.string(), filter: PassRateFilter, limit: z.coerce.number().int().min(1).max(5000).default(2000) }),
    (ctx, a) => {
      const g = GROUP_SQL[a.groupBy];
      const { where, args } = filterClause(a.filter);
      where.push(`CAST((${g.key}) AS TEXT) = ?`);
      const rows = ctx.db
        .prepare(
          `SELECT e.id AS enrolmentId, s.id AS sessionId, s.name AS sessionName, e.admission_number AS admissionNumber,
                  c.name, c.id_number AS idNumber, emp.name AS employer, e.attempt, e.outcome
           FROM enrolments e JOIN sessions s ON s.id = e.session_id JOIN occupations o ON o.id = s.occupation_id
                JOIN candidates c ON c.id = e.candidate_id LEFT JOIN employers emp ON emp.id = e.employer_id
           WHERE ${where.join(' AND ')}
           ORDER BY s.exam_date DESC, e.admission_number LIMIT ?`,
        )
        .all(...args, a.key, a.limit) as FigureCandidate[];
      return rows;
    },
  ),
  /** 合格线 of one part of an occupation's level; open sessions' outcomes follow, finalized ones stay locked. */
  'occupations.setPassMark': command(
    z.object({ occupation: z.string(), level: z.coerce.number().int().min(1).max(5), part: z.string(), passMark: z.union([z.number(), z.string()]) }),
    (ctx, a) => setPassMark(ctx, a),
  ),
};
