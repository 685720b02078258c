// Schema version 9 (data only): an old 15-digit 居民身份证 number on file is rewritten in its
// 18-digit form (GB 11643-1999: "19" before the birth year, then the check character), the form every
// number is now stored and looked up in, so that the same person typed either way is found once
// (docs/identity.md § One person, two numbers). A person on file under both forms keeps both rows:
// merging two records is an officer's decision, not a migration's.
import type { DB } from '../database';

export const version = 9;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Frozen here, as a migration must be: the same rule as services/ids/idNumber.ts upgradeOld15. */
function upgraded(n15: string): string {
  const first17 = `${n15.slice(0, 6)}19${n15.slice(6)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return first17 + CHECK_CHARS[sum % 11]!;
}

export function up(db: DB): void {
  const old = db
    .prepare("SELECT id, id_number AS n FROM candidates WHERE id_type = '居民身份证' AND length(id_number) = 15 AND id_number NOT GLOB '*[^0-9]*'")
    .all() as { id: number; n: string }[];
  const taken = db.prepare("SELECT 1 FROM candidates WHERE id_type = '居民身份证' AND id_number = ?");
  const rewrite = db.prepare('UPDATE candidates SET id_number = ? WHERE id = ?');
  for (const { id, n } of old) {
    const n18 = upgraded(n);
    if (!taken.get(n18)) rewrite.run(n18, id);
  }
}
