import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { call, callError, createDB, makeIdNumber, ROOT } from '../helpers';
import { configureInstitution, finalizedSession, officeWithSession, PEOPLE } from './fixtures';
import { parseCertificateNumber } from '../../services/certificates/number';

function auditActions(db: ReturnType<typeof createDB>['db'], number: string): string[] {
  return (db.prepare("SELECT action FROM audit_log WHERE entity = 'certificate' AND entity_id = ? ORDER BY seq").all(number) as { action: string }[]).map((r) => r.action);
}

describe('issuing certificates to a finalized session', () => {
  it('gives every candidate who passed a 22-character number built from the settings, and no one else', async () => {
    const o = await officeWithSession();
    const r = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    expect(r.issued.map((i) => i.name)).toEqual(o.passed.map((p) => p.name));
    expect(r.issued.map((i) => i.number)).toEqual(['S000044000123243000001', 'S000044000123243000002', 'S000044000123243000003']);
    for (const i of r.issued) {
      expect(i.number).toHaveLength(22);
      const parsed = parseCertificateNumber(i.number);
      expect(parsed.ok && parsed.parts).toMatchObject({ type: 'S', institutionCode: '0000', province: '44', site: '000123', year: '24', level: 3 });
      expect(auditActions(o.db, i.number)).toEqual(['issue']);
    }
    // 李娜 (59.9 in theory) and 陈静 (缺考) failed.
    expect(r.issued.some((i) => i.name === '李娜' || i.name === '陈静')).toBe(false);
  });

  it('does not issue twice when the officer runs issue again', async () => {
    const o = await officeWithSession();
    const first = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    const again = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-02' });
    expect(again.issued).toEqual([]);
    expect(again.alreadyIssued.map((a) => a.number)).toEqual(first.issued.map((i) => i.number));
  });

  it('refuses a session that is not finalized, because its scores may still change', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const { sessionId } = await finalizedSession(ctx, { finalize: false });
    const e = await callError(ctx, 'certificates.issue', { sessionId });
    expect(e.code).toBe('CERT_SESSION_NOT_FINALIZED');
    expect(e.message).toContain(`session finalize ${sessionId}`);
  });

  it('names the missing setting when the site code has not been entered', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx, { 'institution.site': '000123' });
    ctx.db.prepare("UPDATE settings SET value = '' WHERE key = 'institution.site'").run();
    const { sessionId } = await finalizedSession(ctx);
    const e = await callError(ctx, 'certificates.issue', { sessionId });
    expect(e.code).toBe('CERT_SETTINGS_MISSING');
    expect(e.message).toContain('institution.site');
    expect((await call(ctx, 'certificates.list', {})).length).toBe(0);
  });

  it('refuses an issue date before the exam and a date that is not a date', async () => {
    const o = await officeWithSession();
    expect((await callError(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-06-01' })).code).toBe('CERT_DATE_BEFORE_EXAM');
    expect((await callError(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-13-01' })).code).toBe('DATE_INVALID');
  });

  it('counts serials per year by default, and per year and level when the setting says so', async () => {
    const perYear = createDB();
    await configureInstitution(perYear.ctx);
    const a = await finalizedSession(perYear.ctx, { level: 3 });
    const b = await finalizedSession(perYear.ctx, { level: 4, people: PEOPLE.slice(0, 1), date: '2024-06-20' });
    await call(perYear.ctx, 'certificates.issue', { sessionId: a.sessionId, date: '2024-07-01' });
    const four = await call(perYear.ctx, 'certificates.issue', { sessionId: b.sessionId, date: '2024-07-01' });
    expect(four.issued[0]!.number).toBe('S000044000123244000004');

    const perLevel = createDB();
    await configureInstitution(perLevel.ctx, { 'certificate.serialScope': 'year-level' });
    const c = await finalizedSession(perLevel.ctx, { level: 3 });
    const d = await finalizedSession(perLevel.ctx, { level: 4, people: PEOPLE.slice(0, 1), date: '2024-06-20' });
    await call(perLevel.ctx, 'certificates.issue', { sessionId: c.sessionId, date: '2024-07-01' });
    expect((await call(perLevel.ctx, 'certificates.issue', { sessionId: d.sessionId, date: '2024-07-01' })).issued[0]!.number).toBe('S000044000123244000001');
    // A new year starts again at 000001 (for someone new: who passed level 3 already holds its certificate).
    const zhao = { name: '赵敏', idNumber: makeIdNumber('440106', '19930209', 321), theory: 80, skill: 80 };
    const e = await finalizedSession(perLevel.ctx, { level: 3, people: [zhao], date: '2025-01-10' });
    expect((await call(perLevel.ctx, 'certificates.issue', { sessionId: e.sessionId, date: '2025-02-01' })).issued[0]!.number).toBe('S000044000123253000001');
  });

  it('never hands out two numbers alike when two processes issue at the same moment', async () => {
    const { ctx, file, db } = createDB();
    await configureInstitution(ctx);
    const people = (offset: number) =>
      Array.from({ length: 25 }, (_, i) => ({ name: `考生${offset + i}`, idNumber: makeIdNumber('440106', '19900101', offset + i), theory: 80, skill: 80 }));
    const s1 = await finalizedSession(ctx, { people: people(100) });
    const s2 = await finalizedSession(ctx, { people: people(200), date: '2024-06-16' });
    db.close();
    const run = (sessionId: number) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin/certdesk.mjs'), 'certificates', 'issue', '--session', String(sessionId), '--date', '2024-07-01', '--db', file, '--json'], { cwd: ROOT });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code: code ?? -1, out }));
      });
    const [r1, r2] = await Promise.all([run(s1.sessionId), run(s2.sessionId)]);
    expect(r1.code, r1.out).toBe(0);
    expect(r2.code, r2.out).toBe(0);
    const numbers = [...JSON.parse(r1.out).issued, ...JSON.parse(r2.out).issued].map((i: { number: string }) => i.number);
    expect(numbers).toHaveLength(50);
    expect(new Set(numbers).size).toBe(50);
    // No gap either: serials 1…50, each given once.
    expect(numbers.map((n) => Number(n.slice(16))).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

describe('voiding (作废) and reissuing (补发)', () => {
  async function issued() {
    const o = await officeWithSession();
    const r = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    return { ...o, numbers: r.issued.map((i) => i.number) };
  }

  it('voids with a reason, keeps the number, and never gives it out again', async () => {
    const o = await issued();
    const voided = await call(o.ctx, 'certificates.void', { number: o.numbers[2]!, reason: '姓名录入错误' });
    expect(voided).toMatchObject({ status: 'void', voidReason: '姓名录入错误' });
    expect(auditActions(o.db, o.numbers[2]!)).toEqual(['issue', 'void']);
    const later = await finalizedSession(o.ctx, { people: PEOPLE.slice(0, 1), level: 4, date: '2024-06-20' });
    const next = await call(o.ctx, 'certificates.issue', { sessionId: later.sessionId, date: '2024-07-01' });
    expect(next.issued[0]!.number.slice(16)).toBe('000004');
  });

  it('refuses to void or reissue without a reason, and to void twice', async () => {
    const o = await issued();
    expect((await callError(o.ctx, 'certificates.void', { number: o.numbers[0], reason: '  ' })).code).toBe('CERT_REASON_REQUIRED');
    expect((await callError(o.ctx, 'certificates.reissue', { number: o.numbers[0] })).code).toBe('CERT_REASON_REQUIRED');
    await call(o.ctx, 'certificates.void', { number: o.numbers[0]!, reason: '重复发证' });
    const again = await callError(o.ctx, 'certificates.void', { number: o.numbers[0], reason: '再次' });
    expect(again.code).toBe('CERT_ALREADY_VOID');
    expect(again.message).toContain('重复发证');
  });

  it('reissues under a new number that records the old one, for the same person and level', async () => {
    const o = await issued();
    const { voided, issued: fresh } = await call(o.ctx, 'certificates.reissue', { number: o.numbers[0]!, reason: '证书遗失', date: '2024-09-01' });
    expect(voided).toMatchObject({ number: o.numbers[0], status: 'void' });
    expect(fresh).toMatchObject({ status: 'issued', replacesNumber: o.numbers[0], name: '张伟', level: 3, issueDate: '2024-09-01', sessionId: o.sessionId });
    expect(fresh.number).toBe('S000044000123243000004');
    const old = await call(o.ctx, 'certificates.get', { number: o.numbers[0]! });
    expect(old.replacedByNumber).toBe(fresh.number);
    expect(auditActions(o.db, o.numbers[0]!)).toEqual(['issue', 'void']);
    expect(auditActions(o.db, fresh.number)).toEqual(['reissue']);
    const reissueReason = o.db.prepare("SELECT reason FROM audit_log WHERE entity_id = ? AND action = 'reissue'").get(fresh.number) as { reason: string };
    expect(reissueReason.reason).toContain(o.numbers[0]);
  });

  it('refuses to reissue a certificate that was already replaced, pointing to the new one', async () => {
    const o = await issued();
    const { issued: fresh } = await call(o.ctx, 'certificates.reissue', { number: o.numbers[1]!, reason: '证书损坏' });
    const e = await callError(o.ctx, 'certificates.reissue', { number: o.numbers[1], reason: '再补一次' });
    expect(e.code).toBe('CERT_ALREADY_REPLACED');
    expect(e.message).toContain(fresh.number);
  });

  it('reissues a certificate that was voided earlier and not yet replaced', async () => {
    const o = await issued();
    await call(o.ctx, 'certificates.void', { number: o.numbers[1]!, reason: '暂扣' });
    const { issued: fresh } = await call(o.ctx, 'certificates.reissue', { number: o.numbers[1]!, reason: '恢复发放' });
    expect(fresh.replacesNumber).toBe(o.numbers[1]);
  });

  it('answers an unknown number with what to check', async () => {
    const o = await issued();
    const e = await callError(o.ctx, 'certificates.void', { number: 'S000044000123243999999', reason: 'x' });
    expect(e.code).toBe('CERT_NOT_FOUND');
  });

  it('lists certificates per session with status, and filters by status', async () => {
    const o = await issued();
    await call(o.ctx, 'certificates.void', { number: o.numbers[0]!, reason: '错发' });
    const all = await call(o.ctx, 'certificates.list', { sessionId: o.sessionId });
    expect(all.map((c) => [c.number, c.name, c.status, c.issueDate])).toEqual([
      [o.numbers[0], '张伟', 'void', '2024-07-01'],
      [o.numbers[1], '欧阳淑芬', 'issued', '2024-07-01'],
      [o.numbers[2], '王堃', 'issued', '2024-07-01'],
    ]);
    expect((await call(o.ctx, 'certificates.list', { status: 'void' })).map((c) => c.number)).toEqual([o.numbers[0]]);
  });
});
