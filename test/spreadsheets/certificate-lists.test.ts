// 证书发放清单 and 数据上报: issued certificates (numbers from the certificates area), never void
// ones, with the summary by occupation, 工种 and level the authority asks for.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, tempDir } from '../helpers';
import { buildDataset, INSTITUTION, type Dataset } from './dataset';

let data: Dataset;
let dir: string;
let issued: string[];
beforeAll(async () => {
  data = await buildDataset();
  dir = tempDir('certdesk-certlists-');
  for (const [k, v] of Object.entries({ 'institution.type': 'S', 'institution.code': '0000', 'institution.province': '44', 'institution.site': '000123' })) {
    await call(data.ctx, 'settings.set', { key: k, value: v });
  }
  issued = [];
  for (const s of data.sessions.slice(0, 4)) {
    await call(data.ctx, 'sessions.finalize', { id: s.id });
    const r = (await call(data.ctx, 'certificates.issue', { sessionId: s.id, date: '2024-12-20' })) as { issued: { number: string }[] };
    issued.push(...r.issued.map((c) => c.number));
  }
  await call(data.ctx, 'certificates.void', { number: issued[0]!, reason: '信息有误' });
});

async function sheet(file: string, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const v = (ws.getRow(r).values as unknown[]).slice(1);
    if (v.every((x) => x === null || x === undefined)) break;
    rows.push(v);
  }
  return rows;
}

describe('certificate lists', () => {
  it('lists every issued certificate once in the 发放清单, leaving 领取方式/领取人 to be filled by hand', async () => {
    const file = path.join(dir, 'issue.xlsx');
    await call(data.ctx, 'export.issueList', { out: file });
    const rows = await sheet(file, '证书发放清单');
    expect(rows.map((r) => r[6]).sort()).toEqual(issued.slice(1).sort());
    expect(rows.every((r) => r[7] === '2024-12-20' && (r[8] ?? null) === null && (r[9] ?? null) === null)).toBe(true);
  });

  it('writes the 数据上报 columns of the local form, with the level as a digit and the date as YYYY-MM-DD', async () => {
    const file = path.join(dir, 'report.xlsx');
    await call(data.ctx, 'export.report', { from: '2024-12-01', to: '2024-12-31', out: file });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect((wb.getWorksheet('数据上报')!.getRow(3).values as unknown[]).slice(1)).toEqual([
      '姓名', '证件类型', '证件号码', '所在单位', '职业名称', '工种名称', '职业技能等级', '证书编号', '发证日期', '评价机构', '发证机构',
    ]);
    const rows = await sheet(file, '数据上报');
    expect(rows.length).toBe(issued.length - 1);
    const levels = new Set(rows.map((r) => r[6]));
    expect([...levels].sort()).toEqual([2, 3]);
    expect(rows.every((r) => r[8] === '2024-12-20' && r[9] === INSTITUTION && r[5] === '--')).toBe(true);
  });

  it('sums the report by occupation, 工种 and level to the number of certificates listed', async () => {
    const file = path.join(dir, 'report2.xlsx');
    await call(data.ctx, 'export.report', { out: file });
    const summary = await sheet(file, '汇总');
    const expected = data.ctx.db
      .prepare(
        `SELECT s.level, count(*) AS n FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id JOIN sessions s ON s.id = e.session_id
         WHERE c.status = 'issued' GROUP BY s.level ORDER BY s.level DESC`,
      )
      .all() as { level: number; n: number }[];
    expect(summary.filter((r) => typeof r[0] === 'number').map((r) => [r[1], r[2], r[3], r[5]])).toEqual(expected.map((e) => ['物业管理师', '--', e.level, e.n]));
    expect(summary.at(-1)!.slice(1, 2).concat(summary.at(-1)![5])).toEqual(['合计', issued.length - 1]);
  });

  it('writes the report as CSV with a BOM, every text that could start a formula defused', async () => {
    const file = path.join(dir, 'report.csv');
    await call(data.ctx, 'export.report', { format: 'csv', out: file });
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF姓名,证件类型,证件号码')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines.length).toBe(issued.length);
    // An employer such as 「=乙物业」 is prefixed with an apostrophe; no field starts a formula.
    expect(text).toContain(`"'=乙物业"`);
    // A tab comes only before a run of digits (see below), never before anything a formula could start with.
    expect(lines.slice(1).every((l) => !/(^|,)"?([=+\-@]|\t(?!\d+"))/.test(l))).toBe(true);
  });

  it('keeps all 18 digits of an ID number, as text, when LibreOffice Calc opens the CSV', async () => {
    const file = path.join(dir, '数据上报.csv');
    await call(data.ctx, 'export.report', { format: 'csv', out: file });
    const expected = (
      data.ctx.db
        .prepare("SELECT p.id_number AS id FROM certificates c JOIN candidates p ON p.id = c.candidate_id WHERE c.status = 'issued' ORDER BY c.number")
        .all() as { id: string }[]
    ).map((r) => r.id);
    expect(expected.some((id) => /^\d{18}$/.test(id))).toBe(true);
    // As an officer opens it: UTF-8, comma, quotes; with and without 「检测特殊数字」.
    for (const [i, options] of ['44,34,76,1,,0,false,false', '44,34,76,1,,0,false,true'].entries()) {
      const out = tempDir('certdesk-lo-csv-');
      const profile = `file://${tempDir('certdesk-lo-profile-')}`;
      const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', `--infilter=CSV:${options}`, '--convert-to', 'xlsx', '--outdir', out, file], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (r.error) throw new Error(`LibreOffice (soffice) is needed for this test: ${r.error.message}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(out, '数据上报.xlsx'));
      const ws = wb.worksheets[0]!;
      const ids: unknown[] = [];
      const numbers: unknown[] = [];
      for (let row = 2; row <= ws.rowCount; row++) {
        ids.push(ws.getRow(row).getCell(3).value);
        numbers.push(ws.getRow(row).getCell(8).value);
      }
      expect(ids.every((v) => typeof v === 'string'), `options ${i}`).toBe(true);
      expect(ids.map((v) => String(v).trim()).sort()).toEqual([...expected].sort());
      expect(numbers.every((v) => typeof v === 'string' && /^S/.test(v))).toBe(true);
    }
  });
});
