// The reusable table reader: finds the header, maps columns to fields, and hands back every data
// row as tidy cells with the row number Excel shows. Rosters, score sheets and certificate
// number lists all come through here.
import { AppError } from '../errors';
import { EMPTY_CELL, readCell, type Cell } from './cells';
import { detectHeader, HeaderMatcher, headerSignature, type FieldSpec } from './headers';
import type { ColumnMapping } from './mappings';
import { fileName, loadBytes, type FileInput } from './files';
import { inspectWorkbook, type MergeRange } from './container';
import { readSheetRows, sheetContext } from './sheetXml';
import { columnLetter } from '../vocabulary/text';
import { readOtherWorkbook, sniffFormat } from './otherFormats';

export type { FieldSpec } from './headers';
export type { Cell } from './cells';

/** The header must sit within the first rows; titles and notes above it rarely take more than a few. */
const HEADER_SCAN_ROWS = 30;

export interface ReadOptions {
  /** The hand mapping remembered for a header shape (its signature), if any (mappings.ts). */
  remembered?: (signature: string) => ColumnMapping | null;
  /** Column letter → field key, '' to ignore a column; wins over what was detected or remembered. */
  mapping?: ColumnMapping;
  /** Called every few thousand rows while a large file is read. */
  onProgress?: (progress: { rows: number; totalRows: number | null }) => void;
  /**
   * Each data row as soon as it is read (merged cells already filled), instead of all of them in
   * Table.rows at the end: a 100,000-row file is checked while it is still being read.
   */
  onRow?: (row: TableRow, sheet: SheetLayout) => void;
  /** The sheet the officer picked (its name); without it the first sheet whose header fits is read. */
  sheet?: string;
  /** Rows hidden in Excel are read too (by default they are left out, and counted in hiddenRows). */
  includeHidden?: boolean;
  /**
   * What the import needs of a header beyond its required fields (a score sheet: a column for one of
   * the session's parts): the refusal when it lacks it, and the next sheet is tried.
   */
  fits?: (columns: readonly TableColumn[], headerRow: number) => AppError | null;
}

export interface TableColumn {
  letter: string;
  /** The header as written in the file (two header rows joined: 考核成绩 / 理论知识 → 理论知识). */
  title: string;
  field: string | null;
  /** Where the field came from: matched by its title, a remembered hand mapping, or this call's mapping. */
  source: 'auto' | 'remembered' | 'manual' | null;
}

export interface TableRow {
  /** The row number as Excel shows it. */
  row: number;
  cells: Record<string, Cell>;
  /** Hidden in Excel: read only when the officer includes hidden rows. */
  hidden?: boolean;
}

/** What is known of the sheet once its header is found: everything in Table but its rows. */
export type SheetLayout = Omit<Table, 'rows' | 'rowCount' | 'hiddenRows'>;

export interface Table {
  sheetName: string;
  /** Excel row number of the (last) header row. */
  headerRow: number;
  columns: TableColumn[];
  /** The header's shape, under which a hand mapping is remembered. */
  signature: string;
  /** The data rows; emptied by releaseRows once they have been checked. */
  rows: TableRow[];
  /** How many data rows the sheet has (also after releaseRows). */
  rowCount: number;
  /** The workbook uses the 1904 date system (old Mac files): serials count from 1904-01-01. */
  date1904: boolean;
  /** Every sheet that could be read, in the order they are tried (visible first), for the officer to pick another. */
  sheets: string[];
  /** Data rows hidden in Excel and left out (includeHidden reads them). */
  hiddenRows: number[];
}


/** The file's title for a field (for messages), or the field's canonical title. */
export function columnTitle(table: Pick<Table, 'columns'>, spec: FieldSpec): string {
  return table.columns.find((c) => c.field === spec.field)?.title || spec.title;
}

/**
 * Lets go of the rows once every one has been checked: a 100,000-row sheet's cells (60 MB) are not
 * needed while the accepted rows are written.
 */
export function releaseRows(table: Table): void {
  table.rows = [];
}

export function cellOf(row: TableRow, field: string): Cell {
  return row.cells[field] ?? EMPTY_CELL;
}

/**
 * The first mapped cell that cannot be taken as it is (a formula whose result was never saved):
 * the row is refused for it, naming that column, rather than read as if the cell were blank.
 */
export function cellProblem(row: TableRow): { field: string; message: string } | null {
  for (const [field, cell] of Object.entries(row.cells)) if (cell.problem) return { field, message: cell.problem };
  return null;
}

/**
 * Lines under the data that are not people: 填表人/审核人 signatures, dates, notes and totals.
 * Everything from the first such line down is the sheet's footer.
 */
const FOOTER = /^(填表|填报|制表|审核|审批|复核|负责人|经办|联系人|联系电话|单位盖章|盖章|签字|签名|日期|备注|说明|注[:：]|合计|总计|小计)/;

function isFooter(first: Cell): boolean {
  return FOOTER.test(first.text.replace(/\s/g, ''));
}

/** A row's cells from column A up to `width` columns (exceljs row.values is 1-based and sparse). */
function rowCells(values: unknown, width = Infinity): Cell[] {
  const arr = Array.isArray(values) ? values : [];
  const out: Cell[] = [];
  const end = Math.min(arr.length - 1, width);
  for (let c = 1; c <= end; c++) out.push(readCell(arr[c]));
  return out;
}

/**
 * The first cell with text past `width` columns. Only the columns that hold a value are visited
 * (a row whose one value sits at XFD is not walked cell by cell).
 */
function firstTextBeyond(values: unknown[], width: number): Cell | undefined {
  let best: { col: number; cell: Cell } | undefined;
  for (const key of Object.keys(values)) {
    const col = Number(key);
    if (!(col > width) || (best && col > best.col)) continue;
    const cell = readCell(values[col]);
    if (cell.text !== '') best = { col, cell };
  }
  return best?.cell;
}

function buildColumns(titles: readonly string[], matcher: HeaderMatcher, remembered: ColumnMapping | null, manual: ColumnMapping | undefined): TableColumn[] {
  const taken = new Set<string>();
  const columns = titles.map((title, i): TableColumn => {
    const field = matcher.match(title);
    // A second column with the same meaning is left for the officer to map.
    if (field && !taken.has(field)) {
      taken.add(field);
      return { letter: columnLetter(i), title, field, source: 'auto' };
    }
    return { letter: columnLetter(i), title, field: null, source: null };
  });
  for (const [mapping, source] of [
    [remembered, 'remembered'],
    [manual, 'manual'],
  ] as const) {
    if (!mapping) continue;
    for (const [letter, rawField] of Object.entries(mapping)) {
      const field = rawField || null;
      if (field && !matcher.spec(field)) {
        throw new AppError('MAPPING_FIELD_UNKNOWN', `列 ${letter} 指定的字段「${field}」不存在，可选：${matcher.fields.map((f) => `${f.field}（${f.title}）`).join('、')}。`);
      }
      let col = columns.find((c) => c.letter === letter.toUpperCase());
      if (!col) {
        const index = columns.length;
        col = { letter: letter.toUpperCase(), title: '', field: null, source: null };
        if (col.letter !== columnLetter(index)) continue;
        columns.push(col);
      }
      // The field now belongs to this column only.
      if (field) for (const other of columns) if (other !== col && other.field === field) Object.assign(other, { field: null, source: null });
      col.field = field;
      col.source = field ? source : null;
    }
  }
  return columns;
}

function requireFields(columns: readonly TableColumn[], matcher: HeaderMatcher, headerRow: number, signature: string): void {
  const missing = matcher.fields.filter((f) => f.required && !columns.some((c) => c.field === f.field));
  if (missing.length === 0) return;
  const unmatched = columns.filter((c) => c.field === null && c.title).map((c) => `${c.letter} 列「${c.title}」`);
  throw new AppError(
    'IMPORT_COLUMNS_MISSING',
    `第${headerRow}行表头中找不到${missing.map((f) => `「${f.title}」`).join('、')}列。` +
      (unmatched.length ? `没有认出的列：${unmatched.join('、')}；请在预览中把它们对应到正确的字段，或把表头改成${missing.map((f) => `「${f.title}」`).join('、')}后重新导入。` : `请在表头中加上这些列后重新导入。`),
    { columns, signature, missing: missing.map((f) => f.field) },
  );
}

function noHeader(name: string, matcher: HeaderMatcher): AppError {
  const expected = matcher.fields.filter((f) => f.required).map((f) => f.title);
  return new AppError(
    'IMPORT_NO_HEADER',
    `在 ${name} 的前 ${HEADER_SCAN_ROWS} 行中找不到表头。表头一行应包含 ${expected.join('、')} 等列名；请检查是否选错了文件或工作表。`,
  );
}

/**
 * A merged cell spanning several rows gives every row its value (Excel keeps it in the top cell
 * only). The merges are known before the rows (inspectWorkbook), so each row is filled as it
 * passes: from the merges that cover it, whose top row was a data row. Merges never overlap, so
 * at most one merge a column covers a row.
 */
class MergeFill {
  /** Merges over several rows not reached yet, the lowest top last. */
  private readonly waiting: MergeRange[];
  /** The mapped columns (1-based) and their fields, left to right. */
  private readonly fields: [number, string][];
  /** By field: the value of the merge covering it, down to the merge's bottom row. */
  private readonly active = new Map<string, { bottom: number; value: Cell }>();

  constructor(merges: readonly MergeRange[], columns: readonly TableColumn[]) {
    this.waiting = merges.filter((m) => m.bottom > m.top).sort((a, b) => b.top - a.top);
    this.fields = columns.flatMap((c, i): [number, string][] => (c.field ? [[i + 1, c.field]] : []));
  }

  /**
   * Work per row is bounded by the mapped fields, however many merges the sheet declares or how
   * wide they are: only the fields a merge covers are looked at, and one merge at a time per field.
   */
  fill(row: TableRow): void {
    for (const [field, a] of this.active) {
      if (a.bottom < row.row) this.active.delete(field);
      else if (!row.cells[field]?.text) row.cells[field] = a.value;
    }
    // Merges starting above a row that is not data (blank, header) give nothing.
    while (this.waiting.length > 0 && this.waiting[this.waiting.length - 1]!.top < row.row) this.waiting.pop();
    while (this.waiting.length > 0 && this.waiting[this.waiting.length - 1]!.top === row.row) {
      const m = this.waiting.pop()!;
      for (const [col, field] of this.fields) {
        if (col < m.left || col > m.right) continue;
        const value = row.cells[field];
        if (value && value.text !== '') this.active.set(field, { bottom: m.bottom, value });
      }
    }
  }
}

/**
 * One worksheet as its rows stream past: the first rows are held until the header is found,
 * then every data row is kept as tidy cells mapped to fields, down to the footer.
 */
class SheetScan {
  private readonly scan: Cell[][] = [];
  /** Rows among the first ones that are hidden in Excel. */
  private readonly scanHidden = new Set<number>();
  private settled = false;
  private footer = false;
  /** Once the header is found: the sheet's layout, and the merges its rows are filled from. */
  private header: { layout: SheetLayout; merges: MergeFill; mapped: [number, string][]; width: number } | null = null;
  /** Data rows so far; handed to options.onRow instead when it is given. */
  readonly rows: TableRow[] = [];
  rowCount = 0;
  readonly hiddenRows: number[] = [];
  /** The header was found but lacks a required column: the next sheet may fit (a 成绩单 after a 花名册). */
  unfit: AppError | null = null;

  constructor(
    private readonly matcher: HeaderMatcher,
    private readonly options: ReadOptions,
    private readonly sheet: { sheetName: string; date1904: boolean; merges: readonly MergeRange[]; sheets: string[] },
  ) {}

  /** The layout, once the header is found. */
  get layout(): SheetLayout | null {
    return this.header?.layout ?? null;
  }

  /** A sheet without a header in its first rows is read to its end (the zip stream must be drained), but nothing of it is kept. */
  get skipping(): boolean {
    return this.settled && !this.header;
  }

  feed(rowNumber: number, values: unknown, hidden = false): void {
    if (this.skipping) return;
    if (!this.settled) {
      if (rowNumber <= HEADER_SCAN_ROWS) {
        while (this.scan.length < rowNumber - 1) this.scan.push([]);
        this.scan.push(rowCells(values));
        if (hidden) this.scanHidden.add(rowNumber);
        return;
      }
      this.settle();
      if (!this.header) return;
    }
    // Only the columns up to the last mapped one are read into cells; a value further right
    // matters only to tell a blank row or a footer.
    const width = this.header!.width;
    const cells = rowCells(values, width);
    this.consume(rowNumber, cells, Array.isArray(values) && values.length - 1 > width ? values : null, hidden);
  }

  finish(): void {
    if (!this.settled && this.scan.length > 0) this.settle();
  }

  private settle(): void {
    this.settled = true;
    const detected = detectHeader(this.scan, this.matcher);
    if (!detected) return;
    const headerRow = detected.first + detected.depth;
    const signature = headerSignature(detected.titles);
    const { remembered, mapping } = this.options;
    const columns = buildColumns(detected.titles, this.matcher, remembered && !mapping ? remembered(signature) : null, mapping);
    try {
      requireFields(columns, this.matcher, headerRow, signature);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      this.unfit = e;
      return;
    }
    const unfit = this.options.fits?.(columns, headerRow);
    if (unfit) {
      this.unfit = unfit;
      return;
    }
    const { sheetName, date1904, merges, sheets } = this.sheet;
    const mapped = columns.flatMap((c, i): [number, string][] => (c.field ? [[i, c.field]] : []));
    const width = mapped.length > 0 ? mapped[mapped.length - 1]![0] + 1 : 0;
    this.header = { layout: { sheetName, headerRow, columns, signature, date1904, sheets }, merges: new MergeFill(merges, columns), mapped, width };
    for (let r = headerRow; r < this.scan.length; r++) this.consume(r + 1, this.scan[r]!, null, this.scanHidden.has(r + 1));
  }

  /** `wider`: the row's values when they reach past `cells`. */
  private consume(rowNumber: number, cells: readonly Cell[], wider: unknown[] | null = null, hidden = false): void {
    if (this.footer) return;
    const first = cells.find((c) => c.text !== '') ?? (wider ? firstTextBeyond(wider, cells.length) : undefined);
    if (!first) return;
    if (isFooter(first)) {
      this.footer = true;
      return;
    }
    const { layout, merges } = this.header!;
    const mapped: Record<string, Cell> = {};
    let any = false;
    for (const [i, field] of this.header!.mapped) {
      const cell = cells[i];
      if (cell && (cell.text !== '' || cell.problem)) {
        mapped[field] = cell;
        any = true;
      }
    }
    if (!any) return;
    if (hidden && !this.options.includeHidden) {
      // Left out as Excel shows the sheet, but named, so the preview can say so and offer them.
      this.hiddenRows.push(rowNumber);
      return;
    }
    const row: TableRow = hidden ? { row: rowNumber, cells: mapped, hidden } : { row: rowNumber, cells: mapped };
    merges.fill(row);
    this.rowCount++;
    if (this.options.onRow) this.options.onRow(row, layout);
    else this.rows.push(row);
  }
}

/**
 * Reads the first sheet (in workbook order) that has a recognisable header. Streaming: a
 * 100,000-row file is read row by row as it inflates, never as a whole workbook object.
 */
export async function readTable(file: FileInput, fields: readonly FieldSpec[], options: ReadOptions = {}): Promise<Table> {
  const bytes = loadBytes(file);
  const name = fileName(file);
  const matcher = new HeaderMatcher(fields);
  const other = sniffFormat(bytes, name);
  if (other) {
    // Another format (otherFormats.ts) is held whole, its sheets in the order a person looks at them.
    const { sheets, date1904 } = readOtherWorkbook(bytes, name, other);
    return chooseSheet(
      name,
      sheets.map(({ name: sheetName, rows, merges }) => ({ sheetName, date1904, merges, totalRows: rows.length, read: (feed) => rows.forEach(([row, values]) => feed(row, values, false)) })),
      matcher,
      options,
    );
  }
  const facts = await inspectWorkbook(bytes, name);
  try {
    const context = await sheetContext(bytes, name, facts);
    return await chooseSheet(
      name,
      facts.sheets.map(({ name: sheetName, part }) => ({
        sheetName,
        date1904: facts.date1904,
        merges: facts.merges.get(sheetName) ?? [],
        totalRows: facts.rowCounts.get(sheetName) ?? null,
        read: (feed) => readSheetRows(bytes, name, part, context, (row, values, f) => feed(row, values, f.hidden)),
      })),
      matcher,
      options,
    );
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_UNREADABLE', `无法读取 ${name}：文件已损坏或不是 Excel 工作簿（${(e as Error).message}）。请用 Excel 打开后另存为 .xlsx 再导入。`);
  }
}

/** One sheet as the reader takes it, whatever the file's format: its rows are fed in order. */
interface SheetSource {
  sheetName: string;
  date1904: boolean;
  merges: readonly MergeRange[];
  totalRows: number | null;
  read(feed: (row: number, values: unknown, hidden: boolean) => void): void | Promise<void>;
}

/**
 * The sheet a person would take: the one the officer named, else the first (visible ones first)
 * whose header fits the import. A sheet whose header lacks a required column is passed over for
 * the next (a score import finds the 成绩单 after a 花名册); when none fits, the first such
 * sheet's refusal says which columns are missing.
 */
async function chooseSheet(name: string, sources: readonly SheetSource[], matcher: HeaderMatcher, options: ReadOptions): Promise<Table> {
  const sheets = sources.map((s) => s.sheetName);
  let tried = sources;
  if (options.sheet !== undefined) {
    tried = sources.filter((s) => s.sheetName === options.sheet);
    if (tried.length === 0) {
      throw new AppError('SHEET_NOT_FOUND', `${name} 中没有名为「${options.sheet}」的工作表。可以选择的工作表：${sheets.map((s) => `「${s}」`).join('、') || '（没有）'}。`, { sheets });
    }
  }
  let unfit: AppError | null = null;
  for (const source of tried) {
    const sheet = new SheetScan(matcher, options, { ...source, sheets });
    let seen = 0;
    await source.read((row, values, hidden) => {
      if (options.onProgress && ++seen % 5000 === 0) options.onProgress({ rows: seen, totalRows: source.totalRows });
      sheet.feed(row, values, hidden);
    });
    sheet.finish();
    const layout = sheet.layout;
    if (layout) {
      options.onProgress?.({ rows: sheet.rowCount, totalRows: sheet.rowCount });
      return { ...layout, rows: sheet.rows, rowCount: sheet.rowCount, hiddenRows: sheet.hiddenRows };
    }
    unfit ??= sheet.unfit;
  }
  if (unfit) throw unfit;
  throw noHeader(options.sheet === undefined ? name : `${name} 的工作表「${options.sheet}」`, matcher);
}
