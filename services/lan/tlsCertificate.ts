// The LAN server's HTTPS certificate: made for this installation the first time it is needed,
// kept beside the data file (the key owner-only, as the signing keys are: keyStore.ts) and reused
// on every later start, so its SHA-256 fingerprint stays the same and a colleague who compared it
// once can trust it. Self-signed: there is no authority on an office LAN; the fingerprint the
// window and `certdesk serve` show is what a colleague checks against the browser's warning.
//
// Made with pkijs over Node's webcrypto (no openssl on Windows desks). ECDSA P-256: every current
// browser accepts it, and it is made in milliseconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto, { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../errors';
import { writeKeyFile } from '../certificates/keyStore';

export interface TlsCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the DER certificate, as browsers show it: 64 hex digits in pairs, upper case, colon-separated. */
  fingerprint: string;
  certFile: string;
  keyFile: string;
}

/** `<data file>.lan-cert.pem` and `.lan-key.pem`: two data files in one folder keep their own. */
export function certificateFiles(databaseFile: string): { certFile: string; keyFile: string } {
  const base = path.resolve(databaseFile);
  return { certFile: `${base}.lan-cert.pem`, keyFile: `${base}.lan-key.pem` };
}

export function fingerprintOf(certPem: string): string {
  const hex = new crypto.X509Certificate(certPem).fingerprint256;
  return hex.toUpperCase();
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The names a colleague's browser may use for this computer: its name, localhost and every IPv4 address it has now. */
function currentNames(): { dns: string[]; ips: string[] } {
  const ips = new Set<string>(['127.0.0.1']);
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4') ips.add(a.address);
  const host = os.hostname().replace(/[^A-Za-z0-9.-]/g, '');
  return { dns: [...new Set(['localhost', ...(host ? [host] : [])])], ips: [...ips] };
}

function ipBytes(ip: string): ArrayBuffer {
  return new Uint8Array(ip.split('.').map(Number)).buffer;
}

async function makeCertificate(): Promise<{ certPem: string; keyPem: string }> {
  const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: crypto.randomBytes(16).map((b, i) => (i === 0 ? b & 0x7f : b)).buffer });
  const name = [new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: `CertDesk ${os.hostname()}`.slice(0, 64) }) })];
  cert.subject.typesAndValues.push(...name);
  cert.issuer.typesAndValues.push(...name);
  const now = new Date();
  cert.notBefore.value = new Date(now.getTime() - 24 * 3600_000);
  // Ten years: the installation's own certificate, not a public one (browsers' 398-day limit is for those).
  cert.notAfter.value = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  const names = currentNames();
  const altNames = new pkijs.GeneralNames({
    names: [
      ...names.dns.map((value) => new pkijs.GeneralName({ type: 2, value })),
      ...names.ips.map((ip) => new pkijs.GeneralName({ type: 7, value: new asn1js.OctetString({ valueHex: ipBytes(ip) }) })),
    ],
  });
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.17', critical: false, extnValue: altNames.toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false) }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, engine);
  await cert.sign(keys.privateKey, 'SHA-256', engine);
  const certPem = pem('CERTIFICATE', cert.toSchema(true).toBER(false));
  const keyPem = pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { certPem, keyPem };
}

/** The installation's certificate: read from beside the data file, or made and kept there the first time. */
export async function lanCertificate(databaseFile: string): Promise<TlsCertificate> {
  const { certFile, keyFile } = certificateFiles(databaseFile);
  const haveCert = fs.existsSync(certFile);
  const haveKey = fs.existsSync(keyFile);
  if (haveCert && haveKey) {
    const certPem = fs.readFileSync(certFile, 'utf8');
    const keyPem = fs.readFileSync(keyFile, 'utf8');
    let fingerprint: string;
    try {
      fingerprint = fingerprintOf(certPem);
      crypto.createPrivateKey(keyPem);
    } catch {
      throw new AppError('LAN_CERT_DAMAGED', `局域网证书文件已损坏（${certFile}）。请关闭 CertDesk，删除这两个文件：${certFile}、${keyFile}，再开放给局域网；会生成新证书，同事需要重新核对指纹。`);
    }
    return { certPem, keyPem, fingerprint, certFile, keyFile };
  }
  if (haveCert !== haveKey) {
    throw new AppError('LAN_CERT_DAMAGED', `局域网证书只剩一半（${haveCert ? certFile : keyFile}）。请关闭 CertDesk，删除它后再开放给局域网；会生成新证书，同事需要重新核对指纹。`);
  }
  const made = await makeCertificate();
  // The key first, owner-only and never replacing a file (O_EXCL): two servers racing fail, not mix.
  writeKeyFile(keyFile, made.keyPem);
  fs.writeFileSync(certFile, made.certPem, { flag: 'wx' });
  return { ...made, fingerprint: fingerprintOf(made.certPem), certFile, keyFile };
}
