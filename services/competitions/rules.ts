// The rules of a skill competition as pure functions over data (docs/competitions.md): a judged
// event's trimmed mean, a timed event's time and the points it earns, weights, a team's score from
// its members', the tie-break chain, equal ranks, prizes by count or share, and the 以赛代评 rule.
// Nothing here reads the database; services/competitions/ranking.ts feeds it.
import { AppError } from '../errors';
import { compactText } from '../vocabulary/text';
import { add, cmp, div, frac, hundredths, mul, sum, ZERO, type Frac } from './fraction';

export type EventKind = 'judged' | 'timed';
/** How a timed event turns times into points: by rank (the fastest full marks, each place after a 1/N step less) or in proportion to the fastest time. */
export type TimedPoints = 'rank' | 'ratio';

export interface EventRule {
  id: number;
  name: string;
  kind: EventKind;
  maxHundredths: number;
  /** In ten-thousandths: 1 → 10000, 0.3 → 3000. */
  weightBp: number;
  /** Judges, or timekeepers of a timed event. */
  judges: number;
  dropHigh: number;
  dropLow: number;
  timedPoints: TimedPoints;
}

/** Seat 1…N: a judge's mark or a timekeeper's time; seat 0: penalty seconds. All in hundredths. */
export type Marks = ReadonlyMap<number, number>;

export const PENALTY_SEAT = 0;

/** Dropping as many judges as there are (or more) leaves nothing to average: refused when the event is set up. */
export function checkJudging(judges: number, dropHigh: number, dropLow: number, what = '裁判'): void {
  if (!Number.isInteger(judges) || judges < 1 || judges > 30) throw new AppError('COMPETITION_JUDGES_INVALID', `${what}人数应为 1 到 30 的整数，现在是「${judges}」。`);
  if (!Number.isInteger(dropHigh) || dropHigh < 0 || !Number.isInteger(dropLow) || dropLow < 0) {
    throw new AppError('COMPETITION_JUDGES_INVALID', '去掉的最高分、最低分个数应为 0 或正整数。');
  }
  if (dropHigh + dropLow >= judges) {
    throw new AppError(
      'COMPETITION_DROP_TOO_MANY',
      `${judges} 名${what}去掉 ${dropHigh} 个最高分和 ${dropLow} 个最低分后就没有分数可平均了。请增加${what}人数，或减少去掉的个数（常见做法：5 名${what}去掉一个最高分和一个最低分）。`,
    );
  }
}

/** The mean of the marks left after the `dropHigh` highest and `dropLow` lowest are set aside. */
export function trimmedMean(marks: readonly number[], dropHigh: number, dropLow: number): Frac {
  checkJudging(marks.length, dropHigh, dropLow);
  const kept = [...marks].sort((a, b) => a - b).slice(dropLow, marks.length - dropHigh);
  return div(sum(kept.map((h) => hundredths(h))), frac(kept.length));
}

function seatMarks(rule: EventRule, marks: Marks): number[] | null {
  const out: number[] = [];
  for (let seat = 1; seat <= rule.judges; seat++) {
    const m = marks.get(seat);
    if (m === undefined) return null;
    out.push(m);
  }
  return out;
}

/** A judged event's score for one entrant (or member): null until every judge has marked. */
export function judgedScore(rule: EventRule, marks: Marks): Frac | null {
  const m = seatMarks(rule, marks);
  return m ? trimmedMean(m, rule.dropHigh, rule.dropLow) : null;
}

/** A timed event's result in seconds: the timekeepers' times averaged (trimmed as set), plus penalty seconds. */
export function timedResult(rule: EventRule, marks: Marks): Frac | null {
  const m = seatMarks(rule, marks);
  return m ? add(trimmedMean(m, rule.dropHigh, rule.dropLow), hundredths(marks.get(PENALTY_SEAT) ?? 0)) : null;
}

/** Competition ranks (1, 2, 2, 4) of values under an order; `better(a, b) < 0` when a comes first. */
export function ranksOf<T>(items: readonly T[], better: (a: T, b: T) => number): number[] {
  const order = items.map((_, i) => i).sort((a, b) => better(items[a]!, items[b]!));
  const ranks = new Array<number>(items.length);
  order.forEach((idx, pos) => {
    const prev = order[pos - 1];
    ranks[idx] = pos > 0 && better(items[prev!]!, items[idx]!) === 0 ? ranks[prev!]! : pos + 1;
  });
  return ranks;
}

/**
 * Points for times (docs/competitions.md § Timed events): ranked by time, the shortest first,
 * equal times sharing a place. 'rank': place r of N earns max × (N − r + 1) / N; 'ratio': max ×
 * fastest / time.
 */
export function timedPoints(rule: EventRule, times: readonly Frac[]): Frac[] {
  if (times.length === 0) return [];
  const max = hundredths(rule.maxHundredths);
  if (rule.timedPoints === 'ratio') {
    const fastest = times.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
    return times.map((t) => (t.n === 0n ? max : mul(max, div(fastest, t))));
  }
  const n = times.length;
  return ranksOf(times, cmp).map((r) => mul(max, frac(n - r + 1, n)));
}

export type TeamRule = { kind: 'sum' } | { kind: 'mean' } | { kind: 'best'; n: number };

/** 'sum', 'mean' or 'best:N' (as stored), also 总和 / 平均 / 前N. */
export function parseTeamRule(raw: string): TeamRule {
  const s = compactText(raw).toLowerCase();
  if (s === 'sum' || s === '总和' || s === '求和') return { kind: 'sum' };
  if (s === 'mean' || s === '平均' || s === '平均分') return { kind: 'mean' };
  const m = /^(?:best:?|前|最好)(\d+)(?:名|人)?$/.exec(s);
  if (m && Number(m[1]) >= 1) return { kind: 'best', n: Number(m[1]) };
  throw new AppError('COMPETITION_RULE_INVALID', `团体成绩规则「${raw}」看不懂。请写 sum（队员成绩之和）、mean（平均）或 best:3（成绩最好的 3 名之和）。`);
}

export function teamRuleText(rule: TeamRule): string {
  return rule.kind === 'best' ? `best:${rule.n}` : rule.kind;
}

/**
 * A team's event score from its members' (docs/competitions.md § Teams): the sum, the mean, or the
 * sum of the best N. Null while no member has a score.
 */
export function aggregateMembers(rule: TeamRule, scores: readonly Frac[]): Frac | null {
  if (scores.length === 0) return null;
  if (rule.kind === 'sum') return sum(scores);
  if (rule.kind === 'mean') return div(sum(scores), frac(scores.length));
  return sum([...scores].sort((a, b) => cmp(b, a)).slice(0, rule.n));
}

/** A weight as given: 0.3, 30%, 1. Kept in ten-thousandths. */
export function parseWeight(raw: string | number): number {
  const s = compactText(String(raw));
  const m = /^(\d+(?:\.\d+)?)(%)?$/.exec(s);
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  const bp = Math.round(value * 10000);
  if (!m || !(bp > 0) || Math.abs(bp - value * 10000) > 1e-6 || bp > 1_000_000) {
    throw new AppError('COMPETITION_WEIGHT_INVALID', `权重「${raw}」不对。请写一个正数，如 1、0.3 或 30%（最多四位小数）。`);
  }
  return bp;
}

/**
 * A judge's mark or a timekeeper's time as typed: up to two decimals; a time may be written m:ss.xx
 * or 1分23.45秒. Returns hundredths.
 */
export function parseMark(raw: string | number, opts: { max?: number; time?: boolean } = {}): { ok: true; hundredths: number } | { ok: false; message: string } {
  let s = compactText(String(raw)).replace(/。/g, '.');
  if (s === '') return { ok: false, message: opts.time ? '用时为空。' : '分数为空。' };
  let minutes = 0;
  if (opts.time) {
    const m = /^(\d+)(?::|：|分|')(\d+(?:\.\d+)?)(?:秒|")?$/.exec(s);
    if (m) {
      minutes = Number(m[1]);
      s = m[2]!;
      if (Number(s) >= 60) return { ok: false, message: `用时「${raw}」的秒数应小于 60。` };
    } else s = s.replace(/秒$/, '');
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return { ok: false, message: `「${raw}」不是${opts.time ? '用时（秒）' : '分数'}。` };
  const h = Math.round(Number(s) * 100);
  if (Math.abs(h - Number(s) * 100) > 1e-6) return { ok: false, message: `「${raw}」最多保留两位小数。` };
  const total = minutes * 6000 + h;
  if (opts.max !== undefined && total > opts.max) return { ok: false, message: `分数 ${raw} 超过本项目满分 ${opts.max / 100}。` };
  return { ok: true, hundredths: total };
}

// ── Ranking ─────────────────────────────────────────────────────────────────

export interface EntrantMarks {
  entrantId: number;
  /** event id → the entrant's own marks (a team scored as a whole, or an individual). */
  own: ReadonlyMap<number, Marks>;
  /** event id → member id → the member's marks (members scored one by one). */
  members: ReadonlyMap<number, ReadonlyMap<number, Marks>>;
  memberCount: number;
}

export interface EventResult {
  eventId: number;
  /** Points before the weight; null while marks are missing. */
  score: Frac | null;
  /** A timed event's seconds (penalty included); null for a judged one. */
  time: Frac | null;
  /** Every mark is in (for a team of members: every member's, or N for best N). */
  complete: boolean;
}

export interface RankedEntrant {
  entrantId: number;
  rank: number;
  total: Frac;
  complete: boolean;
  events: EventResult[];
}

/** One unit's (entrant or member) judged score or timed result. */
function unitValue(rule: EventRule, marks: Marks): Frac | null {
  return rule.kind === 'judged' ? judgedScore(rule, marks) : timedResult(rule, marks);
}

/**
 * Every entrant's event scores, weighted total and rank (docs/competitions.md § Ranking): total
 * first, then the tie-break events in order (a judged event's higher score, a timed event's shorter
 * time), else the same rank, the next one skipped. Live: an event still missing marks counts 0 and
 * the entrant is marked incomplete.
 */
export function rankEntrants(events: readonly EventRule[], entrants: readonly EntrantMarks[], teamRule: TeamRule, tiebreak: readonly number[]): RankedEntrant[] {
  const perEvent = new Map<number, Map<number, EventResult>>();
  for (const ev of events) {
    const own = new Map<number, Frac | null>();
    const members = new Map<number, Map<number, Frac | null>>();
    for (const e of entrants) {
      const m = e.own.get(ev.id);
      if (m && m.size > 0) own.set(e.entrantId, unitValue(ev, m));
      const mm = e.members.get(ev.id);
      if (mm && mm.size > 0 && !own.has(e.entrantId)) members.set(e.entrantId, new Map([...mm].map(([id, marks]) => [id, unitValue(ev, marks)])));
    }
    // A timed event's points come from comparing times: entrants' own times with each other, members' with each other.
    const points = new Map<Frac, Frac>();
    if (ev.kind === 'timed') {
      const ownTimes = [...own.values()].filter((t): t is Frac => t !== null);
      timedPoints(ev, ownTimes).forEach((p, i) => points.set(ownTimes[i]!, p));
      const memberTimes = [...members.values()].flatMap((m) => [...m.values()]).filter((t): t is Frac => t !== null);
      timedPoints(ev, memberTimes).forEach((p, i) => points.set(memberTimes[i]!, p));
    }
    const scoreOf = (v: Frac) => (ev.kind === 'timed' ? points.get(v)! : v);
    const results = new Map<number, EventResult>();
    for (const e of entrants) {
      if (own.has(e.entrantId)) {
        const v = own.get(e.entrantId)!;
        results.set(e.entrantId, { eventId: ev.id, score: v && scoreOf(v), time: ev.kind === 'timed' ? v : null, complete: v !== null });
        continue;
      }
      const mm = members.get(e.entrantId);
      if (!mm) {
        results.set(e.entrantId, { eventId: ev.id, score: null, time: null, complete: false });
        continue;
      }
      const done = [...mm.values()].filter((v): v is Frac => v !== null);
      const needed = teamRule.kind === 'best' ? Math.min(teamRule.n, e.memberCount) : e.memberCount;
      const time = ev.kind === 'timed' && done.length ? div(sum(done), frac(done.length)) : null;
      results.set(e.entrantId, { eventId: ev.id, score: aggregateMembers(teamRule, done.map(scoreOf)), time, complete: done.length >= needed && done.length > 0 });
    }
    perEvent.set(ev.id, results);
  }

  const rows = entrants.map((e) => {
    const evs = events.map((ev) => perEvent.get(ev.id)!.get(e.entrantId)!);
    const total = events.reduce((acc, ev, i) => (evs[i]!.score ? add(acc, mul(evs[i]!.score!, frac(ev.weightBp, 10000))) : acc), ZERO);
    return { entrantId: e.entrantId, total, complete: evs.every((r) => r.complete), events: evs };
  });
  const kinds = new Map(events.map((ev) => [ev.id, ev.kind]));
  const indexOf = new Map(events.map((ev, i) => [ev.id, i]));
  const chain = tiebreak.filter((id) => indexOf.has(id));
  const better = (a: (typeof rows)[number], b: (typeof rows)[number]): number => {
    const byTotal = cmp(b.total, a.total);
    if (byTotal !== 0) return byTotal;
    for (const id of chain) {
      const i = indexOf.get(id)!;
      const x = a.events[i]!;
      const y = b.events[i]!;
      const c = kinds.get(id) === 'timed' ? cmpMissingLast(x.time, y.time, 1) : cmpMissingLast(x.score, y.score, -1);
      if (c !== 0) return c;
    }
    return 0;
  };
  const ranks = ranksOf(rows, better);
  return rows
    .map((r, i) => ({ ...r, rank: ranks[i]! }))
    .sort((a, b) => a.rank - b.rank || a.entrantId - b.entrantId);
}

/** `direction` 1: smaller first (times), -1: larger first (scores); a missing value always last. */
function cmpMissingLast(a: Frac | null, b: Frac | null, direction: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return direction * cmp(a, b);
}

// ── Prizes ──────────────────────────────────────────────────────────────────

export type PrizeTier = { name: string; count: number } | { name: string; percent: number } | { name: string; rest: true };

/** 「一等奖:1,二等奖:1,三等奖:1,优秀奖:rest」 or 「一等奖:10%,二等奖:20%,三等奖:30%」 (count and share may mix). */
export function parsePrizeRule(raw: string): PrizeTier[] {
  const parts = compactText(raw).replace(/，/g, ',').replace(/：/g, ':').split(/[,;；、]/).filter(Boolean);
  if (parts.length === 0) throw prizeRuleError(raw, '规则为空');
  const tiers: PrizeTier[] = [];
  let percent = 0;
  for (const part of parts) {
    const m = /^([^:]+):(.+)$/.exec(part);
    if (!m) throw prizeRuleError(raw, `「${part}」缺少冒号`);
    const name = m[1]!.trim();
    const value = m[2]!.trim().toLowerCase();
    if (tiers.some((t) => t.name === name)) throw prizeRuleError(raw, `奖项「${name}」写了两次`);
    if (tiers.some((t) => 'rest' in t)) throw prizeRuleError(raw, '「rest」（其余）只能是最后一项');
    if (value === 'rest' || value === '其余' || value === '其他') tiers.push({ name, rest: true });
    else if (/^\d+(\.\d+)?%$/.test(value)) {
      const p = Number(value.slice(0, -1));
      percent += p;
      if (p <= 0 || percent > 100) throw prizeRuleError(raw, '各奖项的比例之和不能超过 100%');
      tiers.push({ name, percent: p });
    } else if (/^\d+$/.test(value) && Number(value) >= 1) tiers.push({ name, count: Number(value) });
    else throw prizeRuleError(raw, `「${value}」既不是名额（如 1）也不是比例（如 10%）或 rest`);
  }
  return tiers;
}

function prizeRuleError(raw: string, why: string): AppError {
  return new AppError('COMPETITION_PRIZE_RULE_INVALID', `奖项规则「${raw}」有误：${why}。请写成「一等奖:1,二等奖:2,优秀奖:rest」（名额）或「一等奖:10%,二等奖:20%,三等奖:30%」（比例）。`);
}

export function prizeRuleText(tiers: readonly PrizeTier[]): string {
  return tiers.map((t) => `${t.name}:${'rest' in t ? 'rest' : 'count' in t ? t.count : `${t.percent}%`}`).join(',');
}

/**
 * Prizes down the ranking (docs/competitions.md § Prizes). Each tier ends at a cumulative place:
 * counts add up, a share adds N × percent, and the cumulative place is rounded half up (so 10 %,
 * 20 %, 30 % of 14 are places 1.4 → 1, 4.2 → 4, 8.4 → 8). Entrants sharing a rank share the prize
 * of the first of them: a tie across a cut takes the whole tie into the better prize, and the next
 * tier still ends where its own cut falls. `ranked` is in rank order.
 */
export function allocatePrizes(ranked: readonly { entrantId: number; rank: number }[], tiers: readonly PrizeTier[]): Map<number, string> {
  const n = ranked.length;
  const out = new Map<number, string>();
  let cumulative = ZERO;
  let i = 0;
  for (const tier of tiers) {
    let end: number;
    if ('rest' in tier) end = n;
    else {
      cumulative = add(cumulative, 'count' in tier ? frac(tier.count) : mul(frac(n), frac(Math.round(tier.percent * 10000), 1_000_000)));
      end = Number((cumulative.n * 2n + cumulative.d) / (2n * cumulative.d));
    }
    const start = i;
    while (i < Math.min(end, n)) out.set(ranked[i++]!.entrantId, tier.name);
    while (i > start && i < n && ranked[i]!.rank === ranked[i - 1]!.rank) out.set(ranked[i++]!.entrantId, tier.name);
  }
  return out;
}

// ── 以赛代评 ─────────────────────────────────────────────────────────────────

export interface PromotionBand {
  from: number;
  to: number;
  level: number;
}

/** 「1-3:2,4-10:3」: places 1 to 3 → level 2 (二级/技师), 4 to 10 → level 3. */
export function parsePromotionRule(raw: string): PromotionBand[] {
  const parts = compactText(raw).replace(/，/g, ',').replace(/：/g, ':').replace(/[～~—–]/g, '-').split(',').filter(Boolean);
  const bands: PromotionBand[] = [];
  for (const part of parts) {
    const m = /^(\d+)(?:-(\d+))?:([1-5])$/.exec(part);
    const from = m ? Number(m[1]) : 0;
    const to = m ? Number(m[2] ?? m[1]) : 0;
    if (!m || from < 1 || to < from) {
      throw new AppError('COMPETITION_PROMOTION_RULE_INVALID', `晋级规则「${raw}」中「${part}」看不懂。请写成「1-3:2,4-10:3」：名次范围:等级（1 到 5，5 为五级/初级工）。`);
    }
    if (bands.some((b) => from <= b.to && to >= b.from)) throw new AppError('COMPETITION_PROMOTION_RULE_INVALID', `晋级规则「${raw}」中名次 ${from}-${to} 与前面的范围重叠了。`);
    bands.push({ from, to, level: Number(m[3]) });
  }
  if (bands.length === 0) throw new AppError('COMPETITION_PROMOTION_RULE_INVALID', '晋级规则为空。请写成「1-3:2,4-10:3」。');
  return bands;
}

export function levelForRank(bands: readonly PromotionBand[], rank: number): number | null {
  return bands.find((b) => rank >= b.from && rank <= b.to)?.level ?? null;
}
