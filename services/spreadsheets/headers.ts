// Finding the header row of an officer's sheet: wherever it is (title and note rows above it),
// over one row or two (a merged 「考核成绩」 over 理论知识 / 操作技能), in any column order, in
// the wording each association uses (domain.md § The spreadsheets officers exchange).
import type { Cell } from './cells';
import { tidyText } from '../vocabulary/text';

export interface FieldSpec {
  /** The key the importer uses, e.g. 'idNumber'. */
  field: string;
  /** The canonical column title, used in messages and in blank templates. */
  title: string;
  /** Other wordings that mean the same column. */
  aliases?: readonly string[];
  /** The file cannot be imported without this column. */
  required?: boolean;
}

/** Header text as compared: no spaces, no required-markers, half-width, brackets unified. */
export function normaliseHeader(raw: string): string {
  return tidyText(raw)
    .replace(/[\s*:：]/g, '')
    .replace(/[（【\[]/g, '(')
    .replace(/[）】\]]/g, ')')
    .toLowerCase();
}

function withoutNote(h: string): string {
  // 证件号码(必填) / 性别(男/女) → the part before the note.
  return h.replace(/\([^)]*\)$/, '');
}

export class HeaderMatcher {
  private readonly byTitle = new Map<string, string>();

  constructor(readonly fields: readonly FieldSpec[]) {
    for (const f of fields) {
      for (const t of [f.title, ...(f.aliases ?? [])]) {
        const key = normaliseHeader(t);
        if (!this.byTitle.has(key)) this.byTitle.set(key, f.field);
      }
    }
  }

  match(title: string): string | null {
    const h = normaliseHeader(title);
    if (!h) return null;
    return this.byTitle.get(h) ?? this.byTitle.get(withoutNote(h)) ?? null;
  }

  spec(field: string): FieldSpec | undefined {
    return this.fields.find((f) => f.field === field);
  }
}

export interface DetectedHeader {
  /** Index (0-based) into the rows handed in of the first header row. */
  first: number;
  /** 1 or 2 header rows. */
  depth: 1 | 2;
  /** The title of each column (index 0 = column A), as the officer wrote it. */
  titles: string[];
}

function matchedFields(titles: readonly string[], matcher: HeaderMatcher): number {
  const seen = new Set<string>();
  for (const t of titles) {
    const f = matcher.match(t);
    if (f) seen.add(f);
  }
  return seen.size;
}

/** Two header rows read as one: the lower title where there is one, else the upper (merged) title. */
function combine(upper: readonly Cell[], lower: readonly Cell[]): string[] {
  const n = Math.max(upper.length, lower.length);
  const out: string[] = [];
  for (let c = 0; c < n; c++) out.push(lower[c]?.text || upper[c]?.text || '');
  return out;
}

/**
 * The header is the row (or pair of rows) whose cells name the most known columns; at least
 * two must match, so a title row such as 「2024年物业管理员报名花名册」 is never taken for it.
 */
export function detectHeader(rows: readonly (readonly Cell[])[], matcher: HeaderMatcher): DetectedHeader | null {
  let best: DetectedHeader | null = null;
  let bestScore = 1;
  for (let r = 0; r < rows.length; r++) {
    const single = rows[r]!.map((c) => c.text);
    const score = matchedFields(single, matcher);
    if (score > bestScore) {
      best = { first: r, depth: 1, titles: single };
      bestScore = score;
    }
    const next = rows[r + 1];
    if (next) {
      const pair = combine(rows[r]!, next);
      const pairScore = matchedFields(pair, matcher);
      if (pairScore > bestScore && pairScore > score && pairScore > matchedFields(next.map((c) => c.text), matcher)) {
        best = { first: r, depth: 2, titles: pair };
        bestScore = pairScore;
      }
    }
  }
  return best ?? widestTextRow(rows);
}

/**
 * When no row names two known columns, the header is taken to be the first row with the most
 * text cells, so the officer can map its columns by hand (and that mapping can be remembered).
 */
function widestTextRow(rows: readonly (readonly Cell[])[]): DetectedHeader | null {
  let best: DetectedHeader | null = null;
  let bestCount = 1;
  rows.forEach((row, r) => {
    const count = row.filter((c) => c.text !== '' && !c.isNumber && !c.date).length;
    if (count > bestCount) {
      best = { first: r, depth: 1, titles: row.map((c) => c.text) };
      bestCount = count;
    }
  });
  return best;
}

/** The shape of a header, to remember a hand-made mapping for the next file that looks the same. */
export function headerSignature(titles: readonly string[]): string {
  return titles.map(normaliseHeader).join('|').replace(/\|+$/, '');
}
