// The 发证 dialog's rules, asked of the contract and of the CLI as a subprocess: the issue date is
// neither after today nor before the exam, and the preview tells the count and the first and last
// number before any number is taken.
import { describe, expect, it } from 'vitest';
import { call, callError, runCli } from '../helpers';
import { officeWithSession } from './fixtures';
import { todayIso } from '../../services/shared/dates';

const tomorrow = () => todayIso(new Date(Date.now() + 36 * 3600 * 1000));

describe('the issue date', () => {
  it('is refused when it is after today, in the window and on the command line, and nothing is issued', async () => {
    const o = await officeWithSession();
    const e = await callError(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: tomorrow() });
    expect(e.code).toBe('CERT_DATE_IN_FUTURE');
    expect(e.message).toContain('晚于今天');
    expect((await callError(o.ctx, 'certificates.issuePreview', { sessionId: o.sessionId, date: tomorrow() })).code).toBe('CERT_DATE_IN_FUTURE');
    o.db.close();
    const cli = runCli(['certificates', 'issue', '--session', String(o.sessionId), '--date', tomorrow(), '--db', o.file]);
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain('CERT_DATE_IN_FUTURE');
    expect(cli.stderr).toContain('请填写今天或之前的日期');
    expect(runCli(['certificates', 'list', '--db', o.file, '--json']).json).toEqual([]);
  });

  it('is refused when it is before the exam date, on the command line too', async () => {
    const o = await officeWithSession();
    o.db.close();
    const cli = runCli(['certificates', 'issue', '--session', String(o.sessionId), '--date', '2024-06-14', '--db', o.file]);
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toContain('CERT_DATE_BEFORE_EXAM');
    expect(cli.stderr).toContain('早于考试日期 2024-06-15');
    // The exam day itself is allowed.
    const ok = runCli(['certificates', 'issue', '--session', String(o.sessionId), '--date', '2024-06-15', '--db', o.file, '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.json.issued).toHaveLength(3);
  });

  it('is refused after today for 补发 as well', async () => {
    const o = await officeWithSession();
    const { issued } = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    const e = await callError(o.ctx, 'certificates.reissue', { number: issued[0]!.number, reason: '证书遗失', date: tomorrow() });
    expect(e.code).toBe('CERT_DATE_IN_FUTURE');
    expect((await call(o.ctx, 'certificates.get', { number: issued[0]!.number })).status).toBe('issued');
  });

  it('defaults to today', async () => {
    const o = await officeWithSession();
    const preview = await call(o.ctx, 'certificates.issuePreview', { sessionId: o.sessionId });
    expect(preview.date).toBe(todayIso());
  });
});

describe('the issue preview', () => {
  it('tells how many and the first and last number that 发证 then gives, without taking any', async () => {
    const o = await officeWithSession();
    const preview = await call(o.ctx, 'certificates.issuePreview', { sessionId: o.sessionId, date: '2024-07-01' });
    expect(preview).toMatchObject({ count: 3, first: 'S000044000123243000001', last: 'S000044000123243000003', alreadyIssued: [], skipped: [] });
    expect(await call(o.ctx, 'certificates.issuePreview', { sessionId: o.sessionId, date: '2024-07-01' })).toEqual(preview);
    const { issued } = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    expect([issued[0]!.number, issued.at(-1)!.number]).toEqual([preview.first, preview.last]);
    const after = await call(o.ctx, 'certificates.issuePreview', { sessionId: o.sessionId, date: '2024-07-01' });
    expect(after).toMatchObject({ count: 0, first: null, last: null });
    expect(after.alreadyIssued.map((a) => a.number)).toEqual(issued.map((i) => i.number));
  });

  it('steps over a number already taken, as issuing does', async () => {
    const o = await officeWithSession();
    // A number from the provincial system that the counter has not reached yet.
    o.db.prepare("INSERT INTO certificates (number, enrolment_id, candidate_id, issue_date, status, source, created_at) SELECT 'S000044000123243000002', NULL, id, '2024-07-01', 'void', 'imported', '2024-07-01' FROM candidates LIMIT 1").run();
    const preview = await call(o.ctx, 'certificates.issuePreview', { sessionId: o.sessionId, date: '2024-07-01' });
    const { issued } = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    expect(issued.map((i) => i.number.slice(16))).toEqual(['000001', '000003', '000004']);
    expect([preview.first, preview.last]).toEqual([issued[0]!.number, issued[2]!.number]);
  });

  it('is on the command line', async () => {
    const o = await officeWithSession();
    o.db.close();
    const r = runCli(['certificates', 'preview', '--session', String(o.sessionId), '--date', '2024-07-01', '--db', o.file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('将发证 3 本，编号 S000044000123243000001 至 S000044000123243000003');
  });
});

describe('who is waiting for a certificate', () => {
  it('lists who passed a finalized session and has no certificate yet, and nobody once they are issued', async () => {
    const o = await officeWithSession();
    const waiting = await call(o.ctx, 'certificates.awaiting', {});
    expect(waiting.map((w) => w.name)).toEqual(o.passed.map((p) => p.name));
    expect(waiting[0]).toMatchObject({ sessionId: o.sessionId, examDate: '2024-06-15' });
    await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    expect(await call(o.ctx, 'certificates.awaiting', {})).toEqual([]);
    o.db.close();
    const r = runCli(['certificates', 'awaiting', '--db', o.file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('没有待发证的人');
  });
});
