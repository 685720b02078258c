// Column mappings an officer made by hand in the preview, remembered per header shape
// (import_mappings, schema v2) so the next file from the same association maps itself.
import type { Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';

export type ImportKind = 'roster' | 'scores' | 'certificates';

/** Column letter → field key ('' = ignore the column). */
export type ColumnMapping = Record<string, string>;

export function rememberedMapping(ctx: Ctx, kind: string, signature: string): ColumnMapping | null {
  const row = ctx.db.prepare('SELECT mapping FROM import_mappings WHERE kind = ? AND signature = ?').get(kind, signature) as { mapping: string } | undefined;
  if (!row) return null;
  try {
    const parsed = JSON.parse(row.mapping) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as ColumnMapping) : null;
  } catch {
    return null;
  }
}

export function rememberMapping(ctx: Ctx, kind: string, signature: string, mapping: ColumnMapping): void {
  ctx.db
    .prepare(
      `INSERT INTO import_mappings (kind, signature, mapping, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
    )
    .run(kind, signature, JSON.stringify(mapping), nowIso());
}
