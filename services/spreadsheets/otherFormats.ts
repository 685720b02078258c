// Workbooks that are not .xlsx, as officers receive them (docs/spreadsheets.md § Other formats):
// .xls (BIFF, from the legacy 考务 software and many platforms' exports), WPS .et (the same
// container), .ods (LibreOffice), an HTML table saved as .xls (what several web platforms hand
// out), and CSV/TXT in UTF-8 (with or without BOM) or GBK/GB18030. They are read whole with SheetJS
// (@e965/xlsx) into the rows the .xlsx reader streams, inside the import worker, so the same size,
// time and memory limits apply (importBudget.ts).
import * as XLSX from '@e965/xlsx';
import { AppError } from '../errors';
import { serialToIsoDate } from './cells';
import { isOleFile, refuseEncrypted, type MergeRange } from './container';

export type OtherFormat = 'xls' | 'ods' | 'html' | 'csv';

/** What the officer calls each format, for messages. */
const FORMAT_NAMES: Record<OtherFormat, string> = {
  xls: '旧版 Excel（.xls）或 WPS 表格（.et）文件',
  ods: 'OpenDocument 表格（.ods）文件',
  html: '网页表格（另存为 .xls 的网页）',
  csv: 'CSV 文本文件',
};

const TEXT_NAME = /\.(csv|txt|tsv)$/i;
const SPREADSHEET_NAME = /\.(xls|et|ett|htm|html)$/i;

/** Formats that are no spreadsheet, by their first bytes, as the officer would call them. */
const FOREIGN: [magic: Buffer, what: string][] = [
  [Buffer.from('%PDF'), 'PDF 文件'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'PNG 图片'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'JPEG 图片（照片或扫描件）'],
  [Buffer.from('GIF8'), 'GIF 图片'],
  [Buffer.from('II*\0', 'latin1'), 'TIFF 图片（扫描件）'],
  [Buffer.from('MM\0*', 'latin1'), 'TIFF 图片（扫描件）'],
  [Buffer.from('Rar!'), 'RAR 压缩包'],
  [Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), '7z 压缩包'],
  [Buffer.from([0x1f, 0x8b]), 'gzip 压缩包'],
  [Buffer.from('{\\rtf'), 'RTF 文档'],
];

/**
 * What a file that is no spreadsheet at all is, by its first bytes; null when it may be one. Bytes
 * with NUL characters that are not UTF-16 text are some binary format.
 */
export function foreignFormat(bytes: Buffer): string | null {
  for (const [magic, what] of FOREIGN) if (bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic)) return what;
  const head = bytes.subarray(0, 4096);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) return '二进制文件（不是表格或文本）';
  return null;
}

export function refuseForeign(bytes: Buffer, name: string): void {
  const what = foreignFormat(bytes);
  if (what) {
    throw new AppError(
      'FILE_NOT_SPREADSHEET',
      `${name} 不是表格文件，它的内容是${what}，只是扩展名为表格。请选择 Excel（.xlsx、.xls）、WPS（.et）、.ods 或 CSV 格式的花名册或成绩单。`,
    );
  }
}

/**
 * The format a file really has, by its first bytes (and, for text, its name): null for a zip that
 * is not an .ods (an .xlsx, or a refusal the .xlsx reader words) and for anything else it refuses.
 * A file whose bytes are no spreadsheet at all (a PDF, a photo) is refused here, whatever its name.
 */
export function sniffFormat(bytes: Buffer, name: string): OtherFormat | null {
  if (isOleFile(bytes)) return 'xls';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    // An ODF package stores its mimetype first and uncompressed.
    return bytes.subarray(30, 120).toString('latin1').includes('application/vnd.oasis.opendocument.spreadsheet') ? 'ods' : null;
  }
  const head = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (SPREADSHEET_NAME.test(name) && (head.startsWith('<html') || head.startsWith('<!doctype html') || head.startsWith('<table') || head.includes('<table'))) return 'html';
  refuseForeign(bytes, name);
  if (TEXT_NAME.test(name)) return 'csv';
  return null;
}

export interface OtherSheet {
  name: string;
  hidden: boolean;
  /** Each row's number as shown (1-based) and its values, 1-based by column, as readCell takes them. */
  rows: [number, unknown[]][];
  merges: MergeRange[];
}

/**
 * CSV bytes as text: UTF-8 when they are valid UTF-8 (a BOM is dropped), else GB18030, which
 * covers GBK and GB2312 (what Excel and WPS write on a Chinese Windows when saving as CSV).
 */
export function decodeText(bytes: Buffer): { text: string; encoding: 'UTF-8' | 'GB18030' | 'UTF-16' } {
  // Excel's 「Unicode 文本」 is UTF-16 with its byte order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

/** Reads every sheet of a non-.xlsx workbook, visible sheets first (a person opens those). */
export function readOtherWorkbook(bytes: Buffer, name: string, format: OtherFormat): { sheets: OtherSheet[]; date1904: boolean } {
  if (format === 'xls') refuseEncrypted(bytes, name);
  let wb: XLSX.WorkBook;
  // SheetJS reports number formats it only approximates on console.error; the officer sees what
  // matters (the values) in the preview, and the command line's output stays clean.
  const report = console.error;
  console.error = () => undefined;
  try {
    wb =
      format === 'csv'
        ? // CSV is text as typed: no value is turned into a number or a date (an ID number would lose digits).
          XLSX.read(decodeText(bytes).text, { type: 'string', raw: true, dense: true })
        : format === 'html'
          ? XLSX.read(decodeText(bytes).text, { type: 'string', raw: true, dense: true })
          : XLSX.read(bytes, { type: 'buffer', cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, dense: true });
  } catch (e) {
    throw new AppError(
      'FILE_UNREADABLE',
      `${name} 是${FORMAT_NAMES[format]}，但内容已损坏或不完整，无法读取（${(e as Error).message}）。请用 Excel 或 WPS 打开它，另存为 Excel 工作簿（.xlsx）后再导入。`,
    );
  } finally {
    console.error = report;
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets = wb.SheetNames.map((sheetName, i): OtherSheet => {
    const ws = wb.Sheets[sheetName]!;
    return { name: sheetName, hidden: Boolean(wb.Workbook?.Sheets?.[i]?.Hidden), rows: sheetRows(ws, date1904), merges: mergesOf(ws) };
  });
  return { sheets: [...sheets.filter((s) => !s.hidden), ...sheets.filter((s) => s.hidden)], date1904 };
}

function sheetRows(ws: XLSX.WorkSheet, date1904: boolean): [number, unknown[]][] {
  const dense = (ws as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
  const rows: [number, unknown[]][] = [];
  dense.forEach((cells, r) => {
    if (!cells) return;
    const values: unknown[] = [];
    cells.forEach((cell, c) => {
      const value = cell ? valueOf(cell, date1904) : undefined;
      if (value !== undefined) values[c + 1] = value;
    });
    if (values.length > 0) rows.push([r + 1, values]);
  });
  return rows;
}

/** A SheetJS cell as the .xlsx reader's cells come (cells.ts readCell): text, number, boolean, date. */
function valueOf(cell: XLSX.CellObject, date1904: boolean): unknown {
  switch (cell.t) {
    case 's':
      return String(cell.v ?? '');
    case 'n': {
      const v = cell.v as number;
      // A date is a number with a date format; read as a calendar day, never through the local time zone.
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
        const iso = serialToIsoDate(v, date1904);
        if (iso) return new Date(`${iso}T00:00:00Z`);
      }
      return v;
    }
    case 'b':
      return Boolean(cell.v);
    case 'd':
      return cell.v instanceof Date ? cell.v : new Date(String(cell.v));
    case 'e':
      return { error: cell.w ?? '#ERROR' };
    default:
      return undefined;
  }
}

function mergesOf(ws: XLSX.WorkSheet): MergeRange[] {
  return (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }));
}
