// The installation's Ed25519 key pairs: created on first use, the public half in signing_keys and
// exportable, so anyone holding it can check a certificate's QR code offline; the private half in
// the key store (keyStore.ts), never in the database.
import fs from 'node:fs';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { keyStoreFor, type KeyStore } from './keyStore';
import { checkOutputPath } from '../shared/outputPath';

export interface SigningKey {
  keyId: string;
  publicKeyPem: string;
  createdAt: string;
}

/** A short, stable name for a public key: 8 base64url characters of the SHA-256 of its SPKI bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 8);
}

export function readPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new AppError('CERT_PUBLIC_KEY_INVALID', '公钥文件无法读取：应为 PEM 格式（以 -----BEGIN PUBLIC KEY----- 开头），请向发证机构索取 certdesk certificates public-key 导出的文件。');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('CERT_PUBLIC_KEY_INVALID', '公钥不是 Ed25519 类型，不是 CertDesk 导出的证书核验公钥。');
  return key;
}

/** A signer of this installation: the key's short name and its signature of some bytes. */
export interface Signer {
  keyId: string;
  sign(data: Buffer): Buffer;
}

function signerOf(keyId: string, privateKeyPem: string): Signer {
  const privateKey = createPrivateKey(privateKeyPem);
  return { keyId, sign: (data) => sign(null, data, privateKey) };
}

/**
 * Moves any private key still in the database (CertDesk kept them there before) into the key
 * store, then blanks it, so no backup taken afterwards carries it. The key file is written and
 * read back first, and only then is the column cleared: a crash in between leaves the key in
 * both places, never in neither. Freed bytes are zeroed (secure_delete) and the WAL checkpointed,
 * since a backup copies pages, free ones included. Runs when a data file is opened
 * (cli/main.ts, electron/main.ts) and before anything is signed; returns how many keys moved.
 */
export function moveSigningKeysOut(ctx: Ctx): number {
  const rows = ctx.db.prepare("SELECT id, public_key AS publicKey, private_key AS privateKey FROM signing_keys WHERE private_key <> ''").all() as {
    id: number;
    publicKey: string;
    privateKey: string;
  }[];
  if (rows.length === 0) return 0;
  const store = keyStoreFor(ctx.db);
  const moved = rows.map((r) => {
    const keyId = keyIdOf(createPublicKey(r.publicKey));
    store.create(keyId, r.privateKey);
    if (store.read(keyId) !== r.privateKey) {
      throw new AppError('SIGNING_KEY_WRITE_FAILED', `证书签名私钥 ${keyId} 写入 ${store.where} 后读回不一致，未从数据文件中移出。请检查磁盘后重试。`);
    }
    return { ...r, keyId };
  });
  const secureDelete = ctx.db.pragma('secure_delete', { simple: true }) as number;
  ctx.db.pragma('secure_delete = ON');
  try {
    inTransaction(ctx.db, () => {
      for (const r of moved) {
        ctx.db.prepare("UPDATE signing_keys SET private_key = '' WHERE id = ?").run(r.id);
        recordAudit(ctx, { entity: 'setting', entityId: 'signing_key', action: 'move', newValue: { keyId: r.keyId, keptIn: store.where } });
      }
    });
  } finally {
    ctx.db.pragma(`secure_delete = ${secureDelete}`);
  }
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return moved.length;
}

/**
 * moveSigningKeysOut when a data file is opened, before anything else can copy it (a backup):
 * a key that cannot be moved now stays in the database, and signing says why.
 */
export function keepSigningKeysOut(ctx: Ctx): void {
  try {
    moveSigningKeysOut(ctx);
  } catch {
    // Nothing is lost: the key is still in the database, and activeSigner reports the failure.
  }
}

/** Makes a key pair, keeps its private half first, then records the public half as the active key. */
function newKeyPair(ctx: Ctx, store: KeyStore, replaces: string | null): Signer {
  const pair = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(pair.publicKey);
  const privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  store.create(keyId, privateKeyPem);
  inTransaction(ctx.db, () => {
    ctx.db.prepare('UPDATE signing_keys SET active = 0 WHERE active = 1').run();
    ctx.db.prepare("INSERT INTO signing_keys (public_key, private_key, created_at, active) VALUES (?, '', ?, 1)").run(publicKey, nowIso());
    recordAudit(ctx, {
      entity: 'setting',
      entityId: 'signing_key',
      action: 'create',
      newValue: { keyId, publicKey, keptIn: store.where, ...(replaces ? { replaces } : {}) },
      reason: replaces
        ? `本机没有签名密钥 ${replaces} 的私钥（数据文件是从备份恢复或从别处复制来的），已生成新的签名密钥 ${keyId}；此前签发的证书仍按原公钥核验。`
        : null,
    });
  });
  return signerOf(keyId, privateKeyPem);
}

const signers = new WeakMap<object, Signer>();

/**
 * The active key pair, created (and audited) the first time this installation signs anything.
 * A data file whose active key's private half is not in this computer's key store (a restored
 * backup, a copied file) cannot sign as that key: a new pair is made and audited. The signer is
 * kept per connection but checked against the active key each time: a restore writes another
 * file's content under the same connection.
 */
export function activeSigner(ctx: Ctx): Signer {
  moveSigningKeysOut(ctx);
  const active = ctx.db.prepare('SELECT public_key AS publicKey FROM signing_keys WHERE active = 1 ORDER BY id DESC LIMIT 1').get() as { publicKey: string } | undefined;
  const cached = signers.get(ctx.db);
  const keyId = active ? keyIdOf(createPublicKey(active.publicKey)) : null;
  if (cached && cached.keyId === keyId) return cached;
  const store = keyStoreFor(ctx.db);
  const pem = keyId === null ? null : store.read(keyId);
  const signer = pem === null ? newKeyPair(ctx, store, keyId) : signerOf(keyId!, pem);
  signers.set(ctx.db, signer);
  return signer;
}

export function exportPublicKey(ctx: Ctx, out?: string): SigningKey & { path?: string } {
  const file = out ? checkOutputPath(ctx, out) : undefined;
  activeSigner(ctx);
  const row = ctx.db.prepare('SELECT public_key, created_at FROM signing_keys WHERE active = 1 ORDER BY id DESC LIMIT 1').get() as { public_key: string; created_at: string };
  const key = { keyId: keyIdOf(createPublicKey(row.public_key)), publicKeyPem: row.public_key, createdAt: row.created_at };
  if (!file) return key;
  try {
    fs.writeFileSync(file, row.public_key);
  } catch (e) {
    throw new AppError('FILE_WRITE_FAILED', `无法写入 ${file}：${(e as Error).message}。请换一个文件夹。`);
  }
  return { ...key, path: file };
}

/** Every key this installation ever signed with (an old key still verifies the certificates it signed). */
export function knownPublicKeys(ctx: Ctx): Map<string, KeyObject> {
  const rows = ctx.db.prepare('SELECT public_key FROM signing_keys').all() as { public_key: string }[];
  return new Map(rows.map((r) => {
    const key = createPublicKey(r.public_key);
    return [keyIdOf(key), key] as const;
  }));
}

export function verifySignature(publicKey: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}
