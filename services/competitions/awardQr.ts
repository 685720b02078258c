// What a 获奖证书's QR code says. Two lines, ASCII, as a certificate's are:
//   2024JS0003001                     the award number
//   CA1.<payload>.<signature>         base64url; the payload is what the award attests (the
//                                     competition, its date, the winner, rank and prize, and who
//                                     awards it), signed Ed25519 by this installation's key, the
//                                     same key and check as a certificate's (certificates/signing.ts).
// A kind of its own (CA, not CD): an award is not a 职业技能等级证书 and must never read as one.
export const AWARD_PREFIX = 'CA1';
const SEP = '\u001f';
const FIELDS = 9;

export interface AwardFields {
  keyId: string;
  awardNumber: string;
  competition: string;
  date: string;
  /** The team or the individual as entered. */
  winner: string;
  /** The members' names, 、-joined; empty for an individual. */
  members: string;
  rank: number;
  prize: string;
  awardedBy: string;
}

export function encodeAward(f: AwardFields): Buffer {
  return Buffer.from([f.keyId, f.awardNumber, f.competition, f.date, f.winner, f.members, String(f.rank), f.prize, f.awardedBy].join(SEP), 'utf8');
}

export function decodeAward(bytes: Buffer): AwardFields | null {
  const parts = bytes.toString('utf8').split(SEP);
  if (parts.length !== FIELDS) return null;
  const [keyId, awardNumber, competition, date, winner, members, rank, prize, awardedBy] = parts as [string, string, string, string, string, string, string, string, string];
  const r = Number(rank);
  if (!Number.isInteger(r) || r < 1) return null;
  return { keyId, awardNumber, competition, date, winner, members, rank: r, prize, awardedBy };
}

export function awardQrText(awardNumber: string, payload: Buffer, signature: Buffer): string {
  return `${awardNumber}\n${AWARD_PREFIX}.${payload.toString('base64url')}.${signature.toString('base64url')}`;
}

/** The signed line of an award code, if the scanned text has one. */
export function readAwardQr(text: string): { printedNumber: string | null; payload: Buffer; signature: Buffer } | null {
  const lines = text.trim().split(/\r?\n|\s+/).map((l) => l.trim()).filter(Boolean);
  const signed = lines.find((l) => l.startsWith(`${AWARD_PREFIX}.`));
  if (!signed) return null;
  const [, payload, signature] = signed.split('.');
  if (!payload || !signature || !/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(signature)) return null;
  const first = lines[0] !== signed ? lines[0]! : null;
  return { printedNumber: first, payload: Buffer.from(payload, 'base64url'), signature: Buffer.from(signature, 'base64url') };
}
