// Column mappings an officer made by hand in the preview, remembered per header shape
// (import_mappings, schema v2) so the next file from the same association maps itself.
import type { Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';

export type ImportKind = 'roster' | 'scores' | 'certificates' | 'attendance';

/** Column letter → field key ('' = ignore the column). */
export type ColumnMapping = Record<string, string>;

export function rememberedMapping(ctx: Ctx, kind: ImportKind, signature: string): ColumnMapping | null {
  const row = ctx.db.prepare('SELECT mapping FROM import_mappings WHERE kind = ? AND signature = ?').get(kind, signature) as { mapping: string } | undefined;
  return row ? parseMapping(row.mapping) : null;
}

/** Every mapping remembered for a kind of sheet, by header signature: for a reader on another thread. */
export function rememberedMappings(ctx: Ctx, kind: ImportKind): Record<string, ColumnMapping> {
  const out: Record<string, ColumnMapping> = {};
  for (const row of ctx.db.prepare('SELECT signature, mapping FROM import_mappings WHERE kind = ?').all(kind) as { signature: string; mapping: string }[]) {
    const mapping = parseMapping(row.mapping);
    if (mapping) out[row.signature] = mapping;
  }
  return out;
}

function parseMapping(text: string): ColumnMapping | null {
  try {
    const parsed = JSON.parse(text) as unknown;
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
