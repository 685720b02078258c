// .xlsx files as programs other than Excel write them, each family built here in code: .NET
// writers' prefixes (<x:row>, <s:si>, ns:id), chart, dialog and macro sheets, ISO dates in cells,
// CDATA, comments, either quote, attributes on several lines, UTF-16 parts, Windows zip names,
// the workbook at another path, part names in another case, Zip64 and ../ targets. Each is read
// as established readers (Excel, SheetJS, openpyxl) read it (docs/spreadsheets.md).
process.env.TZ = 'Asia/Shanghai';
import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { readTable, type Table } from '../../services/spreadsheets/reader';
import { ROSTER_FIELDS } from '../../services/spreadsheets/fields';
import { call, callError, createDB, makeIdNumber } from '../helpers';
import { writeTemp } from './workbooks';
import { zip, type ZipPart } from './zip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const ID1 = makeIdNumber('110101', '19900305', 11);
const ID2 = makeIdNumber('440106', '19851120', 22);

const HEADER = ['姓名', '证件号码', '出生日期', '工作单位'];

/** An inline-string cell. */
const s = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const headerRow = (r = 1) => `<row r="${r}">${HEADER.map((h, i) => s(`${'ABCD'[i]}${r}`, h)).join('')}</row>`;
const person = (r: number, name: string, id: string, employer: string) => `<row r="${r}">${s(`A${r}`, name)}${s(`B${r}`, id)}${s(`D${r}`, employer)}</row>`;
const worksheet = (rows: string, after = '') => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData>${after}</worksheet>`;

interface Sheet {
  name: string;
  xml: string | Buffer;
  /** The relationship's type (worksheet unless told), its target as written, and the part's name in the zip. */
  type?: string;
  target?: string;
  part?: string;
  state?: string;
}

const bytesPart = (name: string, bytes: Buffer): ZipPart => ({ name, data: { deflated: zlib.deflateRawSync(bytes), size: bytes.length, crc: zlib.crc32(bytes) } });
const part = (name: string, xml: string | Buffer): ZipPart => (typeof xml === 'string' ? { name, data: xml } : bytesPart(name, xml));

/** A workbook of these sheets, its parts where Excel puts them unless a sheet says otherwise. */
function book(sheets: Sheet[], extra: { parts?: ZipPart[]; rels?: string; workbookXml?: string; zip64?: boolean } = {}): Buffer {
  const workbookXml =
    extra.workbookXml ??
    `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
      .map((sh, i) => `<sheet name="${sh.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${sh.state ? ` state="${sh.state}"` : ''}/>`)
      .join('')}</sheets></workbook>`;
  const rels = sheets.map((sh, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${sh.type ?? 'worksheet'}" Target="${sh.target ?? `worksheets/sheet${i + 1}.xml`}"/>`).join('');
  return zip(
    [
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
      { name: 'xl/workbook.xml', data: workbookXml },
      { name: 'xl/_rels/workbook.xml.rels', data: extra.rels ?? `<?xml version="1.0"?><Relationships xmlns="${PKG}">${rels}</Relationships>` },
      ...sheets.map((sh, i) => part(sh.part ?? `xl/worksheets/sheet${i + 1}.xml`, sh.xml)),
      ...(extra.parts ?? []),
    ],
    { zip64: extra.zip64 },
  );
}

const ROSTER = worksheet(headerRow() + person(2, '张三', ID1, '甲物业') + person(3, '李四', ID2, '乙物业'));

function people(table: Table): string[][] {
  return table.rows.map((r) => ['name', 'idNumber', 'birthDate', 'employer'].map((f) => r.cells[f]?.date ?? r.cells[f]?.text ?? ''));
}

const TWO = [
  ['张三', ID1, '', '甲物业'],
  ['李四', ID2, '', '乙物业'],
];

async function session() {
  const { ctx } = createDB();
  const s = await call(ctx, 'sessions.create', { occupation: '物业管理师', level: 3, date: '2024-06-15' });
  return { ctx, sessionId: s.id };
}

describe('.xlsx as .NET, Java and Python writers make it', () => {
  it('reads elements under a prefix (<x:row>, <s:si>) and the relationship id under another (ns:id), merges too', async () => {
    const sst = `<?xml version="1.0"?><s:sst xmlns:s="${MAIN}" count="3"><s:si><s:t>姓名</s:t></s:si><s:si><s:t>证件号码</s:t></s:si><s:si><s:t>甲物业</s:t></s:si><s:si><s:t>工作单位</s:t></s:si></s:sst>`;
    const x = (ref: string, i: number) => `<x:c r="${ref}" t="s"><x:v>${i}</x:v></x:c>`;
    const xi = (ref: string, text: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`;
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:dimension ref="A1:C3"/><x:sheetData><x:row r="1">${x('A1', 0)}${x('B1', 1)}${x('C1', 3)}</x:row><x:row r="2">${xi('A2', '张三')}${xi('B2', ID1)}${x('C2', 2)}</x:row><x:row r="3">${xi('A3', '李四')}${xi('B3', ID2)}</x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="C2:C3"/></x:mergeCells></x:worksheet>`;
    const workbookXml = `<?xml version="1.0"?><x:workbook xmlns:x="${MAIN}" xmlns:ns="${REL}"><x:sheets><x:sheet name="花名册" sheetId="1" ns:id="rId1"/></x:sheets></x:workbook>`;
    const rels = `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
    const table = await readTable(book([{ name: '花名册', xml: sheet }], { workbookXml, rels, parts: [{ name: 'xl/sharedStrings.xml', data: sst }] }), ROSTER_FIELDS);
    expect(table.sheetName).toBe('花名册');
    expect(people(table)).toEqual(TWO.map((p) => [p[0], p[1], '', '甲物业']));
  });

  it('passes over chart, dialog and macro sheets before the data sheet instead of refusing the file as damaged', async () => {
    const table = await readTable(
      book([
        { name: '图表', type: 'chartsheet', target: 'chartsheets/sheet1.xml', part: 'xl/chartsheets/sheet1.xml', xml: `<chartsheet xmlns="${MAIN}"><sheetViews/><drawing r:id="rId1" xmlns:r="${REL}"/></chartsheet>` },
        { name: '对话框', type: 'dialogsheet', target: 'dialogsheets/sheet1.xml', part: 'xl/dialogsheets/sheet1.xml', xml: `<dialogsheet xmlns="${MAIN}"/>` },
        { name: '宏', type: 'xlMacrosheet', target: 'macrosheets/sheet1.xml', part: 'xl/macrosheets/sheet1.xml', xml: `<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/>` },
        { name: '花名册', xml: ROSTER },
      ]),
      ROSTER_FIELDS,
    );
    expect(table.sheetName).toBe('花名册');
    expect(people(table)).toEqual(TWO);
  });

  it('reads a t="d" date-time without a zone as the calendar day written, under Asia/Shanghai: the roster lands with its birth dates', async () => {
    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(-480);
    const dated = (r: number, name: string, id: string, iso: string) => `<row r="${r}">${s(`A${r}`, name)}${s(`B${r}`, id)}<c r="C${r}" t="d"><v>${iso}</v></c></row>`;
    const file = book([{ name: '花名册', xml: worksheet(headerRow() + dated(2, '张三', ID1, '1990-03-05T00:00:00') + dated(3, '李四', ID2, '1985-11-20')) }]);
    const { ctx, sessionId } = await session();
    const r = await call(ctx, 'roster.import', { sessionId, file: { path: writeTemp(file) } });
    expect(r.rejected).toEqual([]);
    const enrolled = await call(ctx, 'enrolments.list', { sessionId });
    expect(enrolled.map((e) => e.name)).toEqual(['张三', '李四']);
    const found = await call(ctx, 'candidates.search', { query: ID1 });
    expect(found.items[0]).toMatchObject({ birthDate: '1990-03-05' });
  });

  it('stores nothing for an empty <v/> in a string cell, not shared string 0 (the title) as the employer', async () => {
    const sst = `<sst xmlns="${MAIN}"><si><t>2024年物业管理员报名花名册</t></si></sst>`;
    const sheet = worksheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>${headerRow(2)}<row r="3">${s('A3', '张三')}${s('B3', ID1)}<c r="D3" t="s"><v/></c></row><row r="4">${s('A4', '李四')}${s('B4', ID2)}<c r="D4" t="s"><v></v></c></row>`);
    const rels = `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
    const file = book([{ name: '花名册', xml: sheet }], { rels, parts: [{ name: 'xl/sharedStrings.xml', data: sst }] });
    const { ctx, sessionId } = await session();
    expect((await call(ctx, 'roster.import', { sessionId, file: { path: writeTemp(file) } })).rejected).toEqual([]);
    expect((await call(ctx, 'enrolments.list', { sessionId })).map((e) => [e.name, e.employer])).toEqual([
      ['张三', null],
      ['李四', null],
    ]);
  });

  it('reads CDATA, skips rows inside comments, and takes single quotes and attributes on several lines as XML does', async () => {
    const sst = `<sst xmlns="${MAIN}"><si><t>甲物业</t></si><si foo="bar" xml:space="preserve"><t><![CDATA[乙物业 & 子]]></t></si></sst>`;
    const sheet = worksheet(
      headerRow() +
        `<!-- <row r="2"><c r="A2" t="inlineStr"><is><t>不存在的人</t></is></c><c r="B2" t="inlineStr"><is><t>${ID2}</t></is></c></row> -->` +
        `<row r='2'><c r='A2' t='inlineStr'><is><t><![CDATA[张三]]></t></is></c><c\tr="B2"\n\tt="inlineStr"><is><t>${ID1}</t></is></c><c\r\nr='D2'\tt='s'><v>0</v></c></row>` +
        `<row r="3">${s('A3', '李四')}${s('B3', ID2)}<c r="D3"\nt="s"\n><v>1</v></c></row>`,
    );
    const rels = `<Relationships xmlns="${PKG}"><Relationship Id='rId1' Type='${REL}/worksheet' Target='worksheets/sheet1.xml'/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
    const table = await readTable(book([{ name: '花名册', xml: sheet }], { rels, parts: [{ name: 'xl/sharedStrings.xml', data: sst }] }), ROSTER_FIELDS);
    expect(people(table)).toEqual([
      ['张三', ID1, '', '甲物业'],
      ['李四', ID2, '', '乙物业 & 子'],
    ]);
    expect(table.rows[0]!.cells.employer!.isNumber).toBe(false);
  });

  it('reads parts written in UTF-16, either byte order', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROSTER.replace('UTF-8', 'UTF-16'), 'utf16le')]);
    const table = await readTable(book([{ name: '花名册', xml: le }]), ROSTER_FIELDS);
    expect(people(table)).toEqual(TWO);
    const be = Buffer.from(ROSTER.replace('UTF-8', 'UTF-16'), 'utf16le').swap16();
    expect(people(await readTable(book([{ name: '花名册', xml: be }]), ROSTER_FIELDS))).toEqual(TWO);
  });
});

describe('zip containers as other tools pack them', () => {
  it('reads entries named with backslashes, and part names in another case than their relationships', async () => {
    expect(people(await readTable(book([{ name: '花名册', xml: ROSTER, part: 'xl\\worksheets\\sheet1.xml' }]), ROSTER_FIELDS))).toEqual(TWO);
    expect(people(await readTable(book([{ name: '花名册', xml: ROSTER, part: 'XL/Worksheets/Sheet1.XML' }]), ROSTER_FIELDS))).toEqual(TWO);
  });

  it('finds the workbook where the package relationships say, and follows ../ targets', async () => {
    const file = zip([
      { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: '_rels/.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/book/main.xml"/></Relationships>` },
      { name: 'book/main.xml', data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="花名册" sheetId="1" r:id="rId7"/></sheets></workbook>` },
      { name: 'book/_rels/main.xml.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId7" Type="${REL}/worksheet" Target="../sheets/./data/../roster.xml"/></Relationships>` },
      { name: 'sheets/roster.xml', data: ROSTER },
    ]);
    const table = await readTable(file, ROSTER_FIELDS);
    expect(table.sheetName).toBe('花名册');
    expect(people(table)).toEqual(TWO);
  });

  it('reads a Zip64 container', async () => {
    expect(people(await readTable(book([{ name: '花名册', xml: ROSTER }], { zip64: true }), ROSTER_FIELDS))).toEqual(TWO);
  });

  it('refuses a part damaged inside its compressed bytes as damaged, never as a zip bomb', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => person(i + 2, `考生${i}`, makeIdNumber('110101', '19900305', i % 1000), `第${i}物业`)).join('');
    const xml = Buffer.from(worksheet(headerRow() + rows));
    const deflated = zlib.deflateRawSync(xml);
    const codes = new Set<string>();
    for (const at of [0.2, 0.4, 0.5, 0.6, 0.8]) {
      const broken = Buffer.from(deflated);
      const i = Math.floor(broken.length * at);
      broken[i] = broken[i]! ^ 0x55;
      // The directory keeps the true size and CRC-32 of the sheet.
      const file = book([{ name: '花名册', xml: 'x', part: 'xl/other.xml' }], { parts: [{ name: 'xl/worksheets/sheet1.xml', data: { deflated: broken, size: xml.length, crc: zlib.crc32(xml) } }] });
      const { ctx, sessionId } = await session();
      const e = await callError(ctx, 'roster.import', { sessionId, file: { path: writeTemp(file) } });
      codes.add(e.code);
      expect((await call(ctx, 'enrolments.list', { sessionId })).length).toBe(0);
    }
    expect([...codes].every((c) => c === 'FILE_DAMAGED' || c === 'FILE_TRUNCATED'), [...codes].join()).toBe(true);
  });
});

describe('which sheet is read', () => {
  it('reads the visible 花名册 before a hidden sheet that comes first', async () => {
    const old = worksheet(headerRow() + person(2, '旧人', ID2, '旧单位'));
    const table = await readTable(book([{ name: '旧名单', xml: old, state: 'hidden' }, { name: '花名册', xml: ROSTER }]), ROSTER_FIELDS);
    expect(table.sheetName).toBe('花名册');
  });
});

describe('what the corpus found', () => {
  it('reads Excel 2007 beta’s <sstItem> strings, and keeps a date-formatted number past 9999-12-31 a number', async () => {
    const sst = `<sst xmlns="${MAIN}"><sstItem><t>甲物业</t></sstItem></sst>`;
    const styles = `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const sheet = worksheet(`${headerRow()}<row r="2">${s('A2', '张三')}${s('B2', ID1)}<c r="C2" s="1"><v>123456789</v></c><c r="D2" t="s"><v>0</v></c></row>`);
    const rels = `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
    const table = await readTable(book([{ name: '花名册', xml: sheet }], { rels, parts: [{ name: 'xl/sharedStrings.xml', data: sst }, { name: 'xl/styles.xml', data: styles }] }), ROSTER_FIELDS);
    expect(table.rows[0]!.cells.employer!.text).toBe('甲物业');
    expect(table.rows[0]!.cells.birthDate).toMatchObject({ isNumber: true, number: 123456789, date: null });
  });
});
