// What every operation receives: the open database and who is acting.
import type { DB } from '../../db/database';
import type { Statement } from 'better-sqlite3';

export interface Ctx {
  db: DB;
  /** The operator's login, recorded on every write (the trust area adds accounts). */
  operator: string;
  /**
   * Which door the call came through. A page (the window's renderer over IPC, or a browser over
   * HTTP) never names a file on this computer: it uploads bytes and downloads results. The shell
   * (Electron's main process, acting on the path its own save/open dialog returned) and the
   * command line (the OS account itself) may. Unset means the command line or a test.
   */
  caller?: 'cli' | 'shell' | 'page';
  /** Accounts exist and nobody has logged in: only the operations open to anyone run, told as little as they need. */
  anonymous?: boolean;
  /** Where a page's call comes from (the browser's address, or the window), for slowing down password guessing. */
  client?: string;
  /**
   * The account behind a login session, with its role, as the session look-up read it at the start
   * of this call (services/operators/access.ts): the role checks use it instead of reading the
   * account again on every call. Only trusted while its login is ctx.operator.
   */
  account?: { login: string; role: 'clerk' | 'admin' | 'judge' };
}

/** The one way to open a transaction. better-sqlite3 nests them as savepoints. */
export function inTransaction<T>(db: DB, fn: () => T): T {
  return db.transaction(fn).immediate();
}

const statements = new WeakMap<DB, Map<string, Statement>>();

/**
 * A prepared statement kept for the life of the connection. For the hot paths (saving a score
 * runs a dozen statements): preparing costs more than running. Not for statements iterated while
 * the same SQL could run again inside the loop.
 */
export function cachedStatement(db: DB, sql: string): Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
