// A seeded random source, so the same demo size always yields the same data (screenshots, benches).

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: small, fast and good enough for synthetic data. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A roughly normal value (sum of three uniforms), clamped to [min, max]. */
  around(mean: number, spread: number, min: number, max: number): number {
    const v = mean + ((this.next() + this.next() + this.next()) / 3 - 0.5) * 2 * spread;
    return Math.min(max, Math.max(min, v));
  }
}

/** Picks by weight; built once, sampled often (binary search over the running totals). */
export class Weighted<T> {
  private readonly totals: number[] = [];
  private readonly items: T[] = [];

  constructor(entries: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [item, weight] of entries) {
      sum += weight;
      this.items.push(item);
      this.totals.push(sum);
    }
  }

  sample(rng: Random): T {
    const x = rng.next() * this.totals[this.totals.length - 1]!;
    let lo = 0;
    let hi = this.totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.totals[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
