// Small helpers shared by the scorers: means that never return NaN, text normalisation, metric averaging.

/** Arithmetic mean; 0 for an empty list (callers only aggregate non-empty lists; this keeps NaN out). */
export function mean(values: number[]): number {
  if (values.length === 0) return 0;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Lower-case, trim and collapse all whitespace runs to one space. */
export function normalizeText(s: string): string {
  return s.toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Escape a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Mean of every metric name that occurs in the item scores (items lacking a metric count as 0 for it). */
export function meanOfMetrics(metricsList: Record<string, number>[]): Record<string, number> {
  if (metricsList.length === 0) return {};
  const names = new Set<string>();
  for (const m of metricsList) for (const k of Object.keys(m)) names.add(k);
  const out: Record<string, number> = {};
  for (const k of names) out[k] = mean(metricsList.map((m) => m[k] ?? 0));
  return out;
}

/** Clamp into 0..1; non-finite → 0. */
export function clamp01(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.min(1, Math.max(0, v));
}
