// Every 申报条件 clause CertDesk ships (docs/eligibility.md § The clauses shipped), read from a new
// data file as the officer finds it, at its boundary day: a person whose history makes exactly
// that clause's years full on the exam date meets it (「满N年（含）」), and the same person for a
// session one day earlier does not. Checked through the contract on a real SQLite file, with the
// history recorded as an officer records it (candidate background, credential add).
import { describe, expect, it } from 'vitest';
import { call, createDB, makeIdNumber } from '../helpers';
import { addYears } from '../../services/eligibility/evaluate';
import type { Ctx } from '../../services/shared/context';

const EXAM = '2025-06-15';
const DAY_BEFORE = '2025-06-14';

const SHIPPED = [
  { occupation: '保安员', code: '4-07-05-01', level: 5, labels: ['（1）', '（2）'] },
  { occupation: '保安员', code: '4-07-05-01', level: 4, labels: ['（1）'] },
  { occupation: '物业管理师', code: '4-06-01-01', level: 2, labels: ['（1）', '（1）之二', '（2）', '（3）', '（4）'] },
] as const;

type Condition = { kind: string; level?: number; years?: number; min?: string; text?: string };

/** Records the history that meets `conditions` with every span of years full on EXAM itself. */
async function recordHistory(ctx: Ctx, idNumber: string, code: string, conditions: readonly Condition[]): Promise<void> {
  for (const c of conditions) {
    const since = addYears(EXAM, -(c.years ?? 0));
    if (c.kind === 'work') await call(ctx, 'candidates.setBackground', { idNumber, workStartDate: since });
    if (c.kind === 'education') await call(ctx, 'candidates.setBackground', { idNumber, education: c.min!, graduationDate: c.years ? since : null });
    if (c.kind === 'certificate') await call(ctx, 'credentials.add', { idNumber, occupation: code, level: c.level!, date: since });
    if (c.kind === 'training') await call(ctx, 'credentials.add', { idNumber, occupation: code, level: c.level!, date: EXAM, kind: 'training' });
  }
}

describe('the shipped 申报条件, each at its boundary day', () => {
  it('are the clauses docs/eligibility.md lists', async () => {
    const { ctx } = createDB();
    for (const s of SHIPPED) {
      const { clauses } = await call(ctx, 'eligibility.clauses', { occupation: s.occupation, level: s.level });
      expect(clauses.map((c) => c.label)).toEqual([...s.labels]);
      for (const c of clauses) expect(c.source).not.toBe('');
    }
  });

  for (const s of SHIPPED) {
    it(`${s.occupation} ${s.level}级: each clause is met on the day its years are full, not the day before`, async () => {
      const { ctx } = createDB();
      const { clauses } = await call(ctx, 'eligibility.clauses', { occupation: s.occupation, level: s.level });
      const onDay = await call(ctx, 'sessions.create', { occupation: s.occupation, level: s.level, date: EXAM, name: '考试当天' });
      const before = await call(ctx, 'sessions.create', { occupation: s.occupation, level: s.level, date: DAY_BEFORE, name: '前一天' });
      const people = clauses.map((c, i) => ({ clause: c, idNumber: makeIdNumber('440106', `1990${String(i + 1).padStart(2, '0')}15`, 11 + i), name: `考生${i + 1}` }));
      for (const p of people) {
        await call(ctx, 'candidates.add', { idNumber: p.idNumber, name: p.name });
        await recordHistory(ctx, p.idNumber, s.code, p.clause.conditions);
        for (const sessionId of [onDay.id, before.id]) await call(ctx, 'enrolments.add', { sessionId, idNumber: p.idNumber });
      }
      const day = (await call(ctx, 'eligibility.check', { sessionId: onDay.id })).candidates;
      const earlier = (await call(ctx, 'eligibility.check', { sessionId: before.id })).candidates;
      for (const p of people) {
        const on = day.find((c) => c.idNumber === p.idNumber)!;
        const prior = earlier.find((c) => c.idNumber === p.idNumber)!;
        const label = p.clause.label;
        if (p.clause.conditions.some((c) => c.kind === 'attested')) {
          // No record shows it: never met by itself; an administrator verifies the papers and overrides.
          expect(on.eligible, label).toBe(false);
          expect(on.reasons.find((r) => r.startsWith(label)), label).toContain('需核实');
          continue;
        }
        expect(on, label).toMatchObject({ eligible: true, clause: `${label}${p.clause.text}` });
        const timeless = p.clause.conditions.every((c) => c.kind === 'education' && !c.years);
        if (timeless) {
          // （4）: a 硕士 alone has no day to count from.
          expect(prior.eligible, label).toBe(true);
          continue;
        }
        expect(prior.eligible, label).toBe(false);
        expect(prior.reasons.find((r) => r.startsWith(`${label}需`)), label).toBeDefined();
      }
    });
  }
});
