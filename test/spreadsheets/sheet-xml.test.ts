// The worksheet reader (services/spreadsheets/sheetXml.ts) on XML as programs other than exceljs
// write it — WPS, openpyxl, LibreOffice, Excel itself: inline strings, rich text with phonetic
// guides, escaped line breaks, formula results of every type, dates by built-in, Chinese and
// custom formats, rows and cells without references, sheets in a different part order — and on
// parts that are cut short.
import { describe, expect, it } from 'vitest';
import { readTable } from '../../services/spreadsheets/reader';
import { ROSTER_FIELDS } from '../../services/spreadsheets/fields';
import { isDateFormat } from '../../services/spreadsheets/sheetXml';
import { makeIdNumber } from '../helpers';
import { zip, type ZipPart } from './zip';

const ID1 = makeIdNumber('110101', '19900305', 11);
const ID2 = makeIdNumber('440106', '19851120', 22);
const ID3 = makeIdNumber('310101', '19720708', 33);

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.0_ ;[Red]\\-0.0\\ "/></numFmts>
  <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="177" applyNumberFormat="1"/><xf numFmtId="57" applyNumberFormat="1"/></cellXfs>
</styleSheet>`;

const SHARED = `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
  <si><t>姓名</t></si>
  <si><r><rPr><b/></rPr><t>身份证</t></r><r><t xml:space="preserve">号码</t></r><rPh sb="0" eb="2"><t>ミブン</t></rPh></si>
  <si><t>出生日期</t></si>
  <si/>
  <si><t xml:space="preserve">李_x000D_
四 &amp; 子</t></si>
</sst>`;

function workbook(sheets: { name: string; part: string; xml: string }[], extra: ZipPart[] = []): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    // The parts are stored in another order than the workbook lists the sheets.
    ...[...sheets].reverse().map((s) => ({ name: `xl/${s.part}`, data: s.xml })),
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships>${sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${s.part}"/>`).join('')}
        <Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/theme/styles2.xml"/>
        <Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
    },
    { name: 'xl/theme/styles2.xml', data: STYLES },
    { name: 'xl/strings.xml', data: SHARED },
    ...extra,
  ]);
}

const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D5"/><sheetData>${rows}</sheetData><rowBreaks count="1"><brk id="3"/></rowBreaks><pageMargins left="0.7"/></worksheet>`;

const INSTRUCTIONS = { name: '填表说明', part: 'worksheets/notes.xml', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>请从第二张表填写</t></is></c></row>') };

const ROWS = sheetXml(
  [
    // A header with shared strings (one of them rich text with a phonetic guide) and an inline string.
    '<row r="2" spans="1:4"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="inlineStr"><is><r><t>工作</t></r><r><t>单位</t></r></is></c></row>',
    // No row number, no cell references: positions count on from the row and cell before.
    `<row><c t="inlineStr"><is><t>张　三</t></is></c><c t="str"><f>TRIM(X1)</f><v>${ID1}</v></c><c s="1"><v>32937</v></c><c t="inlineStr"><is><t>甲物业</t></is></c></row>`,
    `<row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5" t="inlineStr"><is><t>${ID2.toLowerCase()}</t></is></c><c r="C5" s="2"><f>DATE(1985,11,20)</f><v>31371</v></c><c r="D5" t="e"><v>#N/A</v></c></row>`,
    `<row r="6"/>`,
    `<row r="7"><c r="A7" t="inlineStr"><is><t>王五</t></is></c><c r="B7" t="inlineStr"><is><t>${ID3}</t></is></c><c r="C7" s="4"><v>26488</v></c><c r="D7" t="b"><v>1</v></c><c r="E7" s="3"><v>12.5</v></c></row>`,
  ].join(''),
);

describe('the worksheet reader', () => {
  it('reads inline and rich text, formula results, errors, booleans and every kind of date, in workbook order, without references', async () => {
    const table = await readTable(workbook([INSTRUCTIONS, { name: '花名册', part: 'worksheets/roster.xml', xml: ROWS }]), ROSTER_FIELDS);
    expect(table.sheetName).toBe('花名册');
    expect(table.headerRow).toBe(2);
    expect(table.columns.map((c) => [c.title, c.field])).toEqual([
      ['姓名', 'name'],
      ['身份证号码', 'idNumber'],
      ['出生日期', 'birthDate'],
      ['工作单位', 'employer'],
    ]);
    const rows = table.rows.map((r) => ({ row: r.row, ...Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c.date ?? c.text])) }));
    expect(rows).toEqual([
      { row: 3, name: '张 三', idNumber: ID1, birthDate: '1990-03-05', employer: '甲物业' },
      { row: 5, name: '李 四 & 子', idNumber: ID2.toLowerCase(), birthDate: '1985-11-20', employer: '#N/A' },
      { row: 7, name: '王五', idNumber: ID3, birthDate: '1972-07-08', employer: 'TRUE' },
    ]);
    // A date-formatted number is a date (the officer sees 1990/3/5), not the serial 32937.
    expect(table.rows[0]!.cells.birthDate).toMatchObject({ isNumber: false, text: '1990-03-05' });
  });

  it('tells date formats from number formats the way Excel shows them', () => {
    for (const code of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'h:mm', 'mmm-yy']) expect(isDateFormat(code), code).toBe(true);
    for (const code of ['0.0_ ;[Red]\\-0.0\\ ', '#,##0.00', '"分数"0', '@', '[Red]0%']) expect(isDateFormat(code), code).toBe(false);
  });

  it('refuses a part cut short after its last complete row, and one that points at a shared string it does not have', async () => {
    const cut = ROWS.slice(0, ROWS.indexOf('<row r="7">'));
    await expect(readTable(workbook([{ name: '花名册', part: 'worksheets/roster.xml', xml: cut }]), ROSTER_FIELDS)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('另存为 .xlsx'),
    });
    for (const index of ['40', '1.5', '-1']) {
      const dangling = ROWS.replace('<c r="A5" t="s"><v>4</v></c>', `<c r="A5" t="s"><v>${index}</v></c>`);
      await expect(readTable(workbook([{ name: '花名册', part: 'worksheets/roster.xml', xml: dangling }]), ROSTER_FIELDS), index).rejects.toMatchObject({
        code: 'FILE_UNREADABLE',
      });
    }
  });
});
