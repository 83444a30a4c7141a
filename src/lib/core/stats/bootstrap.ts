// Bootstrap confidence intervals (percentile method, Efron & Tibshirani 1993) for a mean, for any
// statistic over items, and for the paired difference of two runs on the same items. Seeded: the same
// inputs and seed give the same interval.
import { percentileSorted } from './descriptive';
import { createRng, randomIndex } from './prng';

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_LEVEL = 0.95;
export const DEFAULT_SEED = 20261127;

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 2,000). */
  resamples?: number;
  /** Confidence level (default 0.95 → 2.5th and 97.5th percentiles of the resampled statistic). */
  level?: number;
  /** PRNG seed (default DEFAULT_SEED). */
  seed?: number;
}

/** An interval; when it cannot be computed the numbers are null and `reason` says why. */
export interface Interval {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  level: number;
  resamples: number;
  reason?: string;
}

function options(o: BootstrapOptions) {
  const resamples = Math.max(1, Math.trunc(o.resamples ?? DEFAULT_RESAMPLES));
  const level = o.level ?? DEFAULT_LEVEL;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return { resamples, level, seed: o.seed ?? DEFAULT_SEED };
}

/**
 * Percentile bootstrap for a statistic of n items: draws `resamples` index vectors of length n with
 * replacement, evaluates `statistic(indices)` on each, and returns the (1−level)/2 and (1+level)/2
 * percentiles (linear interpolation). `estimate` is the statistic on the original items. Non-finite
 * statistic values of a resample are skipped; if none remain, the interval is null with a reason.
 */
export function bootstrapCi(n: number, statistic: (indices: ArrayLike<number>) => number, opts: BootstrapOptions = {}): Interval {
  const { resamples, level, seed } = options(opts);
  if (n <= 0) return { estimate: null, lower: null, upper: null, n: 0, level, resamples, reason: 'keine Items' };
  const identity = Array.from({ length: n }, (_, i) => i);
  const est = statistic(identity);
  const estimate = Number.isFinite(est) ? est : null;
  const rng = createRng(seed);
  const idx = new Uint32Array(n);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = randomIndex(rng, n);
    const s = statistic(idx);
    if (Number.isFinite(s)) stats.push(s);
  }
  if (stats.length === 0) return { estimate, lower: null, upper: null, n, level, resamples, reason: 'Statistik in keiner Stichprobe berechenbar' };
  stats.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return { estimate, lower: percentileSorted(stats, alpha) as number, upper: percentileSorted(stats, 1 - alpha) as number, n, level, resamples };
}

function meanAt(values: readonly number[]) {
  return (indices: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < indices.length; i++) s += values[indices[i]];
    return s / indices.length;
  };
}

/** 95% (default) percentile-bootstrap interval of the mean of finite values (e.g. item scores of a run). */
export function bootstrapMeanCi(values: readonly number[], opts: BootstrapOptions = {}): Interval {
  const v = values.filter((x) => Number.isFinite(x));
  const r = bootstrapCi(v.length, meanAt(v), opts);
  return v.length === 0 && values.length > 0 ? { ...r, reason: 'keine endlichen Werte' } : r;
}

export interface PairedResult extends Interval {
  /** Mean of candidate − baseline over the paired items (= estimate). */
  delta: number | null;
  /**
   * Two-sided bootstrap p-value for "mean difference = 0": 2·min(share of resampled means ≤ 0, share ≥ 0),
   * at most 1, at least 1/resamples when the difference is non-zero in every resample.
   */
  pValue: number | null;
}

/**
 * Paired bootstrap for two runs on the same items: `baseline[i]` and `candidate[i]` are the scores of
 * item i. Resamples items (keeping pairs together) and returns the interval of mean(candidate − baseline).
 * Pairs where either score is not finite are dropped.
 */
export function pairedBootstrap(baseline: readonly number[], candidate: readonly number[], opts: BootstrapOptions = {}): PairedResult {
  if (baseline.length !== candidate.length) throw new RangeError(`paired bootstrap needs equal lengths (${baseline.length} vs ${candidate.length})`);
  const d: number[] = [];
  for (let i = 0; i < baseline.length; i++) if (Number.isFinite(baseline[i]) && Number.isFinite(candidate[i])) d.push(candidate[i] - baseline[i]);
  const { resamples, level, seed } = options(opts);
  if (d.length === 0) return { estimate: null, lower: null, upper: null, n: 0, level, resamples, delta: null, pValue: null, reason: 'keine gemeinsamen Items' };
  // Same resampling as bootstrapCi, but we also need the resampled means for the p-value.
  const rng = createRng(seed);
  const means: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < d.length; i++) s += d[randomIndex(rng, d.length)];
    means.push(s / d.length);
  }
  means.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  const delta = d.reduce((a, b) => a + b, 0) / d.length;
  const le = means.filter((m) => m <= 0).length / resamples;
  const ge = means.filter((m) => m >= 0).length / resamples;
  const pValue = Math.min(1, Math.max(2 * Math.min(le, ge), 1 / resamples));
  return { estimate: delta, delta, lower: percentileSorted(means, alpha) as number, upper: percentileSorted(means, 1 - alpha) as number, n: d.length, level, resamples, pValue };
}

/** Align two runs' per-item scores by item id: values of ids present in both, plus the ids only in one run. */
export function pairByItem(baseline: ReadonlyMap<string, number> | Record<string, number>, candidate: ReadonlyMap<string, number> | Record<string, number>) {
  const a = baseline instanceof Map ? baseline : new Map(Object.entries(baseline));
  const b = candidate instanceof Map ? candidate : new Map(Object.entries(candidate));
  const ids: string[] = [];
  const onlyBaseline: string[] = [];
  for (const id of a.keys()) (b.has(id) ? ids : onlyBaseline).push(id);
  ids.sort();
  const onlyCandidate = [...b.keys()].filter((id) => !a.has(id)).sort();
  return { ids, baseline: ids.map((id) => a.get(id) as number), candidate: ids.map((id) => b.get(id) as number), onlyBaseline: onlyBaseline.sort(), onlyCandidate };
}

/**
 * Percentile-bootstrap intervals for several statistics computed together from the same resamples
 * (e.g. every aggregate metric of a scorer: `statistic(indices)` returns { exact_match, f1 }).
 * Metrics missing or non-finite in a resample are skipped for that resample.
 */
export function bootstrapManyCi(n: number, statistic: (indices: readonly number[]) => Record<string, number>, opts: BootstrapOptions = {}): Record<string, Interval> {
  const { resamples, level, seed } = options(opts);
  if (n <= 0) return {};
  const estimate = statistic(Array.from({ length: n }, (_, i) => i));
  const rng = createRng(seed);
  const samples = new Map<string, number[]>(Object.keys(estimate).map((k) => [k, []]));
  const idx = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = randomIndex(rng, n);
    const s = statistic(idx);
    for (const [k, list] of samples) if (Number.isFinite(s[k])) list.push(s[k]);
  }
  const alpha = (1 - level) / 2;
  const out: Record<string, Interval> = {};
  for (const [k, list] of samples) {
    const est = Number.isFinite(estimate[k]) ? estimate[k] : null;
    if (list.length === 0) {
      out[k] = { estimate: est, lower: null, upper: null, n, level, resamples, reason: 'Statistik in keiner Stichprobe berechenbar' };
      continue;
    }
    list.sort((a, b) => a - b);
    out[k] = { estimate: est, lower: percentileSorted(list, alpha) as number, upper: percentileSorted(list, 1 - alpha) as number, n, level, resamples };
  }
  return out;
}
