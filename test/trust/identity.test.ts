// Who a certificate certifies cannot be changed by a clerk's edit or a roster: once a person holds
// a certificate or a finalized result, only an administrator's correction with a reason changes
// their name or ID, the certificate record shows it, and verify compares the signed identity with
// the register.
import { beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { configureInstitution, finalizedSession, PEOPLE } from '../certificates/fixtures';
import { qrCodesOnPage } from '../certificates/poppler';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import { loadDemo } from '../../services/demo/generate';
import type { Ctx } from '../../services/shared/context';

const ZHANG = PEOPLE[0]!; // passes, gets a certificate
const LI = PEOPLE[2]!; // fails in the finalized session: no certificate, but a finalized result
const OTHER_ID = makeIdNumber('440106', '19910101', 555);

let env: ReturnType<typeof createDB>;
let sessionId: number;
let number: string;
const admin = (): Ctx => ({ ...env.ctx, operator: 'wangfang' });
const clerk = (): Ctx => ({ ...env.ctx, operator: 'lina' });

async function candidateId(idNumber: string): Promise<number> {
  return (await call(env.ctx, 'candidates.search', { query: idNumber })).items[0]!.id;
}

async function printQr(ctx: Ctx, certificate: string): Promise<string> {
  const out = path.join(tempDir(), 'c.pdf');
  await call(ctx, 'certificates.pdf', { numbers: [certificate], out });
  return qrCodesOnPage(out, 1)[0]!;
}

beforeEach(async () => {
  env = createDB();
  await configureInstitution(env.ctx);
  ({ sessionId } = await finalizedSession(env.ctx));
  const { issued } = await call(env.ctx, 'certificates.issue', { sessionId, date: '2024-07-01' });
  number = issued.find((i) => i.idNumber === ZHANG.idNumber)!.number;
  await call(env.ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
  await call(admin(), 'operators.add', { login: 'lina', name: '李娜', role: 'clerk', password: 'clerk-pass-1' });
});

describe("a certified person's identity", () => {
  it("refuses a clerk's edit of the name and ID number, so the next PDF still certifies the same person", async () => {
    const id = await candidateId(ZHANG.idNumber);
    const e = await callError(clerk(), 'candidates.update', { id, idNumber: OTHER_ID, name: '赵六' });
    expect(e.code).toBe('CANDIDATE_IDENTITY_LOCKED');
    expect(e.message).toContain(number);
    expect(e.message).toContain('管理员');
    const qr = await printQr(admin(), number);
    expect(await call(env.ctx, 'certificates.verify', { text: qr })).toMatchObject({ valid: true, certifies: { name: ZHANG.name, idNumber: ZHANG.idNumber } });
  });

  it('still lets a clerk change the phone or employer of a certified person', async () => {
    const id = await candidateId(ZHANG.idNumber);
    const c = await call(clerk(), 'candidates.update', { id, idNumber: ZHANG.idNumber, name: ZHANG.name, phone: '13800138000', employer: '新单位物业' });
    expect(c).toMatchObject({ name: ZHANG.name, phone: '13800138000', employer: '新单位物业' });
  });

  it('fixes the identity of someone with a finalized result but no certificate as well', async () => {
    const id = await candidateId(LI.idNumber);
    const e = await callError(clerk(), 'candidates.update', { id, idNumber: LI.idNumber, name: '李娜娜' });
    expect(e.code).toBe('CANDIDATE_IDENTITY_LOCKED');
    expect(e.message).toContain('已定稿');
  });

  it('lets a person with no finalized result or certificate be renamed as before', async () => {
    const open = await call(env.ctx, 'sessions.create', { occupation: '物业管理师', level: 4, date: '2024-09-01' });
    const e = await call(admin(), 'enrolments.add', { sessionId: open.id, candidate: { idNumber: OTHER_ID, name: '赵六' } });
    expect((await call(clerk(), 'candidates.update', { id: e.candidateId, idNumber: OTHER_ID, name: '赵陆' })).name).toBe('赵陆');
  });
});

describe('a roster into an open session', () => {
  async function roster(rows: (string | null)[][]) {
    const open = await call(env.ctx, 'sessions.create', { occupation: '物业管理师', level: 2, date: '2024-09-01' });
    const file = writeTemp(await buildWorkbook([{ rows: [['姓名', '身份证号码', '性别'], ...rows], textColumns: ['B'] }]));
    return { sessionId: open.id, file };
  }

  it("refuses, as a rejected row naming the 姓名 column, a row that would rename a certified person; the others land", async () => {
    const r = await roster([
      ['赵六', OTHER_ID, null],
      ['张三丰', ZHANG.idNumber, null],
    ]);
    const preview = await call(clerk(), 'roster.import', { sessionId: r.sessionId, file: { path: r.file }, dryRun: true });
    expect(preview.rejected).toHaveLength(1);
    const out = await call(clerk(), 'roster.import', { sessionId: r.sessionId, file: { path: r.file } });
    expect(out.imported).toBe(1);
    expect(out.rejected).toEqual([{ row: 3, column: '姓名', name: '张三丰', message: expect.stringContaining(`已有证书 ${number}`) }]);
    expect(out.rejected[0]!.message).toContain('「张伟」');
    expect(out.rejected[0]!.message).toContain('「张三丰」');
    expect((await call(env.ctx, 'certificates.get', { number })).name).toBe(ZHANG.name);
    expect((await call(env.ctx, 'enrolments.list', { sessionId: r.sessionId })).map((e) => e.name)).toEqual(['赵六']);
  });

  it('accepts a certified person whose row says the same name (or leaves the gender blank)', async () => {
    const r = await roster([[ZHANG.name, ZHANG.idNumber, null]]);
    const out = await call(clerk(), 'roster.import', { sessionId: r.sessionId, file: { path: r.file } });
    expect(out.rejected).toEqual([]);
    expect((await call(env.ctx, 'enrolments.list', { sessionId: r.sessionId })).map((e) => e.name)).toEqual([ZHANG.name]);
  });
});

describe("an administrator's identity correction", () => {
  it('changes the name with a reason, shows on the certificate record, and verify tells the old QR from the register', async () => {
    const id = await candidateId(ZHANG.idNumber);
    const oldQr = await printQr(admin(), number);
    expect((await callError(clerk(), 'candidates.correctIdentity', { id, name: '张玮', reason: '身份证核对' })).code).toBe('ADMIN_REQUIRED');
    expect((await callError(admin(), 'candidates.correctIdentity', { id, name: '张玮', reason: ' ' })).code).toBe('REASON_REQUIRED');
    const c = await call(admin(), 'candidates.correctIdentity', { id, name: '张玮', reason: '身份证核对，录入时错字' });
    expect(c.name).toBe('张玮');
    const audit = env.db.prepare("SELECT operator, old_value, new_value, reason FROM audit_log WHERE action = 'identity.correct'").all();
    expect(audit).toEqual([{ operator: 'wangfang', old_value: '{"name":"张伟"}', new_value: '{"name":"张玮"}', reason: '身份证核对，录入时错字' }]);
    const cert = await call(env.ctx, 'certificates.get', { number });
    expect(cert.identityCorrection).toMatchObject({ reason: '身份证核对，录入时错字', changed: ['姓名'] });
    const shown = runCli(['certificates', 'show', number, '--db', env.file]);
    expect(shown.stdout).toContain('持证人姓名已于');
    expect(shown.stdout).toContain('身份证核对，录入时错字');

    const v = await call(env.ctx, 'certificates.verify', { text: oldQr });
    expect(v.valid).toBe(false);
    if (!v.valid) {
      expect(v.reason).toContain('「张伟」');
      expect(v.reason).toContain('「张玮」');
      expect(v.reason).toContain('身份证核对，录入时错字');
    }
    expect(await call(env.ctx, 'certificates.verify', { text: await printQr(admin(), number) })).toMatchObject({ valid: true, certifies: { name: '张玮' } });
  });

  it('is a command: certdesk candidate correct-identity', async () => {
    const run = runCli(['candidate', 'correct-identity', ZHANG.idNumber, '--id-number', OTHER_ID, '--reason', '证件号码录错一位', '--db', env.file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('已更正');
    expect((await call(env.ctx, 'certificates.get', { number })).idNumber).toBe(OTHER_ID);
  });
});

describe('verify against the register', () => {
  it("reports a QR code whose signed name and ID are no longer the register's (a file edited behind the app's back)", async () => {
    const qr = await printQr(admin(), number);
    env.db.prepare('UPDATE candidates SET name = ?, id_number = ? WHERE id_number = ?').run('赵六', OTHER_ID, ZHANG.idNumber);
    const v = await call(env.ctx, 'certificates.verify', { text: qr });
    expect(v).toMatchObject({ valid: false, register: { name: '赵六', idNumber: OTHER_ID } });
  });
});

describe('removing the demo', () => {
  it('never gives a demo certificate number to a real person, and a printed demo certificate no longer verifies', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    loadDemo(ctx, 'small', { today: '2024-06-30' });
    const demoNumbers = new Set((ctx.db.prepare('SELECT number FROM certificates').all() as { number: string }[]).map((r) => r.number));
    const first = [...demoNumbers].sort()[0]!;
    const demoQr = await printQr(ctx, first);
    await call(ctx, 'demo.remove', {});
    // A real session in the same year and level as the first demo certificate: the same serial counter.
    const year = `20${first.slice(13, 15)}`;
    const s = await finalizedSession(ctx, { date: `${year}-06-15`, level: Number(first[15]) });
    const { issued } = await call(ctx, 'certificates.issue', { sessionId: s.sessionId, date: `${year}-07-01` });
    expect(issued.length).toBeGreaterThan(0);
    for (const i of issued) expect(demoNumbers.has(i.number), i.number).toBe(false);
    const v = await call(ctx, 'certificates.verify', { text: demoQr });
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.reason).toContain('没有编号为');
  });
});
