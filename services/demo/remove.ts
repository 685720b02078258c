// What demo data is in the file, and taking it out again without touching the officer's own rows.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import type { DemoEntity } from './ranges';
import type { DemoSize } from './plans';

export interface DemoStatus {
  loaded: boolean;
  size: DemoSize | null;
  loadedAt: string | null;
  sessions: number;
  candidates: number;
}

interface Range {
  first: number;
  last: number;
}

function demoRanges(ctx: Ctx): { size: DemoSize; loadedAt: string; ranges: Map<DemoEntity, Range> } | null {
  const rows = ctx.db.prepare('SELECT entity, first_id AS first, last_id AS last, size, loaded_at AS loadedAt FROM demo_rows').all() as {
    entity: DemoEntity;
    first: number;
    last: number;
    size: DemoSize;
    loadedAt: string;
  }[];
  if (rows.length === 0) return null;
  return { size: rows[0]!.size, loadedAt: rows[0]!.loadedAt, ranges: new Map(rows.map((r) => [r.entity, { first: r.first, last: r.last }])) };
}

const NONE: Range = { first: 0, last: -1 };

function countIn(ctx: Ctx, table: 'sessions' | 'candidates' | 'employers', r: Range = NONE): number {
  return (ctx.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE id BETWEEN ? AND ?`).get(r.first, r.last) as { n: number }).n;
}

export function demoStatus(ctx: Ctx): DemoStatus {
  const demo = demoRanges(ctx);
  if (!demo) return { loaded: false, size: null, loadedAt: null, sessions: 0, candidates: 0 };
  return {
    loaded: true,
    size: demo.size,
    loadedAt: demo.loadedAt,
    sessions: countIn(ctx, 'sessions', demo.ranges.get('session')),
    candidates: countIn(ctx, 'candidates', demo.ranges.get('candidate')),
  };
}

export interface DemoRemoval {
  sessions: number;
  enrolments: number;
  partResults: number;
  certificates: number;
  candidates: number;
  employers: number;
  /** Demo candidates or employers kept because the officer's own records now use them. */
  keptInUse: number;
}

/**
 * Deletes the demo sessions with everything recorded in them, then the demo candidates and
 * employers nothing else refers to (an officer may have enrolled a demo person in a real
 * session: that person stays). Certificate counters stay where the demo left them: a demo
 * certificate may have been printed with a signed QR code, so its number is never given to a
 * real person (certificates/number.ts allocates after the counter; verify.ts reports a number
 * signed here but no longer on file as not valid).
 */
export function removeDemo(ctx: Ctx): DemoRemoval {
  const demo = demoRanges(ctx);
  if (!demo) throw new AppError('DEMO_NOT_LOADED', '数据文件里没有示例数据，不需要删除。');
  const s = demo.ranges.get('session') ?? NONE;
  const c = demo.ranges.get('candidate') ?? NONE;
  const emp = demo.ranges.get('employer') ?? NONE;
  const cert = demo.ranges.get('certificate') ?? NONE;
  const db = ctx.db;
  try {
    return inTransaction(db, () => {
      const inDemoSessions = 'SELECT id FROM enrolments WHERE session_id BETWEEN ? AND ?';
      const certificates = db
        .prepare(`DELETE FROM certificates WHERE id BETWEEN ? AND ? OR enrolment_id IN (${inDemoSessions})`)
        .run(cert.first, cert.last, s.first, s.last).changes;
      const partResults = db.prepare(`DELETE FROM part_results WHERE enrolment_id IN (${inDemoSessions})`).run(s.first, s.last).changes;
      // The demo's classes with everything recorded in them, and its membership terms.
      const cls = demo.ranges.get('training_class') ?? NONE;
      const lessons = 'SELECT id FROM training_lessons WHERE class_id BETWEEN ? AND ?';
      db.prepare(`DELETE FROM training_attendance WHERE lesson_id IN (${lessons})`).run(cls.first, cls.last);
      db.prepare('DELETE FROM training_lessons WHERE class_id BETWEEN ? AND ?').run(cls.first, cls.last);
      db.prepare('DELETE FROM training_trainees WHERE class_id BETWEEN ? AND ?').run(cls.first, cls.last);
      db.prepare('DELETE FROM training_classes WHERE id BETWEEN ? AND ?').run(cls.first, cls.last);
      const mem = demo.ranges.get('member') ?? NONE;
      db.prepare('DELETE FROM members WHERE id BETWEEN ? AND ?').run(mem.first, mem.last);
      const enrolments = db.prepare('DELETE FROM enrolments WHERE session_id BETWEEN ? AND ?').run(s.first, s.last).changes;
      const sessions = db.prepare('DELETE FROM sessions WHERE id BETWEEN ? AND ?').run(s.first, s.last).changes;
      // Demo people and companies stay when a record of the officer's now points at them.
      const deleteUnused = (table: string, r: Range, references: string[]) =>
        db.prepare(`DELETE FROM ${table} WHERE id BETWEEN ? AND ? ${references.map((ref) => `AND NOT EXISTS (SELECT 1 FROM ${ref} = ${table}.id)`).join(' ')}`).run(r.first, r.last).changes;
      const candidates = deleteUnused('candidates', c, ['enrolments x WHERE x.candidate_id', 'certificates x WHERE x.candidate_id', 'training_trainees x WHERE x.candidate_id', 'training_attendance x WHERE x.candidate_id']);
      const employers = deleteUnused('employers', emp, [
        'candidates x WHERE x.employer_id',
        'enrolments x WHERE x.employer_id',
        'training_trainees x WHERE x.employer_id',
        'members x WHERE x.employer_id',
        'employer_aliases x WHERE x.employer_id',
        'employer_aliases x WHERE x.into_id',
      ]);
      const keptInUse = countIn(ctx, 'candidates', c) + countIn(ctx, 'employers', emp);
      db.prepare('DELETE FROM demo_rows').run();
      const removal = { sessions, enrolments, partResults, certificates, candidates, employers, keptInUse };
      recordAudit(ctx, { entity: 'demo', entityId: demo.size, action: 'remove', newValue: removal });
      return removal;
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new AppError('DEMO_IN_USE', '示例数据已被您自己的记录引用（例如在真实批次中沿用了示例考生的成绩或证书），无法自动删除。请先处理这些记录，或联系技术支持。');
    }
    throw e;
  }
}
