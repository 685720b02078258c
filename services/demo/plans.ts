// How big each demo is, and what a session of the demo association looks like.
import { Weighted } from './random';

export type DemoSize = 'small' | 'large';

export interface DemoPlan {
  size: DemoSize;
  seed: number;
  /** Calendar years of history, ending with the current one. */
  years: number;
  /** First-attempt (正考) sessions per year; retake (补考) sessions follow from the failures. */
  firstSessionsPerYear: number;
  sessionSize: readonly [number, number];
  employers: number;
  /** Candidates in the end (those never enrolled are still registered). */
  candidates: number;
  /** Stop once this many part results are written (the large demo's 1,000,000). */
  partResults: number;
  /** Session names carry a visible demo mark, for the newcomer's database. */
  markNames: boolean;
}

export const DEMO_PLANS: Record<DemoSize, DemoPlan> = {
  // A newcomer's first look: a few sessions of the last year, one still open for keying in.
  small: { size: 'small', seed: 20240601, years: 1, firstSessionsPerYear: 5, sessionSize: [18, 36], employers: 10, candidates: 160, partResults: Infinity, markNames: true },
  // Ten years of a busy association, the scale docs/performance.md measures at: 100,000 candidates, 1,000,000 part results.
  large: { size: 'large', seed: 20160101, years: 10, firstSessionsPerYear: 260, sessionSize: [40, 300], employers: 400, candidates: 100_000, partResults: 1_000_000, markNames: false },
};

export const DEMO_MARK = '【示例】';

/** Which occupations a property-management association certifies most (by code). */
export const OCCUPATION_WEIGHTS = new Weighted<string>([
  ['4-07-05-01', 20], ['4-06-01-01', 14], ['4-09-08-01', 12], ['4-07-05-03', 12], ['6-31-01-03', 10], ['4-06-01-03', 5],
  ['4-06-01-04', 4], ['4-09-10-01', 4], ['4-10-01-06', 4], ['4-06-01-02', 3], ['4-07-05-02', 3], ['4-07-05-04', 3],
  ['6-29-03-03', 3], ['4-09-09-00', 2], ['6-29-03-05', 2], ['6-28-01-11', 1],
]);

export const LEVEL_WEIGHTS = new Weighted<number>([[5, 30], [4, 30], [3, 25], [2, 10], [1, 5]]);

/** Realistic rates: a few absent altogether, a handful absent from one part, misconduct is rare. */
export const RATES = {
  absentFromAll: 0.04,
  absentFromPart: 0.015,
  misconduct: 0.003,
  /** Of those who failed, how many sit the retake (补考). */
  retake: 0.55,
  /** Share of enrolments still without results in an open session. */
  pendingInOpenSession: 0.35,
};

/** Mean and spread of scores per part (tenths of a point come as .5 now and then). */
export const SCORE_SHAPE: Record<string, readonly [number, number]> = {
  theory: [71, 30],
  skill: [75, 26],
  review: [79, 20],
  performance: [82, 15],
};
