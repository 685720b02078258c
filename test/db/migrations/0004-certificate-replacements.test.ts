import { describe, expect, it } from 'vitest';
import { createDB } from '../../helpers';
import { migrate, schemaVersion } from '../../../db/database';

describe('migration 0004: index for reissued certificates', () => {
  it('upgrades a version-3 database that already holds a reissue, keeping it', () => {
    const { db, file } = createDB(3);
    const now = '2024-07-01T00:00:00.000Z';
    db.prepare("INSERT INTO candidates (id_type, id_number, name, created_at, updated_at) VALUES ('居民身份证', '440106199003071231', '张伟', ?, ?)").run(now, now);
    db.prepare("INSERT INTO certificates (number, candidate_id, issue_date, status, void_reason, created_at) VALUES ('S000044000123243000001', 1, '2024-07-01', 'void', '遗失', ?)").run(now);
    db.prepare("INSERT INTO certificates (number, candidate_id, issue_date, replaces_id, created_at) VALUES ('S000044000123243000002', 1, '2024-09-01', 1, ?)").run(now);
    migrate(db, file, undefined, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT number FROM certificates WHERE replaces_id = 1').get()).toEqual({ number: 'S000044000123243000002' });
  });

  it('finds the replacement of a certificate through the index', () => {
    const { db } = createDB(4);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT number FROM certificates WHERE replaces_id = ?').all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('certificates_replaces');
  });
});
