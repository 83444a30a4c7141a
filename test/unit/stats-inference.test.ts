// Inference: seeded bootstrap intervals, paired bootstrap, McNemar (textbook example) and the gate criterion.
import { describe, expect, it } from 'vitest';
import { bootstrapCi, bootstrapManyCi, bootstrapMeanCi, compareRuns, mcnemar, mcnemarFromCounts, pairedBootstrap, significantlyWorse } from '../../src/lib/core/stats';

const binary = (n: number, ones: number) => Array.from({ length: n }, (_, i) => (i < ones ? 1 : 0));

describe('bootstrap interval of a mean', () => {
  it('covers the mean, has about the normal-theory width and is deterministic for a seed', () => {
    const v = binary(100, 70);
    const a = bootstrapMeanCi(v, { seed: 7 });
    const b = bootstrapMeanCi(v, { seed: 7 });
    expect(a).toEqual(b);
    expect(a.estimate).toBeCloseTo(0.7, 12);
    expect(a.lower!).toBeLessThan(0.7);
    expect(a.upper!).toBeGreaterThan(0.7);
    // normal approximation: 0.7 ± 1.96·sqrt(0.21/100) = [0.610, 0.790]
    expect(a.lower!).toBeGreaterThan(0.58);
    expect(a.lower!).toBeLessThan(0.64);
    expect(a.upper!).toBeGreaterThan(0.76);
    expect(a.upper!).toBeLessThan(0.82);
    // pass/fail scores: the exact B → ∞ limit (no resampling), so the seed does not matter
    expect(a.resamples).toBe(0);
    expect(bootstrapMeanCi(v, { seed: 99 })).toEqual(a);
    // continuous data: another seed gives (slightly) different bounds, the same seed the same ones
    const w = Array.from({ length: 60 }, (_, i) => ((i * 37) % 61) / 61);
    expect(bootstrapMeanCi(w, { seed: 8 })).toEqual(bootstrapMeanCi(w, { seed: 8 }));
    expect(bootstrapMeanCi(w, { seed: 8 }).lower).not.toBe(bootstrapMeanCi(w, { seed: 9 }).lower);
  });

  it('is degenerate for constant data and null with a reason for empty data', () => {
    const k = bootstrapMeanCi([0.4, 0.4, 0.4]);
    expect(k.n).toBe(3);
    for (const v of [k.estimate, k.lower, k.upper]) expect(v).toBeCloseTo(0.4, 12);
    expect(bootstrapMeanCi([])).toMatchObject({ estimate: null, lower: null, upper: null, n: 0, reason: 'keine Items' });
  });

  it('bootstraps any statistic over items (e.g. a maximum)', () => {
    const v = [1, 2, 3, 4, 5];
    const r = bootstrapCi(v.length, (idx) => Math.max(...Array.from(idx, (i) => v[i])), { seed: 1, resamples: 500 });
    expect(r.estimate).toBe(5);
    expect(r.upper).toBe(5);
    expect(r.lower!).toBeGreaterThanOrEqual(3);
  });
});

describe('several statistics from the same resamples', () => {
  it('gives each metric an interval around its estimate, reproducibly', () => {
    const v = Array.from({ length: 40 }, (_, i) => (i % 4) / 3);
    const stat = (idx: readonly number[]) => ({ mean: idx.reduce((s, i) => s + v[i], 0) / idx.length, share1: idx.filter((i) => v[i] === 1).length / idx.length });
    const r = bootstrapManyCi(v.length, stat, { seed: 5 });
    expect(r.mean.estimate).toBeCloseTo(0.5, 12);
    expect(r.share1.estimate).toBeCloseTo(0.25, 12);
    expect(r.mean.lower!).toBeLessThan(0.5);
    expect(r.mean.upper!).toBeGreaterThan(0.5);
    // the single-statistic function with the same seed gives the same interval for the mean
    const single = bootstrapCi(v.length, (idx) => stat(Array.from(idx)).mean, { seed: 5 });
    expect([r.mean.lower, r.mean.upper]).toEqual([single.lower, single.upper]);
    expect(bootstrapManyCi(0, stat)).toEqual({});
  });
});

describe('paired bootstrap', () => {
  it('finds a constant drop exactly and with a tiny p-value', () => {
    const base = Array.from({ length: 50 }, (_, i) => (i % 10) / 10);
    const cand = base.map((x) => x - 0.1);
    const r = pairedBootstrap(base, cand, { seed: 3 });
    expect(r.delta).toBeCloseTo(-0.1, 12);
    expect(r.lower).toBeCloseTo(-0.1, 12);
    expect(r.upper).toBeCloseTo(-0.1, 12);
    expect(r.pValue).toBe(1 / 2000);
    expect(significantlyWorse(r, 0.02).worse).toBe(true);
  });

  it('identical runs: delta 0, p = 1, not worse', () => {
    const v = binary(40, 25);
    const r = pairedBootstrap(v, v);
    expect(r).toMatchObject({ delta: 0, lower: 0, upper: 0, pValue: 1 });
    expect(significantlyWorse(r, 0).worse).toBe(false);
  });

  it('empty pairs give nulls with a reason', () => {
    const r = pairedBootstrap([], []);
    expect(r).toMatchObject({ delta: null, pValue: null, n: 0 });
    expect(significantlyWorse(r, 0.02)).toMatchObject({ worse: false, undetermined: true });
  });
});

describe('McNemar', () => {
  it('matches the textbook example (Fagerland et al. 2013: b = 1, c = 7 → exact 0.0703, mid-p 0.0391)', () => {
    const r = mcnemarFromCounts(1, 7);
    expect(r.pExact).toBeCloseTo(18 / 256, 12);
    expect(r.pMid).toBeCloseTo(10 / 256, 12);
  });

  it('is 1 for balanced discordance and handles large n without underflow', () => {
    expect(mcnemarFromCounts(3, 3)).toMatchObject({ pExact: 1, pMid: 1 });
    const big = mcnemarFromCounts(1000, 1200);
    expect(big.pExact!).toBeGreaterThan(0);
    // exact rational arithmetic (Python fractions): 2·P(X ≤ 1000), X ~ Bin(2200, 1/2)
    expect(Math.abs(big.pExact! / 2.1817026407914712e-5 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(big.pMid! / 1.9916416564602037e-5 - 1)).toBeLessThan(1e-9);
    expect(Number.isFinite(big.pMid!)).toBe(true);
    expect(mcnemarFromCounts(0, 0)).toMatchObject({ pExact: null, reason: 'keine gepaarten Items' });
  });

  it('counts discordant pairs from score vectors', () => {
    const base = [1, 1, 0, 0, 1, 0, 0, 0, 0, 0];
    const cand = [1, 0, 1, 1, 1, 1, 1, 1, 1, 0];
    const r = mcnemar(base, cand);
    expect(r).toMatchObject({ baselineOnly: 1, candidateOnly: 6, n: 10 });
  });
});

describe('run comparison and gate criterion', () => {
  it('pairs by item id, reports unmatched ids and adds McNemar for binary scores', () => {
    const c = compareRuns({ a: 1, b: 0, c: 1, x: 1 }, { a: 1, b: 1, c: 0, y: 0 });
    expect(c.ids).toEqual(['a', 'b', 'c']);
    expect(c.onlyBaseline).toEqual(['x']);
    expect(c.onlyCandidate).toEqual(['y']);
    expect(c.mcnemar).toMatchObject({ baselineOnly: 1, candidateOnly: 1 });
    expect(compareRuns({ a: 0.5 }, { a: 0.7 }).mcnemar).toBeUndefined();
  });

  it('applies both criteria as documented', () => {
    const base = { delta: -0.05, lower: -0.09, upper: -0.01, estimate: -0.05, n: 200, level: 0.95, resamples: 2000, pValue: 0.01 };
    // drop-beyond-noise: −0.05 < −0.02 and upper −0.01 < 0 → worse
    expect(significantlyWorse(base, 0.02).worse).toBe(true);
    // confident-drop: upper −0.01 is not < −0.02 → not worse
    expect(significantlyWorse(base, 0.02, 'confident-drop').worse).toBe(false);
    // drop within the allowance is never worse
    expect(significantlyWorse({ ...base, delta: -0.015, lower: -0.03, upper: -0.001 }, 0.02).worse).toBe(false);
    // a noisy drop (interval includes 0) is not worse under the default criterion
    expect(significantlyWorse({ ...base, delta: -0.05, upper: 0.01 }, 0.02).worse).toBe(false);
    expect(significantlyWorse({ ...base, upper: -0.03 }, 0.02, 'confident-drop').worse).toBe(true);
  });
});

describe('large runs: normal approximation', () => {
  it('matches the percentile bootstrap of the mean closely and is used from NORMAL_APPROX_MIN_N items on', async () => {
    const { bootstrapMeanCi: ci, bootstrapCi: boot, NORMAL_APPROX_MIN_N, normalQuantile, normalCdf, pairedBootstrap: paired } = await import('../../src/lib/core/stats');
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
    const n = NORMAL_APPROX_MIN_N;
    const values = Array.from({ length: n }, (_, i) => (i % 10 < 7 ? 1 : 0)); // mean 0.7
    const approx = ci(values);
    expect(approx.resamples).toBe(0);
    expect(approx.estimate).toBeCloseTo(0.7, 10);
    const exact = boot(n, (idx) => { let s = 0; for (let i = 0; i < idx.length; i++) s += values[idx[i]]; return s / idx.length; }, { resamples: 400 });
    expect(Math.abs(approx.lower! - exact.lower!)).toBeLessThan(0.003);
    expect(Math.abs(approx.upper! - exact.upper!)).toBeLessThan(0.003);
    // half width = 1.96 · sqrt(0.7·0.3 · n/(n−1)) / sqrt(n)
    expect(approx.upper! - 0.7).toBeCloseTo(1.959964 * Math.sqrt((0.21 * n) / (n - 1)) / Math.sqrt(n), 6);
    const p = paired(values, values.map((x, i) => (i % 50 === 0 ? 0 : x)));
    expect(p.resamples).toBe(0);
    expect(p.delta).toBeLessThan(0);
    expect(p.upper!).toBeLessThan(0);
    expect(p.pValue!).toBeLessThan(0.001);
    // below the threshold: Monte Carlo bootstrap for general scores, the exact binomial limit for 0/1 scores
    expect(ci(values.slice(0, n - 1).map((x) => 0.25 + x / 2)).resamples).toBe(2000);
    expect(ci(values.slice(0, n - 1)).resamples).toBe(0);
  });
});
