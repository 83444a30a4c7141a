// Descriptive statistics: mean, sample standard deviation and percentiles with linear interpolation
// (the same definition as numpy's default, R type 7 and DuckDB's quantile_cont). Empty input → undefined.

/** Keep only finite numbers (NaN/Infinity never enter a statistic). */
export function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

export function mean(values: readonly number[]): number | undefined {
  const v = finite(values);
  if (v.length === 0) return undefined;
  let s = 0;
  for (const x of v) s += x;
  return s / v.length;
}

/** Sample standard deviation (divisor n − 1); undefined for fewer than two values. */
export function stddev(values: readonly number[]): number | undefined {
  const v = finite(values);
  if (v.length < 2) return undefined;
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  let ss = 0;
  for (const x of v) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (v.length - 1));
}

/** Percentile of already sorted finite values, p in [0, 1]: h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0 || !(p >= 0 && p <= 1)) return undefined;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Percentile with linear interpolation between closest ranks, p in [0, 1] (0.5 = median). */
export function percentile(values: readonly number[], p: number): number | undefined {
  return percentileSorted(finite(values).sort((a, b) => a - b), p);
}

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation; null for a single value. */
  stddev: number | null;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

export type SummaryResult = Summary | { n: 0; reason: string };

/** n, mean, stddev, min, max and p50/p90/p95/p99 of the finite values; `{ n: 0, reason }` when there are none. */
export function summarize(values: readonly number[]): SummaryResult {
  const v = finite(values).sort((a, b) => a - b);
  if (v.length === 0) return { n: 0, reason: values.length === 0 ? 'keine Werte' : 'keine endlichen Werte' };
  const at = (p: number) => percentileSorted(v, p) as number;
  return {
    n: v.length,
    mean: mean(v) as number,
    stddev: stddev(v) ?? null,
    min: v[0],
    max: v[v.length - 1],
    p50: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99)
  };
}
