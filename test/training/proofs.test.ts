// 培训合格证明 read back as a person and a phone would (pdftotext, zbarimg), verified by
// `certdesk verify` as a subprocess, refused while the class is open; the class workbook and the
// figures by employer.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { configureInstitution } from '../certificates/fixtures';
import { pdfPages, qrCodesOnPage } from '../certificates/poppler';
import type { Ctx } from '../../services/shared/context';

const wang = makeIdNumber('440106', '19880315', 11);
const li = makeIdNumber('440106', '19900722', 22);
const zhao = makeIdNumber('510104', '19850101', 33);

async function classOf(ctx: Ctx): Promise<number> {
  await configureInstitution(ctx);
  const c = await call(ctx, 'training.create', { name: '2026年物业消防安全培训班', from: '2026-03-02', to: '2026-03-20', hours: 12, organiser: '广州市物业管理行业协会', minAttendance: 60 });
  const l1 = await call(ctx, 'training.addLesson', { classId: c.id, date: '2026-03-02', hours: 4, teacher: '陈老师', topic: '消防设施' });
  const l2 = await call(ctx, 'training.addLesson', { classId: c.id, date: '2026-03-09', hours: 4, topic: '疏散演练' });
  const l3 = await call(ctx, 'training.addLesson', { classId: c.id, date: '2026-03-16', hours: 4, topic: '灭火器使用' });
  for (const [id, name, employer] of [[wang, '王芳', '广州市越秀物业服务有限公司'], [li, '李强', '广州市越秀物业服务有限公司'], [zhao, '赵敏', '广州珠江物业酒店管理有限公司']]) {
    await call(ctx, 'candidates.add', { idNumber: id!, name: name!, employer: employer! });
    await call(ctx, 'training.enrol', { classId: c.id, idNumber: id! });
  }
  for (const l of [l1, l2, l3]) await call(ctx, 'training.attend', { classId: c.id, lessonId: l.id, idNumber: wang, status: 'present' });
  await call(ctx, 'training.attend', { classId: c.id, lessonId: l1.id, idNumber: li, status: 'present' });
  await call(ctx, 'training.attend', { classId: c.id, lessonId: l2.id, idNumber: li, status: 'leave' });
  for (const l of [l1, l2]) await call(ctx, 'training.attend', { classId: c.id, lessonId: l.id, idNumber: zhao, status: 'late' });
  return c.id;
}

describe('培训合格证明', () => {
  it('prints one page per trainee who completed, with a serial and a QR code that certdesk verify checks', async () => {
    const { ctx, file } = createDB();
    const classId = await classOf(ctx);
    const out = path.join(tempDir(), '证明.pdf');
    expect((await callError(ctx, 'training.proofs', { classId, out })).code).toBe('TRAINING_NOT_FINALIZED');
    await call(ctx, 'training.finalize', { classId });
    expect((await callError(ctx, 'training.proofs', { classId, idNumber: li, out })).code).toBe('TRAINING_NOT_COMPLETED');

    const printed = await call(ctx, 'training.proofs', { classId, out });
    expect(printed).toMatchObject({ path: out, pages: 2, numbers: ['PX202600001', 'PX202600002'] });
    const pages = pdfPages(out);
    expect(pages).toHaveLength(2);
    const first = pages[0]!.replace(/\s/g, '');
    for (const text of ['培训合格证明', 'PX202600001', '王芳', wang, '2026年物业消防安全培训班', '2026年3月2日至2026年3月20日', '12学时', '广州市物业管理行业协会']) expect(first).toContain(text);
    expect(pages[1]!.replace(/\s/g, '')).toContain('赵敏');

    // A reprint keeps the serial and prints the same code.
    const again = path.join(tempDir(), '证明-王芳.pdf');
    expect((await call(ctx, 'training.proofs', { classId, idNumber: wang, title: '结业证书', out: again })).numbers).toEqual(['PX202600001']);
    expect(pdfPages(again)[0]!.replace(/\s/g, '')).toContain('结业证书');

    const [qr] = qrCodesOnPage(out, 1);
    expect(qr!.split('\n')[0]).toBe('PX202600001');
    expect(qrCodesOnPage(again, 1)).toEqual([qr]);
    ctx.db.close();
    const verified = runCli(['verify', qr!, '--db', file, '--json']);
    expect(verified.json).toMatchObject({
      valid: true,
      status: 'issued',
      certifies: { number: 'PX202600001', name: '王芳', idNumber: wang },
      training: { className: '2026年物业消防安全培训班', from: '2026-03-02', to: '2026-03-20', hours: 12, organiser: '广州市物业管理行业协会' },
    });
    expect(runCli(['verify', qr!, '--db', file]).stdout).toContain('✔ 培训证明真实有效');
    // The name changed in the code: the signature no longer holds.
    const [number, signed] = qr!.split('\n') as [string, string];
    const [prefix, payload, signature] = signed.split('.') as [string, string, string];
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('王芳', '王芬'), 'utf8').toString('base64url');
    const refused = runCli(['verify', `${number}\n${prefix}.${forged}.${signature}`, '--db', file, '--json']);
    expect(refused.json).toMatchObject({ valid: false, reason: expect.stringContaining('签名不符') });
  }, 180_000);

  it('exports the 学员名册 and 考勤表, and counts trainees, 学时 and completions by employer', async () => {
    const { ctx } = createDB();
    const classId = await classOf(ctx);
    expect(await call(ctx, 'training.byEmployer', { classId })).toEqual({
      employers: [
        { employer: '广州市越秀物业服务有限公司', trainees: 2, hours: 16, completed: 1 },
        { employer: '广州珠江物业酒店管理有限公司', trainees: 1, hours: 8, completed: 1 },
      ],
    });
    // Live while open; a year counts finalized classes only.
    expect(await call(ctx, 'training.byEmployer', { year: '2026' })).toEqual({ employers: [] });
    await call(ctx, 'training.finalize', { classId });
    expect((await call(ctx, 'training.byEmployer', { year: '2026' })).employers).toHaveLength(2);

    const out = path.join(tempDir(), '名册.xlsx');
    await call(ctx, 'export.trainingClass', { classId, out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['学员名册', '考勤表']);
    const text = (ws: ExcelJS.Worksheet) => ws.getSheetValues().filter(Boolean).map((r) => (r as ExcelJS.CellValue[]).slice(1).map((c) => (c === null || c === undefined ? '' : String(c))).join('|'));
    const roster = text(wb.worksheets[0]!);
    expect(roster.some((r) => r.startsWith(`1|王芳|${wang}|广州市越秀物业服务有限公司|12|1||结业`))).toBe(true);
    expect(roster.some((r) => r.startsWith(`2|李强|${li}|广州市越秀物业服务有限公司|4|`) && r.includes('未结业|') && r.includes('出勤率 33.3%'))).toBe(true);
    const attendance = text(wb.worksheets[1]!);
    expect(attendance.some((r) => r.includes('03-02（4学时）|03-09（4学时）|03-16（4学时）|合计学时'))).toBe(true);
    expect(attendance).toContain(`2|李强|${li}|出勤|请假||4`);
    expect(attendance).toContain(`3|赵敏|${zhao}|迟到|迟到||8`);
    // The note under the roster is for the officer and the trainee's employer: the rule in words,
    // never a path into this project's documentation.
    const note = roster.find((r) => r.startsWith('结业条件'));
    expect(note).toMatch(/迟到计出勤，请假不计学时。/);
    expect(roster.join('\n')).not.toMatch(/docs\/|\.md/);
  }, 180_000);
});
