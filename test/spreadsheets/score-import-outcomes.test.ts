// A score sheet lands through setResultsBatch, which decides every outcome at once and recounts
// the tallies afterwards; it must end exactly where keying each cell in with setResult ends: the
// same part results, outcomes, tallies and audit entries, retakes' carried parts included.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { buildWorkbook, writeTemp, type CellInput } from './workbooks';
import { counted, tallies } from '../db/migrations/tallies.testkit';
import { addCandidate } from '../../services/candidates/candidates';
import { enrol } from '../../services/sessions/enrolments';
import { createSession } from '../../services/sessions/sessions';
import { setResult, setResultsBatch } from '../../services/results/results';
import { verifyAuditChain } from '../../services/audit/verify';
import type { AuditRow } from '../../services/audit/audit';
import type { Ctx } from '../../services/shared/context';

const person = (n: number) => makeIdNumber('310101', '19880220', n);
const NAMES = ['张伟', '李娜', '王芳', '赵强', '孙丽', '周杰', '吴敏', '郑磊', '陈静', '冯军', '何洋'];

/**
 * A 补考 session of 电工 four: people who passed 理论知识 in March carry it; others sat nothing
 * before; some already have a part keyed in, one a 违纪, and two are already decided.
 */
function prepared(): { ctx: Ctx; sessionId: number; enrolmentOf: (n: number) => number } {
  const { ctx } = createDB();
  const ids = NAMES.map((name, n) => addCandidate(ctx, { idNumber: person(n), name, employer: n % 2 ? '甲物业' : null }).id);
  const march = session(ctx, '2024-03-10', '正考');
  for (const n of [0, 1, 2, 3]) {
    enrol(ctx, march, ids[n]!);
    setResult(ctx, { sessionId: march, idNumber: person(n), part: 'theory', score: 82 });
    setResult(ctx, { sessionId: march, idNumber: person(n), part: 'skill', score: 41 });
  }
  const sessionId = session(ctx, '2024-09-10', '补考');
  const enrolmentOf = new Map<number, number>();
  ids.forEach((id, n) => enrolmentOf.set(n, enrol(ctx, sessionId, id, { attempt: n < 4 ? 'retake' : 'first' }).id));
  // Already keyed in by hand before the sheet arrives.
  setResult(ctx, { sessionId, idNumber: person(6), part: 'skill', misconduct: true });
  setResult(ctx, { sessionId, idNumber: person(7), part: 'skill', score: 70 });
  for (const n of [8, 9]) {
    setResult(ctx, { sessionId, idNumber: person(n), part: 'theory', score: 80 });
    setResult(ctx, { sessionId, idNumber: person(n), part: 'skill', score: 80 });
  }
  return { ctx, sessionId, enrolmentOf: (n) => enrolmentOf.get(n)! };
}

const session = (ctx: Ctx, date: string, attempt: '正考' | '补考') => createSession(ctx, { occupation: '电工', level: 4, date, attempt }).id;

// The sheet: 证件号码, 理论知识, 操作技能 per person; null leaves the cell blank.
const SHEET: [number, CellInput, CellInput][] = [
  [0, null, 66], //      carried 理论 82 + 66 → 合格
  [1, null, '缺考'], //  carried 理论 + 缺考 → 不合格
  [2, 70, '违纪'], //    the carried 理论 is overwritten (no longer carried); 违纪 → 不合格
  [4, '缺考', '缺考'], // absent from every part → 缺考
  [5, '缺考', null], //  one part absent, the other not in yet → 待录入
  [6, 90, null], //      违纪 keyed in before → 不合格
  [7, 60, null], //      操作 70 keyed in before, 60 passes → 合格
  [8, 80, 80], //        already 合格, the same scores again: an update that changes nothing
  [9, null, 59.5], //    was 合格, now 不合格
  [10, 59.5, null], //   one failed part decides it already → 不合格
];
// 3 (carried 理论, nothing else) is not on the sheet and stays 待录入.

async function sheetFile(): Promise<string> {
  return writeTemp(await buildWorkbook([{ rows: [['姓名', '证件号码', '理论知识', '操作技能'], ...SHEET.map(([n, theory, skill]) => [NAMES[n]!, person(n), theory, skill])] }]));
}

const state = (ctx: Ctx, sessionId: number) => ({
  outcomes: ctx.db.prepare('SELECT id, outcome FROM enrolments WHERE session_id = ? ORDER BY id').all(sessionId),
  parts: ctx.db.prepare('SELECT enrolment_id, part, status, score_tenths, carried_from FROM part_results ORDER BY 1, 2').all(),
  tallies: tallies(ctx.db),
  session: ctx.db.prepare('SELECT status FROM sessions WHERE id = ?').get(sessionId),
});

/** What each entry says, in chain order, without when it was written. */
const entries = (ctx: Ctx) =>
  (ctx.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]).map((r) => [r.operator, r.entity, r.entity_id, r.action, r.old_value, r.new_value, r.reason].join(' | '));

describe('a score sheet decides outcomes in one pass', () => {
  it('lands the same results, outcomes, tallies and audit entries as keying in each cell, carried parts included', async () => {
    const bulk = prepared();
    const done = await call(bulk.ctx, 'scores.import', { sessionId: bulk.sessionId, file: { path: await sheetFile() } });
    expect(done).toMatchObject({ imported: 7, updated: 3, rejected: [] });

    const byHand = prepared();
    for (const [n, theory, skill] of SHEET) {
      for (const [part, cell] of [['theory', theory], ['skill', skill]] as const) {
        if (cell !== null) setResult(byHand.ctx, { sessionId: byHand.sessionId, idNumber: person(n), part, score: cell as number | string, reason: '成绩单导入' });
      }
    }

    expect(state(bulk.ctx, bulk.sessionId)).toEqual(state(byHand.ctx, byHand.sessionId));
    expect(tallies(bulk.ctx.db)).toEqual(counted(bulk.ctx.db));
    expect(entries(bulk.ctx)).toEqual(entries(byHand.ctx));
    expect(verifyAuditChain(bulk.ctx)).toMatchObject({ ok: true, firstBad: null });
    const outcome = (n: number) => (bulk.ctx.db.prepare('SELECT outcome FROM enrolments WHERE id = ?').get(bulk.enrolmentOf(n)) as { outcome: string }).outcome;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(outcome)).toEqual(['pass', 'fail', 'fail', 'pending', 'absent', 'pending', 'fail', 'pass', 'pass', 'fail', 'fail']);
  });

  it('treats a part written twice in one batch as an update of the first write, as one by one', () => {
    const bulk = prepared();
    const byHand = prepared();
    const e = bulk.enrolmentOf(4);
    setResultsBatch(bulk.ctx, bulk.sessionId, [
      { enrolmentId: e, part: 'theory', status: 'absent', tenths: null },
      { enrolmentId: e, part: 'theory', status: 'scored', tenths: 750 },
      { enrolmentId: e, part: 'skill', status: 'scored', tenths: 610 },
    ]);
    setResult(byHand.ctx, { sessionId: byHand.sessionId, enrolmentId: e, part: 'theory', absent: true });
    setResult(byHand.ctx, { sessionId: byHand.sessionId, enrolmentId: e, part: 'theory', score: 75 });
    setResult(byHand.ctx, { sessionId: byHand.sessionId, enrolmentId: e, part: 'skill', score: 61 });
    expect(state(bulk.ctx, bulk.sessionId)).toEqual(state(byHand.ctx, byHand.sessionId));
    expect(entries(bulk.ctx)).toEqual(entries(byHand.ctx));
  });

  it('refuses an enrolment of another session or a part the session does not examine, and leaves every count as it was', async () => {
    const { ctx, sessionId, enrolmentOf } = prepared();
    const other = session(ctx, '2024-10-10', '正考');
    const stranger = enrol(ctx, other, addCandidate(ctx, { idNumber: person(20), name: '钱多' }).id).id;
    const before = { ...state(ctx, sessionId), audit: entries(ctx) };
    const good = { enrolmentId: enrolmentOf(4), part: 'theory' as const, status: 'scored' as const, tenths: 900 };
    expect(() => setResultsBatch(ctx, sessionId, [good, { enrolmentId: stranger, part: 'theory', status: 'scored', tenths: 900 }])).toThrow(
      expect.objectContaining({ code: 'NOT_ENROLLED' }),
    );
    expect(() => setResultsBatch(ctx, sessionId, [good, { enrolmentId: enrolmentOf(4), part: 'review', status: 'scored', tenths: 900 }])).toThrow(
      expect.objectContaining({ code: 'PART_NOT_REQUIRED' }),
    );
    expect({ ...state(ctx, sessionId), audit: entries(ctx) }).toEqual(before);
    expect(tallies(ctx.db)).toEqual(counted(ctx.db));
    // The tally triggers are back: a later single save still keeps the counts.
    setResult(ctx, { sessionId, enrolmentId: enrolmentOf(3), part: 'skill', score: 99 });
    expect(tallies(ctx.db)).toEqual(counted(ctx.db));
    expect(await callError(ctx, 'results.set', { sessionId, enrolmentId: stranger, part: 'theory', score: 70 })).toMatchObject({ code: 'NOT_ENROLLED' });
  });
});
