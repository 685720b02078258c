// Schema version 8: private signing keys are kept outside the database (services/certificates/
// keyStore.ts), so a backup or a copied data file cannot sign a certificate. A migration touches
// only the database and cannot write the key file, so a key already in signing_keys stays until
// the first open after the upgrade moves it out (signing.ts moveSigningKeysOut) and blanks it;
// from here on the schema refuses to take a private key in again.
import type { DB } from '../database';

export const version = 8;

export function up(db: DB): void {
  db.exec(`
    CREATE TRIGGER signing_keys_no_private_key_insert BEFORE INSERT ON signing_keys WHEN NEW.private_key <> ''
      BEGIN SELECT RAISE(ABORT, 'signing_keys: private keys are kept outside the database'); END;
    CREATE TRIGGER signing_keys_no_private_key_update BEFORE UPDATE OF private_key ON signing_keys WHEN NEW.private_key <> ''
      BEGIN SELECT RAISE(ABORT, 'signing_keys: private keys are kept outside the database'); END;
  `);
}
