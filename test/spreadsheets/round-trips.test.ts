// What CertDesk writes, CertDesk reads: exported rosters and score sheets, and the blank
// templates handed to employers and exam sites, import back unchanged.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, makeIdNumber, tempDir } from '../helpers';
import { buildDataset, type Dataset } from './dataset';

let data: Dataset;
let dir: string;
beforeAll(async () => {
  data = await buildDataset();
  dir = tempDir('certdesk-roundtrip-');
});

const resultsOf = async (sessionId: number) =>
  (await call(data.ctx, 'results.get', { sessionId })).candidates.map((c) => [c.idNumber, c.outcome, c.parts.map((p) => [p.part, p.status, p.score])]);

describe('round trips', () => {
  it('imports an exported 报名花名册 into a new session with the same people, employers and attempt', async () => {
    const from = data.sessions[0]!.id;
    const file = path.join(dir, 'roster.xlsx');
    await call(data.ctx, 'export.roster', { sessionId: from, out: file });
    const target = await call(data.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-12-01' });
    const r = await call(data.ctx, 'roster.import', { sessionId: target.id, file: { path: file } });
    expect(r.rejected).toEqual([]);
    expect(r.headerRow).toBe(3);
    const people = async (id: number) => (await call(data.ctx, 'enrolments.list', { sessionId: id })).map((e) => [e.idNumber, e.name, e.employer, e.attempt]);
    expect(await people(target.id)).toEqual(await people(from));
  });

  it('imports an exported 成绩单 (two-row header, 缺考/违纪 as words) back into its session without changing a result', async () => {
    const sessionId = data.sessions[1]!.id;
    const before = await resultsOf(sessionId);
    const file = path.join(dir, 'scores.xlsx');
    await call(data.ctx, 'export.scores', { sessionId, out: file });
    const r = await call(data.ctx, 'scores.import', { sessionId, file: { path: file } });
    expect(r.rejected).toEqual([]);
    expect(r.headerRow).toBe(4);
    expect(r.imported + r.updated).toBe(before.length);
    expect(await resultsOf(sessionId)).toEqual(before);
  });

  it('accepts the blank roster template unchanged, and fills a session once rows are added', async () => {
    const target = await call(data.ctx, 'sessions.create', { occupation: '保安员', level: 4, date: '2025-03-01' });
    const file = path.join(dir, 'roster-template.xlsx');
    await call(data.ctx, 'export.roster', { sessionId: target.id, blank: true, out: file });
    expect(await call(data.ctx, 'roster.import', { sessionId: target.id, file: { path: file } })).toMatchObject({ imported: 0, updated: 0, rejected: [] });

    // An employer fills the template in Excel: the 证件号码 column was set to text, so the ID stays whole.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getColumn(5).numFmt).toBe('@');
    ws.getRow(4).values = [1, '周九', '男', '居民身份证', makeIdNumber('370101', '19900101', 1), null, '13800000000', '高中', '甲物业服务有限公司'];
    await wb.xlsx.writeFile(file);
    const r = await call(data.ctx, 'roster.import', { sessionId: target.id, file: { path: file } });
    expect([r.imported, r.rejected]).toEqual([1, []]);
  });

  it('accepts the score template (the enrolled candidates, no scores) unchanged, then reads the scores an exam site keyed in', async () => {
    const target = await call(data.ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2025-04-01' });
    await call(data.ctx, 'export.roster', { sessionId: data.sessions[0]!.id, out: path.join(dir, 'r2.xlsx') });
    await call(data.ctx, 'roster.import', { sessionId: target.id, file: { path: path.join(dir, 'r2.xlsx') } });
    const file = path.join(dir, 'score-template.xlsx');
    await call(data.ctx, 'export.scores', { sessionId: target.id, blank: true, out: file });
    expect(await call(data.ctx, 'scores.import', { sessionId: target.id, file: { path: file } })).toMatchObject({ imported: 0, updated: 0, rejected: [] });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    ws.getRow(5).getCell(9).value = 88;
    ws.getRow(5).getCell(10).value = '缺考';
    await wb.xlsx.writeFile(file);
    const r = await call(data.ctx, 'scores.import', { sessionId: target.id, file: { path: file } });
    expect([r.imported, r.rejected]).toEqual([1, []]);
    const first = (await call(data.ctx, 'results.get', { sessionId: target.id })).candidates[0]!;
    expect(first.parts.map((p) => [p.part, p.status, p.score])).toEqual([
      ['theory', 'scored', 88],
      ['skill', 'absent', null],
    ]);
  });
});
