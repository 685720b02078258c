// A roster is read and checked on a thread of its own while the rows already accepted are written
// (roster.ts; a preview is read and checked the same way), by the same steps for a database file
// and an in-memory one, which hold their write differently (a connection of the import's own, or
// the caller's). Both must land exactly the same thing, and a file that fails half-way through its
// reading must leave nothing behind, with the rows already written taken back.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { writeTemp } from './workbooks';
import { MINIMAL_PARTS, zip } from './zip';
import { openDatabase } from '../../db/database';
import { addCandidate } from '../../services/candidates/candidates';
import { enrol } from '../../services/sessions/enrolments';
import { verifyAuditChain } from '../../services/audit/verify';
import type { Ctx } from '../../services/shared/context';

const ROWS = 4500; // three batches of accepted rows and a part of a fourth
const person = (i: number) => makeIdNumber('370101', `199001${String(1 + Math.floor(i / 900)).padStart(2, '0')}`, i % 900);
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const cell = (ref: string, v: string | number | null) =>
  v === null ? '' : typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`;
const row = (r: number, values: (string | number | null)[]) => `<row r="${r}">${values.map((v, i) => cell(`${'ABCDEF'[i]}${r}`, v)).join('')}</row>`;

/**
 * 4,500 people and what real rosters hold: an employer merged down over rows that straddle two
 * batches, a 准考证号 typed far down that the numbering of earlier rows must leave free, a person
 * listed twice, a wrong check character, and a signature line under the data.
 */
function rosterXml(opts: { cutShort?: boolean } = {}): string {
  const rows = [row(1, ['序号', '姓名', '身份证号码', '手机号码', '工作单位', '准考证号'])];
  for (let i = 1; i <= ROWS; i++) {
    const r = i + 1;
    const merged = r > 1999 && r <= 2003;
    rows.push(row(r, [i, `张${'伟芳娜秀英'[i % 5]}${'明超霞'[i % 3]}`, person(i), `1380000${String(i).padStart(4, '0')}`, merged ? null : r === 1999 ? '合并单元格物业' : `第${i % 7}物业公司`, i === 4000 ? '202400010005' : null]));
  }
  rows.push(row(ROWS + 2, [ROWS + 1, '重复者', person(30), null, null, null]));
  rows.push(row(ROWS + 3, [ROWS + 2, '错号者', person(31).slice(0, 17) + (person(31).endsWith('0') ? '1' : '0'), null, null, null]));
  rows.push(row(ROWS + 5, ['填表人：王干事', null, null, null, null, null]));
  const sheet = `<?xml version="1.0"?><worksheet><sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="E1999:E2003"/></mergeCells></worksheet>`;
  // Damaged after its last row: the reader only finds out at the very end, when every batch has been written.
  return opts.cutShort ? sheet.slice(0, sheet.indexOf('</sheetData>')) : sheet;
}

const rosterFile = (opts: { cutShort?: boolean } = {}) => writeTemp(zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: rosterXml(opts) }]), 'roster.xlsx');

/** A session with one person already in it (person 20) and one known from before with an old phone (person 10). */
async function prepared(ctx: Ctx): Promise<number> {
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  addCandidate(ctx, { idNumber: person(10), name: '张伟明', phone: '13900000000' });
  enrol(ctx, s.id, addCandidate(ctx, { idNumber: person(20), name: '张伟超' }).id);
  return s.id;
}

/** Everything the import lands, in an order that does not depend on how it was written. */
function landed(ctx: Ctx, sessionId: number): Record<string, unknown> {
  const all = (sql: string) => ctx.db.prepare(sql).all();
  return {
    people: all(`SELECT c.id, c.id_number, c.name, c.phone, c.name_initials, emp.name AS employer FROM candidates c LEFT JOIN employers emp ON emp.id = c.employer_id ORDER BY c.id`),
    enrolments: ctx.db.prepare(`SELECT candidate_id, admission_number, attempt, employer_id FROM enrolments WHERE session_id = ? ORDER BY admission_number`).all(sessionId),
    nameChars: all('SELECT count(*) AS n, sum(candidate_id) AS ids FROM candidate_name_chars'),
    tallies: all('SELECT * FROM session_tallies ORDER BY session_id, attempt'),
    employerTallies: all('SELECT * FROM employer_tallies ORDER BY session_id, attempt, employer_id'),
    employerTotals: all('SELECT * FROM employer_totals ORDER BY employer_id, attempt'),
    audit: (all('SELECT operator, entity, entity_id, action, old_value, new_value, reason FROM audit_log') as Record<string, unknown>[]).map((e) => Object.values(e).join(' | ')).sort(),
    triggers: all("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"),
  };
}

describe('a large roster checked on its own thread while it is written', () => {
  it('lands exactly the same in a database file and in an in-memory database', async () => {
    const file = rosterFile();
    const onDisk = createDB();
    const diskSession = await prepared(onDisk.ctx);
    const preview = await call(onDisk.ctx, 'roster.import', { sessionId: diskSession, file: { path: file }, dryRun: true });
    const before = landed(onDisk.ctx, diskSession);
    const alongside = await call(onDisk.ctx, 'roster.import', { sessionId: diskSession, file: { path: file } });

    const memory: Ctx = { db: openDatabase(':memory:'), operator: 'test' };
    const memorySession = await prepared(memory);
    const previewInTurn = await call(memory, 'roster.import', { sessionId: memorySession, file: { path: file }, dryRun: true });
    const inTurn = await call(memory, 'roster.import', { sessionId: memorySession, file: { path: file } });

    expect(alongside).toEqual(inTurn);
    expect(preview).toEqual({ ...inTurn, dryRun: true });
    expect(previewInTurn).toEqual(preview);
    expect(alongside).toMatchObject({ imported: ROWS - 1, updated: 1, rows: ROWS + 2 });
    expect(alongside.rejected.map((r) => [r.row, r.column])).toEqual([
      [ROWS + 2, '身份证号码'],
      [ROWS + 3, '身份证号码'],
    ]);
    expect(alongside.preview.slice(8, 20).map((p) => [p.row, p.status])).toContainEqual([11, 'known']);
    expect(alongside.preview.find((p) => p.row === 21)!.status).toBe('enrolled');

    const after = landed(onDisk.ctx, diskSession);
    expect(after).toEqual(landed(memory, memorySession));
    expect(before).not.toEqual(after);
    const enrolments = after.enrolments as { candidate_id: number; admission_number: string }[];
    expect(enrolments).toHaveLength(ROWS);
    // The typed number is person 4000's; the rows above it were numbered around it.
    const numberOf = (i: number) => enrolments.find((e) => e.candidate_id === (after.people as { id: number; id_number: string }[]).find((p) => p.id_number === person(i))!.id)!.admission_number;
    expect(numberOf(4000)).toBe('202400010005');
    expect(numberOf(1)).toBe('202400010002');
    expect(numberOf(4)).toBe('202400010006');
    // The merged employer reached every row under it, across the batch boundary.
    const people = after.people as { id_number: string; employer: string | null; phone: string }[];
    for (let i = 1998; i <= 2002; i++) expect(people.find((p) => p.id_number === person(i))!.employer).toBe('合并单元格物业');
    expect(people.find((p) => p.id_number === person(10))!.phone).toBe('13800000010');
    expect(verifyAuditChain(onDisk.ctx)).toMatchObject({ ok: true, firstBad: null });
  });

  it('takes back every row already written when the file turns out damaged at its end, and the file is free afterwards', async () => {
    const { ctx } = createDB();
    const sessionId = await prepared(ctx);
    const before = landed(ctx, sessionId);
    const e = await callError(ctx, 'roster.import', { sessionId, file: { path: rosterFile({ cutShort: true }) } });
    expect(e).toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringContaining('另存为 .xlsx') });
    expect(landed(ctx, sessionId)).toEqual(before);
    expect(verifyAuditChain(ctx)).toMatchObject({ ok: true });
    expect(await call(ctx, 'roster.import', { sessionId, file: { path: rosterFile() } })).toMatchObject({ imported: ROWS - 1, updated: 1 });
  });

  it('takes them back the same in an in-memory database, whose write is held on the caller’s connection', async () => {
    const ctx: Ctx = { db: openDatabase(':memory:'), operator: 'test' };
    const sessionId = await prepared(ctx);
    const before = landed(ctx, sessionId);
    const e = await callError(ctx, 'roster.import', { sessionId, file: { path: rosterFile({ cutShort: true }) } });
    expect(e).toMatchObject({ code: 'FILE_UNREADABLE' });
    expect(ctx.db.inTransaction).toBe(false);
    expect(landed(ctx, sessionId)).toEqual(before);
    expect(await call(ctx, 'roster.import', { sessionId, file: { path: rosterFile() } })).toMatchObject({ imported: ROWS - 1, updated: 1 });
  });

  it('says the file is busy, saving nothing, while another program holds it for writing', async () => {
    const { ctx } = createDB();
    const sessionId = await prepared(ctx);
    const before = landed(ctx, sessionId);
    const other = new Database(ctx.db.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      const e = await callError(ctx, 'roster.import', { sessionId, file: { path: rosterFile() } });
      expect(e).toMatchObject({ code: 'DB_BUSY', message: expect.stringContaining('本次修改没有保存') });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(landed(ctx, sessionId)).toEqual(before);
  }, 30_000);
});
