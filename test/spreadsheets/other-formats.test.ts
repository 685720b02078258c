// Rosters that are not .xlsx (docs/spreadsheets.md § Other formats): the same roster saved as .xls
// by LibreOffice, renamed .et as WPS names it, as .ods, and as CSV in GBK and in UTF-8 with a BOM,
// lands exactly what the .xlsx lands. Run in Asia/Shanghai, where reading a date through the local
// time zone would make every birth date a day early.
process.env.TZ = 'Asia/Shanghai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, tempDir } from '../helpers';
import { buildWorkbook } from './workbooks';
import type { Ctx } from '../../services/shared/context';

const PEOPLE = [
  ['张三', '男', makeIdNumber('370101', '19900305', 11), new Date(Date.UTC(1990, 2, 5)), '甲物业公司'],
  ['李四', '女', makeIdNumber('440106', '19851111', 22), new Date(Date.UTC(1985, 10, 11)), null], // employer merged from above
  ['王五', '男', makeIdNumber('510104', '20000229', 31), new Date(Date.UTC(2000, 1, 29)), '乙物业'],
] as const;

/** The roster as an officer's .xlsx: a merged title, a header, an employer merged over two rows, a signature line. */
async function rosterXlsx(dir: string): Promise<string> {
  const bytes = await buildWorkbook([
    { name: '说明', rows: [['本表填写说明：']] },
    {
      name: '花名册',
      rows: [
        ['2024年物业管理师（三级）报名花名册'],
        ['序号', '姓名', '性别', '身份证号码', '出生日期', '工作单位'],
        ...PEOPLE.map((p, i) => [i + 1, ...p]),
        [],
        ['填表人：赵六'],
      ],
      merges: ['A1:F1', 'F3:F4'],
      textColumns: ['D'],
      formats: { E: 'yyyy-mm-dd' },
    },
  ]);
  const file = path.join(dir, 'roster.xlsx');
  fs.writeFileSync(file, bytes);
  return file;
}

function libreoffice(format: string, file: string, outDir: string): string {
  const profile = `file://${tempDir('certdesk-lo-profile-')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, file], { encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw new Error(`LibreOffice (soffice) is needed for this test: ${r.error.message}. Install libreoffice-calc-nogui.`);
  expect(r.status, r.stderr).toBe(0);
  return path.join(outDir, `${path.basename(file, path.extname(file))}.${format.split(':')[0]}`);
}

/** GBK bytes, as Excel on a Chinese Windows saves a CSV (python3's codec, not ours). */
function gbk(text: string): Buffer {
  const r = spawnSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gbk"))'], { input: text });
  if (r.error) throw new Error(`python3 is needed for this test: ${r.error.message}`);
  return r.stdout;
}

const CSV = [
  '序号,姓名,性别,身份证号码,出生日期,工作单位',
  ...PEOPLE.map((p, i) => [i + 1, p[0], p[1], p[2], p[3].toISOString().slice(0, 10), p[4] ?? '甲物业公司'].join(',')),
  '',
  '填表人：赵六',
].join('\r\n');

/** What an import landed: the people and their enrolments, as officers would list them. */
async function landed(file: string): Promise<unknown> {
  const { ctx } = createDB();
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: file } });
  expect(r.rejected).toEqual([]);
  return {
    imported: r.imported,
    people: (await call(ctx, 'enrolments.list', { sessionId: s.id })).map((e) => [e.name, e.idNumber, e.employer]),
    birth: (ctx as Ctx).db.prepare('SELECT name, gender, birth_date AS b FROM candidates ORDER BY id').all(),
  };
}

describe('rosters in other formats', () => {
  let dir: string;
  let xlsx: string;
  let expected: unknown;
  beforeAll(async () => {
    dir = tempDir('certdesk-formats-');
    xlsx = await rosterXlsx(dir);
    expected = await landed(xlsx);
  }, 120_000);

  it('land from .xls, WPS .et and .ods exactly what the .xlsx lands', async () => {
    expect(expected).toMatchObject({ imported: 3, people: [['张三', PEOPLE[0][2], '甲物业公司'], ['李四', PEOPLE[1][2], '甲物业公司'], ['王五', PEOPLE[2][2], '乙物业']] });
    const xls = libreoffice('xls', xlsx, dir);
    const et = path.join(dir, 'roster.et');
    fs.copyFileSync(xls, et);
    const ods = libreoffice('ods', xlsx, dir);
    for (const file of [xls, et, ods]) expect(await landed(file), path.basename(file)).toEqual(expected);
  }, 400_000);

  it('land from CSV in GBK and in UTF-8 with a BOM exactly what the .xlsx lands', async () => {
    const gbkFile = path.join(dir, 'roster-gbk.csv');
    fs.writeFileSync(gbkFile, gbk(CSV));
    expect(fs.readFileSync(gbkFile).includes(Buffer.from('张三'))).toBe(false); // really not UTF-8
    const utf8 = path.join(dir, 'roster-utf8.txt');
    fs.writeFileSync(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]));
    for (const file of [gbkFile, utf8]) expect(await landed(file), path.basename(file)).toEqual(expected);
  });

  it('choose the visible roster over a hidden sheet before it (.xls)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('旧名单').addRows([['姓名', '身份证号码'], ['赵六', makeIdNumber('110105', '19800101', 41)]]);
    wb.addWorksheet('花名册').addRows([['姓名', '身份证号码'], ['钱七', makeIdNumber('110105', '19810101', 53)]]);
    wb.getWorksheet('旧名单')!.state = 'hidden';
    // The roster is the tab in front, as it is when the officer hid the other one.
    wb.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 1, activeTab: 1, visibility: 'visible' }];
    const hidden = path.join(dir, 'hidden-first.xlsx');
    fs.writeFileSync(hidden, Buffer.from(await wb.xlsx.writeBuffer()));
    const xls = libreoffice('xls', hidden, dir);
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const r = await call(ctx, 'roster.import', { sessionId: s.id, file: { path: xls }, dryRun: true });
    expect(r.preview.map((p) => p.name)).toEqual(['钱七']);
  }, 200_000);

  it('refuse a damaged .xls naming the format it is, and an encrypted one as before, saving nothing', async () => {
    const { ctx } = createDB();
    const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const damaged = path.join(dir, 'damaged.xls');
    fs.writeFileSync(damaged, Buffer.concat([OLE, Buffer.alloc(4096, 1)]));
    const e = await callError(ctx, 'roster.import', { sessionId: s.id, file: { path: damaged } });
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toContain('旧版 Excel（.xls）或 WPS 表格（.et）文件');
    expect(e.message).toMatch(/另存为.*xlsx/);
    const encrypted = path.join(dir, 'locked.xls');
    fs.writeFileSync(encrypted, Buffer.concat([OLE, Buffer.alloc(512), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le')]));
    expect((await callError(ctx, 'roster.import', { sessionId: s.id, file: { path: encrypted } })).code).toBe('FILE_ENCRYPTED');
    expect(await call(ctx, 'enrolments.list', { sessionId: s.id })).toEqual([]);
  });
});
