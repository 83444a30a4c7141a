// Descriptive statistics: percentiles with linear interpolation, mean, sample stddev, empty input.
import { describe, expect, it } from 'vitest';
import { mean, percentile, stddev, summarize } from '../../src/lib/core/stats';

describe('percentiles (linear interpolation, h = (n−1)·p)', () => {
  const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  it('matches hand values', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile(ten, 0.5)).toBeCloseTo(5.5, 12);
    expect(percentile(ten, 0.9)).toBeCloseTo(9.1, 12);
    expect(percentile(ten, 0.95)).toBeCloseTo(9.55, 12);
    expect(percentile(ten, 0.99)).toBeCloseTo(9.91, 12);
    expect(percentile([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile(ten, 0)).toBe(1);
    expect(percentile(ten, 1)).toBe(10);
  });

  it('ignores non-finite values and returns undefined for empty input or p outside [0, 1]', () => {
    expect(percentile([1, Number.NaN, 3, Number.POSITIVE_INFINITY], 0.5)).toBe(2);
    expect(percentile([], 0.5)).toBeUndefined();
    expect(percentile([1, 2], 1.5)).toBeUndefined();
  });
});

describe('mean, stddev, summary', () => {
  it('sample standard deviation by hand', () => {
    // mean 5, squared deviations sum 32, n − 1 = 7
    expect(stddev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(stddev([3])).toBeUndefined();
    expect(mean([])).toBeUndefined();
  });

  it('summarises latencies and never yields NaN', () => {
    const s = summarize([100, 200, 300, 400, 500]);
    expect(s).toMatchObject({ n: 5, mean: 300, min: 100, max: 500, p50: 300, p90: 460, p95: 480, p99: 496 });
    expect(summarize([])).toEqual({ n: 0, reason: 'keine Werte' });
    expect(summarize([Number.NaN])).toEqual({ n: 0, reason: 'keine endlichen Werte' });
    expect(summarize([42])).toMatchObject({ n: 1, stddev: null, p99: 42 });
  });
});
