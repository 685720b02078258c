import { describe, expect, it } from 'vitest';
import { frac, hundredths, toNumber, cmp, type Frac } from '../../services/competitions/fraction';
import {
  aggregateMembers,
  allocatePrizes,
  checkJudging,
  levelForRank,
  parseMark,
  parsePrizeRule,
  parsePromotionRule,
  parseTeamRule,
  parseWeight,
  rankEntrants,
  ranksOf,
  timedPoints,
  trimmedMean,
  type EntrantMarks,
  type EventRule,
} from '../../services/competitions/rules';

const pts = (x: number) => Math.round(x * 100);
const eq = (a: Frac | null, b: Frac) => expect(a && cmp(a, b)).toBe(0);

function event(id: number, name: string, more: Partial<EventRule> = {}): EventRule {
  return { id, name, kind: 'judged', maxHundredths: 10000, weightBp: 10000, judges: 1, dropHigh: 0, dropLow: 0, timedPoints: 'rank', ...more };
}
const marks = (...values: number[]) => new Map(values.map((v, i) => [i + 1, pts(v)]));
function entrant(id: number, own: Record<number, Map<number, number>>, members: Record<number, Record<number, Map<number, number>>> = {}, memberCount = 0): EntrantMarks {
  return {
    entrantId: id,
    own: new Map(Object.entries(own).map(([k, v]) => [Number(k), v])),
    members: new Map(Object.entries(members).map(([k, v]) => [Number(k), new Map(Object.entries(v).map(([m, x]) => [Number(m), x]))])),
    memberCount,
  };
}

describe('a judged event: the judges\' marks with the highest and lowest set aside, the rest averaged', () => {
  it('with one judge is that judge\'s mark', () => {
    eq(trimmedMean([pts(8.5)], 0, 0), frac(17, 2));
  });
  it('with two and three judges drops as set, or averages all', () => {
    eq(trimmedMean([pts(8), pts(9)], 0, 0), frac(17, 2));
    eq(trimmedMean([pts(8), pts(9)], 1, 0), frac(8));
    eq(trimmedMean([pts(7), pts(9.5), pts(8)], 1, 1), frac(8));
  });
  it('with five judges drops one highest and one lowest and keeps the exact third', () => {
    // 9.2, 9.5, 8.8, 9.0, 9.1 → 8.8 and 9.5 dropped → (9.2 + 9.0 + 9.1) / 3 = 9.1
    eq(trimmedMean([920, 950, 880, 900, 910], 1, 1), frac(91, 10));
    // 9.3 + 9.0 + 9.0 = 27.3 / 3 = 9.1; 9.25 + 9.1 + 9.0 = 27.35 / 3 = 9.11666… (kept exact, not 9.12)
    eq(trimmedMean([925, 910, 900, 990, 800], 1, 1), frac(2735, 300));
    expect(toNumber(trimmedMean([925, 910, 900, 990, 800], 1, 1))).toBe(9.12);
  });
  it('with seven and nine judges drops two each way when set', () => {
    eq(trimmedMean([10, 20, 30, 40, 50, 60, 70].map((x) => x * 10), 2, 2), frac(4));
    eq(trimmedMean([1, 2, 3, 4, 5, 6, 7, 8, 100].map((x) => x * 100), 2, 2), frac(5));
  });
  it('at every judge count from 1 to 9, with every allowed drop, is the mean of what is left', () => {
    for (let judges = 1; judges <= 9; judges++) {
      // Distinct marks in a scrambled order: 9.37, 8.05, 9.90 … (hundredths).
      const marks = Array.from({ length: judges }, (_, i) => 700 + ((i * 137) % 300));
      for (let high = 0; high < judges; high++) {
        for (let low = 0; high + low < judges; low++) {
          const kept = [...marks].sort((a, b) => a - b).slice(low, judges - high);
          eq(trimmedMean(marks, high, low), frac(kept.reduce((a, b) => a + b, 0), 100 * kept.length));
        }
        expect(() => trimmedMean(marks, high, judges - high)).toThrow(expect.objectContaining({ code: 'COMPETITION_DROP_TOO_MANY' }));
      }
    }
  });
  it('counts equal marks each once when dropping', () => {
    eq(trimmedMean([900, 900, 900, 800, 800], 1, 1), frac(26, 3));
  });
  it('refuses dropping as many marks as there are judges, or more', () => {
    expect(() => checkJudging(2, 1, 1)).toThrow(/没有分数可平均/);
    expect(() => checkJudging(3, 2, 1)).toThrow(expect.objectContaining({ code: 'COMPETITION_DROP_TOO_MANY' }));
    expect(() => trimmedMean([900], 1, 0)).toThrow(expect.objectContaining({ code: 'COMPETITION_DROP_TOO_MANY' }));
    expect(() => checkJudging(3, 1, 1)).not.toThrow();
    expect(() => checkJudging(0, 0, 0)).toThrow(expect.objectContaining({ code: 'COMPETITION_JUDGES_INVALID' }));
  });
  it('waits for every judge before giving a score', () => {
    const r = rankEntrants([event(1, '形象展示', { judges: 5, dropHigh: 1, dropLow: 1, maxHundredths: 1000 })], [entrant(1, { 1: marks(9, 9, 9, 9) })], { kind: 'sum' }, []);
    expect(r[0]).toMatchObject({ complete: false, events: [{ score: null }] });
  });
});

describe('a timed event: timekeepers averaged, penalty seconds added, points by time', () => {
  const fire = event(3, '消防竞技', { kind: 'timed', judges: 3, maxHundredths: 3000 });
  it('averages the timekeepers and adds the penalty', () => {
    const m = new Map([[1, 6000], [2, 6010], [3, 5990], [0, 500]]);
    const r = rankEntrants([fire], [entrant(1, { 3: m })], { kind: 'sum' }, []);
    eq(r[0]!.events[0]!.time, frac(65));
  });
  it('gives full marks to the fastest and a 1/N step less for each place, equal times sharing a place', () => {
    const p = timedPoints(fire, [frac(62), frac(60), frac(62), frac(70)]);
    expect(p.map((x) => toNumber(x))).toEqual([22.5, 30, 22.5, 7.5]);
  });
  it('or points in proportion to the fastest time', () => {
    const p = timedPoints({ ...fire, timedPoints: 'ratio' }, [frac(60), frac(80)]);
    expect(p.map((x) => toNumber(x))).toEqual([30, 22.5]);
  });
  it('reads times as seconds or m:ss and refuses a mark above the maximum', () => {
    expect(parseMark('1:02.5', { time: true })).toEqual({ ok: true, hundredths: 6250 });
    expect(parseMark('1分02.5秒', { time: true })).toEqual({ ok: true, hundredths: 6250 });
    expect(parseMark('62.50', { time: true })).toEqual({ ok: true, hundredths: 6250 });
    expect(parseMark('９．２５', { max: 1000 })).toEqual({ ok: true, hundredths: 925 });
    expect(parseMark('10.5', { max: 1000 })).toMatchObject({ ok: false, message: expect.stringContaining('满分 10') });
    expect(parseMark('9.255', { max: 1000 })).toMatchObject({ ok: false, message: expect.stringContaining('两位小数') });
    expect(parseMark('九分', { max: 1000 }).ok).toBe(false);
  });
});

describe('weights and totals', () => {
  it('weights theory 30 % and practical 70 % exactly', () => {
    expect(parseWeight('30%')).toBe(3000);
    expect(parseWeight('0.7')).toBe(7000);
    expect(parseWeight(1)).toBe(10000);
    expect(() => parseWeight('0')).toThrow(expect.objectContaining({ code: 'COMPETITION_WEIGHT_INVALID' }));
    expect(() => parseWeight('abc')).toThrow(expect.objectContaining({ code: 'COMPETITION_WEIGHT_INVALID' }));
    const events = [event(1, '理论', { weightBp: 3000 }), event(2, '实操', { weightBp: 7000 })];
    const r = rankEntrants(events, [entrant(1, { 1: marks(90), 2: marks(80) }), entrant(2, { 1: marks(70), 2: marks(90) })], { kind: 'sum' }, []);
    // 27 + 56 = 83; 21 + 63 = 84
    expect(r.map((x) => [x.entrantId, x.rank, toNumber(x.total)])).toEqual([[2, 1, 84], [1, 2, 83]]);
  });
});

describe('a team\'s score from its members', () => {
  const s = [frac(80), frac(90), frac(70)];
  it('is the sum, the mean or the best N', () => {
    eq(aggregateMembers({ kind: 'sum' }, s), frac(240));
    eq(aggregateMembers({ kind: 'mean' }, s), frac(80));
    eq(aggregateMembers({ kind: 'best', n: 2 }, s), frac(170));
    expect(aggregateMembers({ kind: 'sum' }, [])).toBeNull();
  });
  it('reads the rule as written', () => {
    expect(parseTeamRule('sum')).toEqual({ kind: 'sum' });
    expect(parseTeamRule('平均')).toEqual({ kind: 'mean' });
    expect(parseTeamRule('best:3')).toEqual({ kind: 'best', n: 3 });
    expect(parseTeamRule('前3名')).toEqual({ kind: 'best', n: 3 });
    expect(() => parseTeamRule('median')).toThrow(expect.objectContaining({ code: 'COMPETITION_RULE_INVALID' }));
  });
  it('ranks teams by their members\' scores, complete once the rule has what it needs', () => {
    const ev = event(1, '理论');
    const a = entrant(1, {}, { 1: { 11: marks(80), 12: marks(90), 13: marks(70) } }, 3);
    const b = entrant(2, {}, { 1: { 21: marks(95), 22: marks(85) } }, 3);
    const bySum = rankEntrants([ev], [a, b], { kind: 'sum' }, []);
    expect(bySum.map((x) => [x.entrantId, toNumber(x.total), x.complete])).toEqual([[1, 240, true], [2, 180, false]]);
    const byBest = rankEntrants([ev], [a, b], { kind: 'best', n: 2 }, []);
    expect(byBest.map((x) => [x.entrantId, toNumber(x.total), x.complete])).toEqual([[2, 180, true], [1, 170, true]]);
  });
});

describe('the tie-break chain', () => {
  const events = [event(1, '专业作业'), event(2, '消防竞技', { kind: 'timed', maxHundredths: 1000 }), event(3, '理论')];
  const fire = (t: number) => new Map([[1, t * 100]]);
  it('puts the shorter time first when the time event decides first', () => {
    const a = entrant(1, { 1: marks(60), 2: fire(60), 3: marks(30) });
    const b = entrant(2, { 1: marks(70), 2: fire(60), 3: marks(20) });
    const c = entrant(3, { 1: marks(65), 2: fire(60), 3: marks(25) });
    const r = rankEntrants(events, [a, b, c], { kind: 'sum' }, [2, 1]);
    // Same totals (100) and same time → 专业作业 decides: 70, 65, 60.
    expect(r.map((x) => [x.entrantId, x.rank])).toEqual([[2, 1], [3, 2], [1, 3]]);
  });
  it('each step only when the one before is equal', () => {
    const a = entrant(1, { 1: marks(60), 2: fire(61), 3: marks(40) });
    const b = entrant(2, { 1: marks(70), 2: fire(60), 3: marks(30) });
    const r = rankEntrants([events[0]!, events[2]!], [a, b], { kind: 'sum' }, [3, 1]);
    // totals 100 and 100; 理论 first: 40 > 30 → a first although 专业作业 says b
    expect(r.map((x) => [x.entrantId, x.rank])).toEqual([[1, 1], [2, 2]]);
    const r2 = rankEntrants([events[0]!, events[2]!], [a, b], { kind: 'sum' }, [1, 3]);
    expect(r2.map((x) => [x.entrantId, x.rank])).toEqual([[2, 1], [1, 2]]);
  });
  it('leaves a tie that survives the chain as one rank and skips the next', () => {
    const a = entrant(1, { 1: marks(60), 3: marks(40) });
    const b = entrant(2, { 1: marks(60), 3: marks(40) });
    const c = entrant(3, { 1: marks(50), 3: marks(40) });
    const d = entrant(4, { 1: marks(70), 3: marks(40) });
    const r = rankEntrants([events[0]!, events[2]!], [a, b, c, d], { kind: 'sum' }, [1, 3]);
    expect(r.map((x) => [x.entrantId, x.rank])).toEqual([[4, 1], [1, 2], [2, 2], [3, 4]]);
  });
  it('ranks on exact values: 9.116… is below 9.12', () => {
    const ev = event(1, '形象展示', { judges: 5, dropHigh: 1, dropLow: 1, maxHundredths: 1000 });
    const a = entrant(1, { 1: new Map([[1, 925], [2, 910], [3, 900], [4, 990], [5, 800]]) }); // 9.1166…
    const b = entrant(2, { 1: new Map([[1, 912], [2, 912], [3, 912], [4, 990], [5, 800]]) }); // 9.12
    const r = rankEntrants([ev], [a, b], { kind: 'sum' }, []);
    expect(r.map((x) => [x.entrantId, x.rank, toNumber(x.total)])).toEqual([[2, 1, 9.12], [1, 2, 9.12]]);
  });
  it('gives competition ranks 1, 2, 2, 4', () => {
    expect(ranksOf([5, 3, 3, 1], (a, b) => b - a)).toEqual([1, 2, 2, 4]);
  });
});

describe('prizes', () => {
  const ranking = (ranks: number[]) => ranks.map((rank, i) => ({ entrantId: i + 1, rank }));
  const names = (m: Map<number, string>, n: number) => Array.from({ length: n }, (_, i) => m.get(i + 1) ?? '');
  it('by count, the rest 优秀奖, as the 14-team contest gives them', () => {
    const rule = parsePrizeRule('一等奖:1,二等奖:1,三等奖:1,四等奖:1,五等奖:1,六等奖:1,优秀奖:rest');
    const m = allocatePrizes(ranking(Array.from({ length: 14 }, (_, i) => i + 1)), rule);
    expect(names(m, 14)).toEqual(['一等奖', '二等奖', '三等奖', '四等奖', '五等奖', '六等奖', ...Array(8).fill('优秀奖')]);
  });
  it('by share: 10/20/30 % of 10 are exactly 1, 2 and 3', () => {
    const m = allocatePrizes(ranking([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), parsePrizeRule('一等奖:10%,二等奖:20%,三等奖:30%'));
    expect(names(m, 10)).toEqual(['一等奖', '二等奖', '二等奖', '三等奖', '三等奖', '三等奖', '', '', '', '']);
  });
  it('by share rounds each cumulative cut half up: of 14, 1.4 → 1, 4.2 → 4, 8.4 → 8; of 15, 1.5 → 2', () => {
    const rule = parsePrizeRule('一等奖:10%,二等奖:20%,三等奖:30%');
    const m14 = allocatePrizes(ranking(Array.from({ length: 14 }, (_, i) => i + 1)), rule);
    expect(names(m14, 14).filter(Boolean)).toEqual(['一等奖', '二等奖', '二等奖', '二等奖', '三等奖', '三等奖', '三等奖', '三等奖']);
    const m15 = allocatePrizes(ranking(Array.from({ length: 15 }, (_, i) => i + 1)), rule);
    expect(names(m15, 15).filter(Boolean)).toEqual(['一等奖', '一等奖', '二等奖', '二等奖', '二等奖', '三等奖', '三等奖', '三等奖', '三等奖']);
    const m4 = allocatePrizes(ranking([1, 2, 3, 4]), rule);
    // 0.4 → 0: no 一等奖 among four
    expect(names(m4, 4)).toEqual(['二等奖', '三等奖', '', '']);
  });
  it('gives a tie across a cut the better prize, and the next tier ends at its own cut', () => {
    const m = allocatePrizes(ranking([1, 2, 2, 4, 5]), parsePrizeRule('一等奖:2,二等奖:1,优秀奖:rest'));
    expect(names(m, 5)).toEqual(['一等奖', '一等奖', '一等奖', '优秀奖', '优秀奖']);
  });
  it('refuses a rule it cannot read, naming what is wrong', () => {
    expect(() => parsePrizeRule('一等奖:60%,二等奖:50%')).toThrow(/100%/);
    expect(() => parsePrizeRule('优秀奖:rest,一等奖:1')).toThrow(/最后一项/);
    expect(() => parsePrizeRule('一等奖')).toThrow(expect.objectContaining({ code: 'COMPETITION_PRIZE_RULE_INVALID' }));
    expect(() => parsePrizeRule('一等奖:1,一等奖:2')).toThrow(/两次/);
  });
});

describe('以赛代评 rule', () => {
  it('maps places to levels', () => {
    const bands = parsePromotionRule('1-3:2,4-10:3');
    expect([1, 3, 4, 10, 11].map((r) => levelForRank(bands, r))).toEqual([2, 2, 3, 3, null]);
    expect(() => parsePromotionRule('1-3:2,3-5:3')).toThrow(/重叠/);
    expect(() => parsePromotionRule('1-3:6')).toThrow(expect.objectContaining({ code: 'COMPETITION_PROMOTION_RULE_INVALID' }));
  });
});

it('rounds only for display, half away from zero', () => {
  expect(toNumber(frac(93445, 1000))).toBe(93.45);
  expect(toNumber(hundredths(12345))).toBe(123.45);
  expect(toNumber(frac(1, 3))).toBe(0.33);
  expect(toNumber(frac(2, 3))).toBe(0.67);
});
