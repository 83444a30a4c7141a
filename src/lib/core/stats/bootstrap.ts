// Bootstrap confidence intervals (percentile method, Efron & Tibshirani 1993) for a mean, for any
// statistic over items, and for the paired difference of two runs on the same items. Seeded: the same
// inputs and seed give the same interval.
import { percentileSorted } from './descriptive';
import { createRng, randomIndex, resampledMeans } from './prng';

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_LEVEL = 0.95;
export const DEFAULT_SEED = 20261127;
/**
 * From this many items on, the mean's interval uses the normal approximation (mean ± z·s/√n), to which
 * the percentile bootstrap of a mean converges (central limit theorem); it costs O(n) instead of
 * O(n · resamples), which keeps the compare page fast on large runs. `resamples` is then 0.
 */
export const NORMAL_APPROX_MIN_N = 5000;

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9), p in (0, 1). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Normal-approximation interval of a mean from n, the mean and the sample standard deviation (n − 1). */
function normalInterval(n: number, mean: number, sd: number, level: number): { mean: number; lower: number; upper: number; se: number } {
  const se = sd / Math.sqrt(n);
  const z = normalQuantile(1 - (1 - level) / 2);
  return { mean, lower: mean - z * se, upper: mean + z * se, se };
}

/** Mean and sample standard deviation (two passes) of values. */
function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  let sum = 0;
  for (const x of values) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of values) ss += (x - mean) * (x - mean);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** Normal-approximation interval of a mean; `sd` of the values (n − 1). */
function normalMeanInterval(values: readonly number[], level: number): { mean: number; lower: number; upper: number; se: number } {
  const m = meanSd(values);
  return normalInterval(values.length, m.mean, m.sd, level);
}

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

/** Whether every value is exactly 0 or 1 (the common pass/fail item score). */
function allBinary(values: readonly number[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0 && values[i] !== 1) return false;
  return true;
}

/**
 * Quantiles Q(q) = min{x : P(X ≤ x) ≥ q} of X ~ Binomial(n, k/n), for each q in `qs` (0 < q < 1).
 * The probabilities are built from the mode outwards by the ratio recurrence
 * P(x+1)/P(x) = (n−x)/(x+1) · p/(1−p), relative to P(mode) = 1, and normalised by their sum: no
 * factorials, no overflow, and terms far in the tails underflow harmlessly to 0. O(n).
 */
export function binomialQuantiles(n: number, k: number, qs: readonly number[]): number[] {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(k) && k >= 0 && k <= n)) throw new RangeError(`binomialQuantiles needs integers 0 ≤ k ≤ n, n ≥ 1 (got n=${n}, k=${k})`);
  if (k === 0) return qs.map(() => 0);
  if (k === n) return qs.map(() => n);
  const p = k / n;
  const odds = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const w = new Float64Array(n + 1);
  w[mode] = 1;
  for (let x = mode; x < n; x++) w[x + 1] = (w[x] * (n - x) * odds) / (x + 1);
  for (let x = mode; x > 0; x--) w[x - 1] = (w[x] * x) / ((n - x + 1) * odds);
  let total = 0;
  for (let x = 0; x <= n; x++) total += w[x];
  // One pass over the CDF for all quantiles; a relative slack of 1e-12 absorbs rounding at exact ties.
  const order = qs.map((q, i) => ({ q, i })).sort((a, b) => a.q - b.q);
  const out = new Array<number>(qs.length);
  let cdf = 0;
  let x = -1;
  for (const { q, i } of order) {
    while (x < n && cdf < q * (1 - 1e-12)) cdf += w[++x] / total;
    out[i] = Math.max(0, x);
  }
  return out;
}

/**
 * What the interval of a mean needs to know about the finite values when it is computed in closed form:
 * their number, sum, sample standard deviation (n − 1; only used from NORMAL_APPROX_MIN_N on, may be null
 * below) and whether all of them are 0 or 1. Lets a caller aggregate in SQL instead of loading every value.
 */
export interface MeanSummary {
  n: number;
  sum: number;
  sd: number | null;
  binary: boolean;
}

/**
 * The interval bootstrapMeanCi gives for values with this summary, where it is a closed form (normal
 * approximation from NORMAL_APPROX_MIN_N values on; exact binomial limit for 0/1 values below; null numbers
 * for no values). undefined when the values themselves are needed (other values, n < NORMAL_APPROX_MIN_N):
 * then call bootstrapMeanCi with them.
 */
export function meanCiFromSummary(s: MeanSummary, opts: BootstrapOptions = {}): Interval | undefined {
  const { level, resamples } = options(opts);
  const n = s.n;
  if (n <= 0) return { estimate: null, lower: null, upper: null, n: 0, level, resamples, reason: 'keine Items' };
  if (n >= NORMAL_APPROX_MIN_N) {
    if (s.sd === null || !Number.isFinite(s.sd) || !Number.isFinite(s.sum)) return undefined;
    const m = normalInterval(n, s.sum / n, s.sd, level);
    return { estimate: m.mean, lower: m.lower, upper: m.upper, n, level, resamples: 0 };
  }
  if (!s.binary) return undefined;
  const ones = Math.round(s.sum);
  const alpha = (1 - level) / 2;
  const [lo, hi] = binomialQuantiles(n, ones, [alpha, 1 - alpha]);
  return { estimate: ones / n, lower: lo / n, upper: hi / n, n, level, resamples: 0 };
}

/**
 * 95% (default) percentile-bootstrap interval of the mean of the finite values (e.g. item scores of a run).
 * - n ≥ NORMAL_APPROX_MIN_N: the normal approximation (see there); `resamples` 0.
 * - All values 0 or 1 (pass/fail scores), 1 ≤ n < NORMAL_APPROX_MIN_N: exact and deterministic. A resample's
 *   mean is then X/n with X ~ Binomial(n, p̂), p̂ = share of ones, so the percentile interval for B → ∞
 *   resamples is [Q(α)/n, Q(1−α)/n] with Q the Binomial(n, p̂) quantile (binomialQuantiles) and α = (1−level)/2.
 *   O(n) instead of O(n · resamples); a Monte Carlo run with B resamples lands within about one step (1/n) of
 *   it. `resamples` is 0 (no resampling; the seed has no effect). All 0 or all 1 gives the degenerate interval.
 * - Otherwise: `resamples` (default 2,000) seeded Monte Carlo resamples (bootstrapCi).
 * The closed forms are meanCiFromSummary, so a caller with SQL aggregates gets the same interval.
 */
export function bootstrapMeanCi(values: readonly number[], opts: BootstrapOptions = {}): Interval {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length > 0) {
    const big = v.length >= NORMAL_APPROX_MIN_N;
    let sum = 0;
    for (let i = 0; i < v.length; i++) sum += v[i];
    const closed = meanCiFromSummary({ n: v.length, sum, sd: big ? meanSd(v).sd : null, binary: !big && allBinary(v) }, opts);
    if (closed) return closed;
  }
  const { resamples, level, seed } = options(opts);
  if (v.length === 0) return { estimate: null, lower: null, upper: null, n: 0, level, resamples, reason: values.length > 0 ? 'keine endlichen Werte' : 'keine Items' };
  // The same draws and percentiles as bootstrapCi(v.length, mean, opts), with the generator inlined.
  const est = meanAt(v)(Array.from({ length: v.length }, (_, i) => i));
  const stats = Array.from(resampledMeans(v, resamples, seed)).filter((x) => Number.isFinite(x));
  const estimate = Number.isFinite(est) ? est : null;
  if (stats.length === 0) return { estimate, lower: null, upper: null, n: v.length, level, resamples, reason: 'Statistik in keiner Stichprobe berechenbar' };
  stats.sort((x, y) => x - y);
  const alpha = (1 - level) / 2;
  return { estimate, lower: percentileSorted(stats, alpha) as number, upper: percentileSorted(stats, 1 - alpha) as number, n: v.length, level, resamples };
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
  if (d.length >= NORMAL_APPROX_MIN_N) {
    const m = normalMeanInterval(d, level);
    const pValue = m.se > 0 ? Math.min(1, 2 * (1 - normalCdf(Math.abs(m.mean) / m.se))) : m.mean === 0 ? 1 : 0;
    return { estimate: m.mean, delta: m.mean, lower: m.lower, upper: m.upper, n: d.length, level, resamples: 0, pValue };
  }
  // Same resampling as bootstrapCi, but we also need the resampled means for the p-value.
  const means = Array.from(resampledMeans(d, resamples, seed)).sort((a, b) => a - b);
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
