// The certificate signing key's private half lives outside the database: in an owner-only file
// beside it (or, in the desktop app, encrypted by the OS). A backup or a copied data file can
// verify every certificate but cannot sign as this installation.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { call, createDB, runCli, tempDir } from '../helpers';
import { configureInstitution, finalizedSession } from '../certificates/fixtures';
import { qrCodesOnPage } from '../certificates/poppler';
import { openDatabase } from '../../db/database';
import { recordAudit } from '../../services/audit/audit';
import { keyIdOf } from '../../services/certificates/signing';
import type { Ctx } from '../../services/shared/context';

const keyFiles = (folder: string) => fs.readdirSync(folder).filter((f) => /^certdesk-signing-key-.+\.pem$/.test(f));

/** Where a PEM's secret lies: its base64 body, which a backup must not hold in any form. */
const secretOf = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');

function holds(file: string, needle: string): boolean {
  return fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(needle));
}

async function issuedOffice(ctx: Ctx) {
  await configureInstitution(ctx);
  const { sessionId } = await finalizedSession(ctx);
  const { issued } = await call(ctx, 'certificates.issue', { sessionId, date: '2024-07-01' });
  return issued[0]!.number;
}

function printCli(file: string, number: string): string {
  const out = path.join(tempDir(), 'c.pdf');
  const run = runCli(['certificates', 'pdf', '--number', number, '--out', out, '--db', file]);
  expect(run.stderr).toBe('');
  return qrCodesOnPage(out, 1)[0]!;
}

const keyIdOfQr = async (ctx: Ctx, qr: string) => {
  const v = await call(ctx, 'certificates.verify', { text: qr });
  expect(v.valid).toBe(true);
  return v.valid ? v.keyId : '';
};

describe('the signing key', () => {
  it('is kept in an owner-only file beside the data file, never in the database or a backup, and signs again after a restart', async () => {
    const { db, file, ctx } = createDB();
    const number = await issuedOffice(ctx);
    const out = path.join(tempDir(), 'c.pdf');
    await call(ctx, 'certificates.pdf', { numbers: [number], out });
    const keyId = await keyIdOfQr(ctx, qrCodesOnPage(out, 1)[0]!);
    const folder = path.dirname(file);
    expect(keyFiles(folder)).toEqual([`certdesk-signing-key-${keyId}.pem`]);
    const keyFile = path.join(folder, keyFiles(folder)[0]!);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const pem = fs.readFileSync(keyFile, 'utf8');
    expect(pem).toContain('PRIVATE KEY');
    expect(db.prepare('SELECT private_key FROM signing_keys').all()).toEqual([{ private_key: '' }]);

    const backup = await call(ctx, 'backup.create', {});
    for (const f of [backup.file, file, `${file}-wal`]) {
      expect(holds(f, 'PRIVATE KEY'), f).toBe(false);
      expect(holds(f, secretOf(pem)), f).toBe(false);
    }
    db.close();
    // A new process, the same key.
    const reopened = openDatabase(file);
    expect(await keyIdOfQr({ db: reopened, operator: 'test' }, printCli(file, number))).toBe(keyId);
    reopened.close();
  });

  it('is moved out of a database written before keys were kept outside it, at the first open, before a backup can copy it', async () => {
    const { db, file } = createDB(7);
    const pair = generateKeyPairSync('ed25519');
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    db.prepare("INSERT INTO signing_keys (public_key, private_key, created_at, active) VALUES (?, ?, '2024-01-01T00:00:00.000Z', 1)").run(
      pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      pem,
    );
    db.close();
    const out = path.join(tempDir(), 'after-upgrade.sqlite');
    const run = runCli(['backup', '--out', out, '--db', file, '--json']);
    expect(run.stderr).toBe('');
    expect(holds(out, 'PRIVATE KEY')).toBe(false);
    expect(holds(out, secretOf(pem))).toBe(false);
    expect(holds(file, secretOf(pem))).toBe(false);
    const [keyFile] = keyFiles(path.dirname(file));
    expect(fs.readFileSync(path.join(path.dirname(file), keyFile!), 'utf8')).toBe(pem);
    expect(fs.statSync(path.join(path.dirname(file), keyFile!)).mode & 0o777).toBe(0o600);
    const ctx: Ctx = { db: openDatabase(file), operator: 'test' };
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE entity_id = 'signing_key'").all()).toEqual([{ action: 'move' }]);
    // The same key signs: the certificates it signed before and the ones it signs now agree.
    const number = await issuedOffice(ctx);
    const qr = printCli(file, number);
    expect(await keyIdOfQr(ctx, qr)).toBe(keyFile!.replace(/^certdesk-signing-key-|\.pem$/g, ''));
    ctx.db.close();
  });

  it('is not in a copied data file: the copy verifies what was signed, and signs only with a new key of its own, audited', async () => {
    const { db, file, ctx } = createDB();
    const number = await issuedOffice(ctx);
    const out = path.join(tempDir(), 'c.pdf');
    await call(ctx, 'certificates.pdf', { numbers: [number], out });
    const original = qrCodesOnPage(out, 1)[0]!;
    const oldKey = await keyIdOfQr(ctx, original);
    db.close();
    const copy = path.join(tempDir(), 'copied.sqlite');
    fs.copyFileSync(file, copy);

    const checked = runCli(['verify', original, '--db', copy, '--json']);
    expect(checked.json).toMatchObject({ valid: true, status: 'issued', keyId: oldKey });
    const reprinted = printCli(copy, number);
    const copyCtx: Ctx = { db: openDatabase(copy), operator: 'test' };
    const newKey = await keyIdOfQr(copyCtx, reprinted);
    expect(newKey).not.toBe(oldKey);
    expect(await keyIdOfQr(copyCtx, original)).toBe(oldKey);
    const audit = copyCtx.db.prepare("SELECT action, reason FROM audit_log WHERE entity_id = 'signing_key' ORDER BY seq").all() as { action: string; reason: string | null }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'create']);
    expect(audit[1]!.reason).toContain(oldKey);
    expect(keyFiles(path.dirname(copy))).toEqual([`certdesk-signing-key-${newKey}.pem`]);
    // The original installation still signs with its own key.
    expect(await keyIdOfQr(copyCtx, printCli(file, number))).toBe(oldKey);
    copyCtx.db.close();
  });

  it('is moved out of a backup from before as soon as it is restored, and the restored key signs, not the one held before', async () => {
    const legacy = createDB(7);
    const pair = generateKeyPairSync('ed25519');
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    legacy.db.prepare("INSERT INTO signing_keys (public_key, private_key, created_at, active) VALUES (?, ?, '2024-01-01T00:00:00.000Z', 1)").run(
      pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      pem,
    );
    // As CertDesk recorded a new key then (backup checks refuse a key the audit chain never saw).
    recordAudit(legacy.ctx, { entity: 'setting', entityId: 'signing_key', action: 'create', newValue: { keyId: keyIdOf(pair.publicKey) } });
    legacy.db.close();
    const { db, file, ctx } = createDB();
    const number = await issuedOffice(ctx);
    const before = path.join(tempDir(), 'before.pdf');
    await call(ctx, 'certificates.pdf', { numbers: [number], out: before });
    const liveKey = await keyIdOfQr(ctx, qrCodesOnPage(before, 1)[0]!);

    await call(ctx, 'backup.restore', { file: legacy.file });
    expect(db.prepare('SELECT private_key FROM signing_keys').all()).toEqual([{ private_key: '' }]);
    const backup = await call(ctx, 'backup.create', {});
    expect(holds(backup.file, secretOf(pem))).toBe(false);
    expect(holds(file, secretOf(pem))).toBe(false);
    const restoredKey = keyFiles(path.dirname(file)).find((f) => f !== `certdesk-signing-key-${liveKey}.pem`)!;
    expect(fs.readFileSync(path.join(path.dirname(file), restoredKey), 'utf8')).toBe(pem);
    // The restored file has no certificates; one issued now is signed by the restored key.
    const again = await issuedOffice(ctx);
    const after = path.join(tempDir(), 'after.pdf');
    await call(ctx, 'certificates.pdf', { numbers: [again], out: after });
    expect(await keyIdOfQr(ctx, qrCodesOnPage(after, 1)[0]!)).toBe(restoredKey.replace(/^certdesk-signing-key-|\.pem$/g, ''));
    db.close();
  });
});
