// Histogram binning for the run pages.
import { describe, expect, it } from 'vitest';
import { histogram } from '../../src/lib/core/metrics/histogram';

describe('histogram', () => {
  it('bins equal-width with the maximum in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4, 10], 5);
    expect(h.map((b) => b.count)).toEqual([2, 2, 1, 0, 1]);
    expect(h[0]).toEqual({ from: 0, to: 2, count: 2 });
    expect(h[4].to).toBe(10);
  });
  it('bins 300,000 values (a large run) without overflowing the stack', () => {
    const xs = Array.from({ length: 300_000 }, (_, i) => (i % 1000) / 10);
    const h = histogram(xs, 10);
    expect(h[0].from).toBe(0);
    expect(h[9].to).toBe(99.9);
    expect(h.reduce((a, b) => a + b.count, 0)).toBe(300_000);
  });
  it('uses a fixed range for scores and ignores values outside it', () => {
    const h = histogram([0, 0, 0.5, 1, 1, 1, 2, Number.NaN], 2, { min: 0, max: 1 });
    expect(h.map((b) => b.count)).toEqual([2, 4]);
  });
  it('handles empty and constant input', () => {
    expect(histogram([])).toEqual([]);
    expect(histogram([5, 5, 5])).toEqual([{ from: 5, to: 5, count: 3 }]);
  });
});
