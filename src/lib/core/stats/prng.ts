// Seeded pseudo-random numbers (mulberry32) so bootstrap intervals are reproducible run to run.

/** A generator of floats in [0, 1) from a 32-bit seed (mulberry32). Same seed → same sequence. */
export function createRng(seed: number): () => number {
  let a = (Math.trunc(seed) >>> 0) || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n) from a generator. */
export function randomIndex(rng: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/**
 * Means of `resamples` bootstrap resamples of `values` (n draws with replacement each, in order), drawing
 * the indices exactly as createRng(seed) with randomIndex does — the same sequence and the same means — but
 * with the generator inlined in the loop (no closure call per draw; about 4× faster for 2,000 × 5,000 draws).
 */
export function resampledMeans(values: ArrayLike<number>, resamples: number, seed: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(resamples);
  if (n === 0) return out.fill(NaN);
  const v = Float64Array.from(values);
  let a = (Math.trunc(seed) >>> 0) || 0x9e3779b9;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      // (t >>> 0) · 2^−32 equals the division by 2^32 exactly; u·n < n, so `| 0` is Math.floor here and
      // never reaches n (randomIndex's Math.min(n − 1, …) guard is never active for n < 2^31).
      s += v[(((t ^ (t >>> 14)) >>> 0) * 2.3283064365386963e-10 * n) | 0];
    }
    out[r] = s / n;
  }
  return out;
}
