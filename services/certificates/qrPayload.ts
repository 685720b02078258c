// What the certificate's QR code says. Three lines, all ASCII so every scanner reads them alike:
//   S000044123456243000001            the certificate number
//   http://jndj.osta.org.cn           the national look-up address
//   CD1.<payload>.<signature>         base64url; the payload is what the certificate certifies,
//                                     the signature is Ed25519 by this installation's key.
// The payload prints no more than the paper already shows.
import { LEVEL_LABELS } from '../occupations/occupations';

export const PAYLOAD_PREFIX = 'CD1';
const SEP = '\u001f'; // unit separator: cannot occur in a name or an occupation

export interface SignedFields {
  keyId: string;
  number: string;
  name: string;
  idType: string;
  idNumber: string;
  occupation: string;
  specialty: string | null;
  level: number;
  issueDate: string;
  institution: string;
}

export function encodePayload(f: SignedFields): Buffer {
  return Buffer.from([f.keyId, f.number, f.name, f.idType, f.idNumber, f.occupation, f.specialty ?? '', String(f.level), f.issueDate, f.institution].join(SEP), 'utf8');
}

export function decodePayload(bytes: Buffer): SignedFields | null {
  const parts = bytes.toString('utf8').split(SEP);
  if (parts.length !== 10) return null;
  const [keyId, number, name, idType, idNumber, occupation, specialty, level, issueDate, institution] = parts as [string, string, string, string, string, string, string, string, string, string];
  const lvl = Number(level);
  if (!LEVEL_LABELS[lvl]) return null;
  return { keyId, number, name, idType, idNumber, occupation, specialty: specialty || null, level: lvl, issueDate, institution };
}

export function qrText(number: string, lookupUrl: string, payload: Buffer, signature: Buffer): string {
  return `${number}\n${lookupUrl}\n${PAYLOAD_PREFIX}.${payload.toString('base64url')}.${signature.toString('base64url')}`;
}

export interface ScannedQr {
  /** The number on the first line, if the scanner gave the whole content. */
  printedNumber: string | null;
  payload: Buffer;
  signature: Buffer;
}

/** Accepts the whole scanned content or just its CD1 line; null when there is no signed part at all. */
export function readQrText(text: string): ScannedQr | null {
  const lines = text.trim().split(/\r?\n|\s+/).map((l) => l.trim()).filter(Boolean);
  const signed = lines.find((l) => l.startsWith(`${PAYLOAD_PREFIX}.`));
  if (!signed) return null;
  const [, payload, signature] = signed.split('.');
  if (!payload || !signature || !/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(signature)) return null;
  const first = lines[0] && /^[SY]\d{21}$/.test(lines[0]) ? lines[0] : null;
  return { printedNumber: first, payload: Buffer.from(payload, 'base64url'), signature: Buffer.from(signature, 'base64url') };
}
