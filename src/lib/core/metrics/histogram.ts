// Histogram binning for the run pages (latency and score distributions). Pure.

export interface HistogramBin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge (inclusive for the last bin). */
  to: number;
  count: number;
}

/**
 * Equal-width bins over [min, max] of the finite values (or over `range` when given). `bins` is capped
 * to the number of values; all values equal → one bin. Empty input → [].
 */
export function histogram(values: readonly (number | null | undefined)[], bins = 20, range?: { min: number; max: number }): HistogramBin[] {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return [];
  // a loop, not Math.min(...xs): spreading overflows the stack from ≈ 120,000 values
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const min = range?.min ?? lo;
  const max = range?.max ?? hi;
  if (!(max > min)) return [{ from: min, to: max, count: xs.length }];
  const n = Math.max(1, Math.min(Math.floor(bins), range ? Math.floor(bins) : xs.length));
  const width = (max - min) / n;
  const out: HistogramBin[] = Array.from({ length: n }, (_, i) => ({ from: min + i * width, to: i === n - 1 ? max : min + (i + 1) * width, count: 0 }));
  for (const x of xs) {
    if (x < min || x > max) continue;
    const i = Math.min(n - 1, Math.floor((x - min) / width));
    out[i].count++;
  }
  return out;
}
