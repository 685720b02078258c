import { cachedStatement, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { recordAudit } from '../audit/audit';

export function normaliseEmployerName(raw: string): string {
  return raw.replace(/[\u3000\s]+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** The id of the employer with this name, created on first use. */
export function ensureEmployer(ctx: Ctx, rawName: string | null | undefined): number | null {
  const name = rawName ? normaliseEmployerName(rawName) : '';
  if (!name) return null;
  const row = cachedStatement(ctx.db, 'SELECT id FROM employers WHERE name = ?').get(name) as { id: number } | undefined;
  if (row) return row.id;
  const id = Number(cachedStatement(ctx.db, 'INSERT INTO employers (name, created_at) VALUES (?, ?)').run(name, nowIso()).lastInsertRowid);
  recordAudit(ctx, { entity: 'employer', entityId: id, action: 'create', newValue: { name } });
  return id;
}

export function listEmployers(ctx: Ctx): { id: number; name: string; isMember: boolean; candidates: number }[] {
  return (
    ctx.db
      .prepare(
        `SELECT e.id, e.name, e.is_member AS isMember, (SELECT count(*) FROM candidates c WHERE c.employer_id = e.id) AS candidates
         FROM employers e ORDER BY e.name`,
      )
      .all() as { id: number; name: string; isMember: number; candidates: number }[]
  ).map((r) => ({ ...r, isMember: r.isMember === 1 }));
}
