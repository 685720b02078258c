// What a score cell shows and what a keystroke means in the grid. Pure, so the rules read in one place.
import { formatTenths, parseScore } from '../../../services/results/rules';
import type { PartStatus } from '../../../services/vocabulary/words';

export interface PartView {
  part: string;
  score: number | null;
  /** 'carried': kept from an earlier pass for a retake (shown as 保留 with its score). */
  status: PartStatus | 'carried';
  carried: boolean;
  /** The session a carried part was passed in (shown on hover). */
  carriedFrom?: { sessionId: number; name: string } | null;
  /** What happened, for a 违纪. */
  note?: string | null;
}

/** The value sent to results.set for what the officer did in a cell. */
export type CellWrite = { score: number } | { absent: true } | { misconduct: true; note?: string } | { clear: true } | { restoreCarried: true };

export type Commit = { ok: true; write: CellWrite; view: PartView | null } | { ok: false; message: string };

/** Reads typed text the way the server will (services/results/rules.ts), so a refusal shows at once. */
export function commitText(part: string, text: string): Commit {
  if (text.trim() === '') return { ok: true, write: { clear: true }, view: null };
  const parsed = parseScore(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (parsed.status !== 'scored') return mark(part, parsed.status);
  return { ok: true, write: { score: parsed.tenths / 10 }, view: { part, score: parsed.tenths / 10, status: 'scored', carried: false } };
}

export function mark(part: string, status: 'absent' | 'misconduct', note?: string): Commit & { ok: true } {
  return status === 'absent'
    ? { ok: true, write: { absent: true }, view: { part, score: null, status: 'absent', carried: false } }
    : { ok: true, write: note ? { misconduct: true, note } : { misconduct: true }, view: { part, score: null, status: 'misconduct', carried: false, note: note ?? null } };
}

/**
 * The write that puts a cell back as it was before a change (Ctrl+Z): a new change through
 * results.set like any other, so the history keeps both. A carried part is put back from its pass.
 */
export function undoWrite(before: PartView | null): CellWrite {
  if (!before) return { clear: true };
  if (before.status === 'carried') return { restoreCarried: true };
  if (before.status === 'absent') return { absent: true };
  if (before.status === 'misconduct') return before.note ? { misconduct: true, note: before.note } : { misconduct: true };
  return { score: before.score! };
}

export function scoreText(score: number): string {
  return formatTenths(Math.round(score * 10));
}

/** Keys that start typing a score in a cell that is not being edited. */
export function startsScore(key: string): boolean {
  return /^[0-9.０-９．。]$/.test(key);
}
