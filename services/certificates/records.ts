// Reading certificates with everything printed on them (person, occupation, level, evaluation body).
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import { parseCertificateNumber } from './number';
import { IDENTITY_CORRECTION, IDENTITY_LABELS, type IdentityField } from '../candidates/identityLock';
import { LEVEL_LABELS } from '../vocabulary/words';

export type CertificateStatus = 'issued' | 'void';
export const CERT_STATUS_LABELS: Record<CertificateStatus, string> = { issued: '有效', void: '已作废' };

export interface Certificate {
  id: number;
  number: string;
  status: CertificateStatus;
  issueDate: string;
  source: 'generated' | 'imported';
  voidReason: string | null;
  replacesNumber: string | null;
  replacedByNumber: string | null;
  candidateId: number;
  enrolmentId: number | null;
  sessionId: number | null;
  name: string;
  idType: string;
  idNumber: string;
  occupationCode: string | null;
  occupationName: string | null;
  specialty: string | null;
  level: number | null;
  levelLabel: string | null;
  /**
   * The latest administrator's correction of the holder's identity (candidates/identity.ts), when
   * there is one: what the paper says may differ from the register since then.
   */
  identityCorrection: { at: string; reason: string; changed: string[] } | null;
}

const SELECT_CERTIFICATE = `
  SELECT c.id, c.number, c.status, c.issue_date AS issueDate, c.source, c.void_reason AS voidReason,
         r.number AS replacesNumber,
         (SELECT n.number FROM certificates n WHERE n.replaces_id = c.id ORDER BY n.id DESC LIMIT 1) AS replacedByNumber,
         c.candidate_id AS candidateId, c.enrolment_id AS enrolmentId, e.session_id AS sessionId,
         p.name, p.id_type AS idType, p.id_number AS idNumber,
         o.code AS occupationCode, o.name AS occupationName, s.specialty, s.level,
         (SELECT json_object('at', a.at, 'reason', a.reason, 'old', json(a.old_value)) FROM audit_log a
          WHERE a.entity = 'candidate' AND a.entity_id = CAST(c.candidate_id AS TEXT) AND a.action = '${IDENTITY_CORRECTION}'
          ORDER BY a.seq DESC LIMIT 1) AS identityCorrection
  FROM certificates c
  JOIN candidates p ON p.id = c.candidate_id
  LEFT JOIN certificates r ON r.id = c.replaces_id
  LEFT JOIN enrolments e ON e.id = c.enrolment_id
  LEFT JOIN sessions s ON s.id = e.session_id
  LEFT JOIN occupations o ON o.id = s.occupation_id`;

type Row = Omit<Certificate, 'levelLabel' | 'identityCorrection'> & { identityCorrection: string | null };

function fromRow(r: Row): Certificate {
  return { ...r, levelLabel: r.level === null ? null : LEVEL_LABELS[r.level]!, identityCorrection: correctionOf(r.identityCorrection) };
}

function correctionOf(json: string | null): Certificate['identityCorrection'] {
  if (json === null) return null;
  const c = JSON.parse(json) as { at: string; reason: string | null; old: Record<string, unknown> | null };
  const changed = Object.keys(c.old ?? {}).map((f) => IDENTITY_LABELS[f as IdentityField] ?? f);
  return { at: c.at, reason: c.reason ?? '', changed };
}

export function findCertificate(ctx: Ctx, rawNumber: string): Certificate | null {
  const parsed = parseCertificateNumber(rawNumber);
  const number = parsed.ok ? parsed.number : rawNumber.trim();
  const row = ctx.db.prepare(`${SELECT_CERTIFICATE} WHERE c.number = ?`).get(number) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function getCertificate(ctx: Ctx, rawNumber: string): Certificate {
  const found = findCertificate(ctx, rawNumber);
  if (!found) throw new AppError('CERT_NOT_FOUND', `找不到证书编号为「${rawNumber}」的证书，请核对编号（22 位），或用 certificates list 查看。`);
  return found;
}

export function getCertificateById(ctx: Ctx, id: number): Certificate {
  return fromRow(ctx.db.prepare(`${SELECT_CERTIFICATE} WHERE c.id = ?`).get(id) as Row);
}

export function listCertificates(ctx: Ctx, filter: { sessionId?: number; candidateId?: number; status?: CertificateStatus } = {}): Certificate[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.candidateId !== undefined) {
    where.push('c.candidate_id = ?');
    args.push(filter.candidateId);
  }
  if (filter.sessionId !== undefined) {
    where.push('e.session_id = ?');
    args.push(filter.sessionId);
  }
  if (filter.status) {
    where.push('c.status = ?');
    args.push(filter.status);
  }
  const sql = `${SELECT_CERTIFICATE}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.number`;
  return (ctx.db.prepare(sql).all(...args) as Row[]).map(fromRow);
}
