// Where the private half of a signing key lives: never in the database, so a backup or a copied
// data file can verify certificates (the public keys stay in signing_keys) but cannot sign one.
// By default a file beside the database, readable by this OS account only; the desktop app
// supplies a store that encrypts with the operating system's key store (electron/keyStore.ts).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import type { DB } from '../../db/database';

export interface KeyStore {
  /** Where the keys are kept, in words for the audit log and messages. */
  readonly where: string;
  /** The PKCS#8 PEM of the key, or null when this store holds none (a copied or restored data file). */
  read(keyId: string): string | null;
  /** Keeps a new key; never overwrites one already kept (the same key again is fine). */
  create(keyId: string, privateKeyPem: string): void;
}

/** `certdesk-signing-key-<keyId>.pem` beside the data file: one file per key, so keys of two data files in one folder never collide. */
export function keyFileName(keyId: string, extension = 'pem'): string {
  return `certdesk-signing-key-${keyId}.${extension}`;
}

/**
 * Writes `bytes` to a new file, owner-only (0600), refusing to replace one (O_EXCL), flushed to
 * disk before it returns: the database forgets a key only after its file is safely written.
 */
export function writeKeyFile(file: string, bytes: Buffer | string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  } catch (e) {
    throw new AppError('SIGNING_KEY_WRITE_FAILED', `无法保存证书签名私钥 ${file}：${(e as Error).message}。请检查数据文件所在文件夹的权限。`);
  }
  try {
    fs.writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // The umask cannot widen 0600, but an ACL-less file system may ignore the mode: say it again.
  fs.chmodSync(file, 0o600);
}

/** The default: a PEM file per key in `folder`, mode 0600. */
export function fileKeyStore(folder: string): KeyStore {
  const fileOf = (keyId: string) => path.join(folder, keyFileName(keyId));
  return {
    where: folder,
    read(keyId) {
      const file = fileOf(keyId);
      if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
      // The desktop app keeps its keys encrypted by the OS; this process cannot open them, but a
      // key that exists must not be replaced by a new one behind the desktop app's back.
      if (fs.existsSync(path.join(folder, keyFileName(keyId, 'safestorage')))) {
        throw new AppError(
          'SIGNING_KEY_DESKTOP_ONLY',
          `此数据文件的证书签名私钥由桌面版加密保存在本机系统的密钥库中（${folder}），命令行无法使用。请在 CertDesk 桌面版中打印证书。`,
        );
      }
      return null;
    },
    create(keyId, pem) {
      const file = fileOf(keyId);
      if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === pem) return;
      writeKeyFile(file, pem);
    },
  };
}

/** A database in memory (tests) keeps its keys in memory too: nothing is written beside it. */
const inMemory = new WeakMap<DB, Map<string, string>>();

function memoryKeyStore(db: DB): KeyStore {
  let keys = inMemory.get(db);
  if (!keys) inMemory.set(db, (keys = new Map()));
  const held = keys;
  return {
    where: '内存',
    read: (keyId) => held.get(keyId) ?? null,
    create: (keyId, pem) => void held.set(keyId, pem),
  };
}

type KeyStoreFactory = (databaseFile: string) => KeyStore;

let factory: KeyStoreFactory = (databaseFile) => fileKeyStore(path.dirname(path.resolve(databaseFile)));

/** The desktop app's main process hands in its store (electron/keyStore.ts) before it opens the database. */
export function useKeyStore(make: KeyStoreFactory): void {
  factory = make;
}

export function keyStoreFor(db: DB): KeyStore {
  return db.memory ? memoryKeyStore(db) : factory(db.name);
}
