// What a score cell shows and what a keystroke means in the grid. Pure, so the rules read in one place.
import { formatTenths, parseScore } from '../../../services/results/rules';
import type { PartStatus } from '../../../services/vocabulary/words';

export interface PartView {
  part: string;
  score: number | null;
  /** 'carried': kept from an earlier pass for a retake (shown as 保留 with its score). */
  status: PartStatus | 'carried';
  carried: boolean;
}

/** The value sent to results.set for what the officer did in a cell. */
export type CellWrite = { score: number } | { absent: true } | { misconduct: true } | { clear: true };

export type Commit = { ok: true; write: CellWrite; view: PartView | null } | { ok: false; message: string };

/** Reads typed text the way the server will (services/results/rules.ts), so a refusal shows at once. */
export function commitText(part: string, text: string): Commit {
  if (text.trim() === '') return { ok: true, write: { clear: true }, view: null };
  const parsed = parseScore(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (parsed.status !== 'scored') return mark(part, parsed.status);
  return { ok: true, write: { score: parsed.tenths / 10 }, view: { part, score: parsed.tenths / 10, status: 'scored', carried: false } };
}

export function mark(part: string, status: 'absent' | 'misconduct'): Commit & { ok: true } {
  return status === 'absent'
    ? { ok: true, write: { absent: true }, view: { part, score: null, status: 'absent', carried: false } }
    : { ok: true, write: { misconduct: true }, view: { part, score: null, status: 'misconduct', carried: false } };
}

export function scoreText(score: number): string {
  return formatTenths(Math.round(score * 10));
}

/** Keys that start typing a score in a cell that is not being edited. */
export function startsScore(key: string): boolean {
  return /^[0-9.０-９．]$/.test(key);
}
