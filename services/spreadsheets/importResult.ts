// What every import returns: the CLI's fixed {imported, updated, rejected} plus, for the
// window, the preview rows and the columns as detected (so unmatched ones can be mapped by hand).
import type { Table, TableColumn } from './reader';
import type { Rejection } from './values';
import type { FieldSpec } from './headers';
import type { ColumnMapping } from './mappings';

/** The window shows this many rows in its preview table; the counts cover the whole file. */
export const PREVIEW_LIMIT = 500;

export interface ImportResult<P> {
  imported: number;
  updated: number;
  rejected: Rejection[];
  dryRun: boolean;
  /** The sheet read (`"sheet":"花名册"`), and every sheet the officer may pick instead. */
  sheet: string;
  sheets: string[];
  /** Data rows hidden in Excel, left out unless the officer includes them (includeHidden). */
  hiddenRows: number[];
  headerRow: number;
  rows: number;
  columns: TableColumn[];
  /** Every field a column can be mapped to, for the hand-mapping menu. */
  fields: { field: string; title: string; required: boolean }[];
  preview: P[];
  /** A roster's: who its accepted rows are (new, already registered, already in the session), over the whole file. */
  people?: ImportPeople;
}

export interface ImportPeople {
  /** Not yet registered: added as candidates and enrolled. */
  new: number;
  /** Registered already (in another session, or by hand), enrolled in this one now. */
  known: number;
  /** In this session already: only their details are refreshed. */
  enrolled: number;
  /** Of the known and enrolled, those whose details the file changes. */
  changed: number;
}

export function importResult<P>(
  table: Pick<Table, 'sheetName' | 'headerRow' | 'rowCount' | 'columns' | 'sheets' | 'hiddenRows'>,
  fields: readonly FieldSpec[],
  counts: { imported: number; updated: number; dryRun: boolean },
  rejected: Rejection[],
  preview: P[],
): ImportResult<P> {
  return {
    ...counts,
    rejected,
    sheet: table.sheetName,
    sheets: table.sheets,
    hiddenRows: table.hiddenRows,
    headerRow: table.headerRow,
    rows: table.rowCount,
    columns: table.columns,
    fields: fieldChoices(fields),
    preview,
  };
}

export function fieldChoices(fields: readonly FieldSpec[]): ImportResult<unknown>['fields'] {
  return fields.map((f) => ({ field: f.field, title: f.title, required: f.required === true }));
}

/** The columns mapped by hand in this call, to remember for the next file of the same shape. */
export function manualMapping(columns: readonly TableColumn[], given: ColumnMapping | undefined): ColumnMapping | null {
  if (!given || Object.keys(given).length === 0) return null;
  const out: ColumnMapping = {};
  for (const c of columns) if (c.source === 'manual' || (c.letter in given && c.field === null)) out[c.letter] = c.field ?? '';
  return out;
}
