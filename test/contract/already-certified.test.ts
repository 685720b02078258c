// A person who already passed an occupation, level and 工种, or holds its certificate, is not
// enrolled again (by hand, by roster, on the command line) unless an administrator overrides it
// with a reason, and is never issued a second certificate.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import { configureInstitution, finalizedSession, officeWithSession, PEOPLE } from '../certificates/fixtures';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import type { Ctx } from '../../services/shared/context';
import { enrolMany } from '../../services/sessions/enrolments';

const zhang = PEOPLE.find((p) => p.name === '张伟')!;
const li = PEOPLE.find((p) => p.name === '李娜')!;
const chen = PEOPLE.find((p) => p.name === '陈静')!;

function auditOf(ctx: Ctx, action: string) {
  return ctx.db.prepare("SELECT operator, entity_id AS entityId, new_value AS newValue, reason FROM audit_log WHERE entity = 'enrolment' AND action = ?").all(action) as {
    operator: string;
    entityId: string;
    newValue: string;
    reason: string;
  }[];
}

describe('enrolling a person who already passed (ALREADY_CERTIFIED)', () => {
  it('refuses by hand, naming the session they passed, and later the certificate they hold', async () => {
    const o = await officeWithSession();
    const first = await call(o.ctx, 'sessions.get', { id: o.sessionId });
    const retake = await call(o.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-12-01', attempt: '补考' });

    const e = await callError(o.ctx, 'enrolments.add', { sessionId: retake.id, idNumber: zhang.idNumber });
    expect(e.code).toBe('ALREADY_CERTIFIED');
    expect(e.message).toContain(first.name);
    expect(e.message).toContain('张伟');

    const issued = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    const number = issued.issued.find((i) => i.name === '张伟')!.number;
    const again = await callError(o.ctx, 'enrolments.add', { sessionId: retake.id, idNumber: zhang.idNumber });
    expect(again.code).toBe('ALREADY_CERTIFIED');
    expect(again.message).toContain(number);

    // Who failed (李娜) or was absent (陈静) is enrolled as before; another level is another certificate.
    expect((await call(o.ctx, 'enrolments.add', { sessionId: retake.id, idNumber: li.idNumber })).name).toBe('李娜');
    expect((await call(o.ctx, 'enrolments.add', { sessionId: retake.id, idNumber: chen.idNumber })).name).toBe('陈静');
    const higher = await call(o.ctx, 'sessions.create', { occupation: '物业管理师', level: 2, date: '2024-12-01' });
    expect((await call(o.ctx, 'enrolments.add', { sessionId: higher.id, idNumber: zhang.idNumber })).name).toBe('张伟');
    expect((await call(o.ctx, 'enrolments.list', { sessionId: retake.id })).map((x) => x.name)).toEqual(['李娜', '陈静']);
  });

  it('is refused by the batch enrolment too (one lookup for the batch), whoever calls it', async () => {
    const o = await officeWithSession();
    const next = await call(o.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-12-01' });
    const idOf = (idNumber: string) => (o.db.prepare('SELECT id FROM candidates WHERE id_number = ?').get(idNumber) as { id: number }).id;
    expect(() => enrolMany(o.ctx, next.id, [{ candidateId: idOf(li.idNumber) }, { candidateId: idOf(zhang.idNumber) }])).toThrow(/张伟.*已在认定批次/);
    expect(await call(o.ctx, 'enrolments.list', { sessionId: next.id })).toEqual([]);
    expect(enrolMany(o.ctx, next.id, [{ candidateId: idOf(li.idNumber) }, { candidateId: idOf(chen.idNumber) }])).toHaveLength(2);
  });

  it('refuses a roster row of such a person with the reason, and imports the others', async () => {
    const o = await officeWithSession();
    const next = await call(o.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-12-01' });
    const file = writeTemp(
      await buildWorkbook([
        {
          textColumns: ['B'],
          rows: [
            ['姓名', '证件号码'],
            ['张伟', zhang.idNumber],
            ['李娜', li.idNumber],
          ],
        },
      ]),
    );
    const r = await call(o.ctx, 'roster.import', { sessionId: next.id, file: { path: file } });
    expect(r.rejected).toEqual([{ row: 2, column: '证件号码', code: 'ALREADY_CERTIFIED', name: '张伟', message: expect.stringMatching(/张伟.*已在认定批次「.*」（编号 1）中合格/) }]);
    expect((await call(o.ctx, 'enrolments.list', { sessionId: next.id })).map((x) => x.name)).toEqual(['李娜']);
  });

  it('lets an administrator override with a reason, recorded in the audit log; a clerk is refused', async () => {
    const { ctx, db } = createDB();
    await configureInstitution(ctx);
    const { sessionId } = await finalizedSession(ctx);
    await call({ db, operator: 'cli:officer' }, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
    const admin: Ctx = { db, operator: 'wangfang', caller: 'page' };
    const clerk: Ctx = { db, operator: 'lisi', caller: 'page' };
    await call(admin, 'operators.add', { login: 'lisi', name: '李四', role: 'clerk', password: 'clerk-pass-1' });
    const next = await call(admin, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-12-01' });

    expect((await callError(clerk, 'enrolments.add', { sessionId: next.id, idNumber: zhang.idNumber, override: { reason: '单位要求' } })).code).toBe('ADMIN_REQUIRED');
    expect((await callError(admin, 'enrolments.add', { sessionId: next.id, idNumber: zhang.idNumber, override: { reason: '  ' } })).code).toBe('REASON_REQUIRED');
    expect(auditOf(ctx, 'override-certified')).toEqual([]);

    const e = await call(admin, 'enrolments.add', { sessionId: next.id, idNumber: zhang.idNumber, override: { reason: '原证书信息有误，重新认定' } });
    const [entry] = auditOf(ctx, 'override-certified');
    expect(entry).toMatchObject({ operator: 'wangfang', entityId: String(e.id), reason: '原证书信息有误，重新认定' });
    expect(JSON.parse(entry!.newValue)).toMatchObject({ priorSessionId: sessionId });
  });
});

describe('issuing certificates (发证) never gives a person a second one', () => {
  it('skips and lists a person holding a valid certificate of the same occupation, level and 工种; after 作废 they get one', async () => {
    const o = await officeWithSession();
    const first = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    const held = first.issued.find((i) => i.name === '张伟')!.number;

    const next = await call(o.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-12-01' });
    await call(o.ctx, 'enrolments.add', { sessionId: next.id, idNumber: zhang.idNumber, override: { reason: '重新认定' } });
    await call(o.ctx, 'enrolments.add', { sessionId: next.id, idNumber: li.idNumber });
    for (const id of [zhang.idNumber, li.idNumber]) {
      for (const part of ['theory', 'skill']) await call(o.ctx, 'results.set', { sessionId: next.id, idNumber: id, part, score: 80 });
    }
    await call(o.ctx, 'sessions.finalize', { id: next.id });

    const r = await call(o.ctx, 'certificates.issue', { sessionId: next.id, date: '2024-12-20' });
    expect(r.issued.map((i) => i.name)).toEqual(['李娜']);
    expect(r.skipped).toEqual([{ idNumber: zhang.idNumber, name: '张伟', number: held }]);
    const valid = (await call(o.ctx, 'certificates.list', { status: 'issued' })).filter((c) => c.idNumber === zhang.idNumber);
    expect(valid.map((c) => c.number)).toEqual([held]);

    await call(o.ctx, 'certificates.void', { number: held, reason: '信息有误' });
    const after = await call(o.ctx, 'certificates.issue', { sessionId: next.id, date: '2024-12-21' });
    expect(after.issued.map((i) => i.name)).toEqual(['张伟']);
    expect(after.skipped).toEqual([]);
  });
});

describe('certdesk enrol', () => {
  it('refuses a person who passed with ALREADY_CERTIFIED, and enrols them with --override-reason, audited', () => {
    const db = path.join(tempDir(), 'enrol.sqlite');
    const cli = (...args: string[]) => runCli([...args, '--db', db, '--json']);
    const s = cli('session', 'create', '--occupation', '物业管理师', '--level', '3', '--date', '2024-06-15').json;
    expect(cli('candidate', 'add', '--id-number', zhang.idNumber, '--name', '张伟', '--session', String(s.id)).status).toBe(0);
    for (const part of ['theory', 'skill']) expect(cli('result', 'set', '--session', String(s.id), '--candidate', zhang.idNumber, '--part', part, '--score', '75').status).toBe(0);
    expect(cli('session', 'finalize', String(s.id)).status).toBe(0);
    const next = cli('session', 'create', '--occupation', '物业管理师', '--level', '3', '--date', '2024-12-01', '--attempt', '补考').json;

    const refused = cli('enrol', '--session', String(next.id), '--candidate', zhang.idNumber);
    expect(refused.status).not.toBe(0);
    expect(refused.json.error).toMatchObject({ code: 'ALREADY_CERTIFIED', message: expect.stringContaining(s.name), details: { sessionId: s.id } });
    const plain = runCli(['enrol', '--session', String(next.id), '--candidate', zhang.idNumber, '--db', db]);
    expect(plain.stderr).toContain('ALREADY_CERTIFIED');

    const forced = cli('enrol', '--session', String(next.id), '--candidate', zhang.idNumber, '--override-reason', '原证书信息有误');
    expect(forced.status).toBe(0);
    const audit = cli('audit', 'history', '--entity', 'enrolment', '--id', String(forced.json.id));
    expect(audit.status).toBe(0);
    expect(JSON.stringify(audit.json)).toContain('override-certified');
    expect(JSON.stringify(audit.json)).toContain('原证书信息有误');
  });
});

describe('建补考批次 (sessions.retake) and who already passed elsewhere', () => {
  it('lists a person who failed here but passed another session of the same occupation, level and 工种, instead of enrolling them', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    // 李娜 fails in June, then passes the same level in a session of September.
    const june = await finalizedSession(ctx, { people: [li, zhang] });
    await finalizedSession(ctx, { people: [{ ...li, theory: 70 }], date: '2024-09-01' });
    const r = await call(ctx, 'sessions.retake', { id: june.sessionId, date: '2024-12-01' });
    expect(r.enrolled).toBe(0);
    expect(r.skipped).toEqual([{ idNumber: li.idNumber, name: '李娜', reason: expect.stringContaining('中合格') }]);
    expect(await call(ctx, 'enrolments.list', { sessionId: r.id })).toEqual([]);
  });

  it('is refused for a session not yet finalized, and makes no session then', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const open = await finalizedSession(ctx, { people: [li], finalize: false });
    const e = await callError(ctx, 'sessions.retake', { id: open.sessionId, date: '2024-12-01' });
    expect(e.code).toBe('SESSION_NOT_FINALIZED');
    expect(e.message).toContain('还没有定稿');
    expect((await call(ctx, 'sessions.list', {})).length).toBe(1);
  });
});
