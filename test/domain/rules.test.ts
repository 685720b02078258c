import { describe, expect, it } from 'vitest';
import { decideOutcome, parseScore, type RequiredPart } from '../../services/results/rules';
import { summarise, summariseOutcomes } from '../../services/passrate/passRate';
import { parsePart } from '../../services/vocabulary/words';

const twoParts: RequiredPart[] = [
  { part: 'theory', passMarkTenths: 600 },
  { part: 'skill', passMarkTenths: 600 },
];
const scored = (part: 'theory' | 'skill' | 'review', score: number) => ({ part, status: 'scored' as const, tenths: Math.round(score * 10) });

describe('reading a score as an officer types it', () => {
  it('accepts 0, 100 and one decimal', () => {
    expect(parseScore('0')).toEqual({ ok: true, status: 'scored', tenths: 0 });
    expect(parseScore('100')).toEqual({ ok: true, status: 'scored', tenths: 1000 });
    expect(parseScore('85.5')).toEqual({ ok: true, status: 'scored', tenths: 855 });
    expect(parseScore(59.9)).toEqual({ ok: true, status: 'scored', tenths: 599 });
  });

  it('accepts full-width digits and the words 缺考 and 违纪', () => {
    expect(parseScore('８５．５')).toEqual({ ok: true, status: 'scored', tenths: 855 });
    expect(parseScore('缺考')).toEqual({ ok: true, status: 'absent' });
    expect(parseScore(' 违纪 ')).toEqual({ ok: true, status: 'misconduct' });
  });

  it('refuses 105 and -1 as out of range, saying the range', () => {
    const r = parseScore('105');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('0 到 100');
    expect(parseScore('-1').ok).toBe(false);
    expect(parseScore(100.1).ok).toBe(false);
  });

  it('refuses two decimals and words that are not scores', () => {
    const r = parseScore('85.55');
    expect(!r.ok && r.message).toContain('一位小数');
    expect(parseScore('八十五').ok).toBe(false);
    expect(parseScore('').ok).toBe(false);
  });

  it('knows the parts by code, full name and the short names on score sheets', () => {
    expect(parsePart('theory')).toBe('theory');
    expect(parsePart('理论知识')).toBe('theory');
    expect(parsePart('理论')).toBe('theory');
    expect(parsePart('操作技能')).toBe('skill');
    expect(parsePart('综合评审')).toBe('review');
    expect(parsePart('体育')).toBeNull();
  });
});

describe('the outcome of a candidate (domain.md § Exam parts and passing)', () => {
  it('passes at exactly 60 in every part', () => {
    expect(decideOutcome(twoParts, [scored('theory', 60), scored('skill', 60)])).toBe('pass');
  });

  it('fails at 59.9 in one part', () => {
    expect(decideOutcome(twoParts, [scored('theory', 59.9), scored('skill', 95)])).toBe('fail');
  });

  it('uses each part’s own pass mark', () => {
    const strict: RequiredPart[] = [{ part: 'theory', passMarkTenths: 600 }, { part: 'skill', passMarkTenths: 705 }];
    expect(decideOutcome(strict, [scored('theory', 61), scored('skill', 70.4)])).toBe('fail');
    expect(decideOutcome(strict, [scored('theory', 61), scored('skill', 70.5)])).toBe('pass');
  });

  it('fails a candidate absent from one part who passed the other', () => {
    expect(decideOutcome(twoParts, [scored('theory', 90), { part: 'skill', status: 'absent', tenths: null }])).toBe('fail');
  });

  it('fails 违纪 whatever the other scores', () => {
    expect(decideOutcome(twoParts, [scored('theory', 99), { part: 'skill', status: 'misconduct', tenths: null }])).toBe('fail');
  });

  it('counts a candidate absent from every part as 缺考', () => {
    expect(decideOutcome(twoParts, [{ part: 'theory', status: 'absent', tenths: null }, { part: 'skill', status: 'absent', tenths: null }])).toBe('absent');
  });

  it('waits while a part is missing, unless a failed part already decides it', () => {
    expect(decideOutcome(twoParts, [])).toBe('pending');
    expect(decideOutcome(twoParts, [scored('theory', 90)])).toBe('pending');
    expect(decideOutcome(twoParts, [{ part: 'theory', status: 'absent', tenths: null }])).toBe('pending');
    expect(decideOutcome(twoParts, [scored('theory', 30)])).toBe('fail');
  });

  it('needs 综合评审 too at levels 2 and 1', () => {
    const three: RequiredPart[] = [...twoParts, { part: 'review', passMarkTenths: 600 }];
    expect(decideOutcome(three, [scored('theory', 80), scored('skill', 80)])).toBe('pending');
    expect(decideOutcome(three, [scored('theory', 80), scored('skill', 80), scored('review', 60)])).toBe('pass');
  });
});

describe('pass-rate figures (domain.md § Pass rate)', () => {
  it('reports 报名, 缺考, 实考 = 报名 − 缺考, 合格, and 合格率 = 合格 ÷ 实考 beside 合格 ÷ 报名', () => {
    const s = summariseOutcomes(['pass', 'pass', 'fail', 'absent', 'pass']);
    expect(s).toMatchObject({ registered: 5, absent: 1, sat: 4, passed: 3, passRate: 0.75, passRateOfRegistered: 0.6 });
  });

  it('gives no rate rather than dividing by zero when everyone was absent', () => {
    expect(summarise({ registered: 3, absent: 3, passed: 0 })).toMatchObject({ sat: 0, passRate: null, passRateOfRegistered: 0 });
    expect(summarise({ registered: 0, absent: 0, passed: 0 })).toMatchObject({ passRate: null, passRateOfRegistered: null });
  });

  it('counts only candidates whose outcome is known while scores are still being keyed', () => {
    // 5 enrolled: 1 passed, 1 failed, 1 缺考, 2 not keyed yet. 实考 is the 2 whose outcome is known,
    // not 4: counting the 2 pending as 实考 would read as failed and show 25% instead of 50%.
    const s = summariseOutcomes(['pass', 'fail', 'absent', 'pending', 'pending']);
    expect(s).toEqual({ registered: 5, absent: 1, pending: 2, sat: 2, passed: 1, passRate: 0.5, passRateOfRegistered: 1 / 3 });
    expect(s.sat).toBe(s.registered - s.absent - s.pending);
  });

  it('gives no rate (the window shows —) while no outcome is known at all', () => {
    const s = summariseOutcomes(['pending', 'pending', 'pending']);
    expect(s).toMatchObject({ registered: 3, absent: 0, pending: 3, sat: 0, passed: 0, passRate: null, passRateOfRegistered: null });
  });

  it('makes the sentence of domain.md: 43 passed of 51 sat is 84%', () => {
    const s = summarise({ registered: 53, absent: 2, passed: 43 });
    expect(s.sat).toBe(51);
    expect(Math.round(s.passRate! * 100)).toBe(84);
  });
});
