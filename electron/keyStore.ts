// The desktop app's signing key store: each private key encrypted by the operating system's key
// store (Electron safeStorage: Keychain, DPAPI, libsecret) in an owner-only file beside the data
// file, so neither a backup nor a copy of the folder to another account or computer can sign.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { fileKeyStore, keyFileName, writeKeyFile, type KeyStore } from '../services/certificates/keyStore';

export function safeStorageKeyStore(databaseFile: string): KeyStore {
  const folder = path.dirname(path.resolve(databaseFile));
  // Linux without a keyring: the owner-only file, like the command line's.
  if (!safeStorage.isEncryptionAvailable()) return fileKeyStore(folder);
  const encrypted = (keyId: string) => path.join(folder, keyFileName(keyId, 'safestorage'));
  const plain = (keyId: string) => path.join(folder, keyFileName(keyId));
  return {
    where: `${folder}（由系统密钥库加密）`,
    read(keyId) {
      if (fs.existsSync(encrypted(keyId))) return safeStorage.decryptString(fs.readFileSync(encrypted(keyId)));
      // A key the command line made or moved out stays in its file and is used as it is.
      return fs.existsSync(plain(keyId)) ? fs.readFileSync(plain(keyId), 'utf8') : null;
    },
    create(keyId, pem) {
      if (this.read(keyId) === pem) return;
      writeKeyFile(encrypted(keyId), safeStorage.encryptString(pem));
    },
  };
}
