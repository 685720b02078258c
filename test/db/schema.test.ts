// Each version's schema is frozen once released: a restored backup of version N must match what the
// migrations make at N exactly (services/backup/check.ts), so a migration may never change its SQL,
// nor borrow code another migration could change.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../db/database';
import { expectedSchema, schemaDifferences } from '../../db/schema';
import { ROOT } from '../helpers';

/** The schema of every version as released, whitespace aside. A new version adds a line; none changes. */
const RELEASED: Record<number, string> = {
  1: '9f66e9c65c2b8725',
  2: '25837fe220bc0b3d',
  3: '3e920cc1488b8ab3',
  4: 'c3114b6f6178a3f2',
  5: 'bc122357828dd743',
  6: 'd1005e954016947e',
  7: '3fb7fca9cb953b4f',
  8: 'cb99fd6f7be5ff7f',
  9: 'cb99fd6f7be5ff7f',
  10: 'cec2935c00806889',
  11: '3fc32d7135cabafc',
  12: '5a808065d5be0d41',
  13: '539ebce64751b865',
  14: '518b3a3cce690eaf',
  15: 'da0518822f2be6bc',
  16: '4b3c71a986aaa0f0',
  17: '4b3c71a986aaa0f0',
  18: 'e06cb65a0673e26b',
};

function fingerprint(version: number): string {
  const text = [...expectedSchema(version).entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, o]) => `${key}\n${o.sql}`)
    .join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

describe('the schema of each version', () => {
  it('is what it was when released', () => {
    for (let v = 1; v <= LATEST_VERSION; v++) expect(fingerprint(v), `version ${v}`).toBe(RELEASED[v]);
  });

  it('is made by migrations that import no other migration', () => {
    const dir = path.join(ROOT, 'db/migrations');
    for (const name of fs.readdirSync(dir).filter((n) => /^\d{4}-.*\.ts$/.test(n) && !n.endsWith('.test.ts'))) {
      expect(fs.readFileSync(path.join(dir, name), 'utf8'), name).not.toMatch(/from '\.\/\d{4}-/);
    }
  });

  it('of a database migrated step by step is that of one migrated at once', () => {
    const stepped = new Database(':memory:');
    for (let v = 1; v <= LATEST_VERSION; v++) migrate(stepped, ':memory:', undefined, v);
    expect(schemaDifferences(stepped, LATEST_VERSION)).toEqual([]);
    stepped.exec('CREATE TRIGGER extra AFTER INSERT ON settings BEGIN SELECT 1; END; DROP INDEX audit_entity;');
    expect(schemaDifferences(stepped, LATEST_VERSION)).toEqual([
      { kind: 'missing', type: 'index', name: 'audit_entity' },
      { kind: 'extra', type: 'trigger', name: 'extra' },
    ]);
    stepped.close();
  });
});
