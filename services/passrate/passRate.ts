import type { Outcome } from '../vocabulary/words';
// 合格率: domain.md § Pass rate. Every figure is reported and the formula is labelled.

export interface PassRateSummary {
  registered: number; // 报名人数
  absent: number; // 缺考人数: absent from every part
  sat: number; // 实考人数 = 报名 − 缺考
  passed: number; // 合格人数
  pending: number; // 尚未录完成绩的人数
  passRate: number | null; // 合格率 = 合格 / 实考 (the default)
  passRateOfRegistered: number | null; // 合格 / 报名, reported beside it
}

export const PASS_RATE_FORMULA = '合格率 = 合格人数 ÷ 实考人数（实考人数 = 报名人数 − 缺考人数）';

export function summarise(counts: { registered: number; absent: number; passed: number; pending?: number }): PassRateSummary {
  const sat = counts.registered - counts.absent;
  return {
    registered: counts.registered,
    absent: counts.absent,
    sat,
    passed: counts.passed,
    pending: counts.pending ?? 0,
    passRate: sat > 0 ? counts.passed / sat : null,
    passRateOfRegistered: counts.registered > 0 ? counts.passed / counts.registered : null,
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
