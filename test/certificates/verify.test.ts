import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { call, callError, runCli, tempDir } from '../helpers';
import { INSTITUTION, officeWithSession } from './fixtures';
import { qrCodesOnPage } from './poppler';
import { verifyQr } from '../../services/certificates/verify';
import { activeSigner } from '../../services/certificates/signing';
import type { Ctx } from '../../services/shared/context';

/** An office that issued and printed, and the QR text a phone read off the first page. */
async function printedOffice() {
  const o = await officeWithSession();
  const { issued } = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
  const out = path.join(tempDir(), 'c.pdf');
  await call(o.ctx, 'certificates.pdf', { numbers: [issued[0]!.number], out });
  return { ...o, number: issued[0]!.number, qr: qrCodesOnPage(out, 1)[0]! };
}

/** The signed line with one byte of its payload changed, as a forger would. */
function tamper(qr: string, edit: (payload: string) => string): string {
  return qr.replace(/(CD[12])\.([\w-]+)\./, (_m, v: string, p: string) => `${v}.${Buffer.from(edit(Buffer.from(p, 'base64url').toString('utf8')), 'utf8').toString('base64url')}.`);
}

describe('verifying a certificate QR code offline', () => {
  let office: Awaited<ReturnType<typeof printedOffice>>;
  let other: Awaited<ReturnType<typeof printedOffice>>;
  beforeAll(async () => {
    office = await printedOffice();
    other = await printedOffice();
  });

  it('accepts the code as scanned and says what it certifies', async () => {
    const v = await call(office.ctx, 'certificates.verify', { text: office.qr });
    expect(v).toMatchObject({
      valid: true,
      status: 'issued',
      certifies: { number: office.number, name: '张伟', idType: '居民身份证', occupation: '物业管理师', specialty: '--', levelLabel: '三级/高级工', issueDate: '2024-07-01', institution: INSTITUTION },
    });
  });

  it('rejects a code whose signed content was altered (another name)', async () => {
    const forged = tamper(office.qr, (p) => p.replace('张伟', '张三'));
    const v = await call(office.ctx, 'certificates.verify', { text: forged });
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.reason).toContain('签名不符');
  });

  it('rejects a code whose look-up address line was changed or added to, as a phishing copy would', async () => {
    expect(office.qr.split('\n')[1]).toBe('http://jndj.osta.org.cn');
    for (const forged of [office.qr.replace('http://jndj.osta.org.cn', 'http://jndj-osta.org.cn.example.com'), office.qr.replace('\nCD2', '\nhttp://evil.example\nCD2')]) {
      const v = await call(office.ctx, 'certificates.verify', { text: forged });
      expect(v.valid, forged).toBe(false);
      if (!v.valid) expect(v.reason).toContain('查询网址');
    }
    // A scanner that hands over only the signed line still gets the address it signed.
    const signedLine = office.qr.split('\n')[2]!;
    expect(await call(office.ctx, 'certificates.verify', { text: signedLine })).toMatchObject({ valid: true, certifies: { lookupUrl: 'http://jndj.osta.org.cn' } });
  });

  it('still verifies a CD1 code, printed before the look-up address was signed', async () => {
    const c = await call(office.ctx, 'certificates.get', { number: office.number });
    const signer = activeSigner(office.ctx);
    const legacy = Buffer.from([signer.keyId, c.number, c.name, c.idType, c.idNumber, c.occupationName, '', String(c.level), c.issueDate, INSTITUTION].join('\u001f'), 'utf8');
    const text = `${c.number}\nhttp://jndj.osta.org.cn\nCD1.${legacy.toString('base64url')}.${signer.sign(legacy).toString('base64url')}`;
    expect(await call(office.ctx, 'certificates.verify', { text })).toMatchObject({ valid: true, status: 'issued', certifies: { name: '张伟', lookupUrl: null } });
    expect((await call(office.ctx, 'certificates.verify', { text: tamper(text, (p) => p.replace('张伟', '张三')) })).valid).toBe(false);
  });

  it('rejects a code whose printed number was swapped for another', async () => {
    const swapped = office.qr.replace(/^S\d{21}/, 'S000044000123243000099');
    const v = await call(office.ctx, 'certificates.verify', { text: swapped });
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.reason).toContain('S000044000123243000099');
  });

  it('explains when the text holds no signature, or a broken one', async () => {
    for (const text of ['S000044000123243000001\nhttp://jndj.osta.org.cn', 'CD1.!!!.???', 'CD1.YWJj.YWJj']) {
      const v = await call(office.ctx, 'certificates.verify', { text });
      expect(v.valid, text).toBe(false);
    }
  });

  it("does not vouch for another installation's certificate without its public key, and does with it", async () => {
    const without = await call(office.ctx, 'certificates.verify', { text: other.qr });
    expect(without.valid).toBe(false);
    if (!without.valid) expect(without.reason).toContain('--public-key');
    const { publicKeyPem } = await call(other.ctx, 'certificates.publicKey', {});
    const withKey = await call(office.ctx, 'certificates.verify', { text: other.qr, publicKey: publicKeyPem });
    expect(withKey).toMatchObject({ valid: true, status: 'unknown', certifies: { number: other.number } });
  });

  it('verifies with nothing but the public key (an employer without CertDesk data)', async () => {
    const { publicKeyPem } = await call(office.ctx, 'certificates.publicKey', {});
    expect(verifyQr(null as Ctx | null, office.qr, publicKeyPem)).toMatchObject({ valid: true, certifies: { name: '张伟' } });
  });

  it('refuses a public key file that is not one', async () => {
    const e = await callError(office.ctx, 'certificates.verify', { text: office.qr, publicKey: 'hello' });
    expect(e.code).toBe('CERT_PUBLIC_KEY_INVALID');
  });

  it('reports a genuine but voided certificate as not valid, naming the replacement', async () => {
    const o = await printedOffice();
    const { issued } = await call(o.ctx, 'certificates.reissue', { number: o.number, reason: '遗失' });
    const v = await call(o.ctx, 'certificates.verify', { text: o.qr });
    expect(v.valid).toBe(false);
    if (!v.valid) {
      expect(v.reason).toContain('已作废');
      expect(v.reason).toContain(issued.number);
    }
  });

  it('keeps one key pair per installation, created once and audited', async () => {
    const a = await call(office.ctx, 'certificates.publicKey', {});
    const b = await call(office.ctx, 'certificates.publicKey', {});
    expect(a.keyId).toBe(b.keyId);
    expect(a.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const keys = office.db.prepare('SELECT count(*) AS n FROM signing_keys').get() as { n: number };
    expect(keys.n).toBe(1);
    const audit = office.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity_id = 'signing_key' AND action = 'create'").get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it('works from the command line: verify TEXT and public-key --out', async () => {
    const pem = path.join(tempDir(), 'certdesk-public.pem');
    const exported = runCli(['certificates', 'public-key', '--out', pem, '--db', office.file, '--json']);
    expect(exported.status).toBe(0);
    expect(fs.readFileSync(pem, 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    const ok = runCli(['verify', office.qr, '--db', office.file, '--json']);
    expect(ok.status).toBe(0);
    expect(ok.json).toMatchObject({ valid: true, certifies: { number: office.number } });
    const human = runCli(['verify', office.qr, '--db', office.file]);
    expect(human.stdout).toContain('证书真实有效');
    // An employer with only the public key and no CertDesk data: nothing is created for the check.
    const nowhere = path.join(tempDir(), 'none', 'certdesk.sqlite');
    const employer = runCli(['verify', office.qr, '--public-key', pem, '--db', nowhere, '--json']);
    expect(employer.json).toMatchObject({ valid: true, status: 'unknown', certifies: { name: '张伟' } });
    expect(fs.existsSync(nowhere)).toBe(false);
    const foreign = runCli(['verify', other.qr, '--public-key', pem, '--db', other.file, '--json']);
    expect(foreign.json.valid).toBe(false);
    const bad = runCli(['verify', tamper(office.qr, (p) => p.replace('物业管理师', '电工')), '--db', office.file, '--json']);
    expect(bad.status).toBe(0);
    expect(bad.json.valid).toBe(false);
  });
});
