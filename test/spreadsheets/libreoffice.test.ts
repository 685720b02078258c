// Exports must open cleanly in LibreOffice Calc as well as in exceljs: each workbook is converted
// with `soffice --headless --convert-to` (every sheet to CSV) and the converted values compared.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, tempDir } from '../helpers';
import { buildDataset, type Dataset } from './dataset';
import { overallPassRate, passRateBreakdown } from '../../services/passrate/breakdown';

/** Every sheet to UTF-8 CSV, raw values (not as displayed), one file per sheet: <name>-<sheet>.csv. */
const ALL_SHEETS_CSV = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

function convert(file: string | string[], outDir: string): void {
  // A profile of our own, so a LibreOffice run elsewhere on the machine cannot lock us out.
  const profile = `file://${tempDir('certdesk-lo-profile-')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', ALL_SHEETS_CSV, '--outdir', outDir, ...[file].flat()], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw new Error(`LibreOffice (soffice) is needed for this test: ${r.error.message}. Install libreoffice-calc-nogui.`);
  expect(r.status).toBe(0);
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

function sheetCsv(outDir: string, base: string, sheet: string): string[][] {
  return parseCsv(fs.readFileSync(path.join(outDir, `${base}-${sheet}.csv`), 'utf8'));
}

const pct = (s: string) => (s === '' ? null : Number(s.replace('%', '')) / 100);

let data: Dataset;
let dir: string;
beforeAll(async () => {
  data = await buildDataset();
  dir = tempDir('certdesk-lo-');
});

describe('exports opened in LibreOffice Calc', () => {
  it('converts the 合格率 workbook and every figure in its summary matches the database', async () => {
    const file = path.join(dir, 'passrate.xlsx');
    await call(data.ctx, 'export.passRate', { out: file });
    convert(file, dir);
    const rows = sheetCsv(dir, 'passrate', '合格率汇总');
    expect(rows[2]!.slice(-5)).toEqual(['报名人数', '缺考人数', '实考人数', '合格人数', '合格率']);
    // Two sessions may share a name; a breakdown labels each by its name and exam date, as the sheet's row has them.
    const bySession = new Map(passRateBreakdown(data.ctx, 'session').map((r) => [r.label, r]));
    const sessionRows = rows.slice(3).filter((r) => /^\d+$/.test(r[0] ?? ''));
    expect(sessionRows.length).toBe(data.sessions.length);
    for (const r of sessionRows) {
      const expected = bySession.get(`${r[1]}（${r[6]}）`)!;
      expect(r.slice(7, 11).map(Number)).toEqual([expected.registered, expected.absent, expected.sat, expected.passed]);
      expect(pct(r[11]!)).toBeCloseTo(expected.passRate!, 10);
    }
    const total = rows.find((r) => r[1] === '合计')!;
    const overall = overallPassRate(data.ctx);
    expect(total.slice(7, 11).map(Number)).toEqual([overall.registered, overall.absent, overall.sat, overall.passed]);
    expect(pct(total[11]!)).toBeCloseTo(overall.passRate!, 10);
    for (const sheet of ['按单位', '按月', '按季度', '按年度', '一次通过率', '成绩明细']) {
      expect(fs.existsSync(path.join(dir, `passrate-${sheet}.csv`))).toBe(true);
    }
  });

  it('shows a name that looks like a formula as the text typed, not as a computed value', async () => {
    const detail = sheetCsv(dir, 'passrate', '成绩明细');
    expect(detail.some((r) => r[4] === '=HYPERLINK("http://x","点我")')).toBe(true);
    const employers = sheetCsv(dir, 'passrate', '按单位').map((r) => r[1]);
    expect(employers).toContain('=乙物业');
    expect(employers).toContain('@丁物业管理有限责任公司');
  });

  it('converts the 成绩单 with its merged header and words for 缺考 and 违纪', async () => {
    const sessionId = data.sessions[0]!.id;
    const file = path.join(dir, 'scores.xlsx');
    await call(data.ctx, 'export.scores', { sessionId, out: file });
    convert(file, dir);
    const rows = sheetCsv(dir, 'scores', '成绩单');
    expect(rows[2]!.slice(8, 10)).toEqual(['考核成绩', '']);
    expect(rows[3]!.slice(8, 10)).toEqual(['理论知识', '操作技能']);
    const results = (await call(data.ctx, 'results.get', { sessionId })).candidates;
    const body = rows.slice(4, 4 + results.length);
    for (const [i, c] of results.entries()) {
      expect(body[i]![4]).toBe(c.idNumber);
      const shown = c.parts.map((p) => (p.status === 'absent' ? '缺考' : p.status === 'misconduct' ? '违纪' : String(p.score)));
      expect(body[i]!.slice(8, 8 + shown.length)).toEqual(shown);
    }
  });

  it('opens every other export: roster, passed list, issue list, authority report and both templates', async () => {
    const sessionId = data.sessions[0]!.id;
    const files: Record<string, [string, Record<string, unknown>, string, string[]]> = {
      roster: ['export.roster', { sessionId }, '报名花名册', ['序号', '姓名', '性别', '证件类型', '证件号码']],
      passed: ['export.passed', {}, '合格人员名单', ['序号', '姓名', '性别', '证件类型', '证件号码']],
      issue: ['export.issueList', {}, '证书发放清单', ['序号', '姓名', '证件号码', '工作单位']],
      report: ['export.report', {}, '数据上报', ['姓名', '证件类型', '证件号码', '所在单位', '职业名称']],
      rtemplate: ['export.roster', { sessionId, blank: true }, '报名花名册', ['序号', '姓名', '性别', '证件类型', '证件号码']],
      stemplate: ['export.scores', { sessionId, blank: true }, '成绩单', ['序号', '准考证号', '姓名', '性别', '证件号码']],
    };
    for (const [base, [op, args]] of Object.entries(files)) await call(data.ctx, op as 'export.roster', { ...(args as { sessionId: number }), out: path.join(dir, `${base}.xlsx`) });
    convert(Object.keys(files).map((b) => path.join(dir, `${b}.xlsx`)), dir);
    for (const [base, [, , sheet, header]] of Object.entries(files)) {
      const rows = sheetCsv(dir, base, sheet);
      expect(rows[2]!.slice(0, header.length)).toEqual(header);
    }
    const passedCount = passRateBreakdown(data.ctx, 'year').reduce((n, r) => n + r.passed, 0);
    expect(sheetCsv(dir, 'passed', '合格人员名单').filter((r) => /^\d+$/.test(r[0] ?? '')).length).toBe(passedCount);
  });
});
