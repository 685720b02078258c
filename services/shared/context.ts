// What every operation receives: the open database and who is acting.
import type { DB } from '../../db/database';

export interface Ctx {
  db: DB;
  /** The operator's login, recorded on every write (the trust area adds accounts). */
  operator: string;
}

/** The one way to open a transaction. better-sqlite3 nests them as savepoints. */
export function inTransaction<T>(db: DB, fn: () => T): T {
  return db.transaction(fn).immediate();
}
