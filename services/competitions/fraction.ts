// Exact fractions for competition arithmetic: a trimmed mean of five judges is a third or a fifth
// of a sum, a weight of 0.3 times it another fraction, and two teams 0.000001 apart in floats may be
// exactly equal (or the other way round). Ranks are decided on these; only the display rounds
// (docs/competitions.md § Arithmetic).

export interface Frac {
  readonly n: bigint;
  /** Always positive. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function frac(n: bigint | number, d: bigint | number = 1n): Frac {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('division by zero');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return { n: nn / g, d: dd / g };
}

export const ZERO = frac(0);

/** A mark kept in hundredths (9.25 → 925) as points. */
export function hundredths(h: number | bigint): Frac {
  return frac(BigInt(h), 100n);
}

export function add(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Frac, b: Frac): Frac {
  return frac(a.n * b.n, a.d * b.d);
}

export function div(a: Frac, b: Frac): Frac {
  return frac(a.n * b.d, a.d * b.n);
}

export function sum(xs: readonly Frac[]): Frac {
  return xs.reduce(add, ZERO);
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function cmp(a: Frac, b: Frac): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** For display only: rounded half away from zero to `places` decimals. */
export function toNumber(a: Frac, places = 2): number {
  const scale = 10n ** BigInt(places);
  const neg = a.n < 0n;
  const abs = neg ? -a.n : a.n;
  const q = (abs * scale * 2n + a.d) / (2n * a.d);
  return (neg ? -1 : 1) * (Number(q) / Number(scale));
}

/** As stored (competition_prizes.total): «n/d». */
export function toText(a: Frac): string {
  return `${a.n}/${a.d}`;
}

export function fromText(s: string): Frac {
  const [n, d] = s.split('/');
  return frac(BigInt(n!), BigInt(d ?? '1'));
}
