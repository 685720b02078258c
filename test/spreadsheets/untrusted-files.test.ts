// Files that are not what they claim: each gets a clear refusal before any row is read.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { buildWorkbook, writeTemp } from './workbooks';
import { deflatedSpaces, MINIMAL_PARTS, zip, type ZipPart } from './zip';

async function session() {
  const { ctx } = createDB();
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  return { ctx, sessionId: s.id };
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function refusal(bytes: Buffer, name = 'roster.xlsx') {
  const { ctx, sessionId } = await session();
  const e = await callError(ctx, 'roster.import', { sessionId, file: { path: writeTemp(bytes, name) } });
  expect((await call(ctx, 'enrolments.list', { sessionId })).length).toBe(0);
  return e;
}

describe('files that cannot be trusted', () => {
  it('refuses a CSV or text file saved with an .xlsx name', async () => {
    const e = await refusal(Buffer.from('姓名,证件号码\n张三,370101199003051230\n'));
    expect(e.code).toBe('FILE_NOT_XLSX');
    expect(e.message).toMatch(/另存为.*xlsx/);
  });

  it('reads an .xls by what it is whatever its name, and refuses a damaged one naming the format and how to convert it', async () => {
    const e = await refusal(Buffer.concat([OLE, Buffer.alloc(4096, 1)]));
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/旧版 Excel（\.xls）.*损坏.*另存为/);
  });

  it('refuses a password-protected workbook and says how to remove the password', async () => {
    const e = await refusal(Buffer.concat([OLE, Buffer.alloc(512), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le')]));
    expect(e.code).toBe('FILE_ENCRYPTED');
    expect(e.message).toMatch(/密码/);
  });

  it('refuses a truncated download', async () => {
    const whole = await buildWorkbook([{ rows: [['姓名', '证件号码'], ...Array.from({ length: 200 }, (_, i) => ['张三', makeIdNumber('370101', '19900305', i)])] }]);
    const e = await refusal(whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(e.code).toBe('FILE_TRUNCATED');
  });

  it('refuses a file whose parts are cut short even though its directory is intact', async () => {
    const parts = [...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData>' + '<row r="1"/>'.repeat(2000) + '</sheetData></worksheet>' }];
    const good = zip(parts);
    const bad = zip(parts.map((p) => (p.name.endsWith('sheet1.xml') ? { ...p, claimedSize: 999_999 } : p)));
    expect(good.length).toBe(bad.length);
    expect((await refusal(bad)).code).toBe('FILE_TRUNCATED');
  });

  it('refuses a Word document and an empty file', async () => {
    const docx = zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]);
    expect(await refusal(docx)).toMatchObject({ code: 'FILE_NOT_XLSX', message: expect.stringContaining('Word') });
    expect((await refusal(Buffer.alloc(0))).code).toBe('FILE_NOT_XLSX');
  });

  it('refuses a zip bomb by what its directory declares, without inflating it', async () => {
    const bomb = zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: await deflatedSpaces(300) }]);
    expect(bomb.length).toBeLessThan(2_000_000);
    expect((await refusal(bomb)).code).toBe('FILE_ZIP_BOMB');
  });

  it('refuses a zip bomb whose directory lies about the size, stopping as soon as it inflates past the claim', async () => {
    const bomb = zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: await deflatedSpaces(200), claimedSize: 4096 }]);
    expect((await refusal(bomb)).code).toBe('FILE_ZIP_BOMB');
  });

  it('reads an upload handed over as base64, the way the browser sends it', async () => {
    const { ctx, sessionId } = await session();
    const bytes = await buildWorkbook([{ rows: [['姓名', '证件号码'], ['张三', makeIdNumber('370101', '19900305', 1)]] }]);
    const r = await call(ctx, 'roster.import', { sessionId, file: { name: '花名册.xlsx', base64: bytes.toString('base64') } });
    expect(r.imported).toBe(1);
    const e = await callError(ctx, 'roster.import', { sessionId, file: { name: '花名册.xlsx', base64: Buffer.from('hello').toString('base64') } });
    expect(e).toMatchObject({ code: 'FILE_NOT_XLSX', message: expect.stringContaining('花名册.xlsx') });
  });
});

describe('a workbook whose sheet cannot be parsed', () => {
  it('is refused as unreadable, with the advice to save it again from Excel', async () => {
    const broken = zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>not-a-number</v></c></row><<<</sheetData>' }]);
    const e = await refusal(broken);
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.message).toMatch(/另存为 .xlsx/);
  });
});

/** A one-sheet workbook around the given rows (and whatever follows sheetData). */
function sheetWith(rows: string, after = ''): Buffer {
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>证件号码</t></is></c></row>';
  const person = `<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>${makeIdNumber('370101', '19900305', 1)}</t></is></c></row>`;
  return zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData>${header}${person}${rows}</sheetData>${after}</worksheet>` }]);
}

describe('places beyond the last cell of a sheet (XFD1048576)', () => {
  it('refuses a 2 KB workbook with one cell at column FXSHRXW as damaged, and the process that read it lives on', () => {
    const db = path.join(tempDir(), 'serve.sqlite');
    expect(runCli(['--db', db, 'init']).status).toBe(0);
    const s = runCli(['session', 'create', '--occupation', '物业管理师', '--level', '3', '--date', '2024-06-15', '--db', db, '--json']).json;
    const file = writeTemp(sheetWith('<row r="3"><c r="FXSHRXW3" t="inlineStr"><is><t>x</t></is></c></row>'));
    const r = runCli(['import', 'roster', file, '--session', String(s.id), '--db', db, '--json']);
    // A V8 abort ends the process with a signal and no answer at all.
    expect(r.status).toBe(1);
    expect(r.json.error).toMatchObject({ code: 'FILE_DAMAGED', message: expect.stringMatching(/XFD1048576.*Excel 或 WPS.*重新保存/) });
  });

  it.each([
    ['a cell one column past XFD', '<row r="3"><c r="XFE3"><v>1</v></c></row>'],
    ['a cell with too many letters and no value', '<row r="3"><c r="AAAAAAAAAAAAAAAAAAAA3"/></row>'],
    ['a row past the last row', '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'],
    ['a row numbered in the billions', '<row r="4294967296"/>'],
    ['a row numbered with a fraction', '<row r="2.5"/>'],
    ['cells without references running past XFD', `<row r="3">${'<c><v>1</v></c>'.repeat(16385)}</row>`],
  ])('refuses %s as damaged', async (_, rows) => {
    expect(await refusal(sheetWith(rows))).toMatchObject({ code: 'FILE_DAMAGED', message: expect.stringContaining('XFD1048576') });
  });

  it('refuses a merged range reaching past the sheet as damaged', async () => {
    expect((await refusal(sheetWith('', '<mergeCells count="1"><mergeCell ref="A2:FXSHRXW9"/></mergeCells>'))).code).toBe('FILE_DAMAGED');
    expect((await refusal(sheetWith('', '<mergeCells count="1"><mergeCell ref="A2:A99999999999"/></mergeCells>'))).code).toBe('FILE_DAMAGED');
  });

  it('reads a sheet whose <dimension> claims more rows than a sheet can have, showing no length for it', async () => {
    const { ctx, sessionId } = await session();
    const bytes = zip([
      ...MINIMAL_PARTS,
      {
        name: 'xl/worksheets/sheet1.xml',
        data: `<worksheet><dimension ref="A1:FXSHRXW99999999999"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>证件号码</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>${makeIdNumber('370101', '19900305', 1)}</t></is></c></row></sheetData></worksheet>`,
      },
    ]);
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: writeTemp(bytes) } });
    expect(r.imported).toBe(1);
  });
});

describe('what is read, and how much of it', () => {
  it('reads only a regular file: /dev/zero, a pipe and a folder are refused at once', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, '花名册.xlsx');
    execFileSync('mkfifo', [fifo]);
    const { ctx, sessionId } = await session();
    for (const file of ['/dev/zero', fifo, dir]) {
      const e = await callError(ctx, 'roster.import', { sessionId, file: { path: file } });
      expect(e, file).toMatchObject({ code: 'FILE_NOT_REGULAR', message: expect.stringContaining('不是一个普通文件') });
    }
    expect(fs.existsSync(fifo)).toBe(true);
  });

  it('refuses shared strings that inflate past what any roster holds, though the directory tells their size truly', async () => {
    // 考生1, 考生2 …: text that compresses about as well as a real table, so it is no bomb by its
    // ratio; one megabyte of it, repeated beyond the reach of deflate's 32 KB window.
    const items: string[] = [];
    for (let i = 0, size = 0; size < 1024 * 1024; i++) {
      const item = `<si><t>考生${i}号 ${(i * 7919) % 100_003}</t></si>`;
      items.push(item);
      size += Buffer.byteLength(item);
    }
    const block = Buffer.from(items.join(''));
    const chunks = [Buffer.from('<sst>'), ...Array.from({ length: 70 }, () => block), Buffer.from('</sst>')];
    const text = Buffer.concat(chunks);
    const strings = { deflated: zlib.deflateRawSync(text, { level: 1 }), size: text.length, crc: zlib.crc32(text) };
    expect(strings.size / strings.deflated.length).toBeLessThan(200);
    const e = await refusal(zip([...MINIMAL_PARTS, { name: 'xl/sharedStrings.xml', data: strings }, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData/></worksheet>' }]));
    expect(e).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('拆成几个文件') });
  });

  it('refuses a workbook whose parts declare more than a file may inflate to, before inflating any', async () => {
    // Incompressible bytes claiming 200 MB each: large for a part, yet not the ratio of a bomb.
    const noise = crypto.randomBytes(1100 * 1024);
    const data = { deflated: zlib.deflateRawSync(noise, { level: 0 }), size: 200 * 1024 * 1024, crc: 0 };
    const part = (n: number) => ({ name: `xl/worksheets/sheet${n}.xml`, data });
    expect((await refusal(zip([...MINIMAL_PARTS, part(1), part(2), part(3)]))).code).toBe('FILE_TOO_LARGE');
  });

  it('refuses a part whose bytes do not match its CRC-32 as damaged, instead of reading 考生1 as 考甞1', async () => {
    const rows = (who: string) =>
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>证件号码</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${who}</t></is></c><c r="B2" t="inlineStr"><is><t>${makeIdNumber('370101', '19900305', 1)}</t></is></c></row></sheetData></worksheet>`;
    const e = await refusal(zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: rows('考甞1'), crcOf: rows('考生1') }]));
    expect(e).toMatchObject({ code: 'FILE_DAMAGED', message: expect.stringMatching(/损坏.*重新保存/) });
  });

  it('calls a part that inflates a little past its stated size damaged, not a zip bomb', async () => {
    const xml = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row></sheetData></worksheet>';
    const e = await refusal(zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: xml, claimedSize: Buffer.byteLength(xml) - 3 }]));
    expect(e.code).toBe('FILE_DAMAGED');
  });
});

/** A workbook of `count` sheets, none with a header. */
function manySheets(count: number): Buffer {
  const parts: ZipPart[] = [MINIMAL_PARTS[0]!];
  const sheets: string[] = [];
  const rels: string[] = [];
  for (let i = 1; i <= count; i++) {
    sheets.push(`<sheet name="表${i}" sheetId="${i}" r:id="rId${i}"/>`);
    rels.push(`<Relationship Id="rId${i}" Target="worksheets/sheet${i}.xml"/>`);
    parts.push({ name: `xl/worksheets/sheet${i}.xml`, data: `<worksheet><sheetData><row r="1"><c r="A1"><v>${i}</v></c></row></sheetData></worksheet>` });
  }
  parts.push({ name: 'xl/workbook.xml', data: `<workbook><sheets>${sheets.join('')}</sheets></workbook>` });
  parts.push({ name: 'xl/_rels/workbook.xml.rels', data: `<Relationships>${rels.join('')}</Relationships>` });
  return zip(parts);
}

// Each of these took the reader minutes (every search started again from the top); read in one
// pass, each is answered at once. No clock is read here: a slow pass shows as the test's timeout.
describe('small files built to keep the reader busy', () => {
  it('refuses a 24 KB workbook whose relationships part never closes a tag, as having no sheet to read', async () => {
    const bytes = zip([MINIMAL_PARTS[0]!, MINIMAL_PARTS[1]!, { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships>' + '<Relationship Id="rId1" '.repeat(400_000) }, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData/></worksheet>' }]);
    expect(bytes.length).toBeLessThan(30_000);
    expect((await refusal(bytes)).code).toBe('IMPORT_NO_HEADER');
  });

  it('looks through a workbook of 10,000 sheets once each, and says none has a header', async () => {
    expect((await refusal(manySheets(10_000))).code).toBe('IMPORT_NO_HEADER');
  });

  it('reads a roster under 30,000 merged ranges each as wide and as long as the sheet', async () => {
    const { ctx, sessionId } = await session();
    const merges = '<mergeCells>' + '<mergeCell ref="A2:XFD1048576"/>'.repeat(30_000) + '</mergeCells>';
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: writeTemp(sheetWith('', merges)) } });
    expect(r.imported).toBe(1);
  });

  it('refuses a row that never ends, and cells that never close, without searching them again for every piece', async () => {
    const cells = Array.from({ length: 1_000_000 }, (_, i) => `<c><v>${i}</v>`).join('');
    const openRow = zip([...MINIMAL_PARTS, { name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData><row r="1">${cells}` }]);
    expect((await refusal(openRow)).code).toBe('FILE_UNREADABLE');
    const openCells = sheetWith(`<row r="3">${'<c r="A3">'.repeat(1_000_000)}</row>`);
    const { ctx, sessionId } = await session();
    expect((await call(ctx, 'roster.import', { sessionId, file: { path: writeTemp(openCells) } })).imported).toBe(1);
    // A million elements through the XML tokenizer take seconds, not the minutes a quadratic search took.
  }, 120_000);
});

/** Short shared strings of about `megabytes`, compressing as a real table does (no bomb by its ratio). */
function manyStrings(megabytes: number): ZipPart {
  const items: string[] = [];
  for (let i = 0, size = 0; size < 1024 * 1024; i++) {
    const item = `<si><t>${(i * 7919) % 100_003}</t></si>`;
    items.push(item);
    size += Buffer.byteLength(item);
  }
  const block = Buffer.from(items.join(''));
  const text = Buffer.concat([Buffer.from('<sst>'), ...Array.from({ length: megabytes }, () => block), Buffer.from('</sst>')]);
  return { name: 'xl/sharedStrings.xml', data: { deflated: zlib.deflateRawSync(text, { level: 1 }), size: text.length, crc: zlib.crc32(text) } };
}

describe('what an import may take of the worker', () => {
  it('stops an import that runs past its time, refuses it with IMPORT_TOO_SLOW, writes nothing, and the next import runs', async () => {
    const { ctx, sessionId } = await session();
    const slow = writeTemp(manySheets(10_000));
    process.env.CERTDESK_IMPORT_SECONDS = '0.2';
    try {
      for (const op of ['roster.import', 'scores.import']) {
        const e = await callError(ctx, op, { sessionId, file: { path: slow } });
        expect(e, op).toMatchObject({ code: 'IMPORT_TOO_SLOW', message: expect.stringContaining('什么都没有导入') });
      }
    } finally {
      delete process.env.CERTDESK_IMPORT_SECONDS;
    }
    expect((await call(ctx, 'enrolments.list', { sessionId })).length).toBe(0);
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: writeTemp(sheetWith('')) } });
    expect(r.imported).toBe(1);
  });

  it('refuses an import whose reading outgrows the worker thread’s memory with IMPORT_TOO_LARGE, and the command answers', () => {
    const db = path.join(tempDir(), 'heap.sqlite');
    expect(runCli(['--db', db, 'init']).status).toBe(0);
    const s = runCli(['session', 'create', '--occupation', '物业管理师', '--level', '3', '--date', '2024-06-15', '--db', db, '--json']).json;
    const file = writeTemp(zip([...MINIMAL_PARTS, manyStrings(60), { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData/></worksheet>' }]));
    const r = runCli(['import', 'roster', file, '--session', String(s.id), '--db', db, '--json'], { CERTDESK_WORKER_HEAP_MB: '48' });
    expect(r.status).toBe(1);
    expect(r.json.error).toMatchObject({ code: 'IMPORT_TOO_LARGE', message: expect.stringContaining('内存') });
  });
});
