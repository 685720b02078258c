// 核验获奖证书: the same offline check as a certificate's (certificates/verify.ts), for the CA1
// code an award carries: signed by a key of this installation (or the one handed in), unaltered,
// and, for this installation's awards, still what the finalized competition says.
import type { KeyObject } from 'node:crypto';
import type { Ctx } from '../shared/context';
import { knownPublicKeys, keyIdOf, readPublicKey, verifySignature } from '../certificates/signing';
import type { VerifyResult } from '../certificates/verify';
import { decodeAward, readAwardQr, type AwardFields } from './awardQr';

export interface AwardCertifies {
  awardNumber: string;
  competition: string;
  date: string;
  winner: string;
  members: string;
  rank: number;
  prize: string;
  awardedBy: string;
}

function certifies(f: AwardFields): AwardCertifies {
  const { keyId: _, ...rest } = f;
  return rest;
}

/** Null when the text carries no award code (the caller then reads it as a certificate's). */
export function verifyAwardQr(ctx: Ctx | null, text: string, publicKeyPem?: string): VerifyResult | null {
  const scanned = readAwardQr(text);
  if (!scanned) return null;
  const f = decodeAward(scanned.payload);
  if (!f) return { valid: false, reason: '获奖证书二维码的签名部分已损坏或不完整，无法读出内容。请重新扫描。' };
  const keys: Map<string, KeyObject> = publicKeyPem ? new Map([[keyIdOf(readPublicKey(publicKeyPem)), readPublicKey(publicKeyPem)]]) : ctx ? knownPublicKeys(ctx) : new Map();
  const key = keys.get(f.keyId);
  const award = certifies(f);
  if (!key) {
    return {
      valid: false,
      reason: publicKeyPem ? `该获奖证书不是用所给公钥对应的密钥签发的（密钥编号 ${f.keyId}）。` : `该获奖证书不是本机签发的（密钥编号 ${f.keyId}），请向颁奖单位索取公钥后用 --public-key 核验。`,
      award,
    };
  }
  if (!verifySignature(key, scanned.payload, scanned.signature)) return { valid: false, reason: '签名不符：二维码内容被改动过，或不是该单位颁发的。这张获奖证书不能视为真实有效。' };
  if (scanned.printedNumber && scanned.printedNumber !== f.awardNumber) {
    return { valid: false, reason: `二维码第一行的证书编号 ${scanned.printedNumber} 与签名内容中的 ${f.awardNumber} 不一致，二维码被改动过。`, award };
  }
  const local = ctx && knownPublicKeys(ctx).has(f.keyId);
  if (!local) return { valid: true, kind: 'award', award, status: 'unknown', keyId: f.keyId };
  const row = ctx!.db
    .prepare(
      `SELECT p.rank, p.prize, e.name AS winner, c.name AS competition FROM competition_prizes p
       JOIN competition_entrants e ON e.id = p.entrant_id JOIN competitions c ON c.id = p.competition_id WHERE p.award_number = ?`,
    )
    .get(f.awardNumber) as { rank: number; prize: string | null; winner: string; competition: string } | undefined;
  if (!row) return { valid: false, reason: `签名真实，但本机的竞赛登记中没有编号为 ${f.awardNumber} 的获奖证书（可能来自另一份数据文件）。请向颁奖单位核实。`, award };
  if (row.rank !== f.rank || row.prize !== f.prize || row.winner !== f.winner || row.competition !== f.competition) {
    return { valid: false, reason: `签名真实，但登记的获奖情况（${row.winner}，第${row.rank}名，${row.prize ?? '无奖项'}）与证书不一致。请向颁奖单位核实。`, award };
  }
  return { valid: true, kind: 'award', award, status: 'issued', keyId: f.keyId };
}
