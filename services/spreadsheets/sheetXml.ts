// Reading a worksheet's rows straight from its XML. exceljs's streaming reader builds an event per
// tag and an object per cell through a general SAX parser: 2.6 s for a 100,000-row roster, a
// third of the whole import's budget (under 8 s, docs/performance.md). A worksheet's cells are a small,
// regular vocabulary (<row><c r t s><v/><f/><is/></c></row>), so they are scanned here with
// indexOf and a few anchored patterns, chunk by chunk as the part inflates, in bounded memory.
// The values handed on are what exceljs would give readCell: strings, numbers, booleans, dates for
// date-formatted numbers, { error } for error cells.
import { StringDecoder } from 'node:string_decoder';
import { beyondSheet, decodeXml, inflateNamed, MAX_COLUMN, MAX_ROW, type WorkbookFacts } from './container';

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, with the zh-CN ids). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date when, outside quoted text and [brackets], it has a date or time letter. */
export function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** For each cell style (the s attribute), whether it formats numbers as dates. */
export function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = /\snumFmtId="(\d+)"/.exec(m[0]);
    const code = /\sformatCode="([^"]*)"/.exec(m[0]);
    if (id && code) custom.set(Number(id[1]), decodeXml(code[1]!));
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(/\snumFmtId="(\d+)"/.exec(m[0])?.[1] ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/** Excel escapes characters XML cannot hold as _xHHHH_ (a line break typed in a cell is _x000D_). */
function decodeText(raw: string): string {
  const text = raw.includes('&') ? decodeXml(raw) : raw;
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The text of a string item (<si> or <is>): its <t> runs joined, phonetic guides (<rPh>) left out. */
function itemText(xml: string): string {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += m[1] ?? '';
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

const CELL = /<c\b([^>]*?)\/>|<c\b([^>]*)>([\s\S]*?)<\/c>/g;

/**
 * One <row> element: its number and its values, 1-based by column like exceljs's row.values.
 * Row and column numbers come from the file, so both are checked against the sheet's bounds
 * before a value is placed: the array is never longer than the widest sheet Excel can make.
 */
function parseRow(xml: string, previous: number, sheet: SheetContext, fileName: string): { row: number; values: unknown[] } {
  const tagEnd = xml.indexOf('>');
  const r = attribute(xml.slice(0, tagEnd), 'r');
  const row = r ? Number(r) : previous + 1;
  if (!(Number.isInteger(row) && row >= 1 && row <= MAX_ROW)) throw beyondSheet(fileName, r ?? `第 ${row} 行`);
  const values: unknown[] = [];
  let col = 0;
  CELL.lastIndex = tagEnd;
  for (let m = CELL.exec(xml); m; m = CELL.exec(xml)) {
    const attrs = m[1] ?? m[2]!;
    const ref = attribute(attrs, 'r');
    col = ref ? columnNumber(ref) : col + 1;
    if (col > MAX_COLUMN) throw beyondSheet(fileName, ref ?? `第 ${row} 行第 ${col} 列`);
    if (m[3] === undefined) continue;
    const value = cellValue(attrs, m[3], sheet);
    if (value !== null) values[col] = value;
  }
  return { row, values };
}

/**
 * Every row of one worksheet part, in order, handed to `onRow` as the part inflates; resolves when
 * the part has been read to its end.
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
  const consume = () => {
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
        at = start;
        break;
      }
      let end: number;
      if (pending[tagEnd - 1] === '/') end = tagEnd + 1;
      else {
        const close = pending.indexOf('</row>', tagEnd);
        if (close < 0) {
          at = start;
          break;
        }
        end = close + 6;
      }
      const { row, values } = parseRow(pending.slice(start, end), previous, sheet, fileName);
      previous = row;
      onRow(row, values);
      at = end;
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
    pending += text;
    consume();
  });
  const rest = decoder.end();
  watch(rest);
  pending += rest;
  consume();
  if (!dataClosed || !/<\/(\w+:)?worksheet>\s*$/.test(lastBit)) throw new Error('the worksheet part is cut short or garbled');
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
