import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

const PUBLIC = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';
const PRIVATE = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----\n';

describe('migration 0008: private signing keys kept outside the database', () => {
  it('upgrades a version-7 database keeping its private key where it is, for the first open to move out', () => {
    const { db, file } = createDB(7);
    db.prepare("INSERT INTO signing_keys (public_key, private_key, created_at) VALUES (?, ?, 't')").run(PUBLIC, PRIVATE);
    migrate(db, file, undefined, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT private_key FROM signing_keys').get()).toEqual({ private_key: PRIVATE });
    // Once moved out, the column is blanked, which the schema allows.
    db.prepare("UPDATE signing_keys SET private_key = ''").run();
    expect(db.prepare('SELECT private_key FROM signing_keys').get()).toEqual({ private_key: '' });
  });

  it('refuses a private key written into signing_keys again', () => {
    const { db } = createDB(8);
    expect(() => db.prepare("INSERT INTO signing_keys (public_key, private_key, created_at) VALUES (?, ?, 't')").run(PUBLIC, PRIVATE)).toThrow(/outside the database/);
    db.prepare("INSERT INTO signing_keys (public_key, private_key, created_at) VALUES (?, '', 't')").run(PUBLIC);
    expect(() => db.prepare('UPDATE signing_keys SET private_key = ?').run(PRIVATE)).toThrow(/outside the database/);
    db.prepare('UPDATE signing_keys SET active = 0').run();
  });
});
