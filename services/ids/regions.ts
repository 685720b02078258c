// Region codes (地址码) of ID numbers, GB/T 2260: docs/identity.md § Region codes. A code no list of
// any year knows is worth a second look at the card, never a refusal: our lists have gaps (years we
// could not obtain), and a person keeps the code of the county where they were first registered even
// after that county is renamed or merged away.
import { REGION_CODES, REGION_YEARS } from './regionCodes.data';

let known: Set<string> | null = null;

function codes(): Set<string> {
  if (known) return known;
  known = new Set();
  for (const group of REGION_CODES.split(' ')) {
    const [head, tails] = group.split(':') as [string, string];
    for (let i = 0; i < tails.length; i += 2) known.add(head + tails.slice(i, i + 2));
  }
  return known;
}

/** Whether any year's list holds this six-digit code. */
export function regionCodeKnown(code: string): boolean {
  return codes().has(code);
}

/** "1980–2020": the years the lists cover, for messages. */
export function regionYearsText(): string {
  return `${REGION_YEARS[0]}–${REGION_YEARS[REGION_YEARS.length - 1]}`;
}
