import type { Outcome } from '../vocabulary/words';
// 合格率: domain.md § Pass rate. Every figure is reported and the formula is labelled.

export interface PassRateSummary {
  registered: number; // 报名人数
  absent: number; // 缺考人数: absent from every part
  pending: number; // 成绩待定: an outcome not known yet (scores still to key)
  sat: number; // 实考人数 = 报名 − 缺考 − 待定: only those whose outcome is known
  passed: number; // 合格人数
  passRate: number | null; // 合格率 = 合格 / 实考 (the default); null while no outcome is known
  passRateOfRegistered: number | null; // 合格 / (报名 − 待定), reported beside it
}

export const PASS_RATE_FORMULA = '合格率 = 合格人数 ÷ 实考人数（实考人数 = 报名人数 − 缺考人数）';

/**
 * The figures of a set of enrolments. A candidate whose outcome is still pending is neither 实考
 * nor counted in either rate: counting them as 实考 would read as failed and pull 合格率 down
 * while the officer is still keying scores (docs/domain.md § Pass rate). Once a session is
 * finalized nothing is pending, so the figures are exactly 报名 − 缺考 and 合格 ÷ 实考.
 */
export function summarise(counts: { registered: number; absent: number; passed: number; pending?: number }): PassRateSummary {
  const pending = counts.pending ?? 0;
  const known = counts.registered - pending;
  const sat = known - counts.absent;
  return {
    registered: counts.registered,
    absent: counts.absent,
    pending,
    sat,
    passed: counts.passed,
    passRate: sat > 0 ? counts.passed / sat : null,
    passRateOfRegistered: known > 0 ? counts.passed / known : null,
  };
}

export function summariseOutcomes(outcomes: Iterable<Outcome>): PassRateSummary {
  let registered = 0;
  let absent = 0;
  let passed = 0;
  let pending = 0;
  for (const o of outcomes) {
    registered++;
    if (o === 'absent') absent++;
    else if (o === 'pass') passed++;
    else if (o === 'pending') pending++;
  }
  return summarise({ registered, absent, passed, pending });
}

/** 84.3% — one decimal, as officers write it. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
