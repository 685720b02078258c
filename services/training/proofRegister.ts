// The register a training proof's QR code is checked against: the serial on a trainee who
// completed a class finalized here (services/certificates/verify.ts reads it).
import { cachedStatement, type Ctx } from '../shared/context';

export function findTrainingProof(ctx: Ctx, number: string): { name: string; idNumber: string; classId: number } | null {
  const row = cachedStatement(
    ctx.db,
    `SELECT c.name, c.id_number AS idNumber, t.class_id AS classId FROM training_trainees t JOIN candidates c ON c.id = t.candidate_id
     JOIN training_classes tc ON tc.id = t.class_id WHERE t.certificate_number = ? AND t.completed = 1 AND tc.status = 'finalized'`,
  ).get(number) as { name: string; idNumber: string; classId: number } | undefined;
  return row ?? null;
}
