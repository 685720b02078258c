// Searching as you type finds exactly what the plain query finds — exact names first, then every
// other name or employer containing the text, newest first — however the fast paths get there.
import { beforeAll, describe, expect, it } from 'vitest';
import { createDB } from '../helpers';
import { loadDemo } from '../../services/demo/generate';
import { searchCandidates } from '../../services/candidates/candidates';
import type { Ctx } from '../../services/shared/context';

let ctx: Ctx;

beforeAll(() => {
  ctx = createDB().ctx;
  // More than the quick pass's 3,000 newest candidates, so every path is taken.
  loadDemo(ctx, 'large', { today: '2024-06-30', plan: { years: 1, firstSessionsPerYear: 10, candidates: 14_000, partResults: 2_000, employers: 40 } });
  ctx.db.prepare("UPDATE candidates SET name = 'John Smith' WHERE id IN (5, 9000)").run();
});

/** The search as one plain statement: the definition the fast paths must agree with. */
function plainSearch(q: string, limit: number, offset: number): number[] {
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  return (
    ctx.db
      .prepare(
        `SELECT c.id FROM candidates c WHERE c.name LIKE ? ESCAPE '\\' OR c.employer_id IN (SELECT id FROM employers WHERE name LIKE ? ESCAPE '\\')
         ORDER BY (c.name = ?) DESC, c.id DESC LIMIT ? OFFSET ?`,
      )
      .all(like, like, q, limit, offset) as { id: number }[]
  ).map((r) => r.id);
}

describe('text search on a large file', () => {
  const texts = ['王', '王伟', '李秀英', '秀英', '欧阳', '锦华', '物业', '深圳市', '赵钱孙李', 'John Smith', 'john smith', '%', '张_'];
  for (const q of texts) {
    it(`finds for 「${q}」 what the plain query finds, page by page`, () => {
      for (const [limit, offset] of [[50, 0], [20, 20], [50, 130]] as const) {
        expect(searchCandidates(ctx, q, limit, offset).items.map((c) => c.id), `${q} ${limit}/${offset}`).toEqual(plainSearch(q, limit, offset));
      }
    });
  }

  it('puts the people called exactly by the typed name first', () => {
    const name = (ctx.db.prepare('SELECT name FROM candidates GROUP BY name HAVING count(*) > 2 ORDER BY count(*) DESC LIMIT 1').get() as { name: string }).name;
    const items = searchCandidates(ctx, name, 50, 0).items;
    const exact = items.filter((c) => c.name === name).length;
    expect(exact).toBeGreaterThan(2);
    expect(items.slice(0, exact).every((c) => c.name === name)).toBe(true);
  });
});
