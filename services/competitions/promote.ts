// 以赛代评 (docs/competitions.md § 以赛代评): winners of a finalized competition are granted a skill
// level by their rank. Each promotion becomes an ordinary finalized session of the competition's
// occupation and that level, marked with the competition (a 竞赛认定: no exam parts; the basis is
// the rank, kept in competition_promotions), and its certificates are issued through the normal
// numbering path. Refused, with the reason: a person who already holds that level or a higher one
// (a certificate CertDesk issued, or one recorded as 原证书), or who was promoted through a
// competition in the twelve months around this one's date (at most once a year).
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { inTransaction, type Ctx } from '../shared/context';
import { nowIso } from '../shared/dates';
import { createSession, finalizeSession } from '../sessions/sessions';
import { enrolMany } from '../sessions/enrolments';
import { priorQualification } from '../sessions/certified';
import { issueForSession } from '../certificates/issue';
import { LEVEL_LABELS, LEVEL_SHORT } from '../vocabulary/words';
import { getCompetition } from './competitions';
import { competitionResults } from './ranking';
import { levelForRank, parsePromotionRule } from './rules';

export interface PromotionLine {
  rank: number;
  entrant: string;
  name: string;
  idNumber: string;
  level: number;
  levelLabel: string;
}

export interface PromotionResult {
  made: (PromotionLine & { sessionId: number; certificateNumber: string | null })[];
  refused: (PromotionLine & { reason: string })[];
}

/** The highest level (smallest number) a person holds in an occupation, and where it comes from. */
function heldLevel(ctx: Ctx, candidateId: number, occupationId: number): { level: number; what: string } | null {
  const issued = ctx.db
    .prepare(
      `SELECT s.level, c.number FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id JOIN sessions s ON s.id = e.session_id
       WHERE c.candidate_id = ? AND c.status = 'issued' AND s.occupation_id = ? ORDER BY s.level LIMIT 1`,
    )
    .get(candidateId, occupationId) as { level: number; number: string } | undefined;
  const recorded = ctx.db
    .prepare("SELECT level, number FROM candidate_credentials WHERE candidate_id = ? AND kind = 'certificate' AND occupation_id = ? ORDER BY level LIMIT 1")
    .get(candidateId, occupationId) as { level: number; number: string | null } | undefined;
  const best = [issued && { level: issued.level, what: `证书 ${issued.number}` }, recorded && { level: recorded.level, what: `原证书${recorded.number ? ` ${recorded.number}` : ''}` }]
    .filter((x): x is { level: number; what: string } => Boolean(x))
    .sort((a, b) => a.level - b.level)[0];
  return best ?? null;
}

function monthsFrom(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function promoteWinners(ctx: Ctx, competitionId: number, rule: string, opts: { issueDate?: string } = {}): PromotionResult {
  const bands = parsePromotionRule(rule);
  return inTransaction(ctx.db, () => {
    const c = getCompetition(ctx, competitionId);
    if (c.status !== 'final') throw new AppError('COMPETITION_NOT_FINAL', `竞赛「${c.name}」还没有定稿，名次可能还会变，不能以赛代评。请先定稿（competition finalize ${c.id}）。`);
    if (!c.occupation) throw new AppError('COMPETITION_NO_OCCUPATION', `竞赛「${c.name}」没有指定对应的职业，不知道晋升哪个职业的等级。请用 competition update ${c.id} --occupation 职业编码 指定后再试。`);
    const occupationId = c.occupation.id;
    const result: PromotionResult = { made: [], refused: [] };
    const toMake = new Map<number, (PromotionLine & { candidateId: number })[]>();
    const seen = new Set<number>();
    for (const line of competitionResults(ctx, c.id).ranking) {
      const level = levelForRank(bands, line.rank);
      if (level === null) continue;
      const entrant = c.entrants.find((e) => e.id === line.entrantId)!;
      const base = { rank: line.rank, entrant: line.entrant, level, levelLabel: LEVEL_LABELS[level]! };
      if (entrant.members.length === 0) {
        result.refused.push({ ...base, name: line.entrant, idNumber: '', reason: '没有登记队员（已登记的考生），无法认定等级。请在定稿前在竞赛页「参赛队/选手」里添加队员（命令行：competition entrant add --member）。' });
        continue;
      }
      for (const m of entrant.members) {
        const line2 = { ...base, name: m.name, idNumber: m.idNumber };
        const refuse = (reason: string) => result.refused.push({ ...line2, reason });
        if (seen.has(m.candidateId)) continue;
        seen.add(m.candidateId);
        const held = heldLevel(ctx, m.candidateId, occupationId);
        if (held && held.level <= level) {
          refuse(`已持有${c.occupation.name}${LEVEL_LABELS[held.level]}（${held.what}），不低于拟认定的${LEVEL_LABELS[level]}`);
          continue;
        }
        const earlier = ctx.db
          .prepare(
            `SELECT p.promoted_on AS on_, c.name FROM competition_promotions p JOIN competitions c ON c.id = p.competition_id
             WHERE p.candidate_id = ? AND p.promoted_on > ? AND p.promoted_on < ? ORDER BY p.promoted_on DESC LIMIT 1`,
          )
          .get(m.candidateId, monthsFrom(c.date, -12), monthsFrom(c.date, 12)) as { on_: string; name: string } | undefined;
        if (earlier) {
          refuse(`${earlier.on_} 已通过竞赛「${earlier.name}」以赛代评，以赛代评每人每年最多一次`);
          continue;
        }
        const prior = priorQualification(ctx, m.candidateId, { id: 0, occupationId, level, specialty: null });
        if (prior) {
          refuse(`${prior.text}，不需要再认定`);
          continue;
        }
        toMake.set(level, [...(toMake.get(level) ?? []), { ...line2, candidateId: m.candidateId }]);
      }
    }
    for (const [level, people] of [...toMake].sort(([a], [b]) => b - a)) {
      const session = createSession(ctx, { occupation: c.occupation.code, level, date: c.date, name: `${c.name}以赛代评（${c.occupation.name}${LEVEL_SHORT[level]}）` });
      ctx.db.prepare('UPDATE sessions SET competition_id = ? WHERE id = ?').run(c.id, session.id);
      const enrolments = enrolMany(ctx, session.id, people.map((p) => ({ candidateId: p.candidateId })), { admitted: true });
      // 竞赛认定: the rank is the result; there are no exam parts to score (docs/competitions.md § 以赛代评).
      const pass = ctx.db.prepare("UPDATE enrolments SET outcome = 'pass' WHERE id = ?");
      const record = ctx.db.prepare('INSERT INTO competition_promotions (competition_id, entrant_id, candidate_id, rank, level, enrolment_id, promoted_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      people.forEach((p, i) => {
        pass.run(enrolments[i]!);
        const entrantId = c.entrants.find((e) => e.members.some((m) => m.candidateId === p.candidateId))!.id;
        record.run(c.id, entrantId, p.candidateId, p.rank, level, enrolments[i]!, c.date, nowIso());
      });
      finalizeSession(ctx, session.id);
      const issued = issueForSession(ctx, session.id, opts.issueDate);
      const numbers = new Map(issued.issued.map((x) => [x.idNumber, x.number]));
      for (const { candidateId: _, ...p } of people) result.made.push({ ...p, sessionId: session.id, certificateNumber: numbers.get(p.idNumber) ?? null });
    }
    result.made.sort((a, b) => a.rank - b.rank);
    recordAudit(ctx, { entity: 'competition', entityId: c.id, action: 'promote', newValue: { rule, made: result.made.map((m) => ({ idNumber: m.idNumber, level: m.level, rank: m.rank, certificate: m.certificateNumber })), refused: result.refused.map((r) => ({ idNumber: r.idNumber, reason: r.reason })) } });
    return result;
  });
}
