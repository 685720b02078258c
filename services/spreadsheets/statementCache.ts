// A bulk import calls the same services once per row; each call prepares its SQL afresh, which
// costs more than running it. Within one import, the services get a handle whose prepare()
// hands back the statement already prepared for the same SQL text.
import type { DB } from '../../db/database';
import type { Ctx } from '../shared/context';

export function withStatementCache(ctx: Ctx): Ctx {
  const db = ctx.db;
  const cache = new Map<string, ReturnType<DB['prepare']>>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  const cached = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...ctx, db: cached };
}
