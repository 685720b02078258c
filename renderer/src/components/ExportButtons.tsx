// The spreadsheet exports for a period (spreadsheets area); shown once those operations exist.
export function ExportButtons(_: { filter: { from?: string; to?: string; attempt?: 'first' | 'retake' } }) {
  return null;
}
