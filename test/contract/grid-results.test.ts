// What the score grid asks of results.set beyond a plain score: full-width typing, a note on a
// 违纪, undoing a change as a new audited change, and putting back a 补考's carried part after it
// was typed over — and the 成绩单 export naming a carried part 保留 with its source.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { parseScore } from '../../services/results/rules';
import { undoWrite } from '../../renderer/src/grid/cells';

const zhang = makeIdNumber('440106', '19900315', 31);
const li = makeIdNumber('510104', '19881122', 42);

async function openSession() {
  const env = createDB();
  const s = await call(env.ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2024-03-10' });
  await call(env.ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: zhang, name: '张伟' } });
  return { ...env, sessionId: s.id };
}

/** 李娜 passed theory (85) and failed skill in a finalized session; the 补考 carries her theory. */
async function retakeWithCarriedTheory() {
  const env = createDB();
  const s = await call(env.ctx, 'sessions.create', { occupation: '电工', level: 4, date: '2024-03-10', name: '2024年3月电工四级' });
  await call(env.ctx, 'enrolments.add', { sessionId: s.id, candidate: { idNumber: li, name: '李娜' } });
  await call(env.ctx, 'results.set', { sessionId: s.id, idNumber: li, part: 'theory', score: 85 });
  await call(env.ctx, 'results.set', { sessionId: s.id, idNumber: li, part: 'skill', score: 30 });
  await call(env.ctx, 'sessions.finalize', { id: s.id });
  const retake = await call(env.ctx, 'sessions.retake', { id: s.id, date: '2024-09-10', name: '2024年9月电工四级补考' });
  const theory = async () => (await call(env.ctx, 'results.get', { sessionId: retake.id })).candidates[0]!.parts.find((p) => p.part === 'theory');
  return { ...env, firstId: s.id, retakeId: retake.id, theory };
}

const history = (ctx: ReturnType<typeof createDB>['ctx'], entityId: string) => call(ctx, 'audit.history', { entity: 'result', entityId });

describe('typing a score with a Chinese input method', () => {
  it('reads full-width digits and 「．」「。」 as the decimal point', () => {
    expect(parseScore('８５。５')).toEqual({ ok: true, status: 'scored', tenths: 855 });
    expect(parseScore('６０．０')).toEqual({ ok: true, status: 'scored', tenths: 600 });
    expect(parseScore('１００')).toEqual({ ok: true, status: 'scored', tenths: 1000 });
    expect(parseScore('59。')).toMatchObject({ ok: false });
    expect(parseScore('８５。５５')).toMatchObject({ ok: false });
  });

  it('saves ８５。５ as 85.5 through results.set', async () => {
    const { ctx, sessionId } = await openSession();
    const r = await call(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'theory', score: '８５。５' });
    expect(r.candidate.parts[0]).toMatchObject({ part: 'theory', score: 85.5, status: 'scored' });
  });
});

describe('a 违纪 with a note', () => {
  it('is stored with the result, given back by results.get and kept in the score history', async () => {
    const { ctx, sessionId } = await openSession();
    const r = await call(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'skill', misconduct: true, note: ' 夹带小抄 ' });
    expect(r.candidate.parts.find((p) => p.part === 'skill')).toMatchObject({ status: 'misconduct', note: '夹带小抄' });
    const got = await call(ctx, 'results.get', { sessionId });
    expect(got.candidates[0]!.parts.find((p) => p.part === 'skill')!.note).toBe('夹带小抄');
    const entries = await history(ctx, `${r.candidate.enrolmentId}:skill`);
    expect(entries.at(-1)!.newValue).toEqual({ status: 'misconduct', score: null, note: '夹带小抄' });
  });

  it('goes when the 违纪 is replaced by a score; a note on a score, or a long one, is refused', async () => {
    const { ctx, sessionId } = await openSession();
    await call(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'skill', misconduct: true, note: '替考' });
    const r = await call(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'skill', score: 70 });
    expect(r.candidate.parts.find((p) => p.part === 'skill')).toMatchObject({ status: 'scored', note: null });
    expect((await callError(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'skill', score: 70, note: '迟到' })).code).toBe('NOTE_NOT_MISCONDUCT');
    const long = await callError(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'skill', misconduct: true, note: '很'.repeat(201) });
    expect(long.code).toBe('NOTE_TOO_LONG');
    expect(long.message).toContain('200');
  });

  it('survives a score sheet writing 违纪 again, and goes when the sheet gives a score', async () => {
    const { ctx, sessionId } = await openSession();
    await call(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'skill', misconduct: true, note: '替考' });
    const { setResultsBatch } = await import('../../services/results/results');
    const enrolmentId = (await call(ctx, 'results.get', { sessionId })).candidates[0]!.enrolmentId;
    setResultsBatch(ctx, sessionId, [{ enrolmentId, part: 'skill', status: 'misconduct', tenths: null }]);
    expect((await call(ctx, 'results.get', { sessionId })).candidates[0]!.parts[0]!.note).toBe('替考');
    setResultsBatch(ctx, sessionId, [{ enrolmentId, part: 'skill', status: 'scored', tenths: 700 }]);
    expect((await call(ctx, 'results.get', { sessionId })).candidates[0]!.parts[0]).toMatchObject({ score: 70, note: null });
  });
});

describe('Ctrl+Z in the grid', () => {
  it('puts back what was there as a new audited change, keeping the change it undoes in the history', async () => {
    const { ctx, sessionId } = await openSession();
    await call(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'theory', score: 85 });
    const changed = await call(ctx, 'results.set', { sessionId, idNumber: zhang, part: 'theory', score: 58 });
    const before = { part: 'theory', score: 85, status: 'scored' as const, carried: false, note: null };
    const undone = await call(ctx, 'results.set', { sessionId, enrolmentId: changed.candidate.enrolmentId, part: 'theory', ...undoWrite(before), reason: '撤销' });
    expect(undone.candidate.parts[0]).toMatchObject({ score: 85, status: 'scored' });
    const entries = await history(ctx, `${changed.candidate.enrolmentId}:theory`);
    expect(entries.map((e) => [e.action, e.oldValue, e.newValue, e.reason])).toEqual([
      ['create', null, { status: 'scored', score: 85 }, null],
      ['update', { status: 'scored', score: 85 }, { status: 'scored', score: 58 }, null],
      ['update', { status: 'scored', score: 58 }, { status: 'scored', score: 85 }, '撤销'],
    ]);
  });

  it('knows the write that undoes each kind of change', () => {
    const base = { part: 'skill', score: null, carried: false, note: null };
    expect(undoWrite(null)).toEqual({ clear: true });
    expect(undoWrite({ ...base, status: 'absent' })).toEqual({ absent: true });
    expect(undoWrite({ ...base, status: 'misconduct', note: '替考' })).toEqual({ misconduct: true, note: '替考' });
    expect(undoWrite({ ...base, status: 'scored', score: 72.5 })).toEqual({ score: 72.5 });
    expect(undoWrite({ ...base, status: 'carried', score: 85, carried: true })).toEqual({ restoreCarried: true });
  });
});

describe('a part a 补考 carried from an earlier pass', () => {
  it('is put back (恢复保留成绩) after it was typed over, with its score and source, once', async () => {
    const { ctx, retakeId, theory } = await retakeWithCarriedTheory();
    expect(await theory()).toMatchObject({ status: 'carried', score: 85, carriedFrom: { name: '2024年3月电工四级' } });
    const typed = await call(ctx, 'results.set', { sessionId: retakeId, idNumber: li, part: 'theory', score: 40 });
    expect(typed.candidate.outcome).toBe('fail');
    expect(await theory()).toMatchObject({ status: 'scored', score: 40, carriedFrom: null });
    const restored = await call(ctx, 'results.set', { sessionId: retakeId, idNumber: li, part: 'theory', restoreCarried: true });
    expect(restored.candidate.parts.find((p) => p.part === 'theory')).toMatchObject({ status: 'carried', score: 85, carriedFrom: { name: '2024年3月电工四级' } });
    expect(restored.candidate.outcome).toBe('pending');
    const again = await callError(ctx, 'results.set', { sessionId: retakeId, idNumber: li, part: 'theory', restoreCarried: true });
    expect(again.code).toBe('NOTHING_TO_RESTORE');
    const entries = await history(ctx, `${typed.candidate.enrolmentId}:theory`);
    expect(entries.map((e) => e.action)).toEqual(['update', 'restore']);
    expect((entries[0]!.oldValue as { carriedFrom: number }).carriedFrom).toEqual(expect.any(Number));
  });

  it('is put back after it was cleared too; a part never carried has nothing to put back', async () => {
    const { ctx, retakeId, theory } = await retakeWithCarriedTheory();
    await call(ctx, 'results.set', { sessionId: retakeId, idNumber: li, part: 'theory', clear: true });
    expect(await theory()).toBeUndefined();
    await call(ctx, 'results.set', { sessionId: retakeId, idNumber: li, part: 'theory', restoreCarried: true });
    expect(await theory()).toMatchObject({ status: 'carried', score: 85 });
    const never = await callError(ctx, 'results.set', { sessionId: retakeId, idNumber: li, part: 'skill', restoreCarried: true });
    expect(never.code).toBe('NOTHING_TO_RESTORE');
    expect(never.message).toContain('操作技能');
  });

  it('prints in the 成绩单 as 保留（来自 <批次名>）, and the sheet imports back leaving it carried', async () => {
    const { ctx, retakeId, theory } = await retakeWithCarriedTheory();
    await call(ctx, 'results.set', { sessionId: retakeId, idNumber: li, part: 'skill', score: 75 });
    const out = path.join(tempDir(), '成绩单.xlsx');
    await call(ctx, 'export.scores', { sessionId: retakeId, out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts = wb.worksheets[0]!.getSheetValues().flat().filter((v) => typeof v === 'string' || typeof v === 'number');
    expect(texts).toContain('保留（来自 2024年3月电工四级）');
    expect(texts).not.toContain(85);
    const back = await call(ctx, 'scores.import', { sessionId: retakeId, file: { path: out } });
    expect(back.rejected).toEqual([]);
    expect(await theory()).toMatchObject({ status: 'carried', score: 85 });
  });
});

describe('the command line', () => {
  it('result set takes --note with --misconduct and --restore-carried', async () => {
    const { file, ctx, retakeId } = await retakeWithCarriedTheory();
    ctx.db.close();
    const base = ['--db', file, 'result', 'set', '--session', String(retakeId), '--candidate', li];
    expect(runCli([...base, '--part', 'skill', '--misconduct', '--note', '夹带', '--json']).status).toBe(0);
    expect(runCli([...base, '--part', 'theory', '--score', '５０', '--json']).status).toBe(0);
    const restored = runCli([...base, '--part', 'theory', '--restore-carried', '--json']);
    expect(restored.status, restored.stderr).toBe(0);
    const parts = JSON.parse(restored.stdout).candidate.parts;
    expect(parts).toEqual([
      expect.objectContaining({ part: 'theory', status: 'carried', score: 85 }),
      expect.objectContaining({ part: 'skill', status: 'misconduct', note: '夹带' }),
    ]);
    const none = runCli([...base, '--part', 'skill', '--restore-carried']);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain('没有被改动过的保留成绩');
    expect(fs.existsSync(file)).toBe(true);
  });
});
