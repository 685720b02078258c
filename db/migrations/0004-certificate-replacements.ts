// Schema version 4: an index on certificates.replaces_id, so finding the certificate that
// replaced a voided one (补发) is a lookup, not a scan of every certificate ever issued.
import type { DB } from '../database';

export const version = 4;

export function up(db: DB): void {
  db.exec('CREATE INDEX certificates_replaces ON certificates(replaces_id)');
}
