// The hot queries keep their indexes: each operation an officer repeats on ten years of data is
// run here, the SQL it sends is captured from the database handle, and its EXPLAIN QUERY PLAN is
// checked, so a change that silently falls back to scanning 470,000 enrolments fails here.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createDB } from '../helpers';
import { loadDemo } from '../../services/demo/generate';
import type { Ctx } from '../../services/shared/context';
import type { OpArgs, OpName } from '../../api/contract';

interface Sent {
  sql: string;
  plan: string[];
}

/**
 * Runs one operation and returns every statement it executed, with its query plan. The statement
 * methods of better-sqlite3 are wrapped for the duration, so statements prepared earlier and kept
 * in a cache are seen too.
 */
async function statementsOf<N extends OpName>(ctx: Ctx, name: N, args: OpArgs<N>): Promise<Sent[]> {
  const db = ctx.db;
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  const methods = ['run', 'get', 'all', 'iterate'] as const;
  const originals = methods.map((m) => proto[m]!);
  const seen: { sql: string; args: unknown[] }[] = [];
  methods.forEach((m, i) => {
    proto[m] = function (this: { source: string }, ...a: unknown[]) {
      seen.push({ sql: this.source, args: a });
      return originals[i]!.apply(this, a);
    };
  });
  try {
    await call(ctx, name, args);
  } finally {
    methods.forEach((m, i) => (proto[m] = originals[i]!));
  }
  return seen
    .filter((s) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|EXPLAIN)/i.test(s.sql))
    .map((s) => ({ sql: s.sql, plan: (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.args) as { detail: string }[]).map((r) => r.detail) }));
}

const plansMatching = (sent: Sent[], sqlPattern: RegExp) => sent.filter((s) => sqlPattern.test(s.sql)).flatMap((s) => s.plan);

let ctx: Ctx;

beforeAll(() => {
  ctx = createDB().ctx;
  // The scaled-down large demo: a few thousand enrolments are enough, plans do not depend on size
  // (the file has no statistics, as an officer's has none); 12,000 candidates, so a rare text
  // outgrows the search's quick pass over the newest 3,000.
  loadDemo(ctx, 'large', { today: '2024-06-30', plan: { years: 2, firstSessionsPerYear: 20, candidates: 12_000, partResults: 6_000, employers: 20 } });
});

describe('searching candidates as the officer types', () => {
  it('finds pinyin initials (zw → 张伟) by a range on the initials index, and the other readings by a range on theirs', async () => {
    const plan = (await statementsOf(ctx, 'candidates.search', { query: 'zw' })).flatMap((s) => s.plan).join('\n');
    expect(plan).toMatch(/SEARCH candidates USING COVERING INDEX candidates_initials \(name_initials>\? AND name_initials<\?\)/);
    expect(plan).toMatch(/SEARCH candidate_initials USING PRIMARY KEY \(initials>\? AND initials<\?\)/);
    expect(plan).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plan).not.toMatch(/SCAN (c|candidates)\b/);
  });

  it('finds an ID number prefix by a range on the ID index', async () => {
    const plan = (await statementsOf(ctx, 'candidates.search', { query: '4401' })).flatMap((s) => s.plan);
    expect(plan.join('\n')).toMatch(/SEARCH c USING INDEX candidates_id_number \(id_number>\? AND id_number<\?\)/);
  });

  it('finds an exact name through the name index and pages the rest from the newest rows by id', async () => {
    const sent = await statementsOf(ctx, 'candidates.search', { query: '王伟' });
    expect(plansMatching(sent, /WHERE c\.name = \?/).join('\n')).toMatch(/SEARCH c USING INDEX candidates_name \(name=\?\)/);
    expect(plansMatching(sent, /c\.id > \?/).join('\n')).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid>\?\)/);
  });

  it('looks for a rare Chinese text among the names holding its rarest character, never sorting the whole table', async () => {
    const sent = await statementsOf(ctx, 'candidates.search', { query: '欧阳秀' });
    const full = plansMatching(sent, /candidate_name_chars ch JOIN/).join('\n');
    expect(full).toMatch(/SEARCH ch USING PRIMARY KEY \(ch=\?\)/);
    expect(full).toMatch(/SEARCH n USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(full).toMatch(/SEARCH candidates USING INDEX candidates_employer \(employer_id=\?\)/);
    expect(full).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plansMatching(sent, /FROM candidate_name_chars WHERE ch = \?/).join('\n')).toMatch(/SEARCH candidate_name_chars USING PRIMARY KEY \(ch=\?\)/);
  });

  it('looks for text with Latin letters in the narrow name index, where LIKE ignores their case', async () => {
    const sent = await statementsOf(ctx, 'candidates.search', { query: 'John Smith' });
    const full = plansMatching(sent, /INDEXED BY candidates_name/).join('\n');
    expect(full).toMatch(/SCAN candidates USING COVERING INDEX candidates_name/);
    expect(full).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });
});

describe('pass-rate figures', () => {
  it('reads the session tallies for every grouping but employer, and never the enrolments', async () => {
    for (const groupBy of ['session', 'occupation', 'specialty', 'level', 'month', 'quarter', 'year', 'attempt'] as const) {
      const sent = await statementsOf(ctx, 'passrate.breakdown', { groupBy, filter: {} });
      expect(sent.map((s) => s.sql).join('\n'), groupBy).toMatch(/FROM session_tallies e/);
      expect(sent.map((s) => s.sql).join('\n'), groupBy).not.toMatch(/\benrolments\b/);
      // Either side may drive the join; both are a lookup by key, a few thousand rows at most.
      expect(sent.flatMap((s) => s.plan).join('\n'), groupBy).toMatch(/SEARCH e USING PRIMARY KEY \(session_id=\?\)|SEARCH s USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    }
  });

  it('answers by employer over all sessions from the per-employer totals alone', async () => {
    const sent = await statementsOf(ctx, 'passrate.breakdown', { groupBy: 'employer', filter: {} });
    const plan = sent.flatMap((s) => s.plan).join('\n');
    expect(plan).toMatch(/SCAN e/);
    // The first statement may be the caller's role look-up (a 裁判 is refused before any figure is read).
    expect(sent.map((s) => s.sql).join('\n')).toMatch(/FROM employer_totals e/);
    expect(plan).not.toMatch(/SCAN s\b/);
  });

  it('answers by employer for one year from that year\'s sessions through the exam-date index', async () => {
    const sent = await statementsOf(ctx, 'passrate.breakdown', { groupBy: 'employer', filter: { from: '2024-01-01', to: '2024-12-31' } });
    const plan = sent.flatMap((s) => s.plan).join('\n');
    expect(plan).toMatch(/SEARCH s USING INDEX sessions_exam_date \(exam_date>\? AND exam_date<\?\)/);
    expect(plan).toMatch(/SEARCH e USING PRIMARY KEY \(session_id=\?\)/);
  });

  it('counts each listed session from its tally rows, not from its enrolments', async () => {
    const sent = await statementsOf(ctx, 'sessions.list', {});
    const list = sent.find((s) => /FROM sessions s/.test(s.sql))!;
    expect(list.sql).not.toMatch(/\benrolments\b/);
    expect(list.plan.join('\n')).toMatch(/SEARCH t USING PRIMARY KEY \(session_id=\?\)/);
    expect(list.plan.join('\n')).toMatch(/SCAN s USING INDEX sessions_exam_date/);
  });
});

describe('saving one score', () => {
  it('touches only indexed rows: the session, the enrolment, its parts, the last audit entry', async () => {
    const open = ctx.db
      .prepare("SELECT e.session_id AS sessionId, e.id AS enrolmentId FROM enrolments e JOIN sessions s ON s.id = e.session_id WHERE s.status = 'open' LIMIT 1")
      .get() as { sessionId: number; enrolmentId: number };
    const sent = await statementsOf(ctx, 'results.set', { sessionId: open.sessionId, enrolmentId: open.enrolmentId, part: 'theory', score: 72 });
    expect(sent.length).toBeGreaterThan(5);
    for (const s of sent) {
      for (const line of s.plan) {
        // A SCAN is allowed only where it stops at once (the newest audit entry) or covers one session's rows.
        if (!/^SCAN/.test(line)) continue;
        expect(`${line}\n  in ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`).toMatch(/^SCAN (audit_log|level_parts|occupation_specialties)\b|USING (COVERING )?INDEX/);
      }
    }
    const lastAudit = sent.find((s) => /FROM audit_log ORDER BY seq DESC LIMIT 1/.test(s.sql))!;
    expect(lastAudit.plan).toEqual(['SCAN audit_log']);
  });
});
