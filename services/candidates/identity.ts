// 更正身份信息: the one way to change who a person is once their identity is fixed
// (identityLock.ts): an administrator, with a reason that the audit log keeps and the
// certificate record shows.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { requireAdmin } from '../operators/operators';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { getCandidate, idNumberTaken, storeOtherReadings, validateCandidate, type Candidate } from './candidates';
import { IDENTITY_CORRECTION, identityChanges } from './identityLock';
import { nameInitials } from './names';

export interface IdentityCorrection {
  id: number;
  name?: string;
  idType?: string;
  idNumber?: string;
  gender?: string | null;
  birthDate?: string | null;
  reason: string;
}

/** 更正身份信息: an administrator fixes a person's identity, with a reason kept in the audit log. */
export function correctIdentity(ctx: Ctx, input: IdentityCorrection): Candidate {
  requireAdmin(ctx, '更正考生身份信息');
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw new AppError('REASON_REQUIRED', '更正身份信息必须填写原因（如「身份证复印件核对，姓名录入错误」），原因会记入操作记录并显示在证书记录上。');
  return inTransaction(ctx.db, () => {
    const old = getCandidate(ctx, input.id);
    const idChanged = input.idNumber !== undefined || input.idType !== undefined;
    const c = validateCandidate({
      idType: input.idType ?? old.idType,
      idNumber: input.idNumber ?? old.idNumber,
      name: input.name ?? old.name,
      // A new ID number brings its own gender and birth date; otherwise what is on file stays.
      gender: input.gender !== undefined ? input.gender : idChanged ? null : old.gender,
      birthDate: input.birthDate !== undefined ? input.birthDate : idChanged ? null : old.birthDate,
      phone: old.phone,
      education: old.education,
      employer: old.employer,
    });
    const changed = identityChanges(old, c);
    if (changed.length === 0) throw new AppError('IDENTITY_UNCHANGED', `考生「${old.name}」的身份信息与登记的一致，没有需要更正的内容。`);
    const clash = ctx.db.prepare('SELECT name FROM candidates WHERE id_type = ? AND id_number = ? AND id <> ?').get(c.idType, c.idNumber, old.id) as { name: string } | undefined;
    if (clash) throw idNumberTaken(c.idNumber, clash.name);
    ctx.db
      .prepare('UPDATE candidates SET id_type = ?, id_number = ?, name = ?, gender = ?, birth_date = ?, name_initials = ?, updated_at = ? WHERE id = ?')
      .run(c.idType, c.idNumber, c.name, c.gender, c.birthDate, nameInitials(c.name), nowIso(), old.id);
    if (old.name !== c.name) storeOtherReadings(ctx, old.id, c.name, true);
    const corrected = getCandidate(ctx, old.id);
    const pick = (p: Candidate) => Object.fromEntries(changed.map((f) => [f, p[f]]));
    recordAudit(ctx, { entity: 'candidate', entityId: old.id, action: IDENTITY_CORRECTION, oldValue: pick(old), newValue: pick(corrected), reason });
    return corrected;
  });
}
