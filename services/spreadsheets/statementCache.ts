// A bulk import calls the same services once per row; each call prepares its SQL afresh, which
// costs more than running it. Within one import, the services get a handle whose prepare()
// hands back the connection's kept statement (the one cache: cachedStatement).
import { cachedStatement, type Ctx } from '../shared/context';

export function withStatementCache(ctx: Ctx): Ctx {
  const db = ctx.db;
  const prepare = (sql: string) => cachedStatement(db, sql);
  const cached = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...ctx, db: cached };
}
