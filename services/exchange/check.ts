// Every row checked against the profile before an upload is written (docs/exchange.md): a field
// the platform requires that is empty, a value the profile's code list has no code for. Each
// problem names the row of the file, the person and the column, so the officer can fix the
// record (or the code list) before the platform refuses the row.
import { exchangeField } from './fields';
import type { Profile, ProfileColumn, DateFormat } from './profiles';
import type { UploadRow } from './rows';

export interface UploadProblem {
  /** The row of the file it would be written to. */
  row: number;
  name: string;
  idNumber: string;
  column: string;
  message: string;
}

/** A date in the profile's format: 2024-06-30, 20240630 or 2024/6/30. */
export function formatDate(iso: string, format: DateFormat): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  if (format === 'YYYYMMDD') return `${m[1]}${m[2]}${m[3]}`;
  if (format === 'YYYY/M/D') return `${m[1]}/${Number(m[2])}/${Number(m[3])}`;
  return iso;
}

/** What a column writes for a row, and the problem with it if any. */
export function cellValue(profile: Pick<Profile, 'codes' | 'dateFormat'>, column: ProfileColumn, row: UploadRow): { value: string; problem: string | null } {
  if (column.field === null) return { value: '', problem: null };
  const natural = row.values[column.field] ?? '';
  if (natural === '' || natural === '--') {
    const missing = column.required && natural === '';
    return { value: natural, problem: missing ? `${column.header}为空，省平台要求填写；请在考生信息中补录后再导出` : null };
  }
  if (column.coded) {
    const code = profile.codes[column.field]?.[natural];
    if (code === undefined) return { value: natural, problem: `${column.header}「${natural}」在交换格式的代码表中没有对应代码；请补上代码（profile code set）或改正考生信息` };
    return { value: code, problem: null };
  }
  return { value: exchangeField(column.field)?.date ? formatDate(natural, profile.dateFormat) : natural, problem: null };
}

/** The problems of every row, in file order; `firstRow` is the file row of the first data row. */
export function checkRows(profile: Profile, rows: readonly UploadRow[], firstRow: number): UploadProblem[] {
  const problems: UploadProblem[] = [];
  rows.forEach((r, i) => {
    for (const column of profile.columns) {
      const { problem } = cellValue(profile, column, r);
      if (problem) problems.push({ row: firstRow + i, name: r.values.name ?? '', idNumber: r.values.idNumber ?? '', column: column.header, message: problem });
    }
  });
  return problems;
}
