// The certificate commands as an officer's script drives them (docs/cli.md § Certificates).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli, tempDir } from '../helpers';
import { officeWithSession } from './fixtures';
import { pdfPages } from './poppler';

describe('certdesk certificates …', () => {
  it('issues, lists, voids, reissues and prints from the command line', async () => {
    const o = await officeWithSession();
    o.db.close();
    const db = ['--db', o.file];

    const issue = runCli(['--json', 'certificates', 'issue', '--session', String(o.sessionId), '--date', '2024-07-01', ...db]);
    expect(issue.status).toBe(0);
    expect(issue.json.issued).toEqual([
      { idNumber: o.passed[0]!.idNumber, name: '张伟', number: 'S000044000123243000001' },
      { idNumber: o.passed[1]!.idNumber, name: '欧阳淑芬', number: 'S000044000123243000002' },
      { idNumber: o.passed[2]!.idNumber, name: '王堃', number: 'S000044000123243000003' },
    ]);

    const reissue = runCli(['certificates', 'reissue', 'S000044000123243000001', '--reason', '证书遗失', '--date', '2024-09-01', ...db, '--json']);
    expect(reissue.json.issued).toMatchObject({ number: 'S000044000123243000004', replacesNumber: 'S000044000123243000001' });

    const list = runCli(['certificates', 'list', '--session', String(o.sessionId), ...db]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/S000044000123243000001\s+张伟.*已作废.*已补发 S000044000123243000004/);
    expect(list.stdout).toMatch(/S000044000123243000004\s+张伟.*有效.*补发自 S000044000123243000001/);

    const out = path.join(tempDir(), '选中的证书.pdf');
    const pdf = runCli(['certificates', 'pdf', '--number', 'S000044000123243000004', '--number', 'S000044000123243000003', '--out', out, '--stock', ...db, '--json']);
    expect(pdf.status).toBe(0);
    expect(pdf.json).toMatchObject({ path: out, pages: 2 });
    expect(pdfPages(out).map((p) => /S\d{21}/.exec(p)?.[0])).toEqual(['S000044000123243000004', 'S000044000123243000003']);

    const voided = runCli(['certificates', 'void', 'S000044000123243000003', '--reason', '错发', ...db]);
    expect(voided.stdout).toContain('已作废');
  });

  it('answers mistakes with a code, a message and a non-zero exit', async () => {
    const o = await officeWithSession();
    o.db.close();
    const noReason = runCli(['certificates', 'void', 'S000044000123243000001', '--db', o.file, '--json']);
    expect(noReason.status).not.toBe(0);
    expect(noReason.json.error.code).toBe('USAGE');
    const unknown = runCli(['certificates', 'void', 'S000044000123243000001', '--reason', '错发', '--db', o.file, '--json']);
    expect(unknown.status).toBe(1);
    expect(unknown.json.error).toMatchObject({ code: 'CERT_NOT_FOUND' });
    const noOut = runCli(['certificates', 'pdf', '--session', String(o.sessionId), '--db', o.file]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('--out');
  });
});
