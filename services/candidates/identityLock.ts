// Who a person is (姓名, 证件类型, 证件号码, 性别, 出生日期) is what a certificate certifies. Once
// a person has a certificate or a result in a finalized session, those fields are the register's
// word behind a signed document: an ordinary edit or a roster may not change them, only an
// administrator's correction with a reason, which the certificate record then shows.
import { AppError } from '../errors';
import { cachedStatement, type Ctx } from '../shared/context';
import type { Candidate } from './candidates';
import { sameIdNumber } from '../ids/idNumber';

export type IdentityField = 'name' | 'idType' | 'idNumber' | 'gender' | 'birthDate';

export const IDENTITY_LABELS: Record<IdentityField, string> = { name: '姓名', idType: '证件类型', idNumber: '证件号码', gender: '性别', birthDate: '出生日期' };

const IDENTITY_FIELDS = Object.keys(IDENTITY_LABELS) as IdentityField[];

/** The audit action of an administrator's identity correction (records.ts shows the latest). */
export const IDENTITY_CORRECTION = 'identity.correct';

export type Identity = Readonly<Record<IdentityField, string | null>>;

/** Which identity fields differ between what is on file and what would be written. */
export function identityChanges(old: Identity, next: Identity): IdentityField[] {
  return IDENTITY_FIELDS.filter((f) =>
    // An old 15-digit 身份证 number and its 18-digit form are one document (docs/identity.md).
    f === 'idNumber' && old.idNumber && next.idNumber ? !sameIdNumber(old.idNumber, next.idNumber) : (old[f] ?? null) !== (next[f] ?? null),
  );
}

/**
 * Why this person's identity is fixed, in words for the officer (「已有证书 S…」), or null when
 * it may still be edited freely.
 */
export function identityLock(ctx: Ctx, candidateId: number): string | null {
  const cert = cachedStatement(ctx.db, 'SELECT number FROM certificates WHERE candidate_id = ? ORDER BY id LIMIT 1').get(candidateId) as { number: string } | undefined;
  if (cert) return `已有证书 ${cert.number}`;
  const session = cachedStatement(
    ctx.db,
    `SELECT s.name FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE e.candidate_id = ? AND s.status = 'finalized' ORDER BY s.id LIMIT 1`,
  ).get(candidateId) as { name: string } | undefined;
  return session ? `在已定稿的批次「${session.name}」中有成绩` : null;
}

export function identityLockedError(who: Pick<Candidate, 'name' | 'idNumber'>, lock: string, changed: readonly IdentityField[]): AppError {
  return new AppError(
    'CANDIDATE_IDENTITY_LOCKED',
    `考生「${who.name}」（${who.idNumber}）${lock}，${changed.map((f) => IDENTITY_LABELS[f]).join('、')}不能直接修改。` +
      '如确属登记错误，请管理员使用「更正身份信息」并填写原因（certdesk candidate correct-identity），更正会记入操作记录并显示在证书记录上。',
  );
}

/** Refuses a change of identity of a person whose identity is fixed; other changes pass. */
export function assertIdentityEditable(ctx: Ctx, old: Candidate, next: Identity): void {
  const changed = identityChanges(old, next);
  if (changed.length === 0) return;
  const lock = identityLock(ctx, old.id);
  if (lock) throw identityLockedError(old, lock, changed);
}

