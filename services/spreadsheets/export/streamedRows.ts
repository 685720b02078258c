// Data rows written straight into a streamed worksheet's XML. Through exceljs every row costs a
// Row, a Cell per value, a model, a style lookup per cell and an XmlStream: two thirds of the
// time of a 100,000-result export. A report's data rows are plain values under a style per
// column, so they are written here as the same SpreadsheetML exceljs would write, and exceljs
// keeps writing everything else (title and header rows, merges, autofilter, styles, the zip).
//
// This is the one place that reaches into exceljs's streaming writer
// (node_modules/exceljs/lib/stream/xlsx/worksheet-writer.js, 4.4.0); if an upgrade changes what
// it relies on, appendRows throws and test/spreadsheets/export-rows.test.ts fails loudly.
import ExcelJS from 'exceljs';
import { columnLetter } from '../../vocabulary/text';

export type CellValue = string | number | null | undefined;

export interface StyledRow {
  values: readonly CellValue[];
  /** One style a column; the row has as many cells as styles, so an empty cell keeps its border. */
  styles: readonly Partial<ExcelJS.Style>[];
  /** In points, when the row is taller than one line. */
  height?: number;
}

/** What appendRows uses of exceljs's WorksheetWriter, none of it public. */
interface WriterInternals {
  /** Rows added but not committed yet. */
  _rows: unknown[] | null;
  /** The number the next added row gets (while no row is pending). */
  _rowZero: number;
  /** <cols> and <sheetData> have been written: rows may follow. */
  startedData: boolean;
  useSharedStrings: boolean;
  /** The sheet's part in the zip; takes strings. */
  stream: { write(text: string): unknown };
  _workbook: { styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number } };
}

/** exceljs's writer with the parts appendRows relies on, or an error that says which has changed. */
export function writerInternals(ws: ExcelJS.Worksheet): WriterInternals {
  const w = ws as unknown as Partial<WriterInternals>;
  const missing = [
    !(w._rows === null || Array.isArray(w._rows)) && '_rows',
    typeof w._rowZero !== 'number' && '_rowZero',
    typeof w.startedData !== 'boolean' && 'startedData',
    typeof w.useSharedStrings !== 'boolean' && 'useSharedStrings',
    typeof w.stream?.write !== 'function' && 'stream.write',
    typeof w._workbook?.styles?.addStyleModel !== 'function' && '_workbook.styles.addStyleModel',
  ].filter(Boolean);
  if (missing.length) throw new Error(`exceljs's streaming WorksheetWriter has changed (no ${missing.join(', ')}): services/spreadsheets/export/streamedRows.ts must be updated`);
  return w as WriterInternals;
}

/** Text that needs more than copying: an XML entity, an Excel escape, whitespace at either end. */
const SPECIAL = /[&<>"'\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_|^\s|\s$/;
/**
 * Text a <v> would not carry as typed: LibreOffice trims whitespace at either end of a <v>, XML
 * turns a carriage return into a line feed and cannot hold other control characters at all
 * (exceljs drops them), and Excel reads _x0041_ as an escape.
 */
const NOT_FOR_V = /[\x00-\x08\x0b-\x1f]|_x[0-9A-Fa-f]{4}_|^\s|\s$/;

/** & < > " ' as entities, as exceljs writes them. */
function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Excel's escapes (ECMA-376 ST_Xstring): a control character as _x000B_, and an underscore that would read as one as _x005F_. */
function excelEscape(s: string): string {
  return s
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[\x00-\x08\x0b-\x1f]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * A text cell as exceljs writes it: t="str" with the text in <v>. Text a <v> would not carry as
 * typed is written as Excel writes it instead, an inline string with its whitespace preserved and
 * its control characters escaped; Excel, LibreOffice and our reader (sheetXml.ts) read it back as
 * typed.
 */
function textCell(ref: string, sAttr: string, text: string): string {
  if (!SPECIAL.test(text)) return `<c r="${ref}"${sAttr} t="str"><v>${text}</v></c>`;
  if (!NOT_FOR_V.test(text)) return `<c r="${ref}"${sAttr} t="str"><v>${xmlEscape(text)}</v></c>`;
  return `<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(excelEscape(text))}</t></is></c>`;
}

/** Rows are handed to the zip in pieces of about this many characters. */
const CHUNK = 1 << 16;

/**
 * Writes the rows below the last committed row of a streamed worksheet, byte for byte as exceljs
 * writes the same values and styles through addRow (but for the text textCell writes as Excel
 * does): numbers as <v>, text in the cell (the workbook has no shared string table), an empty cell
 * as its style alone, and a row without any value not at all (it still takes its number). Rows
 * added after these get the numbers that follow.
 *
 * Call it after the first rows (title, header) are committed: exceljs has then written the
 * columns and opened <sheetData>.
 */
export function appendRows(ws: ExcelJS.Worksheet, rows: Iterable<StyledRow>): void {
  const w = writerInternals(ws);
  if (!w.startedData || w._rows === null || w._rows.length > 0) throw new Error('appendRows: commit the rows above first (and do not commit the sheet)');
  if (w.useSharedStrings) throw new Error('appendRows writes strings inline: open the workbook with useSharedStrings: false');
  const styles = w._workbook.styles;
  let letters: string[] = [];
  let number = w._rowZero;
  let xml = '';
  for (const { values, styles: rowStyles, height } of rows) {
    const r = number++;
    if (letters.length < rowStyles.length) letters = Array.from(rowStyles, (_, i) => columnLetter(i));
    let cells = '';
    let anyValue = false;
    for (let i = 0; i < rowStyles.length; i++) {
      const v = values[i];
      const type = v === null || v === undefined ? ExcelJS.ValueType.Null : typeof v === 'number' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String;
      // A style seen before is found by identity; the first time, its id depends on the cell type
      // (a number without a format gets General), exactly as in exceljs's own cell writer.
      const s = styles.addStyleModel(rowStyles[i]!, type);
      const ref = `${letters[i]}${r}`;
      const sAttr = s ? ` s="${s}"` : '';
      if (type === ExcelJS.ValueType.Null) {
        if (s) cells += `<c r="${ref}"${sAttr}/>`;
        continue;
      }
      anyValue = true;
      cells += type === ExcelJS.ValueType.Number ? `<c r="${ref}"${sAttr}><v>${v}</v></c>` : textCell(ref, sAttr, v as string);
    }
    if (!anyValue) continue;
    xml += `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''} spans="1:${rowStyles.length}" x14ac:dyDescent="0.25">${cells}</row>`;
    if (xml.length > CHUNK) {
      w.stream.write(xml);
      xml = '';
    }
  }
  if (xml) w.stream.write(xml);
  w._rowZero = number;
}
