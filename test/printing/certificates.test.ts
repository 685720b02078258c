// Printing certificates: one, several chosen or a whole session, named after who or which session;
// on pre-printed stock each field at its own place of the 套打 layout (docs/cli.md § Certificates).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { call, callError, runCli, tempDir } from '../helpers';
import { officeWithSession } from '../certificates/fixtures';
import { pdfPages, wordBoxes } from '../certificates/poppler';
import { STOCK_FIELDS } from '../../services/certificates/stockLayout';

const compact = (s: string) => s.replace(/\s+/g, '');
const PT = 72 / 25.4;

async function issued() {
  const o = await officeWithSession();
  await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
  const certs = await call(o.ctx, 'certificates.list', { sessionId: o.sessionId });
  const session = await call(o.ctx, 'sessions.get', { id: o.sessionId });
  return { ...o, certs, session, dir: tempDir() };
}

describe('printing certificates', () => {
  it('names the file after the person for one, the first person and how many for several, the session for a whole session', async () => {
    const o = await issued();
    const [a, b] = o.certs;
    const one = await call(o.ctx, 'certificates.pdf', { numbers: [a!.number] });
    expect('name' in one && one.name).toBe(`证书-${a!.name}-${a!.number}.pdf`);
    expect(one.pages).toBe(1);
    const two = await call(o.ctx, 'certificates.pdf', { numbers: [b!.number, a!.number] });
    expect('name' in two && two.name).toBe(`证书-${b!.name}等2人.pdf`);
    expect(two.numbers).toEqual([b!.number, a!.number]);
    const all = await call(o.ctx, 'certificates.pdf', { sessionId: o.sessionId });
    expect('name' in all && all.name).toBe(`证书-${o.session.name}.pdf`);
    expect(all.pages).toBe(3);
    const stock = await call(o.ctx, 'certificates.pdf', { sessionId: o.sessionId, stock: true });
    expect('name' in stock && stock.name).toBe(`证书-${o.session.name}-套打.pdf`);
  });

  it('on stock, a field moved in the 套打 layout prints at its new place, the others stay, and the whole-page offset still applies', async () => {
    const o = await issued();
    const c = o.certs[0]!;
    const at = async (offset: string) => {
      await call(o.ctx, 'settings.set', { key: 'certificate.stockOffsetX', value: offset });
      const out = path.join(o.dir, `stock-${Math.random()}.pdf`);
      await call(o.ctx, 'certificates.pdf', { numbers: [c.number], stock: true, out });
      const words = wordBoxes(out);
      return { name: words.find((w) => w.text === c.name)!, id: words.find((w) => w.text === c.idNumber)! };
    };
    const before = await at('0');
    expect(before.name.xMin / PT).toBeCloseTo(71, 0);

    const saved = await call(o.ctx, 'certificates.setLayout', { name: '2024 版证书纸', changes: [{ field: '姓名', x: 100, y: 150, size: 16 }] });
    expect(saved.fields.find((f) => f.key === 'name')).toMatchObject({ x: 100, y: 150, size: 16, moved: true });
    expect(saved.fields.find((f) => f.key === 'idNumber')).toMatchObject({ moved: false });

    const after = await at('0');
    expect(after.name.xMin / PT).toBeCloseTo(100, 0);
    expect(after.name.yMin / PT).toBeGreaterThan(149.5);
    expect(after.name.yMin / PT).toBeLessThan(153);
    // Set larger: 16 pt is about 5.6 mm tall, against 4.2 mm at 12 pt.
    expect(after.name.yMax - after.name.yMin).toBeGreaterThan((before.name.yMax - before.name.yMin) * 1.2);
    expect(after.id).toMatchObject({ xMin: before.id.xMin, yMin: before.id.yMin });

    const shifted = await at('3');
    expect((shifted.name.xMin - after.name.xMin) / PT).toBeCloseTo(3, 1);
    expect((shifted.id.xMin - before.id.xMin) / PT).toBeCloseTo(3, 1);

    // Put back: the layout no longer lists it as moved, and it prints where it did.
    const back = await call(o.ctx, 'certificates.setLayout', { changes: [{ field: 'name', reset: true }] });
    expect(back.fields.find((f) => f.key === 'name')).toMatchObject({ x: 71, moved: false });
    expect(back.name).toBe('2024 版证书纸');
    const audit = o.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'setting' AND entity_id = 'certificate.stockLayout'").get() as { n: number };
    expect(audit.n).toBe(2);
  });

  it('the calibration page draws every field of the layout with its label, at its own position', async () => {
    const o = await issued();
    await call(o.ctx, 'certificates.setLayout', { name: '协会证书纸', changes: [{ field: 'qr', x: 150, y: 240 }] });
    const out = path.join(o.dir, 'calibration.pdf');
    await call(o.ctx, 'certificates.calibration', { out });
    const text = compact(pdfPages(out)[0]!);
    for (const f of STOCK_FIELDS) expect(text, f.label).toContain(compact(f.label));
    expect(text).toContain('版式：协会证书纸');
    expect(text).toContain('certificate.stockOffsetX');
    const qr = wordBoxes(out).find((w) => w.text === '二维码')!;
    expect(qr.xMin / PT).toBeGreaterThan(150);
    expect(qr.xMin / PT).toBeLessThan(152);
    expect(qr.yMin / PT).toBeGreaterThan(240);
    expect(qr.yMin / PT).toBeLessThan(243);
  });

  it('refuses a field that is not on the certificate, a position off the page, and a hand-edited setting that is not a layout', async () => {
    const o = await issued();
    const field = await callError(o.ctx, 'certificates.setLayout', { changes: [{ field: '籍贯', x: 10, y: 10 }] });
    expect(field.code).toBe('CERT_LAYOUT_FIELD');
    expect(field.message).toContain('证件号码（idNumber）');
    const off = await callError(o.ctx, 'certificates.setLayout', { changes: [{ field: '姓名', x: 250 }] });
    expect(off.code).toBe('CERT_LAYOUT_INVALID');
    expect(off.message).toContain('0 到 210 毫米');
    const size = await callError(o.ctx, 'certificates.setLayout', { changes: [{ field: '照片', size: 12 }] });
    expect(size.message).toContain('是图片，没有字号');
    const nowhere = await callError(o.ctx, 'certificates.setLayout', { changes: [{ field: '姓名' }] });
    expect(nowhere.code).toBe('USAGE');
    expect(nowhere.message).toContain('新位置');
    const json = await callError(o.ctx, 'settings.set', { key: 'certificate.stockLayout', value: '{"portrait":{"name":{"x":-5}}}' });
    expect(json.code).toBe('SETTING_INVALID');
    expect(json.message).toContain('距左边');
    // Nothing was saved by the refusals.
    expect((await call(o.ctx, 'certificates.layout', {})).fields.every((f) => !f.moved)).toBe(true);
  });
});

describe('certdesk certificates layout', () => {
  it('shows, sets and resets a field, and refuses bad input with a non-zero exit', async () => {
    const o = await issued();
    o.db.close();
    const db = ['--db', o.file];
    const set = runCli(['certificates', 'layout', 'set', '--field', '证件号码', '--x', '80', '--y', '95.5', '--name', '白云印刷厂证书纸', ...db]);
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    expect(set.stdout).toContain('已保存');
    const show = runCli(['--json', 'certificates', 'layout', 'show', ...db]);
    expect(show.json.name).toBe('白云印刷厂证书纸');
    expect(show.json.fields.find((f: { key: string }) => f.key === 'idNumber')).toMatchObject({ x: 80, y: 95.5, moved: true });
    // The readable output is the layout as a table, the moved field marked.
    expect(set.stdout).toMatch(/证件号码\s+idNumber\s+80\s+95\.5.*已调整/);

    const bad = runCli(['certificates', 'layout', 'set', '--field', '姓名', '--x', 'abc', ...db]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--x');
    const noField = runCli(['--json', 'certificates', 'layout', 'set', '--x', '3', ...db]);
    expect(noField.json.error).toMatchObject({ code: 'USAGE', message: expect.stringContaining('--field') });
    const unknown = runCli(['--json', 'certificates', 'layout', 'set', '--field', '籍贯', '--x', '3', ...db]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.json.error.code).toBe('CERT_LAYOUT_FIELD');
  }, 180_000);
});
