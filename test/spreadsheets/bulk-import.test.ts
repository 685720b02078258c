// The bulk path behind a roster import (upsertCandidates, enrolMany, auditBatch) must land exactly
// what adding each person by hand lands: the same people, enrolments and audit entries, with the
// hash chain intact — only faster (bench/scenarios/spreadsheets.ts measures that).
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber } from '../helpers';
import { buildWorkbook, writeTemp } from './workbooks';
import { addCandidate, upsertCandidate } from '../../services/candidates/candidates';
import { enrol } from '../../services/sessions/enrolments';
import { auditBatch, canonicalJson, entryJson, type AuditRow } from '../../services/audit/audit';
import { verifyAuditChain } from '../../services/audit/verify';
import type { Ctx } from '../../services/shared/context';

const zhang = makeIdNumber('370101', '19900305', 123);
const li = makeIdNumber('440101', '19851111', 224);
const wang = makeIdNumber('110101', '19720708', 315);
const zhao = makeIdNumber('310101', '19880220', 413);

/** 王五 is already known (old phone, no employer); 赵六 is already known with the same details. */
async function prepared(): Promise<{ ctx: Ctx; sessionId: number }> {
  const { ctx } = createDB();
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  addCandidate(ctx, { idNumber: wang, name: '王五', phone: '13900000000' });
  addCandidate(ctx, { idNumber: zhao, name: '赵六', employer: '乙物业' });
  return { ctx, sessionId: s.id };
}

const rows: (string | number | null)[][] = [
  [1, '张 三', '男', zhang, '138 0000 0001', '甲物业（北京）公司'],
  [2, '李四', '女', li, null, '乙物业'],
  [3, '王五', '男', wang, '13800000003', '丙 物业'],
  [4, '赵六', '男', zhao, null, '乙物业'],
];

async function rosterFile(): Promise<string> {
  return writeTemp(await buildWorkbook([{ rows: [['序号', '姓名', '性别', '身份证号码', '手机号码', '工作单位'], ...rows] }]));
}

/** What an entry says, without when it was written (the only part allowed to differ). */
function entries(ctx: Ctx): string[] {
  return (ctx.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[])
    .map((r) => [r.operator, r.entity, r.entity_id, r.action, r.old_value, r.new_value, r.reason, r.app_version].join(' | '))
    .sort();
}

function landed(ctx: Ctx, sessionId: number): unknown[] {
  return ctx.db
    .prepare(
      `SELECT c.id_number, c.name, c.gender, c.birth_date, c.phone, c.name_initials, emp.name AS employer, e.admission_number, e.attempt
       FROM enrolments e JOIN candidates c ON c.id = e.candidate_id LEFT JOIN employers emp ON emp.id = c.employer_id
       WHERE e.session_id = ? ORDER BY e.admission_number`,
    )
    .all(sessionId);
}

describe('a roster import in bulk', () => {
  it('lands the same people, enrolments and audit entries as adding each person by hand, and the chain verifies', async () => {
    const bulk = await prepared();
    const done = await call(bulk.ctx, 'roster.import', { sessionId: bulk.sessionId, file: { path: await rosterFile() } });
    expect(done).toMatchObject({ imported: 4, updated: 0, rejected: [] });

    const byHand = await prepared();
    for (const [, name, gender, idNumber, phone, employer] of rows) {
      const { candidate } = upsertCandidate(byHand.ctx, { idNumber: String(idNumber), name: String(name), gender: String(gender), phone: phone as string | null, employer: employer as string | null });
      enrol(byHand.ctx, byHand.sessionId, candidate.id);
    }

    expect(landed(bulk.ctx, bulk.sessionId)).toEqual(landed(byHand.ctx, byHand.sessionId));
    expect(entries(bulk.ctx)).toEqual(entries(byHand.ctx));
    // 王五's phone and employer were refreshed (an update entry); 赵六's details were the same (no entry).
    expect(entries(bulk.ctx).filter((e) => e.includes('| candidate |') && e.includes('| update |'))).toHaveLength(1);
    expect(verifyAuditChain(bulk.ctx)).toMatchObject({ ok: true, firstBad: null });
  });

  it('keeps one verifiable chain across a 1,000-row roster, its score sheet and a second import of both', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const people = Array.from({ length: 1000 }, (_, i) => [i + 1, `张${'伟芳娜秀英'[i % 5]}${'明超霞'[i % 3]}`, makeIdNumber('370101', '19900305', i)]);
    const roster = writeTemp(await buildWorkbook([{ rows: [['序号', '姓名', '身份证号码', '工作单位'], ...people.map((p, i) => [...p, `第${i % 7}物业公司`])] }]));
    const scores = writeTemp(await buildWorkbook([{ rows: [['序号', '姓名', '身份证号码', '理论知识', '操作技能'], ...people.map((p, i) => [...p, 50 + (i % 50), i % 9 ? 75 : '缺考'])] }]));
    for (let round = 0; round < 2; round++) {
      await call(ctx, 'roster.import', { sessionId: s.id, file: { path: roster } });
      await call(ctx, 'scores.import', { sessionId: s.id, file: { path: scores } });
    }
    const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
    // Second round: everyone already enrolled with the same details, so only the scores are written again (as updates).
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'candidate'")).toBe(1000);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'employer'")).toBe(7);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'enrolment'")).toBe(1000);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'result' AND action = 'update'")).toBe(2000);
    expect(verifyAuditChain(ctx)).toMatchObject({ ok: true, entries: count('SELECT count(*) AS n FROM audit_log') });
  });

  it('writes entries whose JSON is the canonical JSON verify recomputes', () => {
    const row = { seq: 7, at: '2024-06-15T08:00:00.000Z', operator: '王\n"干事"', entity: 'result', entity_id: '3:theory', action: 'update', old_value: null, new_value: '{"score":85.5}', reason: '成绩单导入', app_version: '1.0.0' };
    expect(entryJson(row)).toBe(canonicalJson(row));
  });

  it('will not open an audit batch outside a transaction, where nothing would tie its entries together', () => {
    const { ctx } = createDB();
    expect(() => auditBatch(ctx)).toThrow(/inside the transaction/);
  });
});
