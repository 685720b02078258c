// Certificates for the demo's passes, numbered by the rule of domain.md § The certificate and
// counted in certificate_serials, so a certificate issued for real afterwards never takes a demo number.
import { AppError } from '../errors';
import type { Ctx } from '../shared/context';
import { formatCertificateNumber, numberPrefixSettings, serialScopeOf, serialsPerLevel, type NumberParts } from '../certificates/number';
import type { DemoRanges } from './ranges';

export interface PassToCertify {
  enrolmentId: number;
  candidateId: number;
  level: number;
  issueDate: string;
}

/** Used when the officer has not filled in the evaluation body yet (a newcomer exploring the demo). */
const DEMO_PREFIX: Pick<NumberParts, 'type' | 'institutionCode' | 'province' | 'site'> = { type: 'S', institutionCode: '0000', province: '44', site: '000001' };

export class CertificateRun {
  private readonly passes: PassToCertify[] = [];
  private sorted = false;
  private readonly serials = new Map<string, number>();
  private readonly prefix: Pick<NumberParts, 'type' | 'institutionCode' | 'province' | 'site'>;
  private readonly perLevel: boolean;

  constructor(private readonly ctx: Ctx) {
    this.prefix = demoPrefix(ctx);
    this.perLevel = serialsPerLevel(ctx);
  }

  get pending(): number {
    return this.passes.length;
  }

  /** Passes whose certificate date is still in the future are not issued yet. */
  queue(pass: PassToCertify, today: string): void {
    if (pass.issueDate <= today) this.passes.push(pass);
  }

  /** Issues up to `max` certificates, oldest first; returns how many. */
  issue(max: number, ranges: DemoRanges): number {
    if (!this.sorted) {
      // Reversed, so the oldest is popped first and serials rise with the issue date.
      this.passes.sort((a, b) => (a.issueDate < b.issueDate ? 1 : a.issueDate > b.issueDate ? -1 : b.enrolmentId - a.enrolmentId));
      this.sorted = true;
    }
    const db = this.ctx.db;
    const insert = db.prepare(
      `INSERT INTO certificates (number, enrolment_id, candidate_id, issue_date, status, source, created_at) VALUES (?, ?, ?, ?, 'issued', 'generated', ?)`,
    );
    const taken = db.prepare('SELECT 1 FROM certificates WHERE number = ?');
    const lastSerial = db.prepare('SELECT last FROM certificate_serials WHERE scope = ?');
    let issued = 0;
    while (issued < max && this.passes.length > 0) {
      const p = this.passes.pop()!;
      const scope = serialScopeOf(this.perLevel, p.issueDate.slice(0, 4), p.level);
      let serial = this.serials.get(scope) ?? ((lastSerial.get(scope) as { last: number } | undefined)?.last ?? 0);
      let number: string;
      do {
        serial++;
        number = formatCertificateNumber({ ...this.prefix, year: p.issueDate.slice(2, 4), level: p.level, serial });
      } while (taken.get(number));
      this.serials.set(scope, serial);
      const id = Number(insert.run(number, p.enrolmentId, p.candidateId, p.issueDate, `${p.issueDate}T03:00:00.000Z`).lastInsertRowid);
      ranges.add('certificate', id);
      issued++;
    }
    const save = db.prepare('INSERT INTO certificate_serials (scope, last) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET last = max(last, excluded.last)');
    for (const [scope, last] of this.serials) save.run(scope, last);
    return issued;
  }
}

function demoPrefix(ctx: Ctx): Pick<NumberParts, 'type' | 'institutionCode' | 'province' | 'site'> {
  try {
    return numberPrefixSettings(ctx);
  } catch (e) {
    if (e instanceof AppError && e.code === 'CERT_SETTINGS_MISSING') return DEMO_PREFIX;
    throw e;
  }
}
