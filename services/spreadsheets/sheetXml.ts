// Reading a worksheet's rows from its XML, as the part inflates, through the XML tokenizer (xml.ts):
// rows are handed on one by one, so a 100,000-row roster is checked while it is still being read,
// in bounded memory. Only the worksheet vocabulary matters here (<row><c r t s><v/><f/><is/></c>),
// under whatever prefix it was written (<x:row>). The values handed on are what readCell takes:
// strings, numbers, booleans, dates for date-formatted numbers, { error } for error cells.
import { AppError } from '../errors';
import { beyondSheet, inflateNamed, MAX_COLUMN, MAX_ROW, type WorkbookFacts } from './container';
import { isTrue, parseXml, unescapeExcel, XmlStream } from './xml';
import { FORMULA_WITHOUT_RESULT } from './cells';

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, with the zh-CN ids). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Excel keeps a format code to 255 characters; a longer one is no format of a date. */
const MAX_FORMAT_CODE = 1024;

/** A custom format shows a date when, outside quoted text and [brackets], it has a date or time letter. */
export function isDateFormat(code: string): boolean {
  if (code.length > MAX_FORMAT_CODE) return false;
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** For each cell style (the s attribute), whether it formats numbers as dates. */
export function dateStyles(stylesXml: Buffer | string): boolean[] {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  parseXml(stylesXml, {
    open(tag) {
      if (tag.name === 'numFmt') {
        const id = tag.attributes.numFmtId;
        const code = tag.attributes.formatCode;
        if (id !== undefined && code !== undefined) custom.set(Number(id), code);
      } else if (tag.name === 'cellXfs') inCellXfs = !tag.selfClosing;
      else if (tag.name === 'xf' && inCellXfs) xfs.push(Number(tag.attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/** Excel keeps a cell to 32,767 characters; text far past that in one cell is no table an officer keeps. */
const MAX_CELL_CHARS = 1024 * 1024;

function cellTooLong(fileName: string): AppError {
  return new AppError('FILE_DAMAGED', `${fileName} 已损坏或不是普通的表格：其中一个单元格的内容超过 1 MB（可能缺少结束标记）。请用 Excel 或 WPS 打开它并重新保存，再导入保存后的文件。`);
}

/**
 * Collects the text of string items (<si> in the shared strings, <is> in a cell): their <t> runs
 * joined, phonetic guides (<rPh>) left out.
 */
class ItemText {
  private text: string | null = null;
  private inT = false;
  private rPh = 0;

  constructor(private readonly fileName: string) {}

  get open(): boolean {
    return this.text !== null;
  }

  start(): void {
    this.text = '';
    this.inT = false;
    this.rPh = 0;
  }

  /** Elements inside the item. */
  tag(name: string, selfClosing: boolean): void {
    if (name === 'rPh' && !selfClosing) this.rPh++;
    else if (name === 't' && !selfClosing && this.rPh === 0) this.inT = true;
  }

  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh' && this.rPh > 0) this.rPh--;
  }

  add(text: string): void {
    if (!this.inT || this.text === null) return;
    this.text += text;
    if (this.text.length > MAX_CELL_CHARS) throw cellTooLong(this.fileName);
  }

  finish(): string {
    const text = unescapeExcel(this.text ?? '');
    this.text = null;
    return text;
  }
}

/**
 * The shared string table, in order; <si/> and an item of no runs are empty strings. Excel 2007's
 * beta wrote its items as <sstItem>, and SheetJS and Apache POI still read them.
 */
export class SharedStrings {
  private readonly items: string[] = [];

  constructor(xml: Buffer, fileName = '') {
    if (xml.length === 0) return;
    const item = new ItemText(fileName);
    parseXml(xml, {
      open: (tag) => {
        if (tag.name === 'si' || tag.name === 'sstItem') {
          if (tag.selfClosing) this.items.push('');
          else item.start();
        } else if (item.open) item.tag(tag.name, tag.selfClosing);
      },
      close: (name) => {
        if (name === 'si' || name === 'sstItem') {
          if (item.open) this.items.push(item.finish());
        } else if (item.open) item.close(name);
      },
      text: (text) => item.add(text),
    });
  }

  get length(): number {
    return this.items.length;
  }

  /** The text of item `index`, or undefined when the table has no such item. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.items.length) return undefined;
    return this.items[index];
  }
}

/** The column of a reference (A1 → 1); 0 when it has no letters; beyond MAX_COLUMN when it has too many. */
function columnNumber(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    // Stop counting early: a reference of many letters must not grow into a huge number.
    if (col > MAX_COLUMN) return MAX_COLUMN + 1;
  }
  return col;
}

export interface SheetContext {
  strings: SharedStrings;
  dateStyle: readonly boolean[];
  date1904: boolean;
}

/**
 * A t="d" cell holds an ISO 8601 date or date-time. One without a zone is a calendar date as
 * written: read through the local time zone it would be the day before under Asia/Shanghai.
 */
function isoDateValue(v: string): Date {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Date(v);
}

/** One cell's parts as the tokenizer found them. */
interface CellParts {
  type: string | undefined;
  style: string | undefined;
  /** The text of <v>; null when the cell has none. */
  v: string | null;
  /** The text of <is>; null when the cell has none. */
  inline: string | null;
  formula: boolean;
}

/** One cell's value, as readCell takes it; null when it holds nothing. */
function cellValue(c: CellParts, sheet: SheetContext): unknown {
  if (c.type === 'inlineStr' || (c.inline !== null && c.v === null)) return c.inline === null || c.inline === '' ? null : c.inline;
  const v = c.v;
  // A formula whose result was never saved (written by a program, not opened in Excel since).
  if (v === null) return c.formula ? FORMULA_WITHOUT_RESULT : null;
  // An empty <v/> is no value: as shared string index it is not item 0.
  if (v === '') return null;
  switch (c.type) {
    case 's': {
      const text = sheet.strings.get(Number(v));
      if (text === undefined) throw new Error(`shared string ${v} does not exist`);
      return text;
    }
    case 'str':
      return unescapeExcel(v);
    case 'b':
      return v.trim() !== '0' && v.trim().toLowerCase() !== 'false';
    case 'e':
      return { error: v };
    case 'd':
      return isoDateValue(v);
  }
  const n = Number(v);
  if (v.trim() === '' || Number.isNaN(n)) return unescapeExcel(v);
  const style = Number(c.style ?? 0);
  // exceljs's conversion: days since 1899-12-30 (or 1904-01-01), to the millisecond. A number past
  // the last day Excel shows as a date (9999-12-31) stays the number it is.
  if (sheet.dateStyle[style] && n >= 0 && n <= MAX_DATE_SERIAL) return new Date(Math.round((n - 25569 + (sheet.date1904 ? 1462 : 0)) * 86_400_000));
  return n;
}

/** 9999-12-31, the last day Excel shows. */
const MAX_DATE_SERIAL = 2958465;

/** What the reader knows of a row besides its values. */
export interface RowFacts {
  /** Hidden in Excel (<row hidden="1">): shown as such in the preview, left out unless asked for. */
  hidden: boolean;
}

/**
 * Every row of one worksheet part, in order, handed to `onRow` as the part inflates; resolves when
 * the part has been read to its end. Row and column numbers come from the file, so both are
 * checked against the sheet's bounds before a value is placed: a row's array is never longer than
 * the widest sheet Excel can make. A part that ends before its worksheet does is refused.
 */
export async function readSheetRows(
  bytes: Buffer,
  fileName: string,
  part: string,
  sheet: SheetContext,
  onRow: (row: number, values: unknown[], facts: RowFacts) => void,
): Promise<void> {
  let inData = false;
  let dataClosed = false;
  let previous = 0;
  let row = 0;
  let values: unknown[] | null = null;
  let hidden = false;
  let col = 0;
  let cell: CellParts | null = null;
  let inV = false;
  const item = new ItemText(fileName);
  const endRow = () => {
    const done = values!;
    values = null;
    onRow(row, done, { hidden });
  };
  const xml = new XmlStream({
    open(tag) {
      const { name, attributes } = tag;
      if (cell) {
        if (name === 'v') {
          if (!tag.selfClosing) inV = true;
          cell.v = '';
        } else if (name === 'f') cell.formula = true;
        else if (name === 'is') {
          if (tag.selfClosing) cell.inline = '';
          else item.start();
        } else if (item.open) item.tag(name, tag.selfClosing);
        return;
      }
      if (name === 'c') {
        if (!values) return;
        const ref = attributes.r;
        col = ref ? columnNumber(ref) : col + 1;
        if (col > MAX_COLUMN) throw beyondSheet(fileName, ref ?? `第 ${row} 行第 ${col} 列`);
        if (!tag.selfClosing) cell = { type: attributes.t, style: attributes.s, v: null, inline: null, formula: false };
      } else if (name === 'row') {
        if (!inData) return;
        const r = attributes.r;
        row = r ? Number(r) : previous + 1;
        if (!(Number.isInteger(row) && row >= 1 && row <= MAX_ROW)) throw beyondSheet(fileName, r ?? `第 ${row} 行`);
        previous = row;
        values = [];
        col = 0;
        hidden = isTrue(attributes.hidden);
        if (tag.selfClosing) endRow();
      } else if (name === 'sheetData') {
        inData = !tag.selfClosing;
        if (tag.selfClosing) dataClosed = true;
      }
    },
    close(name) {
      if (cell) {
        if (name === 'c') {
          const value = cellValue(cell, sheet);
          cell = null;
          if (value !== null) values![col] = value;
        } else if (name === 'v') inV = false;
        else if (name === 'is') {
          if (item.open) cell.inline = item.finish();
        } else if (item.open) item.close(name);
        return;
      }
      if (name === 'row') {
        if (values) endRow();
      } else if (name === 'sheetData' && inData) {
        inData = false;
        dataClosed = true;
      }
    },
    text(text) {
      if (!cell) return;
      if (inV) {
        cell.v += text;
        if (cell.v!.length > MAX_CELL_CHARS) throw cellTooLong(fileName);
      } else item.add(text);
    },
  });
  await inflateNamed(bytes, fileName, part, (chunk) => xml.write(chunk));
  xml.end();
  // A part cut short or garbled after its last row is a damaged file, not a shorter sheet.
  if (!dataClosed || !xml.rootClosed) throw new Error('the worksheet part is cut short or garbled');
}

/** Shared strings and cell styles of a workbook, read once for all its sheets. */
export async function sheetContext(bytes: Buffer, fileName: string, facts: WorkbookFacts): Promise<SheetContext> {
  const part = async (name: string | null) => {
    if (!name) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    await inflateNamed(bytes, fileName, name, (c) => chunks.push(c));
    return Buffer.concat(chunks);
  };
  const styles = await part(facts.stylesPart);
  return {
    strings: new SharedStrings(await part(facts.sharedStringsPart), fileName),
    dateStyle: styles.length > 0 ? dateStyles(styles) : [],
    date1904: facts.date1904,
  };
}
