// The live ranking (成绩汇总) of a competition, its prizes, 公示 and 定稿. Until 定稿 everything is
// computed from the marks each time it is asked for, so the ranking moves as scores come in; 定稿
// freezes ranks, totals and prizes in competition_prizes, with the number of each 获奖证书.
import { AppError } from '../errors';
import { recordAudit } from '../audit/audit';
import { cachedStatement, inTransaction, type Ctx } from '../shared/context';
import { dateInvalid, isIsoDate, nowIso, todayIso } from '../shared/dates';
import { assertCompetitionWritable, getCompetition, type Competition, type CompetitionEvent } from './competitions';
import { fromText, toNumber, toText, type Frac } from './fraction';
import { allocatePrizes, parsePrizeRule, parseTeamRule, rankEntrants, type EntrantMarks, type EventRule } from './rules';

export interface RankingLine {
  rank: number;
  entrant: string;
  entrantId: number;
  employer: string | null;
  draw: string | null;
  members: string[];
  /** Rounded to 2 decimals for display; the rank was decided on the exact value. */
  total: number;
  complete: boolean;
  events: { event: string; score: number | null; time: number | null }[];
  prize: string | null;
  awardNumber: string | null;
}

export interface CompetitionResults {
  competitionId: number;
  name: string;
  status: Competition['status'];
  /** Every mark of every entrant is in. */
  complete: boolean;
  ranking: RankingLine[];
}

export function eventRule(ev: CompetitionEvent): EventRule {
  return {
    id: ev.id,
    name: ev.name,
    kind: ev.kind,
    maxHundredths: Math.round(ev.max * 100),
    weightBp: Math.round(ev.weight * 10000),
    judges: ev.judges,
    dropHigh: ev.dropHigh,
    dropLow: ev.dropLow,
    timedPoints: ev.timedPoints,
  };
}

/** Every entrant's marks, as the rules read them. */
export function loadMarks(ctx: Ctx, c: Competition): EntrantMarks[] {
  const rows = cachedStatement(
    ctx.db,
    `SELECT s.event_id AS eventId, s.entrant_id AS entrantId, s.member_id AS memberId, s.seat, s.hundredths
     FROM competition_scores s JOIN competition_entrants e ON e.id = s.entrant_id WHERE e.competition_id = ?`,
  ).all(c.id) as { eventId: number; entrantId: number; memberId: number; seat: number; hundredths: number }[];
  const byEntrant = new Map(c.entrants.map((e) => [e.id, { entrantId: e.id, own: new Map<number, Map<number, number>>(), members: new Map<number, Map<number, Map<number, number>>>(), memberCount: e.members.length }]));
  for (const r of rows) {
    const e = byEntrant.get(r.entrantId);
    if (!e) continue;
    if (r.memberId === 0) {
      const m = e.own.get(r.eventId) ?? new Map<number, number>();
      m.set(r.seat, r.hundredths);
      e.own.set(r.eventId, m);
    } else {
      const ev = e.members.get(r.eventId) ?? new Map<number, Map<number, number>>();
      const m = ev.get(r.memberId) ?? new Map<number, number>();
      m.set(r.seat, r.hundredths);
      ev.set(r.memberId, m);
      e.members.set(r.eventId, ev);
    }
  }
  return [...byEntrant.values()];
}

interface Computed {
  c: Competition;
  lines: (RankingLine & { exact: Frac })[];
  complete: boolean;
}

function compute(ctx: Ctx, c: Competition): Computed {
  const tiebreakIds = c.tiebreak.map((n) => c.events.find((e) => e.name === n)!.id);
  const ranked = rankEntrants(c.events.map(eventRule), loadMarks(ctx, c), parseTeamRule(c.teamRule), tiebreakIds);
  const prizes = c.prizeRule ? allocatePrizes(ranked, parsePrizeRule(c.prizeRule)) : new Map<number, string>();
  const frozen = c.status === 'final' ? frozenPrizes(ctx, c.id) : null;
  const byId = new Map(c.entrants.map((e) => [e.id, e]));
  const lines = ranked.map((r) => {
    const e = byId.get(r.entrantId)!;
    const f = frozen?.get(r.entrantId);
    return {
      rank: f ? f.rank : r.rank,
      entrant: e.name,
      entrantId: e.id,
      employer: e.employer,
      draw: e.draw,
      members: e.members.map((m) => m.name),
      total: toNumber(f ? fromText(f.total) : r.total),
      exact: f ? fromText(f.total) : r.total,
      complete: r.complete,
      events: c.events.map((ev, i) => ({
        event: ev.name,
        score: r.events[i]!.score === null ? null : toNumber(r.events[i]!.score!),
        time: r.events[i]!.time === null ? null : toNumber(r.events[i]!.time!),
      })),
      prize: f ? f.prize : (prizes.get(r.entrantId) ?? null),
      awardNumber: f?.awardNumber ?? null,
    };
  });
  if (frozen) lines.sort((a, b) => a.rank - b.rank || a.entrantId - b.entrantId);
  return { c, lines, complete: ranked.length > 0 && ranked.every((r) => r.complete) };
}

function frozenPrizes(ctx: Ctx, competitionId: number): Map<number, { rank: number; total: string; prize: string | null; awardNumber: string | null }> {
  const rows = ctx.db.prepare('SELECT entrant_id AS entrantId, rank, total, prize, award_number AS awardNumber FROM competition_prizes WHERE competition_id = ?').all(competitionId) as {
    entrantId: number;
    rank: number;
    total: string;
    prize: string | null;
    awardNumber: string | null;
  }[];
  return new Map(rows.map(({ entrantId, ...r }) => [entrantId, r]));
}

export function competitionResults(ctx: Ctx, competitionId: number): CompetitionResults {
  const { c, lines, complete } = compute(ctx, getCompetition(ctx, competitionId));
  return { competitionId: c.id, name: c.name, status: c.status, complete, ranking: lines.map(({ exact: _, ...l }) => l) };
}

/** 公示: the ranking and prizes are shown for complaints (申诉) until the given date. */
export function publishCompetition(ctx: Ctx, competitionId: number, complaintUntil?: string | null): Competition {
  return inTransaction(ctx.db, () => {
    const c = assertCompetitionWritable(ctx, competitionId);
    const until = complaintUntil?.trim() || c.complaintUntil;
    if (until && !isIsoDate(until)) throw dateInvalid('申诉截止日期', until);
    const { complete } = compute(ctx, c);
    if (!complete) throw incomplete(ctx, c);
    ctx.db.prepare("UPDATE competitions SET status = 'published', published_at = ?, complaint_until = ? WHERE id = ?").run(nowIso(), until ?? null, c.id);
    recordAudit(ctx, { entity: 'competition', entityId: c.id, action: 'publish', oldValue: { status: c.status }, newValue: { status: 'published', complaintUntil: until ?? null } });
    return getCompetition(ctx, c.id);
  });
}

function incomplete(ctx: Ctx, c: Competition): AppError {
  if (c.entrants.length === 0 || c.events.length === 0) {
    return new AppError('COMPETITION_INCOMPLETE', `竞赛「${c.name}」还没有${c.events.length === 0 ? '项目' : '参赛队'}，不能公示或定稿。`);
  }
  const { lines } = compute(ctx, { ...c, status: 'draft' });
  const missing = lines.filter((l) => !l.complete).map((l) => `${l.entrant}（${l.events.filter((e) => e.score === null).map((e) => e.event).join('、') || '部分队员'}）`);
  return new AppError('COMPETITION_INCOMPLETE', `还有 ${missing.length} 个参赛队/选手的成绩没有录完：${missing.slice(0, 5).join('；')}${missing.length > 5 ? ' 等' : ''}。请录完每位裁判的分数（计时项目为每位计时员的用时）后再公示或定稿。`);
}

/**
 * 定稿: ranks, exact totals and prizes are frozen and each prize gets its 获奖证书 number; every
 * later write is refused (COMPETITION_FINAL). Not while the complaint window (申诉) is open.
 */
export function finalizeCompetition(ctx: Ctx, competitionId: number): Competition {
  return inTransaction(ctx.db, () => {
    const c = assertCompetitionWritable(ctx, competitionId);
    const today = todayIso();
    if (c.complaintUntil && c.complaintUntil > today) {
      throw new AppError('COMPETITION_COMPLAINT_OPEN', `竞赛「${c.name}」的申诉期到 ${c.complaintUntil} 才结束，申诉期内不能定稿。申诉处理完、期限过后再定稿；如日期填错了，请先改正。`);
    }
    if (c.date > today) throw new AppError('COMPETITION_NOT_HELD', `竞赛「${c.name}」的日期是 ${c.date}，还没有到，不能定稿。`);
    const { lines, complete } = compute(ctx, c);
    if (!complete) throw incomplete(ctx, c);
    const year = c.date.slice(0, 4);
    const insert = ctx.db.prepare('INSERT INTO competition_prizes (competition_id, entrant_id, rank, total, prize, award_number) VALUES (?, ?, ?, ?, ?, ?)');
    let seq = 0;
    for (const l of lines) {
      // 获奖证书编号: year, JS (竞赛), the competition's number and the award's place in the ranking.
      const award = l.prize ? `${year}JS${String(c.id).padStart(4, '0')}${String(++seq).padStart(3, '0')}` : null;
      insert.run(c.id, l.entrantId, l.rank, toText(l.exact), l.prize, award);
    }
    ctx.db.prepare("UPDATE competitions SET status = 'final', finalized_at = ? WHERE id = ?").run(nowIso(), c.id);
    recordAudit(ctx, {
      entity: 'competition',
      entityId: c.id,
      action: 'finalize',
      oldValue: { status: c.status },
      newValue: { status: 'final', ranking: lines.map((l) => ({ rank: l.rank, entrant: l.entrant, total: toText(l.exact), prize: l.prize })) },
    });
    return getCompetition(ctx, c.id);
  });
}
