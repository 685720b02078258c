// 核验: is this QR code from a genuine, unaltered certificate? Offline: the signature is checked
// against this installation's keys, or against a public key an evaluation body handed out.
import type { KeyObject } from 'node:crypto';
import type { Ctx } from '../shared/context';
import { decodePayload, decodeTrainingPayload, readQrText, readTrainingQr, type SignedFields } from './qrPayload';
import { findTrainingProof } from '../training/proofRegister';
import { findCertificate } from './records';
import { knownPublicKeys, readPublicKey, keyIdOf, verifySignature } from './signing';
import { LEVEL_LABELS } from '../vocabulary/words';
import { sameIdNumber } from '../ids/idNumber';
import { verifyAwardQr, type AwardCertifies } from '../competitions/verifyAward';

export type VerifyResult =
  | { valid: false; reason: string; certifies?: Certifies; register?: { name: string; idType: string; idNumber: string }; training?: TrainingCertifies; award?: AwardCertifies }
  | { valid: true; certifies: Certifies; status: 'issued' | 'unknown'; keyId: string; training?: TrainingCertifies; kind?: undefined; award?: undefined }
  // A 获奖证书 of a skill competition (services/competitions/awardQr.ts): no certificate, an award.
  | { valid: true; kind: 'award'; award: AwardCertifies; status: 'issued' | 'unknown'; keyId: string; certifies?: undefined; training?: undefined };

/** What a training proof (培训合格证明) certifies beside the fields every code has. */
export interface TrainingCertifies {
  className: string;
  from: string;
  to: string;
  hours: number;
  organiser: string;
}

export interface Certifies {
  number: string;
  name: string;
  idType: string;
  idNumber: string;
  occupation: string;
  specialty: string;
  level: number;
  levelLabel: string;
  issueDate: string;
  institution: string;
  /** The look-up address the code signed; null for a code printed before addresses were signed (CD1). */
  lookupUrl: string | null;
}

function certifies(f: SignedFields): Certifies {
  return {
    number: f.number,
    name: f.name,
    idType: f.idType,
    idNumber: f.idNumber,
    occupation: f.occupation,
    specialty: f.specialty ?? '--',
    level: f.level,
    levelLabel: LEVEL_LABELS[f.level]!,
    issueDate: f.issueDate,
    institution: f.institution,
    lookupUrl: f.lookupUrl,
  };
}

/**
 * `publicKeyPem` is the evaluation body's exported key; without it, the keys of this
 * installation are used. With a database, a certificate voided here is reported as not valid.
 */
export function verifyQr(ctx: Ctx | null, text: string, publicKeyPem?: string): VerifyResult {
  const training = readTrainingQr(text);
  if (training) return verifyTrainingQr(ctx, training, publicKeyPem);
  const scanned = readQrText(text);
  if (!scanned) {
    const award = verifyAwardQr(ctx, text, publicKeyPem);
    if (award) return award;
  }
  if (!scanned) return { valid: false, reason: '这段内容里没有 CertDesk 证书的签名部分（以 CD2. 或 CD1. 开头的一行），无法核验。请扫描证书上的二维码，把读到的全部内容原样粘贴。' };
  const fields = decodePayload(scanned.payload, scanned.version);
  if (!fields) return { valid: false, reason: '签名部分已损坏或不完整，无法读出证书内容。请重新扫描。' };
  const keys: Map<string, KeyObject> = publicKeyPem
    ? new Map([[keyIdOf(readPublicKey(publicKeyPem)), readPublicKey(publicKeyPem)]])
    : ctx
      ? knownPublicKeys(ctx)
      : new Map();
  const key = keys.get(fields.keyId);
  if (!key) {
    return {
      valid: false,
      reason: publicKeyPem
        ? `该证书不是用所给公钥对应的密钥签发的（证书密钥编号 ${fields.keyId}）。请核对公钥是否来自该证书上的评价机构。`
        : `该证书不是本机签发的（密钥编号 ${fields.keyId}），请向证书上的评价机构索取公钥后用 --public-key 核验。`,
      certifies: certifies(fields),
    };
  }
  if (!verifySignature(key, scanned.payload, scanned.signature)) {
    return { valid: false, reason: '签名不符：二维码内容被改动过，或不是该机构签发的。这张证书不能视为真实有效。' };
  }
  if (scanned.printedNumber && scanned.printedNumber !== fields.number) {
    return { valid: false, reason: `二维码第一行的证书编号 ${scanned.printedNumber} 与签名内容中的 ${fields.number} 不一致，二维码被改动过。`, certifies: certifies(fields) };
  }
  // A CD2 code signs its look-up address: an address line changed (a phone sent to a look-alike
  // site) or added is not the one this certificate was printed with.
  const strayLine = fields.lookupUrl === null ? undefined : scanned.otherLines.find((l) => l !== fields.lookupUrl);
  if (strayLine !== undefined) {
    return { valid: false, reason: `二维码中的查询网址「${strayLine}」与签名内容中的「${fields.lookupUrl}」不一致，二维码被改动过，请勿访问该网址。`, certifies: certifies(fields) };
  }
  // The local register speaks only for certificates this installation signed.
  const local = ctx && knownPublicKeys(ctx).has(fields.keyId) ? findCertificate(ctx, fields.number) : null;
  if (local?.status === 'void') {
    return {
      valid: false,
      reason: `签名真实，但该证书已作废（原因：${local.voidReason ?? '未填写'}）${local.replacedByNumber ? `，已补发新证书 ${local.replacedByNumber}` : ''}。`,
      certifies: certifies(fields),
    };
  }
  // A key of this installation signed it, yet the register has no such number: a certificate of
  // demo data since removed (demo/remove.ts keeps its numbers from being given out again), or of
  // another copy of this data file. Either way the register cannot vouch for it.
  if (ctx && !local && knownPublicKeys(ctx).has(fields.keyId)) {
    return {
      valid: false,
      reason: `签名真实，但本机的证书登记中没有编号为 ${fields.number} 的证书（可能是已删除的示例数据，或来自另一份数据文件）。这张证书不能视为有效，请向发证机构核实。`,
      certifies: certifies(fields),
    };
  }
  // The signature proves what was signed; the register says whose certificate this number is now.
  // A QR code that names someone else than the register does is not this certificate's.
  if (local && (local.name !== fields.name || local.idType !== fields.idType || !sameIdNumber(local.idNumber, fields.idNumber))) {
    const correction = local.identityCorrection;
    return {
      valid: false,
      reason:
        `签名真实，但二维码中的持证人「${fields.name}」（${fields.idNumber}）与发证机构登记的「${local.name}」（${local.idNumber}）不一致，这张证书不能视为该登记人的有效证书。` +
        (correction ? `登记的身份信息已于 ${correction.at.slice(0, 10)} 更正（原因：${correction.reason}），请按更正后的信息补发证书。` : '请向发证机构核实。'),
      certifies: certifies(fields),
      register: { name: local.name, idType: local.idType, idNumber: local.idNumber },
    };
  }
  return { valid: true, certifies: certifies(fields), status: local ? 'issued' : 'unknown', keyId: fields.keyId };
}

function keysFor(ctx: Ctx | null, publicKeyPem: string | undefined): Map<string, KeyObject> {
  return publicKeyPem ? new Map([[keyIdOf(readPublicKey(publicKeyPem)), readPublicKey(publicKeyPem)]]) : ctx ? knownPublicKeys(ctx) : new Map();
}

/**
 * A training proof: the same signature check, then the class register (a proof of a class
 * finalized here, whose trainee completed it and holds this serial).
 */
function verifyTrainingQr(ctx: Ctx | null, scanned: NonNullable<ReturnType<typeof readTrainingQr>>, publicKeyPem?: string): VerifyResult {
  const f = decodeTrainingPayload(scanned.payload);
  if (!f) return { valid: false, reason: '签名部分已损坏或不完整，无法读出培训证明的内容。请重新扫描。' };
  const certifies: Certifies = { number: f.number, name: f.name, idType: f.idType, idNumber: f.idNumber, occupation: f.className, specialty: '--', level: 0, levelLabel: '培训合格证明', issueDate: f.issueDate, institution: f.organiser, lookupUrl: null };
  const training: TrainingCertifies = { className: f.className, from: f.from, to: f.to, hours: f.hoursTenths / 10, organiser: f.organiser };
  const key = keysFor(ctx, publicKeyPem).get(f.keyId);
  if (!key) {
    return { valid: false, reason: `该培训证明不是${publicKeyPem ? '用所给公钥对应的密钥' : '本机'}签发的（密钥编号 ${f.keyId}），请向培训机构索取公钥后用 --public-key 核验。`, certifies, training };
  }
  if (!verifySignature(key, scanned.payload, scanned.signature)) {
    return { valid: false, reason: '签名不符：二维码内容被改动过，或不是该机构签发的。这份培训证明不能视为真实有效。' };
  }
  if (scanned.printedNumber && scanned.printedNumber !== f.number) {
    return { valid: false, reason: `二维码第一行的编号 ${scanned.printedNumber} 与签名内容中的 ${f.number} 不一致，二维码被改动过。`, certifies, training };
  }
  const ours = ctx && knownPublicKeys(ctx).has(f.keyId);
  if (ctx && ours) {
    const local = findTrainingProof(ctx, f.number);
    if (!local) return { valid: false, reason: `签名真实，但本机的培训记录中没有编号为 ${f.number} 的培训证明（可能是已删除的示例数据，或来自另一份数据文件）。请向培训机构核实。`, certifies, training };
    if (local.name !== f.name || !sameIdNumber(local.idNumber, f.idNumber)) {
      return { valid: false, reason: `签名真实，但二维码中的学员「${f.name}」与培训记录中的「${local.name}」不一致，请向培训机构核实。`, certifies, training };
    }
  }
  return { valid: true, certifies, status: ours ? 'issued' : 'unknown', keyId: f.keyId, training };
}
