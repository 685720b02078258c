// The demo association: every record valid by the domain rules, every figure consistent, and
// the whole of it removable without touching what the officer entered.
import { describe, expect, it } from 'vitest';
import { call, callError, createDB, makeIdNumber, runCli, tempDir } from '../helpers';
import { loadDemo } from '../../services/demo/generate';
import { checkIdNumber } from '../../services/ids/idNumber';
import { nameInitials } from '../../services/candidates/names';
import { verifyAuditChain } from '../../services/audit/verify';
import { requiredParts } from '../../services/occupations/occupations';
import { decideOutcome } from '../../services/results/rules';
import { overallPassRate, passRateBreakdown } from '../../services/passrate/breakdown';
import { sessionSummary } from '../../services/results/results';
import { parseCertificateNumber } from '../../services/certificates/number';
import type { Ctx } from '../../services/shared/context';
import path from 'node:path';
import type { Part, PartStatus } from '../../services/vocabulary/words';

const TODAY = '2024-06-30';

function outcomesAgreeWithParts(ctx: Ctx): string[] {
  const wrong: string[] = [];
  const enrolments = ctx.db
    .prepare('SELECT e.id, e.outcome, s.occupation_id AS occupationId, s.level FROM enrolments e JOIN sessions s ON s.id = e.session_id')
    .all() as { id: number; outcome: string; occupationId: number; level: number }[];
  const parts = ctx.db.prepare('SELECT part, status, score_tenths AS tenths FROM part_results WHERE enrolment_id = ?');
  for (const e of enrolments) {
    const results = parts.all(e.id) as { part: Part; status: PartStatus; tenths: number | null }[];
    const decided = decideOutcome(requiredParts(ctx, e.occupationId, e.level), results);
    if (decided !== e.outcome) wrong.push(`enrolment ${e.id}: stored ${e.outcome}, rules say ${decided}`);
  }
  return wrong;
}

describe('the small demo a newcomer explores', () => {
  it('registers candidates whose ID numbers pass the check, with birth date, gender and pinyin initials taken from them', () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    const people = ctx.db.prepare('SELECT id_number, name, gender, birth_date, name_initials FROM candidates').all() as {
      id_number: string; name: string; gender: string; birth_date: string; name_initials: string;
    }[];
    expect(people.length).toBe(160);
    for (const p of people) {
      const id = checkIdNumber(p.id_number, '居民身份证', new Date(`${TODAY}T00:00:00Z`));
      expect(id, p.id_number).toMatchObject({ ok: true, gender: p.gender, birthDate: p.birth_date });
      expect(p.name_initials).toBe(nameInitials(p.name));
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
  });

  it('holds a few marked sessions over the last year, first attempts and a retake, the latest still open for keying in', () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    const sessions = ctx.db.prepare('SELECT name, attempt, status, exam_date FROM sessions ORDER BY exam_date').all() as { name: string; attempt: string; status: string; exam_date: string }[];
    expect(sessions.length).toBeGreaterThanOrEqual(5);
    expect(sessions.every((s) => s.name.startsWith('【示例】') && s.exam_date < TODAY && s.exam_date > '2023-06-30')).toBe(true);
    expect(sessions.some((s) => s.attempt === 'retake')).toBe(true);
    expect(sessions.at(-1)!.status).toBe('open');
    expect(ctx.db.prepare("SELECT count(*) AS n FROM enrolments WHERE outcome = 'pending'").get()).not.toEqual({ n: 0 });
  });

  it('stores every outcome exactly as the rules decide it from the parts, 缺考 and 违纪 included', () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    expect(outcomesAgreeWithParts(ctx)).toEqual([]);
    const statuses = ctx.db.prepare('SELECT DISTINCT status FROM part_results').all().map((r) => (r as { status: string }).status);
    expect(statuses).toContain('absent');
  });

  it('carries a retaker\'s passed parts from their earlier attempt at the same occupation and level', () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    const carried = ctx.db
      .prepare(
        `SELECT pr.score_tenths AS now, old.score_tenths AS before, e.candidate_id = oe.candidate_id AS samePerson,
                s.occupation_id = os.occupation_id AND s.level = os.level AS sameLevel, e.attempt
         FROM part_results pr JOIN enrolments e ON e.id = pr.enrolment_id JOIN sessions s ON s.id = e.session_id
         JOIN part_results old ON old.enrolment_id = pr.carried_from AND old.part = pr.part
         JOIN enrolments oe ON oe.id = pr.carried_from JOIN sessions os ON os.id = oe.session_id
         WHERE pr.carried_from IS NOT NULL`,
      )
      .all() as { now: number; before: number; samePerson: number; sameLevel: number; attempt: string }[];
    expect(carried.length).toBeGreaterThan(0);
    for (const c of carried) expect(c).toEqual({ now: c.before, before: c.before, samePerson: 1, sameLevel: 1, attempt: 'retake' });
    expect(carried.every((c) => c.before >= 600)).toBe(true);
  });

  it('reports the same pass-rate figures whichever way they are added up', () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    const overall = overallPassRate(ctx);
    const sessions = ctx.db.prepare('SELECT id FROM sessions').all() as { id: number }[];
    const bySession = sessions.map((s) => sessionSummary(ctx, s.id));
    const sum = (k: 'registered' | 'absent' | 'passed' | 'pending', rows: { registered: number; absent: number; passed: number; pending: number }[]) => rows.reduce((a, r) => a + r[k], 0);
    for (const k of ['registered', 'absent', 'passed', 'pending'] as const) {
      expect(sum(k, bySession)).toBe(overall[k]);
      for (const g of ['occupation', 'employer', 'year', 'level', 'attempt'] as const) expect(sum(k, passRateBreakdown(ctx, g)), `${g} ${k}`).toBe(overall[k]);
    }
    expect(overall.registered).toBe((ctx.db.prepare('SELECT count(*) AS n FROM enrolments').get() as { n: number }).n);
  });

  it('issues each pass of a finalized session one certificate, numbered by the 22-character rule without a duplicate', () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    const passes = ctx.db
      .prepare("SELECT count(*) AS n FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE e.outcome = 'pass' AND s.status = 'finalized'")
      .get() as { n: number };
    const certs = ctx.db.prepare('SELECT c.number, c.issue_date, s.level FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id JOIN sessions s ON s.id = e.session_id').all() as {
      number: string; issue_date: string; level: number;
    }[];
    expect(certs.length).toBeGreaterThan(0);
    expect(certs.length).toBeLessThanOrEqual(passes.n);
    expect(new Set(certs.map((c) => c.number)).size).toBe(certs.length);
    for (const c of certs) {
      const parsed = parseCertificateNumber(c.number);
      expect(parsed.ok, c.number).toBe(true);
      if (parsed.ok) expect([parsed.parts.year, parsed.parts.level]).toEqual([c.issue_date.slice(2, 4), c.level]);
      expect(c.issue_date <= TODAY).toBe(true);
    }
    const serials = ctx.db.prepare('SELECT scope, last FROM certificate_serials').all() as { scope: string; last: number }[];
    for (const s of serials) {
      const highest = Math.max(...certs.filter((c) => c.issue_date.startsWith(s.scope)).map((c) => Number(c.number.slice(16))));
      expect(s.last).toBe(highest);
    }
  });

  it('writes its audit entries into the hash chain, marked as demo', () => {
    const { ctx } = createDB();
    const summary = loadDemo(ctx, 'small', { today: TODAY });
    expect(verifyAuditChain(ctx).ok).toBe(true);
    const entries = ctx.db.prepare("SELECT entity, action FROM audit_log WHERE entity = 'demo'").all();
    expect(entries.length).toBe(summary.auditEntries);
    expect(entries.every((e) => (e as { action: string }).action === 'load')).toBe(true);
  });

  it('is the same data every time, so screenshots and benchmarks can be repeated', () => {
    const a = createDB();
    const b = createDB();
    loadDemo(a.ctx, 'small', { today: TODAY });
    loadDemo(b.ctx, 'small', { today: TODAY });
    const snapshot = (ctx: Ctx) => ctx.db.prepare('SELECT c.id_number, c.name, e.outcome FROM enrolments e JOIN candidates c ON c.id = e.candidate_id ORDER BY e.id').all();
    expect(snapshot(a.ctx)).toEqual(snapshot(b.ctx));
  });
});

describe('removing the demo', () => {
  it('takes out every demo row and leaves the officer\'s own session, candidates and results as they were', async () => {
    const { ctx } = createDB();
    const mine = await call(ctx, 'sessions.create', { occupation: '保安员', level: 5, date: '2024-05-20' });
    const me = await call(ctx, 'candidates.add', { idNumber: makeIdNumber('440106', '19900101', 11), name: '张三', employer: '本协会物业服务中心' });
    await call(ctx, 'enrolments.add', { sessionId: mine.id, candidateId: me.id });
    await call(ctx, 'results.set', { sessionId: mine.id, idNumber: me.idNumber, part: 'theory', score: 88 });
    await call(ctx, 'demo.load', { size: 'small' });
    expect(await call(ctx, 'demo.status', {})).toMatchObject({ loaded: true, size: 'small' });
    const removed = await call(ctx, 'demo.remove', {});
    expect(removed.sessions).toBeGreaterThan(0);
    expect(removed.keptInUse).toBe(0);
    expect(await call(ctx, 'demo.status', {})).toMatchObject({ loaded: false });
    const count = (table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('sessions'), count('candidates'), count('enrolments'), count('part_results'), count('employers'), count('certificates')]).toEqual([1, 1, 1, 1, 1, 0]);
    expect((await call(ctx, 'results.get', { sessionId: mine.id })).candidates[0]!.parts[0]).toMatchObject({ part: 'theory', score: 88 });
    expect(verifyAuditChain(ctx).ok).toBe(true);
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'demo' ORDER BY seq DESC LIMIT 1").get()).toEqual({ action: 'remove' });
  });

  it('keeps a demo candidate the officer has since enrolled in a real session', async () => {
    const { ctx } = createDB();
    await call(ctx, 'demo.load', { size: 'small' });
    const mine = await call(ctx, 'sessions.create', { occupation: '电工', level: 5, date: '2024-05-20' });
    const demoPerson = ctx.db.prepare('SELECT id FROM candidates ORDER BY id LIMIT 1').get() as { id: number };
    await call(ctx, 'enrolments.add', { sessionId: mine.id, candidateId: demoPerson.id });
    const removed = await call(ctx, 'demo.remove', {});
    expect(removed.keptInUse).toBeGreaterThan(0);
    expect(ctx.db.prepare('SELECT candidate_id FROM enrolments').all()).toEqual([{ candidate_id: demoPerson.id }]);
  });

  it('refuses, with a reason, when a real retake carries a part passed in a demo session', async () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: new Date().toISOString().slice(0, 10) });
    const passedPart = ctx.db
      .prepare(
        `SELECT e.candidate_id AS candidateId, o.name AS occupation, s.level, s.exam_date AS date FROM part_results pr
         JOIN enrolments e ON e.id = pr.enrolment_id JOIN sessions s ON s.id = e.session_id JOIN occupations o ON o.id = s.occupation_id
         WHERE e.outcome = 'fail' AND pr.status = 'scored' AND pr.score_tenths >= 600 AND s.attempt = 'first' LIMIT 1`,
      )
      .get() as { candidateId: number; occupation: string; level: number; date: string };
    const retake = await call(ctx, 'sessions.create', { occupation: passedPart.occupation, level: passedPart.level, date: new Date().toISOString().slice(0, 10), attempt: '补考' });
    await call(ctx, 'enrolments.add', { sessionId: retake.id, candidateId: passedPart.candidateId });
    const error = await callError(ctx, 'demo.remove', {});
    expect(error.code).toBe('DEMO_IN_USE');
    expect(error.message).toContain('示例数据');
    expect(await call(ctx, 'demo.status', {})).toMatchObject({ loaded: true });
  });

  it('sends the officer to the command line for the large demo instead of freezing the window for a minute', async () => {
    const { ctx } = createDB();
    const error = await callError(ctx, 'demo.load', { size: 'large' });
    expect(error.code).toBe('DEMO_LARGE_CLI_ONLY');
    expect(error.message).toContain('certdesk demo --size large');
    expect(await call(ctx, 'demo.status', {})).toMatchObject({ loaded: false });
  });

  it('says there is nothing to remove when no demo was loaded, and refuses a second demo on top of the first', async () => {
    const { ctx } = createDB();
    expect((await callError(ctx, 'demo.remove', {})).code).toBe('DEMO_NOT_LOADED');
    await call(ctx, 'demo.load', {});
    const again = await callError(ctx, 'demo.load', { size: 'small' });
    expect(again.code).toBe('DEMO_ALREADY_LOADED');
    expect(again.message).toContain('certdesk demo remove');
  });

  it('keeps the certificate counters where the demo left them, so no demo number is given out again', async () => {
    const { ctx } = createDB();
    loadDemo(ctx, 'small', { today: TODAY });
    const counters = ctx.db.prepare('SELECT scope, last FROM certificate_serials ORDER BY scope').all();
    expect(counters).not.toEqual([]);
    await call(ctx, 'demo.remove', {});
    expect(ctx.db.prepare('SELECT scope, last FROM certificate_serials ORDER BY scope').all()).toEqual(counters);
  });
});

describe('the large demo, scaled down', () => {
  it('spends exactly its part-result budget and registers exactly its candidates, chunk by chunk in the audit chain', () => {
    const { ctx } = createDB();
    const summary = loadDemo(ctx, 'large', { today: TODAY, chunk: 4_000, plan: { years: 2, firstSessionsPerYear: 40, candidates: 2_000, partResults: 20_000, employers: 30 } });
    expect(summary.partResults).toBe(20_000);
    expect(ctx.db.prepare('SELECT count(*) AS n FROM part_results').get()).toEqual({ n: 20_000 });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM candidates').get()).toEqual({ n: 2_000 });
    expect(summary.auditEntries).toBeGreaterThan(5);
    expect(verifyAuditChain(ctx).ok).toBe(true);
    expect(outcomesAgreeWithParts(ctx)).toEqual([]);
    expect(ctx.db.prepare("SELECT count(*) AS n FROM sessions WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.session_id = sessions.id)").get()).toEqual({ n: 0 });
    const rate = overallPassRate(ctx);
    expect(rate.absent / rate.registered).toBeGreaterThan(0.01);
    expect(rate.absent / rate.registered).toBeLessThan(0.1);
    expect(rate.passRate).toBeGreaterThan(0.6);
    expect(rate.passRate).toBeLessThan(0.92);
  });
});

describe('certdesk demo', () => {
  it('fills the file named by --db and reports what it made, then removes it again', () => {
    const db = path.join(tempDir(), 'demo.sqlite');
    const loaded = runCli(['demo', '--db', db, '--json']);
    expect(loaded.status).toBe(0);
    expect(loaded.json).toMatchObject({ size: 'small', candidates: 160 });
    const removed = runCli(['demo', 'remove', '--db', db]);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('已删除示例数据');
  });

  it('explains the two sizes when --size is something else', () => {
    const r = runCli(['demo', '--size', 'huge', '--db', path.join(tempDir(), 'x.sqlite'), '--json']);
    expect(r.status).toBe(2);
    expect(r.json.error).toMatchObject({ code: 'USAGE' });
    expect(r.json.error.message).toContain('small');
  });
});
