// The id ranges a demo load fills (table demo_rows), kept current chunk by chunk so that even an
// interrupted load can be removed.
import type { Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import type { DemoSize } from './plans';

export const DEMO_ENTITIES = ['employer', 'candidate', 'session', 'certificate', 'training_class', 'member'] as const;
export type DemoEntity = (typeof DEMO_ENTITIES)[number];

export class DemoRanges {
  private readonly ranges = new Map<DemoEntity, { first: number; last: number }>();
  private readonly loadedAt = nowIso();

  constructor(
    private readonly ctx: Ctx,
    private readonly size: DemoSize,
  ) {}

  add(entity: DemoEntity, id: number): void {
    const r = this.ranges.get(entity);
    if (!r) this.ranges.set(entity, { first: id, last: id });
    else r.last = Math.max(r.last, id);
  }

  save(): void {
    const upsert = this.ctx.db.prepare(
      `INSERT INTO demo_rows (entity, first_id, last_id, size, loaded_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity) DO UPDATE SET last_id = excluded.last_id`,
    );
    for (const [entity, r] of this.ranges) upsert.run(entity, r.first, r.last, this.size, this.loadedAt);
  }
}
