// One person, two numbers (docs/identity.md): an old 15-digit 身份证 number and its 18-digit form
// find the same record whichever is typed or imported, through the real operations and files;
// a 永居证 is registered under either of its formats; a wrong 证件类型 is refused with the right one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, tempDir } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import { officeWithSession } from '../certificates/fixtures';
import { qrCodesOnPage } from '../certificates/poppler';

const OLD = '110105491231002';
const NEW = '11010519491231002X';

describe('an old 15-digit 身份证 number and its 18-digit form', () => {
  it('register one person: the old number is stored in its new form, and adding the new one finds the person', async () => {
    const { ctx } = createDB();
    const added = await call(ctx, 'candidates.add', { idNumber: OLD, name: '王秀英' });
    expect(added).toMatchObject({ idType: '居民身份证', idNumber: NEW, birthDate: '1949-12-31', gender: '女' });
    const again = await callError(ctx, 'candidates.add', { idNumber: NEW, name: '王秀英' });
    expect(again.code).toBe('CANDIDATE_EXISTS');
    const typedOld = await callError(ctx, 'candidates.add', { idNumber: OLD, name: '王秀英' });
    expect(typedOld.code).toBe('CANDIDATE_EXISTS');
  });

  it('enrol and import by either form, never making a second person', async () => {
    const { ctx } = createDB();
    await call(ctx, 'candidates.add', { idNumber: NEW, name: '王秀英' });
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    await call(ctx, 'enrolments.add', { sessionId: s.id, idNumber: OLD });
    const roster = writeTemp(
      await buildWorkbook([{ rows: [['序号', '姓名', '身份证号码'], [1, '王秀英', OLD]], textColumns: ['C'] }]),
    );
    const s2 = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 4, date: '2024-06-16' });
    const preview = await call(ctx, 'roster.import', { sessionId: s2.id, file: { path: roster }, dryRun: true });
    expect(preview.preview.map((r) => r.status)).toEqual(['known']);
    expect(preview.preview[0]!.notes).toEqual([expect.stringContaining(`15 位旧身份证号 ${OLD} 按国家标准升为 18 位 ${NEW}`)]);
    await call(ctx, 'roster.import', { sessionId: s2.id, file: { path: roster } });
    const people = ctx.db.prepare('SELECT id_number AS n FROM candidates').all();
    expect(people).toEqual([{ n: NEW }]);
    expect((await call(ctx, 'enrolments.list', { sessionId: s2.id })).map((e) => e.idNumber)).toEqual([NEW]);
  });

  it('keeps a certificate printed under the old number valid once the register holds the new one', async () => {
    const o = await officeWithSession();
    const db = o.ctx.db;
    const { issued } = await call(o.ctx, 'certificates.issue', { sessionId: o.sessionId, date: '2024-07-01' });
    const holder = db.prepare('SELECT id, id_number AS n FROM candidates WHERE id_number = ?').get(issued[0]!.idNumber) as { id: number; n: string };
    // The QR code printed while an old 15-digit number was on file (as before schema version 9)…
    const old15 = holder.n.slice(0, 6) + holder.n.slice(8, 17);
    db.prepare('UPDATE candidates SET id_number = ? WHERE id = ?').run(old15, holder.id);
    const out = path.join(tempDir(), 'c.pdf');
    await call(o.ctx, 'certificates.pdf', { numbers: [issued[0]!.number], out });
    const qr = qrCodesOnPage(out, 1)[0]!;
    expect(qr).toContain('CD2');
    // …and the register upgraded since, as migration 0009 does.
    db.prepare('UPDATE candidates SET id_number = ? WHERE id = ?').run(holder.n, holder.id);
    expect(await call(o.ctx, 'certificates.verify', { text: qr })).toMatchObject({ valid: true });
  });
});

describe('外国人永久居留身份证 and the wrong document type', () => {
  it('registers a holder of the older 15-character card and of the 2023 card', async () => {
    const { ctx } = createDB();
    expect(await call(ctx, 'candidates.add', { idNumber: 'KAZ110090123105', name: '阿丽娅' })).toMatchObject({
      idType: '外国人永久居留身份证',
      birthDate: '1990-12-31',
      gender: '女',
    });
    expect(await call(ctx, 'candidates.add', { idType: '外国人永久居留身份证', idNumber: '932682198501010017', name: '阿里' })).toMatchObject({
      birthDate: '1985-01-01',
      gender: '男',
    });
  });

  it('takes the birth date typed for an old 永居证 whose two-digit year reads the other century, and no other', async () => {
    const { ctx } = createDB();
    // USA | 3100 | 150301 | 2 | 8: read as 1915-03-01 (2015 would make the holder 11).
    const n = 'USA310015030128';
    expect(await call(ctx, 'ids.check', { idNumber: n })).toMatchObject({ ok: true, birthDate: '1915-03-01', birthCenturyGuessed: true });
    const typed = await call(ctx, 'candidates.add', { idNumber: n, name: '艾米', birthDate: '2015-03-01' });
    expect(typed.birthDate).toBe('2015-03-01');
    const wrong = await callError(ctx, 'candidates.update', { id: typed.id, idNumber: n, name: '艾米', birthDate: '2015-03-02' });
    expect(wrong.code).toBe('BIRTH_DATE_MISMATCH');
  });

  it('refuses a 永居证 number entered as a 居民身份证, naming the right type', async () => {
    const { ctx } = createDB();
    const e = await callError(ctx, 'candidates.add', { idType: '居民身份证', idNumber: '932682198501010017', name: '阿里' });
    expect(e.code).toBe('ID_WRONG_TYPE');
    expect(e.message).toContain('外国人永久居留身份证');
  });
});

describe('a region code no year of GB/T 2260 knows', () => {
  it('is noted in the roster preview for a second look, and the row is imported all the same', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const body = '11019919900101001';
    const odd = body + '10X98765432'[[...body].reduce((t, d, i) => t + Number(d) * W[i]!, 0) % 11]!;
    const roster = writeTemp(await buildWorkbook([{ rows: [['姓名', '身份证号码'], ['孙八', odd]], textColumns: ['B'] }]));
    const preview = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: roster }, dryRun: true });
    expect(preview.rejected).toEqual([]);
    expect(preview.preview[0]!.notes).toEqual([expect.stringContaining('地区码 110199')]);
    expect((await call(ctx, 'roster.import', { sessionId: s.id, file: { path: roster } })).imported).toBe(1);
  });
});
