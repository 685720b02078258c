import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { call, callError, createDB, makeIdNumber, tempDir } from '../helpers';
import { configureInstitution, finalizedSession, INSTITUTION, officeWithSession } from './fixtures';
import { pdfFonts, pdfPages, qrCodesOnPage } from './poppler';
import { issueDateText } from '../../services/certificates/render';
import type { Certificate } from '../../services/certificates/records';

async function issuedOffice(settings: Record<string, string> = {}) {
  const o = await officeWithSession(settings);
  await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
  const certs = await call(o.ctx, 'certificates.list', { sessionId: o.sessionId });
  return { ...o, certs, out: path.join(tempDir(), '证书.pdf') };
}

/** Every mandatory field of the certificate, as printed (domain.md § The certificate). */
function printedFields(c: Certificate): string[] {
  return [c.name, c.idType, c.idNumber, c.occupationName!, c.specialty ?? '--', c.levelLabel!, c.number, issueDateText(c.issueDate), INSTITUTION];
}

const compact = (s: string) => s.replace(/\s+/g, '');

describe('certificate PDFs', () => {
  it('prints a whole session, one page per certificate, every field matching the database', async () => {
    const o = await issuedOffice();
    const r = await call(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, out: o.out });
    expect(r).toMatchObject({ path: o.out, pages: 3 });
    const pages = pdfPages(o.out);
    expect(pages).toHaveLength(3);
    o.certs.forEach((c, i) => {
      const text = compact(pages[i]!);
      expect(text).toContain('职业技能等级证书');
      for (const labelText of ['姓名', '证件类型', '证件号码', '职业名称', '工种/职业方向', '职业技能等级', '证书编号', '发证日期', '评价机构']) expect(text).toContain(labelText);
      for (const value of printedFields(c)) expect(text, `page ${i + 1} shows ${value}`).toContain(compact(value));
      expect(text).toContain('jndj.osta.org.cn');
      expect(text).toContain('pjjg.osta.org.cn');
      // No one else's name on this page.
      for (const other of o.certs.filter((x) => x !== c)) expect(text).not.toContain(other.idNumber);
    });
  });

  it('puts a QR code on every page that decodes to the number, the look-up address and a signature that verifies', async () => {
    const o = await issuedOffice();
    await call(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, out: o.out });
    for (const [i, c] of o.certs.entries()) {
      const [qr] = qrCodesOnPage(o.out, i + 1);
      expect(qr, `QR on page ${i + 1}`).toBeDefined();
      const lines = qr!.split('\n');
      expect(lines[0]).toBe(c.number);
      expect(lines[1]).toBe('http://jndj.osta.org.cn');
      const v = await call(o.ctx, 'certificates.verify', { text: qr! });
      expect(v.valid).toBe(true);
      expect(v.certifies).toMatchObject({ number: c.number, name: c.name, idNumber: c.idNumber, occupation: '物业管理师', level: 3, levelLabel: '三级/高级工', issueDate: '2024-07-01', institution: INSTITUTION });
    }
  });

  it('prints a selection given by number, in the order asked, and records each print in the audit log', async () => {
    const o = await issuedOffice();
    const chosen = [o.certs[2]!.number, o.certs[0]!.number];
    await call(o.ctx, 'certificates.pdf', { numbers: chosen, out: o.out });
    const pages = pdfPages(o.out);
    expect(pages.map((p) => chosen.find((n) => p.includes(n)))).toEqual(chosen);
    const prints = o.db.prepare("SELECT entity_id FROM audit_log WHERE entity = 'certificate' AND action = 'print' ORDER BY seq").all() as { entity_id: string }[];
    expect(prints.map((p) => p.entity_id)).toEqual(chosen);
  });

  it('returns the PDF bytes when no output file is given (a download in the browser)', async () => {
    const o = await issuedOffice();
    const r = await call(o.ctx, 'certificates.pdf', { numbers: [o.certs[0]!.number] });
    if (!('base64' in r)) throw new Error('expected bytes');
    expect(r.name).toBe(`证书-${o.certs[0]!.name}-${o.certs[0]!.number}.pdf`);
    fs.writeFileSync(o.out, Buffer.from(r.base64, 'base64'));
    expect(compact(pdfPages(o.out)[0]!)).toContain(o.certs[0]!.number);
  });

  it('on pre-printed stock prints the values only, shifted by the calibrated offsets', async () => {
    const o = await issuedOffice({ 'certificate.stockOffsetX': '3', 'certificate.stockOffsetY': '-2.5' });
    await call(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, out: o.out, stock: true });
    const pages = pdfPages(o.out);
    expect(pages).toHaveLength(3);
    const text = compact(pages[0]!);
    for (const value of printedFields(o.certs[0]!)) expect(text).toContain(compact(value));
    for (const label of ['职业技能等级证书', '证件号码', '评价机构（盖章）', '证书查询']) expect(text).not.toContain(label);
    expect(qrCodesOnPage(o.out, 1)[0]!.split('\n')[0]).toBe(o.certs[0]!.number);
    // The offsets move the values: the name's box starts 3 mm right and 2.5 mm up of the full page's.
    const bbox = (file: string) => {
      const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }) as string;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>张伟<\/word>/.exec(html)!;
      return { x: Number(m[1]), y: Number(m[2]) };
    };
    const full = path.join(tempDir(), 'full.pdf');
    await call(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, out: full });
    const a = bbox(full);
    const b = bbox(o.out);
    expect((b.x - a.x) / (72 / 25.4)).toBeCloseTo(3, 1);
    expect((b.y - a.y) / (72 / 25.4)).toBeCloseTo(-2.5, 1);
  });

  it('prints landscape and bilingual when asked', async () => {
    const o = await issuedOffice({ 'certificate.orientation': 'landscape', 'certificate.bilingual': 'yes' });
    await call(o.ctx, 'certificates.pdf', { numbers: [o.certs[0]!.number], out: o.out });
    const info = execFileSync('pdfinfo', [o.out], { encoding: 'utf8' }) as string;
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const text = compact(pdfPages(o.out)[0]!);
    for (const en of ['CertificateofVocationalSkillLevel', 'Name', 'IDNumber', 'Level3(Senior)']) expect(text).toContain(en);
    for (const value of printedFields(o.certs[0]!)) expect(text).toContain(compact(value));
  });

  it('embeds only a subset of the bundled CJK font', async () => {
    const o = await issuedOffice();
    await call(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, out: o.out });
    expect(pdfFonts(o.out)).toMatch(/[A-Z]{6}\+NotoSerifSC-Regular/);
    // The 14.8 MB font is subset: three pages stay small.
    expect(fs.statSync(o.out).size).toBeLessThan(400_000);
  });

  it('refuses a name the font cannot draw, naming the character, instead of printing a blank', async () => {
    const { ctx } = createDB();
    await configureInstitution(ctx);
    const { sessionId } = await finalizedSession(ctx, { people: [{ name: '王𪚥', idNumber: makeIdNumber('440106', '19900307', 555), theory: 90, skill: 90 }] });
    await call(ctx, 'certificates.issue', { sessionId, date: '2024-07-01' });
    const out = path.join(tempDir(), 'x.pdf');
    const e = await callError(ctx, 'certificates.pdf', { sessionId, out });
    expect(e.code).toBe('CERT_FONT_MISSING_CHAR');
    expect(e.message).toContain('「𪚥」');
    expect(e.message).toContain('U+2A6A5');
    expect(e.message).toContain('王𪚥');
    expect(fs.existsSync(out)).toBe(false);
  });

  const systemFont = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
  it.skipIf(!fs.existsSync(systemFont))('uses a font installed on the machine when the settings choose one', async () => {
    const o = await issuedOffice({ 'certificate.font': systemFont });
    await call(o.ctx, 'certificates.pdf', { numbers: [o.certs[0]!.number], out: o.out });
    expect(pdfFonts(o.out)).toMatch(/NotoSerifCJK/);
    expect(compact(pdfPages(o.out)[0]!)).toContain(o.certs[0]!.name);
  });

  it('tells the officer when the chosen font file is not there', async () => {
    const o = await issuedOffice({ 'certificate.font': '/nowhere/simfang.ttf' });
    const e = await callError(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, out: o.out });
    expect(e.code).toBe('CERT_FONT_NOT_FOUND');
  });

  it('refuses to print a voided certificate and points to its replacement', async () => {
    const o = await issuedOffice();
    const { issued } = await call(o.ctx, 'certificates.reissue', { number: o.certs[0]!.number, reason: '遗失' });
    const e = await callError(o.ctx, 'certificates.pdf', { numbers: [o.certs[0]!.number], out: o.out });
    expect(e.code).toBe('CERT_VOID');
    expect(e.message).toContain(issued.number);
    // The session print leaves the voided one out and includes the reissued one.
    await call(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, out: o.out });
    const all = pdfPages(o.out).map(compact).join('');
    expect(all).toContain(issued.number);
    expect(all).not.toContain(o.certs[0]!.number);
  });

  it('refuses a session with nothing issued, and asks for either a session or numbers', async () => {
    const o = await officeWithSession();
    expect((await callError(o.ctx, 'certificates.pdf', { sessionId: o.sessionId })).code).toBe('CERT_NONE_TO_PRINT');
    expect((await callError(o.ctx, 'certificates.pdf', {})).code).toBe('USAGE');
  });

  it('needs the evaluation body name before printing', async () => {
    const o = await issuedOffice();
    o.db.prepare("UPDATE settings SET value = '' WHERE key = 'institution.name'").run();
    expect((await callError(o.ctx, 'certificates.pdf', { sessionId: o.sessionId })).code).toBe('CERT_SETTINGS_MISSING');
  });

  it('names the candidate whose photo is damaged, and leaves no half-written PDF', async () => {
    const o = await issuedOffice();
    o.db.prepare('UPDATE candidates SET photo = ? WHERE id = ?').run(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), o.certs[1]!.candidateId);
    const e = await callError(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, out: o.out });
    expect(e.code).toBe('CERT_PHOTO_UNREADABLE');
    expect(e.message).toContain(o.certs[1]!.name);
    // The first page was already streamed out; the half-written file is removed, not left to be printed.
    expect(fs.readdirSync(path.dirname(o.out))).toEqual([]);
  });

  it('places the seal image from the settings, and names a seal file that is missing', async () => {
    const seal = path.resolve('assets/certificate/seal-sample.png');
    const o = await issuedOffice({ 'certificate.seal': seal });
    await call(o.ctx, 'certificates.pdf', { numbers: [o.certs[0]!.number], out: o.out });
    const imageTypes = (file: string) =>
      execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.trim().split(/\s+/)[2]);
    // Photo, QR code, and the seal with its transparency as a soft mask; without a seal, no soft mask.
    expect(imageTypes(o.out)).toEqual(['image', 'image', 'image', 'smask']);
    const plain = path.join(tempDir(), 'plain.pdf');
    o.db.prepare("UPDATE settings SET value = '' WHERE key = 'certificate.seal'").run();
    await call(o.ctx, 'certificates.pdf', { numbers: [o.certs[0]!.number], out: plain });
    expect(imageTypes(plain)).toEqual(['image', 'image']);
    o.db.prepare("UPDATE settings SET value = '/nowhere/seal.png' WHERE key = 'certificate.seal'").run();
    expect((await callError(o.ctx, 'certificates.pdf', { numbers: [o.certs[0]!.number], out: o.out })).code).toBe('CERT_SEAL_UNREADABLE');
  });

  it('makes a calibration page with the field boxes and the current offsets', async () => {
    const o = await issuedOffice({ 'certificate.stockOffsetX': '1.5' });
    await call(o.ctx, 'certificates.calibration', { out: o.out });
    const text = compact(pdfPages(o.out)[0]!);
    expect(text).toContain('证书套打校准页');
    expect(text).toContain('水平1.5毫米');
    for (const label of ['姓名', '证件号码', '照片', '二维码', 'certificate.stockOffsetX']) expect(text).toContain(label);
  });

  it('reports progress while a batch is generated', async () => {
    const { certificatesPdf } = await import('../../services/certificates/pdf');
    const o = await issuedOffice();
    const seen: [number, number][] = [];
    await certificatesPdf(o.ctx, { sessionId: o.sessionId, out: o.out }, (p) => seen.push([p.done, p.total ?? 0]));
    expect(seen.at(-1)).toEqual([3, 3]);
  });
});
