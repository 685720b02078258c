// The 上报批次 ledger end to end: an upload exported with its 批次号, the platform's return file
// (written here with exceljs, as a platform would hand it back) reconciled against it, and the
// refused rows exported again once corrected (docs/exchange.md).
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, runCli, tempDir } from '../helpers';
import { buildWorkbook, writeTemp } from '../spreadsheets/workbooks';
import { configureInstitution, finalizedSession, PEOPLE } from '../certificates/fixtures';
import type { Ctx } from '../../services/shared/context';

const people = PEOPLE.map((p) => ({ ...p, photo: false }));
const [zhang, ouyang, li, wang] = people;

async function details(ctx: Ctx, idNumber: string, d: { ethnicity?: string; origin?: string; education?: string }) {
  const { hasPhoto: _photo, ...c } = (await call(ctx, 'candidates.history', { idNumber })).candidate;
  await call(ctx, 'candidates.update', { ...c, ...d });
}

/** Three passed and hold certificates; the upload of them as batch PT-2024-07. */
async function uploaded() {
  const env = createDB();
  await configureInstitution(env.ctx);
  const { sessionId } = await finalizedSession(env.ctx, { people });
  const issued = (await call(env.ctx, 'certificates.issue', { sessionId, date: '2024-07-01' })) as { issued: { number: string; name: string }[] };
  const number = (name: string) => issued.issued.find((c) => c.name === name)!.number;
  await details(env.ctx, zhang!.idNumber, { ethnicity: '汉族', origin: '企业职工', education: '本科' });
  await details(env.ctx, ouyang!.idNumber, { ethnicity: '汉族', origin: '企业职工', education: '大专' });
  await details(env.ctx, wang!.idNumber, { ethnicity: '回族', origin: '社会人员', education: '高中' });
  const dir = tempDir();
  const batch = await call(env.ctx, 'export.upload', { profile: '平台上传', sessionId, batchNumber: 'PT-2024-07', out: path.join(dir, 'upload.xlsx') });
  return { ...env, sessionId, dir, batch, number };
}

/** The platform's 审核回执: a title row, then its own column order. */
async function returnFile(rows: (string | null)[][]): Promise<string> {
  return writeTemp(
    await buildWorkbook([{ rows: [['职业技能等级认定数据审核结果（批次号 PT-2024-07）'], ['序号', '姓名', '证件号码', '审核结果', '审核意见', '证书编号', '发证日期'], ...rows], textColumns: ['C', 'F'] }]),
    'return.xlsx',
  );
}

describe('the 上报批次 ledger', () => {
  it('records each upload with its rows; reconciles the return file (accepted, refused with the reason, a number that differs, a row not in the batch); re-exports the refused rows corrected', async () => {
    const { ctx, dir, batch, number } = await uploaded();
    expect(batch).toMatchObject({ rows: 3, batchNumber: 'PT-2024-07' });
    const file = await returnFile([
      ['1', '张伟', zhang!.idNumber, '审核通过', '', number('张伟'), '2024-07-01'],
      ['2', '欧阳淑芬', ouyang!.idNumber, '审核不通过', '民族与户籍信息不符', '', ''],
      ['3', '王堃', wang!.idNumber, '通过', '', 'S000044000123243999999', '2024-07-01'],
      ['4', '李娜', li!.idNumber, '通过', '', '', ''],
    ]);
    const r = await call(ctx, 'upload.reconcile', { batch: 'PT-2024-07', file: { path: file } });
    expect(r.accepted).toBe(2);
    expect(r.refused).toEqual([{ row: 4, name: '欧阳淑芬', idNumber: ouyang!.idNumber, reason: '民族与户籍信息不符' }]);
    expect(r.numberDiffers).toEqual([{ row: 5, name: '王堃', idNumber: wang!.idNumber, ours: number('王堃'), theirs: 'S000044000123243999999' }]);
    expect(r.notInBatch).toEqual([{ row: 6, name: '李娜', idNumber: li!.idNumber }]);
    expect(r.missing).toEqual([]);
    const shown = await call(ctx, 'upload.batch', { batch: batch.batchId });
    expect(shown.rowsDetail.map((x) => [x.name, x.status, x.reason, x.returnedNumber])).toEqual([
      ['张伟', 'accepted', null, number('张伟')],
      ['欧阳淑芬', 'refused', '民族与户籍信息不符', null],
      ['王堃', 'accepted', null, 'S000044000123243999999'],
    ]);
    expect(shown).toMatchObject({ accepted: 2, refused: 1, returnedAt: expect.any(String) });

    // The officer corrects 欧阳淑芬's 民族 and sends her row again, under the new 批次号 the platform gave.
    await details(ctx, ouyang!.idNumber, { ethnicity: '壮族' });
    const again = await call(ctx, 'upload.reexport', { batch: 'PT-2024-07', batchNumber: 'PT-2024-07-2', out: path.join(dir, 'again.xlsx') });
    expect(again.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'again.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect([ws.getCell('A2').value, ws.getCell('C2').value, ws.getCell('F2').value]).toEqual(['欧阳淑芬', ouyang!.idNumber, '08']);
    const list = await call(ctx, 'upload.batches', {});
    expect(list.map((b) => [b.batchNumber, b.rows, b.accepted, b.refused, b.correctsId])).toEqual([
      ['PT-2024-07-2', 1, 0, 0, batch.batchId],
      ['PT-2024-07', 3, 2, 1, null],
    ]);
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'uploadBatch' ORDER BY seq").all()).toEqual([{ action: 'upload' }, { action: 'reconcile' }, { action: 'upload' }]);
  });

  it('says when there is nothing to send again, or no such batch', async () => {
    const { ctx } = await uploaded();
    expect(await callError(ctx, 'upload.reexport', { batch: 'PT-2024-07' })).toMatchObject({ code: 'NOTHING_REFUSED' });
    const none = await callError(ctx, 'upload.reconcile', { batch: 'XX-9', file: { path: await returnFile([]) } });
    expect(none.code).toBe('BATCH_NOT_FOUND');
  });

  it('reconciles from the command line, listing the refused rows with the platform\'s reason', async () => {
    const { ctx, file: db } = await uploaded();
    ctx.db.close();
    const ret = await returnFile([
      ['1', '张伟', zhang!.idNumber, '通过', '', '', ''],
      ['2', '欧阳淑芬', ouyang!.idNumber, '退回', '照片不合格', '', ''],
    ]);
    const r = runCli(['--db', db, 'upload', 'reconcile', 'PT-2024-07', ret]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('通过 1 行，退回 1 行');
    expect(r.stdout).toContain('照片不合格');
    expect(r.stdout).toContain('本批次中回执没有提到的 1 人：王堃');
    const list = runCli(['--db', db, 'upload', 'list']);
    expect(list.stdout).toContain('PT-2024-07');
  }, 180_000);
});
