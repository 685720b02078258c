import { describe, expect, it } from 'vitest';
import { createDB, makeIdNumber } from '../../helpers';
import { migrate, schemaVersion, type DB } from '../../../db/database';
import { nameReadings } from '../../../services/candidates/names';
import { PersonMaker } from '../../../services/demo/people';
import { Random } from '../../../services/demo/random';

const add = (db: DB, id: number, name: string, initials: string) =>
  db
    .prepare("INSERT INTO candidates (id, id_type, id_number, name, name_initials, created_at, updated_at) VALUES (?, '居民身份证', ?, ?, ?, 't', 't')")
    .run(id, makeIdNumber('440106', '19900101', id), name, initials);

describe('migration 0011: the other readings of names on file', () => {
  it('reads surnames as surnames and keeps the everyday reading beside them', () => {
    const { db, file } = createDB(10);
    add(db, 1, '曾伟', 'cw'); // stored before version 10: 曾 read as céng
    add(db, 2, '张伟', 'zw');
    add(db, 3, '李长春', 'lcc');
    migrate(db, file, undefined, 11);
    expect(schemaVersion(db)).toBe(11);
    expect(db.prepare('SELECT id, name_initials AS i FROM candidates ORDER BY id').all()).toEqual([
      { id: 1, i: 'zw' },
      { id: 2, i: 'zw' },
      { id: 3, i: 'lcc' },
    ]);
    expect(db.prepare('SELECT candidate_id AS id, initials FROM candidate_initials ORDER BY candidate_id, initials').all()).toEqual([
      { id: 1, initials: 'cw' },
      { id: 3, initials: 'lzc' },
    ]);
  });

  it('forgets a person’s readings with the person', () => {
    const { db } = createDB(11);
    add(db, 1, '曾伟', 'zw');
    db.prepare("INSERT INTO candidate_initials VALUES ('cw', 1)").run();
    db.prepare('DELETE FROM candidates WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM candidate_initials').get()).toEqual({ n: 0 });
  });

  it('gives the names on file the readings a new person of the same name gets', () => {
    const { db, file } = createDB(10);
    const people = new PersonMaker(new Random(3));
    const names = [...Array.from({ length: 2000 }, () => people.make(2024).name), '万俟卨', 'John Smith', '阿依古丽·买买提', '李a'];
    names.forEach((name, i) => add(db, i + 1, name, 'old'));
    migrate(db, file, undefined, 11);
    const others = db.prepare('SELECT initials FROM candidate_initials WHERE candidate_id = ? ORDER BY initials');
    const wrong = (db.prepare('SELECT id, name, name_initials AS stored FROM candidates').all() as { id: number; name: string; stored: string }[]).filter(({ id, name, stored }) => {
      const [primary, ...rest] = nameReadings(name);
      return stored !== primary || JSON.stringify((others.all(id) as { initials: string }[]).map((r) => r.initials)) !== JSON.stringify(rest.sort());
    });
    expect(wrong).toEqual([]);
  });
});
