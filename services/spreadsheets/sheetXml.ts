// Reading a worksheet's rows straight from its XML. exceljs's streaming reader builds an event per
// tag and an object per cell through a general SAX parser: 2.6 s for a 100,000-row roster, a
// third of the whole import's budget (under 8 s, docs/performance.md). A worksheet's cells are a small,
// regular vocabulary (<row><c r t s><v/><f/><is/></c></row>), so they are scanned here with
// indexOf and a few anchored patterns, chunk by chunk as the part inflates, in bounded memory.
// The values handed on are what exceljs would give readCell: strings, numbers, booleans, dates for
// date-formatted numbers, { error } for error cells.
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../errors';
import { beyondSheet, decodeXml, inflateNamed, MAX_COLUMN, MAX_ROW, tagsOf, type WorkbookFacts } from './container';

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
export function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const tag of tagsOf(stylesXml, 'numFmt')) {
    const id = /\snumFmtId="(\d+)"/.exec(tag);
    const code = /\sformatCode="([^"]*)"/.exec(tag);
    if (id && code) custom.set(Number(id[1]), decodeXml(code[1]!));
  }
  const open = tagsOf(stylesXml, 'cellXfs').next().value;
  if (open === undefined || open.endsWith('/>')) return [];
  const from = stylesXml.indexOf(open) + open.length;
  const to = stylesXml.indexOf('</cellXfs>', from);
  if (to < 0) return [];
  return [...tagsOf(stylesXml, 'xf', from, to)].map((tag) => {
    const id = Number(/\snumFmtId="(\d+)"/.exec(tag)?.[1] ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/** Excel escapes characters XML cannot hold as _xHHHH_ (a line break typed in a cell is _x000D_). */
function decodeText(raw: string): string {
  const text = raw.includes('&') ? decodeXml(raw) : raw;
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/**
 * The text of a string item (<si> or <is>): its <t> runs joined, phonetic guides (<rPh>) left out.
 * Found with indexOf, each search going on from the last, so an item of unclosed tags costs its
 * length once.
 */
function itemText(xml: string): string {
  let out = '';
  let at = 0;
  let rPhCloses = xml.includes('<rPh');
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 2);
    if (rPhCloses && xml.startsWith('<rPh', lt) && !isNameChar(xml.charCodeAt(lt + 4))) {
      const end = xml.indexOf('</rPh>', lt);
      if (end >= 0) {
        at = end + 6;
        continue;
      }
      // Never closed: read on as if it were not there, without searching again.
      rPhCloses = false;
    } else if (xml.charCodeAt(lt + 1) === 0x74 /* t */ && (next === 0x3e || next === 0x2f || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d)) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) break;
      if (xml.charCodeAt(gt - 1) !== 0x2f /* <t/> */) {
        const end = xml.indexOf('<', gt);
        if (end < 0) break;
        if (xml.startsWith('</t>', end)) out += xml.slice(gt + 1, end);
        at = end;
        continue;
      }
      at = gt + 1;
      continue;
    }
    at = lt + 1;
  }
  return decodeText(out);
}

/**
 * The shared string table. Its items are found up front, by position in the part's bytes, and
 * each is decoded the first time a cell asks for it: a 100,000-row roster has 300,000 of them,
 * and decoding them all before the first row would hold up the first rows by a third of a second.
 * Each is decoded from the bytes on its own, too: a string cut out of one large decoded text would
 * keep all of it alive (V8 slices), 12 MB for that roster, for as long as the sheet is read.
 */
export class SharedStrings {
  /** Where each item's content starts and ends in the bytes (equal for <si/>). */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly decoded: (string | undefined)[];
  readonly length: number;

  constructor(private readonly xml: Buffer) {
    const starts: number[] = [];
    const ends: number[] = [];
    let at = 0;
    for (;;) {
      const open = xml.indexOf('<si', at);
      if (open < 0) break;
      const next = xml[open + 3];
      if (next === 0x2f /* <si/> */ && xml[open + 4] === 0x3e) {
        starts.push(open);
        ends.push(open);
        at = open + 5;
      } else if (next === 0x3e /* <si> */) {
        const close = xml.indexOf('</si>', open + 4);
        if (close < 0) break;
        starts.push(open + 4);
        ends.push(close);
        at = close + 5;
      } else {
        at = open + 3;
      }
    }
    this.starts = Int32Array.from(starts);
    this.ends = Int32Array.from(ends);
    this.length = starts.length;
    this.decoded = new Array<string | undefined>(this.length);
  }

  /** The text of item `index`, or undefined when the table has no such item. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    let text = this.decoded[index];
    if (text === undefined) {
      const start = this.starts[index]!;
      const end = this.ends[index]!;
      text = this.decoded[index] = start === end ? '' : itemText(this.xml.toString('utf8', start, end));
    }
    return text;
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

function attribute(attrs: string, key: string): string | null {
  const at = attrs.indexOf(` ${key}="`);
  if (at < 0) return null;
  const start = at + key.length + 3;
  return attrs.slice(start, attrs.indexOf('"', start));
}

function inner(body: string, tag: string): string | null {
  const open = body.indexOf(`<${tag}`);
  if (open < 0) return null;
  const gt = body.indexOf('>', open);
  if (body[gt - 1] === '/') return '';
  const close = body.indexOf(`</${tag}>`, gt);
  return close < 0 ? null : body.slice(gt + 1, close);
}

export interface SheetContext {
  strings: SharedStrings;
  dateStyle: readonly boolean[];
  date1904: boolean;
}

/** One <c> element's value, as exceljs would hand it over. */
function cellValue(attrs: string, body: string, sheet: SheetContext): unknown {
  const type = attribute(attrs, 't');
  if (type === 'inlineStr') {
    const is = inner(body, 'is');
    return is === null ? null : itemText(is);
  }
  const v = inner(body, 'v');
  if (v === null) return null;
  switch (type) {
    case 's': {
      const text = sheet.strings.get(Number(v));
      if (text === undefined) throw new Error(`shared string ${v} does not exist`);
      return text;
    }
    case 'str':
      return decodeText(v);
    case 'b':
      return v.trim() !== '0';
    case 'e':
      return { error: decodeText(v) };
    case 'd':
      return new Date(v);
  }
  const n = Number(v);
  if (v.trim() === '' || Number.isNaN(n)) return decodeText(v);
  const style = Number(attribute(attrs, 's') ?? 0);
  // exceljs's conversion: days since 1899-12-30 (or 1904-01-01), to the millisecond.
  if (sheet.dateStyle[style]) return new Date(Math.round((n - 25569 + (sheet.date1904 ? 1462 : 0)) * 86_400_000));
  return n;
}

/** A name character after `<c` (as in <col>, <cfRule>) means another element: \b in a pattern. */
function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * One <row> element: its number and its values, 1-based by column like exceljs's row.values.
 * Row and column numbers come from the file, so both are checked against the sheet's bounds
 * before a value is placed: the array is never longer than the widest sheet Excel can make. The
 * cells are found with indexOf, each search going on from where the last one ended, so a row of
 * cells that never close costs no more than its length.
 */
function parseRow(xml: string, previous: number, sheet: SheetContext, fileName: string): { row: number; values: unknown[] } {
  const tagEnd = xml.indexOf('>');
  const r = attribute(xml.slice(0, tagEnd), 'r');
  const row = r ? Number(r) : previous + 1;
  if (!(Number.isInteger(row) && row >= 1 && row <= MAX_ROW)) throw beyondSheet(fileName, r ?? `第 ${row} 行`);
  const values: unknown[] = [];
  let col = 0;
  let at = tagEnd;
  for (;;) {
    const open = xml.indexOf('<c', at);
    if (open < 0) break;
    if (isNameChar(xml.charCodeAt(open + 2))) {
      at = open + 2;
      continue;
    }
    const gt = xml.indexOf('>', open);
    if (gt < 0) break;
    const empty = xml.charCodeAt(gt - 1) === 0x2f; /* <c …/> */
    const attrs = xml.slice(open + 2, empty ? gt - 1 : gt);
    let body: string | null = null;
    if (empty) at = gt + 1;
    else {
      const close = xml.indexOf('</c>', gt);
      // A cell left open holds nothing; no later cell can close either.
      if (close < 0) at = xml.length;
      else {
        body = xml.slice(gt + 1, close);
        at = close + 4;
      }
    }
    const ref = attribute(attrs, 'r');
    col = ref ? columnNumber(ref) : col + 1;
    if (col > MAX_COLUMN) throw beyondSheet(fileName, ref ?? `第 ${row} 行第 ${col} 列`);
    if (body === null) continue;
    const value = cellValue(attrs, body, sheet);
    if (value !== null) values[col] = value;
  }
  return { row, values };
}

/** A row longer than this (characters of XML) is no row of a table an officer keeps. */
const MAX_ROW_CHARS = 16 * 1024 * 1024;

function rowTooLong(fileName: string): AppError {
  return new AppError('FILE_DAMAGED', `${fileName} 已损坏或不是普通的表格：其中一行的内容超过 16 MB（可能缺少行的结束标记）。请用 Excel 或 WPS 打开它并重新保存，再导入保存后的文件。`);
}

/**
 * Every row of one worksheet part, in order, handed to `onRow` as the part inflates; resolves when
 * the part has been read to its end. Each piece of text is searched once: a row still open at the
 * end of a piece is kept as pieces, and only the new piece is searched for its end, so a row that
 * never closes costs its length, not its length times the pieces.
 */
export async function readSheetRows(
  bytes: Buffer,
  fileName: string,
  part: string,
  sheet: SheetContext,
  onRow: (row: number, values: unknown[]) => void,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let previous = 0;
  /** The pieces of a row whose start tag has been read but not yet its </row>. */
  let open: string[] | null = null;
  let openLength = 0;
  let openTail = '';
  const emit = (xml: string) => {
    const { row, values } = parseRow(xml, previous, sheet, fileName);
    previous = row;
    onRow(row, values);
  };
  const consume = (text: string) => {
    if (open) {
      // The end may straddle the pieces: look from the last few characters before this one.
      const window = openTail + text;
      const close = window.indexOf('</row>');
      if (close < 0) {
        open.push(text);
        openLength += text.length;
        openTail = window.slice(-5);
        if (openLength > MAX_ROW_CHARS) throw rowTooLong(fileName);
        return;
      }
      const cut = close + 6 - openTail.length;
      open.push(text.slice(0, cut));
      const xml = open.join('');
      open = null;
      openLength = 0;
      emit(xml);
      text = text.slice(cut);
    }
    pending += text;
    let at = 0;
    for (;;) {
      let start = pending.indexOf('<row', at);
      // <rowBreaks> and the like are not rows.
      while (start >= 0 && !/[\s>/]/.test(pending[start + 4] ?? '')) start = pending.indexOf('<row', start + 4);
      if (start < 0) {
        at = Math.max(at, pending.length - 4);
        break;
      }
      const tagEnd = pending.indexOf('>', start);
      if (tagEnd < 0) {
        if (pending.length - start > MAX_ROW_CHARS) throw rowTooLong(fileName);
        at = start;
        break;
      }
      if (pending[tagEnd - 1] === '/') {
        emit(pending.slice(start, tagEnd + 1));
        at = tagEnd + 1;
        continue;
      }
      const close = pending.indexOf('</row>', tagEnd);
      if (close < 0) {
        open = [pending.slice(start)];
        openLength = open[0]!.length;
        openTail = pending.slice(-5);
        at = pending.length;
        break;
      }
      emit(pending.slice(start, close + 6));
      at = close + 6;
    }
    pending = pending.slice(at);
  };
  // A part cut short or garbled after its last row is a damaged file, not a shorter sheet: it
  // must close its sheetData and end as a worksheet ends.
  let dataClosed = false;
  let lastBit = '';
  const watch = (text: string) => {
    const window = lastBit + text;
    dataClosed ||= window.includes('sheetData') && /<\/(\w+:)?sheetData>|<(\w+:)?sheetData\s*\/>/.test(window);
    lastBit = window.slice(-64);
  };
  await inflateNamed(bytes, fileName, part, (chunk) => {
    const text = decoder.write(chunk);
    watch(text);
    consume(text);
  });
  const rest = decoder.end();
  watch(rest);
  consume(rest);
  if (open || !dataClosed || !/<\/(\w+:)?worksheet>\s*$/.test(lastBit)) throw new Error('the worksheet part is cut short or garbled');
}

/** Shared strings and cell styles of a workbook, read once for all its sheets. */
export async function sheetContext(bytes: Buffer, fileName: string, facts: WorkbookFacts): Promise<SheetContext> {
  const part = async (name: string | null) => {
    if (!name) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    await inflateNamed(bytes, fileName, name, (c) => chunks.push(c));
    return Buffer.concat(chunks);
  };
  return {
    strings: new SharedStrings(await part(facts.sharedStringsPart)),
    dateStyle: dateStyles((await part(facts.stylesPart)).toString('utf8')),
    date1904: facts.date1904,
  };
}
