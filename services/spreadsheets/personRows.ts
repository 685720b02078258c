// Who a row is about (姓名, 证件类型, 证件号码), read one way for every import that names people:
// a formula cell without its saved result refuses the row, the identity document is checked as a
// roster checks it (docs/identity.md: check character, the type the number belongs to, an old
// 15-digit number stored in its 18-digit form), the same person twice is refused where the file
// may name them once, and the refusals say the same thing in every import, under the column as
// the file titles it.
import type { Ctx } from '../shared/context';
import { findCandidateByIdNumber, type Candidate } from '../candidates/candidates';
import { normaliseName } from '../candidates/names';
import { checkIdNumber, type IdCheck, type IdType } from '../ids/idNumber';
import { cellOf, cellProblem, columnTitle, type SheetLayout, type TableRow } from './reader';
import type { FieldSpec } from './headers';
import { readIdNumber, type Rejection } from './values';

export interface PersonRow {
  /** The row number as Excel shows it. */
  row: number;
  /** As the registry stores a name (candidates/names.ts): stray spaces in a Chinese name gone. */
  name: string;
  idType: IdType;
  /** As stored and looked up: tidied, an old 15-digit 身份证 number in its 18-digit form. */
  idNumber: string;
  /** Worth a second look, never a refusal: an upgraded 15-digit number, a region code no list knows. */
  notes: string[];
}

/** idType|idNumber: one person. */
export const personKey = (c: { idType: string; idNumber: string }) => `${c.idType}|${c.idNumber}`;

/** The titles a refusal names when the caller's fields do not list the column. */
const DEFAULT_FIELDS: Record<string, FieldSpec> = {
  name: { field: 'name', title: '姓名' },
  idType: { field: 'idType', title: '证件类型' },
  idNumber: { field: 'idNumber', title: '证件号码' },
};

/**
 * What the preview says of a row's ID number without refusing it (docs/identity.md): an old 15-digit
 * number stored in its 18-digit form, a region code no year's GB/T 2260 list knows.
 */
export function idNotes(typed: string, c: { idType: string }): string[] {
  return notesOf(checkIdNumber(typed, c.idType));
}

function notesOf(check: IdCheck): string[] {
  if (!check.ok) return [];
  return [...(check.upgradedFrom ? [`15 位旧身份证号 ${check.upgradedFrom} 按国家标准升为 18 位 ${check.idNumber} 保存。`] : []), ...(check.warnings ?? [])];
}

/** A row naming a person the file already named: one wording for every import, `rule` saying why once is enough. */
export function duplicateMessage(firstRow: number, idNumber: string, rule: string): string {
  return `与第${firstRow}行是同一人（证件号码 ${idNumber}），${rule}。请删除重复的一行。`;
}

/**
 * Reads the person of each row of one sheet and keeps every refusal of the file, the caller's own
 * (reject) among them, in the order they were made: the file's order.
 */
export class PersonRows {
  readonly rejected: Rejection[] = [];
  private readonly firstRowOf = new Map<string, number>();

  /** `fields`: the import's columns and their header aliases (its 姓名 and 证件号码 among them). */
  constructor(
    private readonly sheet: Pick<SheetLayout, 'columns'>,
    private readonly fields: readonly FieldSpec[],
  ) {}

  private has(field: string): boolean {
    return this.sheet.columns.some((c) => c.field === field);
  }

  private title(field: string): string {
    return columnTitle(this.sheet, this.fields.find((f) => f.field === field) ?? DEFAULT_FIELDS[field] ?? { field, title: field });
  }

  /** Refuses the row under the column of `field`, naming whose row it is when that is known. */
  reject(row: number, field: string, message: string, name?: string): void {
    this.rejected.push({ row, column: this.title(field), message, ...(name ? { name } : {}) });
  }

  /** The row's person, or null when the row is refused (its refusal kept in `rejected`). */
  read(row: TableRow): PersonRow | null {
    const problem = cellProblem(row);
    const typedName = cellOf(row, 'name').text;
    if (problem) return this.reject(row.row, problem.field, problem.message, typedName), null;
    const name = normaliseName(typedName);
    if (!name) return this.reject(row.row, 'name', '姓名为空，请填写。'), null;
    const typed = readIdNumber(cellOf(row, 'idNumber'));
    if (!typed.ok) return this.reject(row.row, 'idNumber', typed.message, name), null;
    const idType = cellOf(row, 'idType').text;
    const check = checkIdNumber(typed.value, idType || undefined);
    if (!check.ok) {
      // A number of another document with no 证件类型 column to correct: the number is what to look at.
      const field = check.field === 'idType' && this.has('idType') ? 'idType' : 'idNumber';
      return this.reject(row.row, field, check.message, name), null;
    }
    return { row: row.row, name, idType: check.idType, idNumber: check.idNumber, notes: notesOf(check) };
  }

  /**
   * True the first time a person is met under `scope` (a file may name someone once, or once per
   * 课次); a later row is refused, saying which row came first and `rule`.
   */
  once(person: PersonRow, rule: string, scope = ''): boolean {
    const key = `${scope}#${personKey(person)}`;
    const first = this.firstRowOf.get(key);
    if (first !== undefined) {
      this.reject(person.row, 'idNumber', duplicateMessage(first, person.idNumber, rule), person.name);
      return false;
    }
    this.firstRowOf.set(key, person.row);
    return true;
  }

  /**
   * The registered candidate the row names, or null with the row refused: a number nobody is
   * registered under (`hint` says what to do first in this import), or a name that is not theirs.
   */
  registered(ctx: Ctx, person: PersonRow, hint: string): Candidate | null {
    const candidate = findCandidateByIdNumber(ctx, person.idNumber);
    if (!candidate) {
      this.reject(person.row, 'idNumber', `证件号码 ${person.idNumber} 不是已登记的考生，${hint}`, person.name);
      return null;
    }
    if (candidate.name !== person.name) {
      this.reject(person.row, 'name', `姓名「${person.name}」与证件号码 ${person.idNumber} 登记的考生「${candidate.name}」不符，请核对姓名或证件号码。`, person.name);
      return null;
    }
    return candidate;
  }
}
