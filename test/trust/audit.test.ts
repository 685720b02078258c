// The tamper-evident audit trail: every version of a score with who and why, and `audit verify`
// naming the first entry that was edited, deleted or moved with the sqlite3 shell.
import { beforeEach, describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import { scoredSession, sqlite3, ZHANG } from './fixtures';
import { openDatabase } from '../../db/database';
import { verifyAuditChain } from '../../services/audit/verify';

let ctx: Ctx;
let file: string;

beforeEach(() => {
  ({ ctx, file } = createDB());
});

/** Drops the append-only triggers, as a tamperer with the sqlite3 shell would have to. */
const UNGUARD = 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;';

function verifyCli() {
  return runCli(['audit', 'verify', '--db', file, '--json']);
}

describe('the audit chain', () => {
  it('verifies an untouched log and prints the head hash', async () => {
    await scoredSession(ctx);
    ctx.db.close();
    const r = verifyCli();
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ ok: true, firstBad: null, appendOnly: true });
    const rows = Number(sqlite3(file, 'SELECT count(*) FROM audit_log').trim());
    expect(r.json.entries).toBe(rows);
    expect(r.json.headHash).toBe(sqlite3(file, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').trim());
  });

  it('refuses UPDATE and DELETE on the log while its triggers are in place', async () => {
    await scoredSession(ctx);
    expect(() => ctx.db.prepare("UPDATE audit_log SET reason = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('names the edited entry when a score in the log is rewritten', async () => {
    await scoredSession(ctx);
    ctx.db.close();
    sqlite3(file, `${UNGUARD} UPDATE audit_log SET new_value = '{"score":68,"status":"scored"}' WHERE seq = 5;`);
    const r = verifyCli();
    expect(r.status).toBe(1);
    expect(r.json.error.code).toBe('AUDIT_BROKEN');
    expect(r.json.error.details.firstBad.seq).toBe(5);
    expect(r.json.error.message).toContain('第 5 条记录的内容被改动过');
    expect(r.json.error.details.appendOnly).toBe(false);
  });

  it('names the missing entry when one is deleted', async () => {
    await scoredSession(ctx);
    ctx.db.close();
    sqlite3(file, `${UNGUARD} DELETE FROM audit_log WHERE seq = 4;`);
    const r = verifyCli();
    expect(r.status).toBe(1);
    expect(r.json.error.details.firstBad.seq).toBe(4);
    expect(r.json.error.message).toContain('第 4 条记录不见了');
  });

  it('names the first moved entry when two are swapped', async () => {
    await scoredSession(ctx);
    ctx.db.close();
    sqlite3(file, `${UNGUARD} UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1;`);
    const r = verifyCli();
    expect(r.status).toBe(1);
    expect(r.json.error.details.firstBad.seq).toBe(3);
  });

  it('notices a wholly rewritten log through the head hash noted on paper', async () => {
    await scoredSession(ctx);
    const noted = (await call(ctx, 'audit.verify', {})).headHash;
    // A consistent rewrite: the log is rebuilt from scratch with a changed score, every hash recomputed.
    const other = createDB().ctx;
    await call(other, 'sessions.create', { occupation: '4-06-01-01', level: 3, date: '2024-06-15' });
    const rewritten = await call(other, 'audit.verify', { knownHead: noted });
    expect(rewritten).toMatchObject({ ok: false, firstBad: null, knownHeadFound: false });
    expect(await call(ctx, 'audit.verify', { knownHead: noted })).toMatchObject({ ok: true, knownHeadFound: true });
  });

  it('fails while the append-only triggers are missing, even with every entry intact', async () => {
    await scoredSession(ctx);
    ctx.db.close();
    sqlite3(file, UNGUARD);
    const r = verifyCli();
    expect(r.status).toBe(1);
    expect(r.json.error.code).toBe('AUDIT_BROKEN');
    expect(r.json.error.details).toMatchObject({ ok: false, firstBad: null, appendOnly: false });
    expect(r.json.error.message).toContain('触发器不见了或被改过');
  });

  it('fails when a trigger of the same name no longer refuses anything', async () => {
    await scoredSession(ctx);
    ctx.db.close();
    sqlite3(file, `${UNGUARD} CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
    const r = verifyCli();
    expect(r.status).toBe(1);
    expect(r.json.error.details.appendOnly).toBe(false);
    // The same triggers put back as the schema defines them (whitespace aside) satisfy it again.
    sqlite3(file, `DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
    expect(verifyCli().status).toBe(0);
  });

  it('refuses a noted head that is not a hash', async () => {
    expect((await callError(ctx, 'audit.verify', { knownHead: '12345' })).code).toBe('INVALID_ARGUMENT');
  });
});

describe('the history of a score', () => {
  it('shows every version of one score with who changed it, when and why', async () => {
    const { sessionId, zhangEnrolment } = await scoredSession(ctx);
    await call({ ...ctx, operator: 'lina' }, 'results.set', { sessionId, idNumber: ZHANG, part: 'theory', score: 61, reason: '复核试卷，漏加一题 3 分' });
    const history = await call(ctx, 'audit.history', { entity: 'result', entityId: `${zhangEnrolment}:theory` });
    expect(history.map((h) => [h.operator, h.action, h.oldValue, h.newValue, h.reason])).toEqual([
      ['test', 'create', null, { status: 'scored', score: 58 }, null],
      ['lina', 'update', { status: 'scored', score: 58 }, { status: 'scored', score: 61 }, '复核试卷，漏加一题 3 分'],
    ]);
    expect(history[1]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('names the operator by 姓名 when the login is an account', async () => {
    await call(ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
    const admin = { ...ctx, operator: 'wangfang' };
    await call(admin, 'settings.set', { key: 'institution.name', value: '广东省物业管理行业协会' });
    const [entry] = await call(admin, 'audit.history', { entity: 'setting', entityId: 'institution.name' });
    expect(entry).toMatchObject({ operator: 'wangfang', operatorName: '王芳', newValue: '广东省物业管理行业协会' });
  });

  it('lists the newest changes first, a page at a time', async () => {
    await scoredSession(ctx);
    const head = (ctx.db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
    const page = await call(ctx, 'audit.recent', { limit: 2 });
    expect(page.map((e) => e.seq)).toEqual([head, head - 1]);
    expect((await call(ctx, 'audit.recent', { limit: 2, offset: 2 }))[0]!.seq).toBe(head - 2);
  });
});

describe('the quick walk of the newest entries', () => {
  it('checks only the tail it is given, so automatic backups stay quick, while the full walk sees everything', async () => {
    await scoredSession(ctx);
    ctx.db.close();
    sqlite3(file, `${UNGUARD} UPDATE audit_log SET reason = '改过' WHERE seq = 2;`);
    const db = openDatabase(file);
    expect(verifyAuditChain({ db, operator: 't' }, undefined, 4)).toMatchObject({ firstBad: null, appendOnly: false });
    expect(verifyAuditChain({ db, operator: 't' }, undefined, 2)).toMatchObject({ ok: false, firstBad: { seq: 2 } });
    expect(verifyAuditChain({ db, operator: 't' })).toMatchObject({ ok: false, firstBad: { seq: 2 } });
    db.close();
  });
});

describe('the history on the command line', () => {
  it('finds a score by session, ID number and part, and shows who changed it and why', async () => {
    const { sessionId } = await scoredSession(ctx);
    await call({ ...ctx, operator: 'lina' }, 'results.set', { sessionId, idNumber: ZHANG, part: 'theory', score: 61, reason: '复核试卷' });
    ctx.db.close();
    const r = runCli(['audit', 'history', '--session', String(sessionId), '--candidate', ZHANG, '--part', '理论知识', '--db', file, '--json']);
    expect(r.status).toBe(0);
    expect(r.json.map((e: { operator: string; reason: string | null }) => [e.operator, e.reason])).toEqual([
      ['test', null],
      ['lina', '复核试卷'],
    ]);
    const table = runCli(['audit', 'history', '--session', String(sessionId), '--candidate', ZHANG, '--part', 'theory', '--db', file]);
    expect(table.stdout).toContain('复核试卷');
  });

  it('says so when the candidate is not in that session', async () => {
    const { sessionId } = await scoredSession(ctx);
    ctx.db.close();
    const r = runCli(['audit', 'history', '--session', String(sessionId), '--candidate', '110101199003070012', '--part', 'theory', '--db', file, '--json']);
    expect(r.status).toBe(1);
    expect(r.json.error.code).toBe('NOT_ENROLLED');
  });
});
