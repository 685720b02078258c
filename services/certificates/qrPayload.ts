// What the certificate's QR code says. Three lines, all ASCII so every scanner reads them alike:
//   S000044123456243000001            the certificate number
//   http://jndj.osta.org.cn           the national look-up address
//   CD2.<payload>.<signature>         base64url; the payload is what the certificate certifies,
//                                     the look-up address included, so a code pointing a phone at
//                                     another site no longer verifies; the signature is Ed25519
//                                     by this installation's key.
// CD1 codes, printed before the address was signed, still verify: their payload has no address.
// The payload prints no more than the paper already shows.
import { LEVEL_LABELS } from '../vocabulary/words';

/** The prefix of the signed line this version prints. */
export const PAYLOAD_PREFIX = 'CD2';
export type PayloadVersion = 'CD1' | 'CD2';
const FIELD_COUNT: Record<PayloadVersion, number> = { CD1: 10, CD2: 11 };
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
  /** The look-up address the code prints; null in a CD1 code, which did not sign it. */
  lookupUrl: string | null;
}

/** The bytes a CD2 code signs. */
export function encodePayload(f: SignedFields & { lookupUrl: string }): Buffer {
  return Buffer.from(
    [f.keyId, f.number, f.name, f.idType, f.idNumber, f.occupation, f.specialty ?? '', String(f.level), f.issueDate, f.institution, f.lookupUrl].join(SEP),
    'utf8',
  );
}

export function decodePayload(bytes: Buffer, version: PayloadVersion): SignedFields | null {
  const parts = bytes.toString('utf8').split(SEP);
  if (parts.length !== FIELD_COUNT[version]) return null;
  const [keyId, number, name, idType, idNumber, occupation, specialty, level, issueDate, institution, lookupUrl] = parts as [
    string, string, string, string, string, string, string, string, string, string, string | undefined,
  ];
  const lvl = Number(level);
  if (!LEVEL_LABELS[lvl]) return null;
  return { keyId, number, name, idType, idNumber, occupation, specialty: specialty || null, level: lvl, issueDate, institution, lookupUrl: lookupUrl ?? null };
}

export function qrText(number: string, lookupUrl: string, payload: Buffer, signature: Buffer): string {
  return `${number}\n${lookupUrl}\n${PAYLOAD_PREFIX}.${payload.toString('base64url')}.${signature.toString('base64url')}`;
}

export interface ScannedQr {
  version: PayloadVersion;
  /** The number on the first line, if the scanner gave the whole content. */
  printedNumber: string | null;
  /** Every other line besides the number and the signed line: the look-up address, as printed. */
  otherLines: string[];
  payload: Buffer;
  signature: Buffer;
}

/** Accepts the whole scanned content or just its signed line; null when there is no signed part at all. */
export function readQrText(text: string): ScannedQr | null {
  const lines = text.trim().split(/\r?\n|\s+/).map((l) => l.trim()).filter(Boolean);
  const signed = lines.find((l) => /^CD[12]\./.test(l));
  if (!signed) return null;
  const [version, payload, signature] = signed.split('.') as [PayloadVersion, string | undefined, string | undefined];
  if (!payload || !signature || !/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(signature)) return null;
  const first = lines[0] && /^[SY]\d{21}$/.test(lines[0]) ? lines[0] : null;
  const otherLines = lines.filter((l, i) => l !== signed && !(i === 0 && first !== null));
  return { version, printedNumber: first, otherLines, payload: Buffer.from(payload, 'base64url'), signature: Buffer.from(signature, 'base64url') };
}

// A training proof (培训合格证明 / 结业证书, docs/training.md § Certificates) is a second kind of
// signed code, on its own prefix so no scanner confuses it with a 职业技能等级证书:
//   PX202600001                        the proof's serial
//   CT1.<payload>.<signature>          what it certifies: person, class, dates, 学时, organiser
export const TRAINING_PREFIX = 'CT1';
const TRAINING_FIELDS = 11;

export interface TrainingFields {
  keyId: string;
  number: string;
  name: string;
  idType: string;
  idNumber: string;
  className: string;
  from: string;
  to: string;
  /** 学时, in tenths. */
  hoursTenths: number;
  organiser: string;
  issueDate: string;
}

export function encodeTrainingPayload(f: TrainingFields): Buffer {
  return Buffer.from([f.keyId, f.number, f.name, f.idType, f.idNumber, f.className, f.from, f.to, String(f.hoursTenths), f.organiser, f.issueDate].join(SEP), 'utf8');
}

export function decodeTrainingPayload(bytes: Buffer): TrainingFields | null {
  const parts = bytes.toString('utf8').split(SEP);
  if (parts.length !== TRAINING_FIELDS) return null;
  const [keyId, number, name, idType, idNumber, className, from, to, hours, organiser, issueDate] = parts as [string, string, string, string, string, string, string, string, string, string, string];
  const hoursTenths = Number(hours);
  if (!Number.isInteger(hoursTenths) || hoursTenths < 0) return null;
  return { keyId, number, name, idType, idNumber, className, from, to, hoursTenths, organiser, issueDate };
}

export function trainingQrText(number: string, payload: Buffer, signature: Buffer): string {
  return `${number}\n${TRAINING_PREFIX}.${payload.toString('base64url')}.${signature.toString('base64url')}`;
}

/** The signed line of a training proof, if the scanned text carries one. */
export function readTrainingQr(text: string): { printedNumber: string | null; payload: Buffer; signature: Buffer } | null {
  const lines = text.trim().split(/\r?\n|\s+/).map((l) => l.trim()).filter(Boolean);
  const signed = lines.find((l) => l.startsWith(`${TRAINING_PREFIX}.`));
  if (!signed) return null;
  const [, payload, signature] = signed.split('.');
  if (!payload || !signature || !/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(signature)) return null;
  const first = lines[0] && lines[0] !== signed ? lines[0] : null;
  return { printedNumber: first, payload: Buffer.from(payload, 'base64url'), signature: Buffer.from(signature, 'base64url') };
}
