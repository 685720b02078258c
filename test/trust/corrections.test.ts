// A finalized session is read-only; an administrator corrects a result with a reason, and the
// correction shows in the history and in what the next export lists.
import { beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import type { Ctx } from '../../services/shared/context';
import { scoredSession, ZHANG } from './fixtures';

let ctx: Ctx;
let sessionId: number;
let zhangEnrolment: number;
const admin = (): Ctx => ({ ...ctx, operator: 'wangfang' });
const clerk = (): Ctx => ({ ...ctx, operator: 'lina' });

beforeEach(async () => {
  ({ ctx } = createDB());
  ({ sessionId, zhangEnrolment } = await scoredSession(ctx));
  await call(ctx, 'operators.setup', { login: 'wangfang', name: '王芳', password: 'admin-pass-1' });
  await call(admin(), 'operators.add', { login: 'lina', name: '李娜', role: 'clerk', password: 'clerk-pass-1' });
  await call(admin(), 'sessions.finalize', { id: sessionId });
});

describe('a finalized session', () => {
  it('refuses an ordinary score change and says an administrator can correct it', async () => {
    const e = await callError(clerk(), 'results.set', { sessionId, idNumber: ZHANG, part: 'theory', score: 60 });
    expect(e.code).toBe('SESSION_FINALIZED');
    expect(e.message).toContain('管理员');
  });

  it('lets an administrator correct a score with a reason, and the outcome follows', async () => {
    const out = await call(admin(), 'results.correct', { sessionId, idNumber: ZHANG, part: 'theory', score: 61, reason: '复核发现登分错误，原卷 61 分' });
    expect(out.candidate.outcome).toBe('pass');
    expect((await call(ctx, 'sessions.get', { id: sessionId })).status).toBe('finalized');
  });

  it('refuses a correction by a clerk', async () => {
    expect((await callError(clerk(), 'results.correct', { sessionId, idNumber: ZHANG, part: 'theory', score: 61, reason: '复核' })).code).toBe('ADMIN_REQUIRED');
  });

  it('refuses a correction without a reason', async () => {
    expect((await callError(admin(), 'results.correct', { sessionId, idNumber: ZHANG, part: 'theory', score: 61, reason: '  ' })).code).toBe('REASON_REQUIRED');
  });

  it('sends an open session’s changes to the ordinary entry instead', async () => {
    const open = await call(ctx, 'sessions.create', { occupation: '4-06-01-01', level: 4, date: '2024-07-01' });
    expect((await callError(admin(), 'results.correct', { sessionId: open.id, idNumber: ZHANG, part: 'theory', score: 61, reason: '复核' })).code).toBe('SESSION_NOT_FINALIZED');
  });

  it('shows the correction in the score’s history and in the list the next export prints', async () => {
    await call(admin(), 'results.correct', { sessionId, idNumber: ZHANG, part: 'theory', score: 61, reason: '复核发现登分错误' });
    const history = await call(ctx, 'audit.history', { entity: 'result', entityId: `${zhangEnrolment}:theory` });
    expect(history.at(-1)).toMatchObject({ action: 'correct', operator: 'wangfang', operatorName: '王芳', reason: '复核发现登分错误', oldValue: { score: 58 }, newValue: { score: 61 } });
    const corrections = await call(ctx, 'results.corrections', { sessionId });
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ entityId: `${zhangEnrolment}:theory`, reason: '复核发现登分错误' });
  });

  it('took a backup before finalizing', async () => {
    const { backups } = await call(admin(), 'backup.list', {});
    expect(backups.map((b) => b.reason)).toContain('finalize');
  });
});

describe('a correction from the command line', () => {
  it('corrects a finalized score with result correct and a reason', async () => {
    const file = ctx.db.name;
    ctx.db.close();
    const refused = runCli(['result', 'correct', '--session', String(sessionId), '--candidate', ZHANG, '--part', 'theory', '--score', '61', '--db', file, '--json']);
    expect(refused.status).not.toBe(0);
    expect(refused.json.error.message).toContain('--reason');
    const r = runCli(['result', 'correct', '--session', String(sessionId), '--candidate', ZHANG, '--part', 'theory', '--score', '61', '--reason', '复核发现登分错误', '--db', file, '--json']);
    expect(r.status).toBe(0);
    expect(r.json.candidate.outcome).toBe('pass');
  });
});

describe('the next export', () => {
  async function scoreSheetText(): Promise<string> {
    const out = path.join(tempDir(), '成绩单.xlsx');
    await call(ctx, 'export.scores', { sessionId, out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const lines: string[] = [];
    wb.worksheets[0]!.eachRow((row) => lines.push(row.values instanceof Array ? row.values.filter(Boolean).join(' ') : ''));
    return lines.join('\n');
  }

  it('lists the correction on the score sheet: who, the old and new score, and why', async () => {
    await call(admin(), 'results.correct', { sessionId, idNumber: ZHANG, part: 'theory', score: 61, reason: '复核发现登分错误' });
    const text = await scoreSheetText();
    expect(text).toContain('备注：定稿后更正 张伟 理论知识 58 → 61，王芳');
    expect(text).toContain('原因：复核发现登分错误');
  });

  it('prints the audit head hash on the score sheet, to be noted on paper', async () => {
    const head = (await call(ctx, 'audit.verify', {})).headHash;
    expect(await scoreSheetText()).toContain(`头哈希 ${head}`);
  });
});
