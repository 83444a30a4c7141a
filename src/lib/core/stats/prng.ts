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
