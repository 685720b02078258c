// What a finalized class gives its completers elsewhere: a 申报条件 clause «经本职业X级正规培训
// … 并取得结业证书» is met by completing a class for that occupation and level (docs/training.md
// § Eligibility). Only a class locked at 结业 counts: a live completion can still change.
import { cachedStatement, type Ctx } from '../shared/context';

export function completedTrainings(ctx: Ctx, candidateId: number): { occupationCode: string; level: number; date: string }[] {
  return cachedStatement(
    ctx.db,
    `SELECT o.code AS occupationCode, tc.level, tc.end_date AS date FROM training_trainees t
     JOIN training_classes tc ON tc.id = t.class_id JOIN occupations o ON o.id = tc.occupation_id
     WHERE t.candidate_id = ? AND tc.status = 'finalized' AND t.completed = 1`,
  ).all(candidateId) as { occupationCode: string; level: number; date: string }[];
}
