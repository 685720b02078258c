// A profile made from the platform's own template workbook (docs/exchange.md): the template's
// header row defines the columns, cell for cell; each header is matched to a field by its title
// or an alias, and headers nothing matches are reported for the officer to map (profile map) or
// leave empty. The rows above the header (a title, a note) are written back as they were.
import ExcelJS from 'exceljs';
import { readTable } from '../spreadsheets/reader';
import { loadBytes, fileName, type FileInput } from '../spreadsheets/files';
import { sniffFormat } from '../spreadsheets/otherFormats';
import type { Ctx } from '../shared/context';
import { EXCHANGE_FIELDS } from './fields';
import { standardCodeLists } from './codes';
import { saveProfile, type DateFormat, type Profile, type ProfileColumn, type ProfileDefinition } from './profiles';

/** Fields the standard code lists cover: a template column holding one is coded from the start. */
const CODED = new Set(Object.keys(standardCodeLists()));

/** A template without 姓名 and 证件号码 is not an upload of people: the reader says which is missing. */
const TEMPLATE_FIELDS = EXCHANGE_FIELDS.map((f) => (f.field === 'name' || f.field === 'idNumber' ? { ...f, required: true } : f));

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/**
 * The header row and the rows above it as written, cell for cell (an .xlsx template), and the
 * merged ranges among them: a title merged across the sheet is held once, in its first cell, as
 * Excel shows it, and merged again when the upload is written.
 */
async function writtenRows(bytes: Buffer, sheetName: string, headerRow: number): Promise<{ rows: string[][]; merges: string[] } | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const ws = wb.getWorksheet(sheetName);
  if (!ws) return null;
  const rows: string[][] = [];
  for (let r = 1; r <= headerRow; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      // exceljs gives every cell of a merged range the first cell's value.
      cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : cellText(cell.value));
    }
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells);
  }
  const merges = ((ws.model as { merges?: string[] }).merges ?? []).filter((m) => Number(/(\d+)$/.exec(m)?.[1] ?? Infinity) <= headerRow);
  return { rows, merges };
}

export interface TemplateProfile {
  profile: Profile;
  /** Headers no field matched: written empty until the officer maps them. */
  unmatched: { column: string; header: string }[];
}

/** A template read, nothing saved: what the window's editor shows before the officer maps and saves. */
export interface TemplateDraft {
  definition: ProfileDefinition;
  /** The rows above the header and the header row, as the template writes them. */
  headerRows: string[][];
  unmatched: { column: string; header: string }[];
}

export async function readTemplate(file: FileInput, opts: { dateFormat?: DateFormat; rows?: ProfileDefinition['rows'] } = {}): Promise<TemplateDraft> {
  const table = await readTable(file, TEMPLATE_FIELDS);
  const bytes = loadBytes(file);
  const written = sniffFormat(bytes, fileName(file)) ? null : await writtenRows(bytes, table.sheetName, table.headerRow);
  const headerCells = written?.rows[table.headerRow - 1];
  const columns: ProfileColumn[] = table.columns.map((c, i) => {
    const header = headerCells?.[i] ?? c.title;
    // 「*姓名」 or 「姓名（必填）」: the template's own mark of a column the platform requires.
    const required = /^\s*[*＊]|[*＊]\s*$|必填/.test(header);
    return { header, field: c.field, ...(c.field && CODED.has(c.field) ? { coded: true } : {}), ...(required ? { required: true } : {}) };
  });
  while (columns.length && columns[columns.length - 1]!.header === '' && columns[columns.length - 1]!.field === null) columns.pop();
  const above = written ? written.rows.slice(0, table.headerRow - 1) : [];
  return {
    definition: {
      rows: opts.rows ?? 'passed',
      sheetName: table.sheetName,
      headerRow: table.headerRow,
      above,
      ...(written?.merges.length ? { merges: written.merges } : {}),
      columns,
      dateFormat: opts.dateFormat ?? 'YYYY-MM-DD',
      codes: standardCodeLists(),
    },
    headerRows: [...above, columns.map((c) => c.header)],
    unmatched: table.columns.flatMap((c, i) => (c.field === null && (columns[i]?.header ?? '') !== '' ? [{ column: c.letter, header: columns[i]!.header }] : [])),
  };
}

/**
 * Reads the template and saves it at once (the command line). A column the template marks
 * required that no field matched is saved as not required, since nothing could fill it; the
 * officer maps it (profile map … --required 是) and the unmatched list names it.
 */
export async function profileFromTemplate(
  ctx: Ctx,
  file: FileInput,
  opts: { name: string; dateFormat?: DateFormat; rows?: ProfileDefinition['rows'] },
): Promise<TemplateProfile> {
  const draft = await readTemplate(file, opts);
  const columns = draft.definition.columns.map(({ required, ...c }) => (required && c.field !== null ? { ...c, required } : c));
  const profile = saveProfile(ctx, opts.name, { ...draft.definition, columns });
  return { profile, unmatched: draft.unmatched };
}
