// Fills a database with a demo association's history, straight through prepared statements in
// one transaction per chunk (the services' one-row-at-a-time paths would take an hour for the
// large demo). Outcomes still come from results/rules.ts, names and initials from candidates/,
// certificate numbers from certificates/number.ts, and every chunk writes one audit entry.
import type { OnProgress } from '../shared/progress';
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso, todayIso } from '../shared/dates';
import { requiredParts } from '../occupations/occupations';
import { defaultSessionName } from '../sessions/sessions';
import { decideOutcome, type PartResult, type RequiredPart } from '../results/rules';
import { Random, Weighted } from './random';
import { PersonMaker, employerNames } from './people';
import { DEMO_MARK, DEMO_PLANS, RATES, SCORE_SHAPE, type DemoPlan, type DemoSize } from './plans';
import { addDays, demoCalendar, randomSession, type PlannedSession } from './schedule';
import { DemoRanges } from './ranges';
import { CertificateRun, type PassToCertify } from './certify';
import { VENUES } from './catalogue';
import { addDemoTrainingAndMembers } from './training';
import type { Outcome, Part, PartStatus } from '../vocabulary/words';

export interface DemoSummary {
  size: DemoSize;
  employers: number;
  candidates: number;
  sessions: number;
  enrolments: number;
  partResults: number;
  certificates: number;
  auditEntries: number;
}

export interface LoadDemoOptions {
  /** The day the demo ends on (tests pin it); defaults to the officer's today. */
  today?: string;
  /** What is being made; done and total count part results. */
  onProgress?: OnProgress;
  /** Part results per transaction (and per audit entry). */
  chunk?: number;
  /** Overrides for a scaled-down large demo (benches, tests). */
  plan?: Partial<DemoPlan>;
}

/** A failure waiting for its retake: the parts already passed are carried over (domain.md § Exam parts and passing). */
interface Failure {
  candidate: number;
  enrolmentId: number;
  date: string;
  passed: Map<Part, number>;
}


export function loadDemo(ctx: Ctx, size: DemoSize, options: LoadDemoOptions = {}): DemoSummary {
  const existing = ctx.db.prepare('SELECT size FROM demo_rows LIMIT 1').get() as { size: string } | undefined;
  if (existing) {
    throw new AppError('DEMO_ALREADY_LOADED', `数据文件里已经有一份示例数据（${existing.size === 'small' ? '小' : '大'}规模）。如要重新载入，请先删除示例数据（certdesk demo remove，或在欢迎页点「删除示例数据」）。`);
  }
  return new DemoBuilder(ctx, { ...DEMO_PLANS[size], ...options.plan }, options).run();
}

class DemoBuilder {
  private readonly rng: Random;
  private readonly people: PersonMaker;
  private readonly today: string;
  private readonly ranges: DemoRanges;
  private readonly certify: CertificateRun;
  private readonly occupations = new Map<string, { id: number; name: string }>();
  private readonly parts = new Map<string, RequiredPart[]>();
  private employerIds: number[] = [];
  private employerWeights!: Weighted<number>;
  private readonly candidateIds: number[] = [];
  private readonly candidateEmployer: (number | null)[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly nameCount = new Map<string, number>();
  private plannedLeft: number | null = null;
  private plannedDone = 0;
  private readonly summary: DemoSummary;
  private readonly stmt;

  constructor(
    private readonly ctx: Ctx,
    private readonly plan: DemoPlan,
    private readonly options: LoadDemoOptions,
  ) {
    this.rng = new Random(plan.seed);
    this.people = new PersonMaker(this.rng);
    this.today = options.today ?? todayIso();
    this.ranges = new DemoRanges(ctx, plan.size);
    this.certify = new CertificateRun(ctx);
    this.summary = { size: plan.size, employers: 0, candidates: 0, sessions: 0, enrolments: 0, partResults: 0, certificates: 0, auditEntries: 0 };
    const db = ctx.db;
    this.stmt = {
      employer: db.prepare('INSERT INTO employers (name, is_member, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING'),
      candidate: db.prepare(
        `INSERT INTO candidates (id_type, id_number, name, gender, birth_date, phone, education, employer_id, name_initials, created_at, updated_at)
         VALUES ('居民身份证', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id_type, id_number) DO NOTHING`,
      ),
      reading: db.prepare('INSERT OR IGNORE INTO candidate_initials (initials, candidate_id) VALUES (?, ?)'),
      session: db.prepare(
        `INSERT INTO sessions (name, occupation_id, specialty, level, attempt, exam_date, venue, status, finalized_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      enrolment: db.prepare(
        `INSERT INTO enrolments (session_id, candidate_id, admission_number, attempt, outcome, employer_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      part: db.prepare('INSERT INTO part_results (enrolment_id, part, status, score_tenths, carried_from, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  run(): DemoSummary {
    const chunk = this.options.chunk ?? 50_000;
    const specialties = new Map<string, string[]>();
    for (const r of this.ctx.db
      .prepare("SELECT o.id, o.code, o.name, group_concat(sp.name, '|') AS specialties FROM occupations o LEFT JOIN occupation_specialties sp ON sp.occupation_id = o.id WHERE o.edition = '2022' GROUP BY o.id")
      .all() as { id: number; code: string; name: string; specialties: string | null }[]) {
      this.occupations.set(r.code, { id: r.id, name: r.name });
      specialties.set(r.code, r.specialties ? r.specialties.split('|') : []);
    }
    const calendar = demoCalendar(this.plan, this.rng, this.today, specialties);
    let next = 0;
    inTransaction(this.ctx.db, () => {
      this.addEmployers();
      this.audit({ stage: 'employers', employers: this.summary.employers });
    });
    while (next < calendar.length && this.summary.partResults < this.plan.partResults) {
      inTransaction(this.ctx.db, () => {
        const before = { ...this.summary };
        const firstSession = next;
        while (this.summary.partResults - before.partResults < chunk && this.summary.partResults < this.plan.partResults) {
          // Chance can leave the budget a little short at the calendar's end: top it up with recent sessions.
          if (next === calendar.length && Number.isFinite(this.plan.partResults)) calendar.push(randomSession(this.plan, this.rng, addDays(this.today, -this.rng.int(1, 30)), specialties));
          if (next === calendar.length) break;
          const planned = calendar[next++]!;
          this.holdSession(planned.attempt === 'first' ? { ...planned, size: this.steerSize(planned, calendar) } : planned);
          const retake = planned.attempt === 'first' && this.plan.size === 'large' ? this.retakeAfter(planned) : null;
          if (retake) calendar.splice(next, 0, retake);
        }
        this.audit({
          stage: 'sessions',
          calendar: [calendar[firstSession]!.date, calendar[next - 1]!.date],
          sessions: this.summary.sessions - before.sessions,
          enrolments: this.summary.enrolments - before.enrolments,
          partResults: this.summary.partResults - before.partResults,
          candidates: this.summary.candidates - before.candidates,
        });
      });
      this.options.onProgress?.({ phase: 'sessions', done: this.summary.partResults, total: this.plan.partResults });
    }
    while (this.certify.pending > 0) {
      inTransaction(this.ctx.db, () => {
        const issued = this.certify.issue(chunk, this.ranges);
        this.summary.certificates += issued;
        this.audit({ stage: 'certificates', certificates: issued });
      });
      this.options.onProgress?.({ phase: 'certificates', done: this.summary.partResults, total: this.plan.partResults });
    }
    // People registered who have not sat an exam yet (they are part of the candidate count too).
    while (this.summary.candidates < this.plan.candidates) {
      inTransaction(this.ctx.db, () => {
        let added = 0;
        while (this.summary.candidates < this.plan.candidates && added < chunk) {
          this.newCandidate(this.today);
          added++;
        }
        this.audit({ stage: 'candidates', candidates: added });
      });
      this.options.onProgress?.({ phase: 'candidates', done: this.summary.partResults, total: this.plan.partResults });
    }
    inTransaction(this.ctx.db, () => {
      const added = addDemoTrainingAndMembers(this.ctx, this.ranges, this.plan.seed, this.today, this.employerIds);
      this.audit({ stage: 'training', ...added });
    });
    return { ...this.summary };
  }

  /**
   * Session sizes are steered so the calendar spends the part budget and ends near today: each
   * first-attempt session is scaled by what is left of the budget over what the rest of the
   * calendar would write, with retakes counted at the rate seen so far.
   */
  private steerSize(s: PlannedSession, calendar: readonly PlannedSession[]): number {
    if (!Number.isFinite(this.plan.partResults)) return s.size;
    if (this.plannedLeft === null) this.plannedLeft = calendar.reduce((sum, c) => sum + this.weight(c), 0);
    const retakeFactor = this.plannedDone > 0 ? this.summary.partResults / this.plannedDone : 1.15;
    const expected = Math.max(1, this.plannedLeft * retakeFactor);
    // Aim 1% high, so the budget runs out in the calendar's last days rather than short of it.
    const ratio = Math.min(2, Math.max(0.5, ((this.plan.partResults - this.summary.partResults) / expected) * 1.01));
    const size = Math.max(8, Math.round(s.size * ratio));
    this.plannedLeft -= this.weight(s);
    this.plannedDone += this.weight({ ...s, size });
    return size;
  }

  private weight(s: PlannedSession): number {
    return s.attempt === 'first' ? s.size * this.requiredFor(s).length : 0;
  }

  private requiredFor(s: { occupationCode: string; level: number }): RequiredPart[] {
    const key = `${s.occupationCode}/${s.level}`;
    let parts = this.parts.get(key);
    if (!parts) this.parts.set(key, (parts = requiredParts(this.ctx, this.occupations.get(s.occupationCode)!.id, s.level)));
    return parts;
  }

  private audit(detail: Record<string, unknown>): void {
    this.ranges.save();
    recordAudit(this.ctx, { entity: 'demo', entityId: this.plan.size, action: 'load', newValue: detail });
    this.summary.auditEntries++;
  }

  private addEmployers(): void {
    const createdAt = nowIso();
    for (const name of employerNames(this.rng, this.plan.employers)) {
      const r = this.stmt.employer.run(name, this.rng.chance(0.6) ? 1 : 0, createdAt);
      if (r.changes === 0) continue; // a real employer of that name already exists: leave it alone
      const id = Number(r.lastInsertRowid);
      this.ranges.add('employer', id);
      this.employerIds.push(id);
    }
    this.summary.employers = this.employerIds.length;
    // A few large property companies send most candidates (roughly Zipf).
    this.employerWeights = new Weighted(this.employerIds.map((id, i) => [id, 1 / Math.pow(i + 1, 0.9)] as const));
  }

  private newCandidate(date: string): number {
    for (;;) {
      const p = this.people.make(Number(date.slice(0, 4)));
      const employerId = this.employerIds.length && this.rng.chance(0.95) ? this.employerWeights.sample(this.rng) : null;
      const at = `${date}T02:00:00.000Z`;
      const r = this.stmt.candidate.run(p.idNumber, p.name, p.gender, p.birthDate, p.phone, p.education, employerId, p.initials, at, at);
      if (r.changes === 0) continue; // the ID belongs to a real candidate already: make another person
      const id = Number(r.lastInsertRowid);
      for (const reading of p.otherReadings) this.stmt.reading.run(reading, id);
      this.ranges.add('candidate', id);
      this.candidateIds.push(id);
      this.candidateEmployer.push(employerId);
      this.summary.candidates++;
      return this.candidateIds.length - 1;
    }
  }

  /** New people until the candidate budget is spent; then those who come back for a higher level or another occupation. */
  private pickCandidate(date: string, taken: Set<number>): number {
    const left = this.plan.candidates - this.summary.candidates;
    const seatsLeft = Number.isFinite(this.plan.partResults) ? Math.max(1, (this.plan.partResults - this.summary.partResults) / 2.3) : left / 0.9;
    if (left > 0 && (this.candidateIds.length === 0 || this.rng.chance(left / seatsLeft))) return this.newCandidate(date);
    for (let tries = 0; tries < 20; tries++) {
      const c = this.rng.int(0, this.candidateIds.length - 1);
      if (!taken.has(c)) return c;
    }
    return this.newCandidate(date);
  }

  private sessionName(s: PlannedSession, occupationName: string): string {
    const base = defaultSessionName(s.date, occupationName, s.level, s.attempt, s.specialty);
    const n = (this.nameCount.get(base) ?? 0) + 1;
    this.nameCount.set(base, n);
    const name = n > 1 ? base.replace('职业技能等级认定', `职业技能等级认定（第${n}期）`) : base;
    return this.plan.markNames ? DEMO_MARK + name : name;
  }

  private holdSession(s: PlannedSession): void {
    const occupation = this.occupations.get(s.occupationCode)!;
    const required = this.requiredFor(s);
    if (required.length === 0) return; // the officer took this level out of the catalog
    const key = `${s.occupationCode}/${s.level}`;
    // Results of the last six weeks are still being keyed in; older sessions are finalized.
    const open = s.date > addDays(this.today, -45);
    // A finalized session needs every part of every candidate: none is held once the budget cannot pay for one.
    if (!open && this.plan.partResults - this.summary.partResults < required.length) return;
    const seats: { candidate: number; carried?: Failure }[] = [];
    if (s.attempt === 'retake') {
      for (const f of this.readyFailures(key, s.date)) seats.push({ candidate: f.candidate, carried: f });
    } else {
      const taken = new Set<number>();
      for (let i = 0; i < s.size; i++) {
        const c = this.pickCandidate(s.date, taken);
        taken.add(c);
        seats.push({ candidate: c });
      }
    }
    if (seats.length === 0) return;
    const finalizedAt = open ? null : `${addDays(s.date, 20)}T08:00:00.000Z`;
    const sessionId = Number(
      this.stmt.session.run(this.sessionName(s, occupation.name), occupation.id, s.specialty, s.level, s.attempt, s.date, this.rng.pick(VENUES), open ? 'open' : 'finalized', finalizedAt, `${addDays(s.date, -30)}T01:00:00.000Z`)
        .lastInsertRowid,
    );
    this.ranges.add('session', sessionId);
    this.summary.sessions++;
    const createdAt = `${addDays(s.date, -20)}T01:00:00.000Z`;
    seats.forEach((seat, i) => {
      if (this.summary.partResults >= this.plan.partResults) return;
      let results = open && this.rng.chance(RATES.pendingInOpenSession) ? [] : this.sit(required, seat.carried);
      const budgetLeft = this.plan.partResults - this.summary.partResults;
      if (results.length > budgetLeft) {
        // The budget ends inside this candidate: in an open session the rest is simply not keyed in yet.
        if (!open) return;
        results = results.slice(0, budgetLeft);
      }
      const outcome: Outcome = decideOutcome(required, results);
      const admission = `${s.date.slice(0, 4)}${String(sessionId).padStart(4, '0')}${String(i + 1).padStart(4, '0')}`;
      const enrolmentId = Number(
        this.stmt.enrolment.run(sessionId, this.candidateIds[seat.candidate]!, admission, s.attempt, outcome, this.candidateEmployer[seat.candidate]!, createdAt).lastInsertRowid,
      );
      this.summary.enrolments++;
      const updatedAt = `${addDays(s.date, 7)}T06:00:00.000Z`;
      for (const r of results) {
        const carriedFrom = seat.carried?.passed.has(r.part) ? seat.carried.enrolmentId : null;
        this.stmt.part.run(enrolmentId, r.part, r.status, r.tenths, carriedFrom, updatedAt);
        this.summary.partResults++;
      }
      if (open) return;
      if (outcome === 'pass') this.certify.queue({ enrolmentId, candidateId: this.candidateIds[seat.candidate]!, level: s.level, issueDate: addDays(s.date, this.rng.int(28, 45)) } satisfies PassToCertify, this.today);
      else if (s.attempt === 'first') this.remember(key, { candidate: seat.candidate, enrolmentId, date: s.date, passed: passedParts(required, results) });
    });
  }

  /** One candidate's parts: absent from all now and then, a few absences and misconduct, scores around the part's mean. */
  private sit(required: readonly RequiredPart[], carried?: Failure): PartResult[] {
    const rng = this.rng;
    if (rng.chance(RATES.absentFromAll)) {
      // Parts kept from the earlier attempt stay; everything else is 缺考.
      return required.map((p): PartResult => {
        const kept = carried?.passed.get(p.part);
        return kept !== undefined ? { part: p.part, status: 'scored', tenths: kept } : { part: p.part, status: 'absent', tenths: null };
      });
    }
    return required.map((p): PartResult => {
      const kept = carried?.passed.get(p.part);
      if (kept !== undefined) return { part: p.part, status: 'scored', tenths: kept };
      if (rng.chance(RATES.absentFromPart)) return { part: p.part, status: 'absent', tenths: null };
      if (rng.chance(RATES.misconduct)) return { part: p.part, status: 'misconduct', tenths: null };
      const [mean, spread] = SCORE_SHAPE[p.part]!;
      const points = Math.round(rng.around(mean, spread, 0, 100));
      const tenths = points * 10 + (points < 100 && rng.chance(0.2) ? 5 : 0);
      return { part: p.part, status: 'scored', tenths };
    });
  }

  private remember(key: string, failure: Failure): void {
    let list = this.failures.get(key);
    if (!list) this.failures.set(key, (list = []));
    list.push(failure);
  }

  /** Failures of the last year that are due a retake by `date` (RATES.retake of them come back). */
  private readyFailures(key: string, date: string): Failure[] {
    const list = this.failures.get(key) ?? [];
    const yearAgo = addDays(date, -365);
    const due = addDays(date, -60);
    const ready = list.filter((f) => f.date <= due && f.date >= yearAgo);
    this.failures.set(key, list.filter((f) => f.date > due));
    // Someone who failed twice sits the retake once, carrying the parts of the latest attempt.
    const latest = new Map<number, Failure>();
    for (const f of ready) latest.set(f.candidate, f);
    return [...latest.values()].filter(() => this.rng.chance(RATES.retake));
  }

  /** In the large demo a retake session follows a first-attempt session once enough failures are due. */
  private retakeAfter(s: PlannedSession): PlannedSession | null {
    const key = `${s.occupationCode}/${s.level}`;
    const due = addDays(s.date, -60);
    const waiting = (this.failures.get(key) ?? []).filter((f) => f.date <= due).length;
    const date = addDays(s.date, 1);
    if (waiting < 12 || date >= this.today) return null;
    return { ...s, date, attempt: 'retake', size: 0 };
  }
}

function passedParts(required: readonly RequiredPart[], results: readonly PartResult[]): Map<Part, number> {
  const passed = new Map<Part, number>();
  for (const r of results) {
    const mark = required.find((p) => p.part === r.part)?.passMarkTenths ?? 600;
    if (r.status === 'scored' && r.tenths !== null && r.tenths >= mark) passed.set(r.part, r.tenths);
  }
  return passed;
}
