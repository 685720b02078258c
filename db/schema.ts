// The schema each version defines, read from a fresh in-memory database migrated to that version,
// and what a file's schema has that it should not (or lacks). A restored backup must match exactly:
// an extra trigger could silently change scores or re-enable an account, a dropped one lets the
// audit log be rewritten.
import Database from 'better-sqlite3';
import { migrate, type DB } from './database';

export type SchemaObjectType = 'table' | 'index' | 'trigger' | 'view';

export interface SchemaDifference {
  kind: 'extra' | 'missing' | 'changed';
  type: string;
  name: string;
}

/** Whitespace differences are not schema differences; anything else is. */
function normalise(sql: string | null): string {
  return (sql ?? '').replace(/\s+/g, ' ').trim();
}

/** type + name → normalised SQL, without SQLite's own objects (sqlite_sequence, automatic indexes, statistics). */
export function schemaOf(db: DB): Map<string, { type: string; name: string; sql: string }> {
  // Only what SQLite makes itself is left out, by type and shape too: a trigger or view named sqlite_… is still compared.
  const rows = db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master
       WHERE NOT (type = 'table' AND name IN ('sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4'))
         AND NOT (type = 'index' AND sql IS NULL AND name LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\')`,
    )
    .all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, { type: r.type, name: r.name, sql: `${r.tbl_name}: ${normalise(r.sql)}` }]));
}

const expected = new Map<number, ReturnType<typeof schemaOf>>();

/** The schema a fresh database has at `version` (built once per version). */
export function expectedSchema(version: number): ReturnType<typeof schemaOf> {
  let schema = expected.get(version);
  if (!schema) {
    const fresh = new Database(':memory:');
    try {
      migrate(fresh, ':memory:', undefined, version);
      schema = schemaOf(fresh);
    } finally {
      fresh.close();
    }
    expected.set(version, schema);
  }
  return schema;
}

/** Every object that differs from what `version` defines; empty when the schema is exactly right. */
export function schemaDifferences(db: DB, version: number): SchemaDifference[] {
  const want = expectedSchema(version);
  const have = schemaOf(db);
  const out: SchemaDifference[] = [];
  for (const [key, h] of have) {
    const w = want.get(key);
    if (!w) out.push({ kind: 'extra', type: h.type, name: h.name });
    else if (w.sql !== h.sql) out.push({ kind: 'changed', type: h.type, name: h.name });
  }
  for (const [key, w] of want) if (!have.has(key)) out.push({ kind: 'missing', type: w.type, name: w.name });
  return out.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

const TYPE_WORDS: Record<string, string> = { table: '表', index: '索引', trigger: '触发器', view: '视图' };
const KIND_WORDS: Record<SchemaDifference['kind'], string> = { extra: '多出', missing: '缺少', changed: '改动了' };

/** 「多出触发器 x」「缺少表 y」…, for a message. */
export function describeDifference(d: SchemaDifference): string {
  return `${KIND_WORDS[d.kind]}${TYPE_WORDS[d.type] ?? d.type} ${d.name}`;
}
