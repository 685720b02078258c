// Files whose bytes are no spreadsheet at all, whatever their name: each is refused naming what it
// really is, and none is read as CSV text (a PDF as rows of junk).
import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { writeTemp } from './workbooks';
import { zip } from './zip';

async function refusal(bytes: Buffer, name: string) {
  const { ctx } = createDB();
  const { id: sessionId } = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  const e = await callError(ctx, 'roster.import', { sessionId, file: { path: writeTemp(bytes, name) } });
  expect((await call(ctx, 'enrolments.list', { sessionId })).length).toBe(0);
  return e;
}

function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([len, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0]))), chunk('IEND', Buffer.alloc(0))]);
}

describe('a file that is not a spreadsheet at all', () => {
  it('refuses a PDF renamed .csv or .xlsx, naming it a PDF, instead of reading its bytes as rows', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n姓名,证件号码\n张三,110101199003051234\n%%EOF\n');
    for (const name of ['花名册.csv', '花名册.xlsx', '花名册.txt']) {
      expect(await refusal(pdf, name), name).toMatchObject({ code: 'FILE_NOT_SPREADSHEET', message: expect.stringContaining('PDF 文件') });
    }
  });

  it('refuses a photo named .csv or .xls as a picture', async () => {
    expect(await refusal(png(), '成绩单.csv')).toMatchObject({ code: 'FILE_NOT_SPREADSHEET', message: expect.stringContaining('PNG 图片') });
    expect(await refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]), '花名册.xls')).toMatchObject({ code: 'FILE_NOT_SPREADSHEET', message: expect.stringContaining('JPEG') });
  });

  it('refuses a Word document renamed .csv as a Word document', async () => {
    const docx = zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document xmlns:w="x"/>' }]);
    expect(await refusal(docx, '花名册.csv')).toMatchObject({ code: 'FILE_NOT_XLSX', message: expect.stringContaining('Word') });
  });

  it('still reads Excel’s 「Unicode 文本」 (UTF-16, tab separated) as the text it is', async () => {
    const { ctx } = createDB();
    const { id: sessionId } = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
    const text = `姓名\t证件号码\r\n张三\t${makeIdNumber('110101', '19900305', 1)}\r\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: writeTemp(bytes, '花名册.txt') } });
    expect(r.rejected).toEqual([]);
    expect((await call(ctx, 'enrolments.list', { sessionId })).map((e) => e.name)).toEqual(['张三']);
  });
});
