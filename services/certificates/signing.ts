// The installation's Ed25519 key pair (signing_keys): created on first use, the public half exportable,
// so anyone holding it can check a certificate's QR code offline.
import fs from 'node:fs';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
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

interface KeyRow {
  public_key: string;
  private_key: string;
  created_at: string;
}

let cache: { db: unknown; privateKey: KeyObject; keyId: string } | null = null;

/** The active key pair, created (and audited) the first time this installation signs anything. */
export function activeSigner(ctx: Ctx): { keyId: string; sign(data: Buffer): Buffer } {
  if (cache?.db !== ctx.db) {
    const row = inTransaction(ctx.db, () => {
      const existing = ctx.db.prepare('SELECT public_key, private_key, created_at FROM signing_keys WHERE active = 1 ORDER BY id DESC LIMIT 1').get() as KeyRow | undefined;
      if (existing) return existing;
      const pair = generateKeyPairSync('ed25519');
      const created: KeyRow = {
        public_key: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        private_key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        created_at: nowIso(),
      };
      ctx.db.prepare('INSERT INTO signing_keys (public_key, private_key, created_at, active) VALUES (?, ?, ?, 1)').run(created.public_key, created.private_key, created.created_at);
      recordAudit(ctx, { entity: 'setting', entityId: 'signing_key', action: 'create', newValue: { keyId: keyIdOf(pair.publicKey), publicKey: created.public_key } });
      return created;
    });
    cache = { db: ctx.db, privateKey: createPrivateKey(row.private_key), keyId: keyIdOf(createPublicKey(row.public_key)) };
  }
  const { privateKey, keyId } = cache;
  return { keyId, sign: (data) => sign(null, data, privateKey) };
}

export function exportPublicKey(ctx: Ctx, out?: string): SigningKey & { path?: string } {
  const file = out ? checkOutputPath(ctx, out) : undefined;
  activeSigner(ctx);
  const row = ctx.db.prepare('SELECT public_key, created_at FROM signing_keys WHERE active = 1 ORDER BY id DESC LIMIT 1').get() as KeyRow;
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
