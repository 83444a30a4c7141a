// Exact interval of the mean for pass/fail (0/1) scores: the percentile bootstrap's limit for B → ∞
// resamples, Binomial(n, p̂)/n quantiles. It must agree with the Monte Carlo bootstrap it replaces, match
// the binomial distribution computed independently, and handle the edge cases (all 0, all 1, n = 1, large n).
// The Monte Carlo path for other scores draws with an inlined generator: same draws, same intervals as the
// closure-based generator (createRng + randomIndex) a seed has always meant.
import { describe, expect, it } from 'vitest';
import { NORMAL_APPROX_MIN_N, binomialQuantiles, bootstrapCi, bootstrapMeanCi, pairedBootstrap, percentile } from '../../src/lib/core/stats';
import { createRng, randomIndex, resampledMeans } from '../../src/lib/core/stats/prng';

/** Pass/fail scores with `ones` ones spread over n items (order does not matter for the mean). */
const scores = (n: number, ones: number): number[] => Array.from({ length: n }, (_, i) => ((i * 7919) % n < ones ? 1 : 0));

/** Monte Carlo percentile bootstrap of the mean, the general path. */
function monteCarlo(values: number[], resamples: number, seed: number) {
  return bootstrapCi(values.length, (idx) => {
    let s = 0;
    for (let i = 0; i < idx.length; i++) s += values[idx[i]];
    return s / idx.length;
  }, { resamples, seed });
}

/** Binomial(n, p) CDF straight from the definition (small n only). */
function binomialCdf(n: number, p: number): number[] {
  const out: number[] = [];
  let c = 1; // C(n, x)
  let acc = 0;
  for (let x = 0; x <= n; x++) {
    acc += c * p ** x * (1 - p) ** (n - x);
    out.push(acc);
    c = (c * (n - x)) / (x + 1);
  }
  return out;
}

describe('exact interval of a mean of 0/1 scores', () => {
  it('agrees with the Monte Carlo bootstrap within its error (about one step 1/n)', () => {
    for (const [n, ones] of [[10, 7], [40, 3], [100, 70], [250, 125], [1000, 998], [3000, 2100]]) {
      const v = scores(n, ones);
      expect(v.reduce((a, b) => a + b, 0)).toBe(ones);
      const exact = bootstrapMeanCi(v);
      expect(exact.resamples).toBe(0);
      expect(exact.estimate).toBe(ones / n);
      const mc = monteCarlo(v, n <= 250 ? 20_000 : 2000, 11);
      const tol = 1 / n + 1e-9;
      expect(Math.abs(exact.lower! - mc.lower!), `n=${n} lower`).toBeLessThanOrEqual(tol);
      expect(Math.abs(exact.upper! - mc.upper!), `n=${n} upper`).toBeLessThanOrEqual(tol);
      // bounds are attainable resample means: multiples of 1/n
      expect(Math.abs(exact.lower! * n - Math.round(exact.lower! * n))).toBeLessThan(1e-9);
      expect(exact.lower!).toBeLessThanOrEqual(ones / n);
      expect(exact.upper!).toBeGreaterThanOrEqual(ones / n);
    }
  });

  it('is the Binomial(n, p̂) quantile computed from the definition, also for other levels', () => {
    for (const [n, ones] of [[10, 7], [20, 1], [25, 24], [30, 15]]) {
      const cdf = binomialCdf(n, ones / n);
      for (const level of [0.8, 0.9, 0.95, 0.99]) {
        const alpha = (1 - level) / 2;
        const q = (p: number) => cdf.findIndex((f) => f >= p);
        const r = bootstrapMeanCi(scores(n, ones), { level });
        expect([r.lower, r.upper, r.level], `n=${n} k=${ones} level=${level}`).toEqual([q(alpha) / n, q(1 - alpha) / n, level]);
      }
    }
    // 7 of 10: P(X ≤ 4) = 0.0473 ≥ 0.025 > P(X ≤ 3) = 0.0106; P(X ≤ 9) = 0.972 < 0.975 ≤ P(X ≤ 10) = 1
    expect(bootstrapMeanCi(scores(10, 7))).toMatchObject({ lower: 0.4, upper: 1 });
  });

  it('handles all 0, all 1, n = 1 and large n without under- or overflow', () => {
    expect(bootstrapMeanCi([0, 0, 0, 0])).toMatchObject({ estimate: 0, lower: 0, upper: 0, n: 4, resamples: 0 });
    expect(bootstrapMeanCi([1, 1, 1])).toMatchObject({ estimate: 1, lower: 1, upper: 1, n: 3, resamples: 0 });
    expect(bootstrapMeanCi([1])).toMatchObject({ estimate: 1, lower: 1, upper: 1, n: 1 });
    expect(bootstrapMeanCi([0])).toMatchObject({ estimate: 0, lower: 0, upper: 0, n: 1 });
    // non-finite values are dropped first, as before
    expect(bootstrapMeanCi([1, NaN, 0, Infinity])).toMatchObject({ estimate: 0.5, n: 2, resamples: 0 });
    // n just below the normal-approximation threshold, one success: X ≈ Poisson(1), whose 97.5 % quantile is 3
    const n = NORMAL_APPROX_MIN_N - 1;
    const one = bootstrapMeanCi(scores(n, 1));
    expect(one).toMatchObject({ lower: 0, upper: 3 / n });
    const half = bootstrapMeanCi(scores(n, Math.floor(n / 2)));
    const p = Math.floor(n / 2) / n;
    const halfWidth = 1.959964 * Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(half.upper! - (p + halfWidth))).toBeLessThan(1.5 / n);
    expect(Math.abs(half.lower! - (p - halfWidth))).toBeLessThan(1.5 / n);
    expect(binomialQuantiles(200_000, 100_000, [0.5])[0]).toBe(100_000);
    expect(() => binomialQuantiles(3, 4, [0.5])).toThrow(RangeError);
  });

  it('keeps the Monte Carlo bootstrap for scores that are not all 0 or 1', () => {
    const v = [0, 1, 1, 0.5, 1, 0, 1, 1];
    const r = bootstrapMeanCi(v, { seed: 3 });
    expect(r.resamples).toBe(2000);
    expect(r).toEqual(monteCarlo(v, 2000, 3));
  });
});

describe('Monte Carlo path with the inlined generator', () => {
  /** Resampled means drawn the reference way: the generator's closure and randomIndex per draw. */
  function referenceMeans(values: number[], resamples: number, seed: number): number[] {
    const rng = createRng(seed);
    const out: number[] = [];
    for (let r = 0; r < resamples; r++) {
      let s = 0;
      for (let i = 0; i < values.length; i++) s += values[randomIndex(rng, values.length)];
      out.push(s / values.length);
    }
    return out;
  }

  it('draws exactly the same resampled means as createRng + randomIndex', () => {
    const v = Array.from({ length: 97 }, (_, i) => ((i * 37) % 11) / 10);
    for (const seed of [0, 1, 20261127, -5, 2 ** 32 + 3]) expect(Array.from(resampledMeans(v, 300, seed)), `seed ${seed}`).toEqual(referenceMeans(v, 300, seed));
    for (const n of [1, 2, 4999, 70_001]) {
      const w = Array.from({ length: n }, (_, i) => (i * 0.37) % 1);
      expect(Array.from(resampledMeans(w, 20, 7)), `n ${n}`).toEqual(referenceMeans(w, 20, 7));
    }
    expect(Array.from(resampledMeans([], 3, 1))).toEqual([NaN, NaN, NaN]);
  });

  it('gives pairedBootstrap the interval and p-value of the reference resampling', () => {
    const base = Array.from({ length: 150 }, (_, i) => ((i * 13) % 7) / 6);
    const cand = base.map((x, i) => Math.min(1, Math.max(0, x + (((i * 29) % 5) - 2.3) / 10)));
    const seed = 42;
    const r = pairedBootstrap(base, cand, { seed, resamples: 1000 });
    const d = cand.map((c, i) => c - base[i]);
    const means = referenceMeans(d, 1000, seed).sort((a, b) => a - b);
    expect(r.lower).toBe(percentile(means, 0.025));
    expect(r.upper).toBe(percentile(means, 0.975));
    const le = means.filter((m) => m <= 0).length / 1000;
    const ge = means.filter((m) => m >= 0).length / 1000;
    expect(r.pValue).toBe(Math.min(1, Math.max(2 * Math.min(le, ge), 1 / 1000)));
    expect(r.delta).toBeCloseTo(d.reduce((a, b) => a + b, 0) / d.length, 14);
  });
});
