// Sensitivity (tornado: each assumption ±20% → break-even users) and Monte Carlo (seeded PRNG, ranges
// per assumption → distribution and percentiles of break-even users, plus a cost band over users).
import { createRng } from '../stats/prng';
import type { ResolvedScenario } from './resolve';
import { apiEurPerRequest, breakEvenUsers, capacity, capacityFigures, newCapacityFigures, selfHostedAt, serverMonthlyEur, type BreakEvenInput, type Capacity } from './model';

export interface Assumption {
  key: string;
  label: string;
  get(s: ResolvedScenario): number;
  set(s: ResolvedScenario, v: number): void;
  min: number;
  max: number;
  integer?: boolean;
}

const BIG = 1e12;
/** The varied assumptions; `api.priceFactor` scales every route price (1 = as given). */
export const ASSUMPTIONS: Assumption[] = [
  { key: 'tenant.activeShare', label: 'Aktiver Anteil', get: (s) => s.tenant.activeShare, set: (s, v) => (s.tenant.activeShare = v), min: 0, max: 1 },
  { key: 'tenant.requestsPerActiveUserPerDay', label: 'Anfragen je aktivem Nutzer und Tag', get: (s) => s.tenant.requestsPerActiveUserPerDay, set: (s, v) => (s.tenant.requestsPerActiveUserPerDay = v), min: 0, max: BIG },
  { key: 'tenant.workingDaysPerMonth', label: 'Arbeitstage pro Monat', get: (s) => s.tenant.workingDaysPerMonth, set: (s, v) => (s.tenant.workingDaysPerMonth = v), min: 0, max: 31 },
  { key: 'tenant.peakHourShare', label: 'Anteil der Spitzenstunde', get: (s) => s.tenant.peakHourShare, set: (s, v) => (s.tenant.peakHourShare = v), min: 0, max: 1 },
  { key: 'request.systemPromptTokens', label: 'Systemprompt-Token', get: (s) => s.request.systemPromptTokens, set: (s, v) => (s.request.systemPromptTokens = v), min: 0, max: BIG },
  { key: 'request.contextTokens', label: 'Kontext-Token', get: (s) => s.request.contextTokens, set: (s, v) => (s.request.contextTokens = v), min: 0, max: BIG },
  { key: 'request.userTokens', label: 'Nutzer-Token', get: (s) => s.request.userTokens, set: (s, v) => (s.request.userTokens = v), min: 0, max: BIG },
  { key: 'request.outputTokens', label: 'Output-Token', get: (s) => s.request.outputTokens, set: (s, v) => (s.request.outputTokens = v), min: 1, max: BIG },
  { key: 'api.cacheHitRate', label: 'Cache-Trefferquote', get: (s) => s.api.cacheHitRate, set: (s, v) => (s.api.cacheHitRate = v), min: 0, max: 1 },
  { key: 'api.batchShare', label: 'Batch-Anteil', get: (s) => s.api.batchShare, set: (s, v) => (s.api.batchShare = v), min: 0, max: 1 },
  { key: 'api.priceFactor', label: 'API-Preise (Faktor)', get: (s) => s.api.priceFactor, set: (s, v) => (s.api.priceFactor = v), min: 0, max: BIG },
  { key: 'fx.usdPerEur', label: 'Wechselkurs USD je EUR', get: (s) => s.fx.usdPerEur, set: (s, v) => (s.fx.usdPerEur = v), min: 1e-6, max: BIG },
  { key: 'selfHosted.server.monthlyEur', label: 'Servermiete pro Monat', get: (s) => s.selfHosted.server.monthlyEur, set: (s, v) => (s.selfHosted.server.monthlyEur = v), min: 0, max: BIG },
  { key: 'selfHosted.efficiency.bandwidth', label: 'Effizienz Bandbreite', get: (s) => s.selfHosted.efficiency.bandwidth, set: (s, v) => (s.selfHosted.efficiency.bandwidth = v), min: 0.01, max: 1 },
  { key: 'selfHosted.efficiency.compute', label: 'Effizienz Rechenleistung', get: (s) => s.selfHosted.efficiency.compute, set: (s, v) => (s.selfHosted.efficiency.compute = v), min: 0.01, max: 1 },
  { key: 'selfHosted.minTokensPerSecPerStream', label: 'Mindest-Token/s je Stream', get: (s) => s.selfHosted.minTokensPerSecPerStream, set: (s, v) => (s.selfHosted.minTokensPerSecPerStream = v), min: 0.01, max: BIG },
  { key: 'selfHosted.contextTokens', label: 'Kontextfenster (Token)', get: (s) => s.selfHosted.contextTokens, set: (s, v) => (s.selfHosted.contextTokens = v), min: 1, max: BIG, integer: true },
  { key: 'selfHosted.opsEurPerMonth', label: 'Betrieb pro Monat', get: (s) => s.selfHosted.opsEurPerMonth, set: (s, v) => (s.selfHosted.opsEurPerMonth = v), min: 0, max: BIG }
];

/** Copy of a resolved scenario whose numbers can be changed without touching the original (fast: no structuredClone). */
export function cloneResolved(s: ResolvedScenario): ResolvedScenario {
  const sh = s.selfHosted;
  return {
    ...s,
    tenant: { ...s.tenant },
    request: { ...s.request },
    api: { ...s.api, routes: s.api.routes.map((r) => ({ ...r, price: { ...r.price } })) },
    fx: { ...s.fx },
    selfHosted: {
      ...sh,
      server: { ...sh.server, gpu: { ...sh.server.gpu } },
      model: { ...sh.model },
      efficiency: { ...sh.efficiency },
      measured: sh.measured ? { source: sh.measured.source, points: sh.measured.points.map((p) => ({ ...p })) } : undefined
    },
    sharedPool: { ...s.sharedPool },
    packages: s.packages.map((p) => ({ ...p })),
    budget: { ...s.budget }
  };
}

function applyValue(s: ResolvedScenario, a: Assumption, v: number): void {
  let x = Math.min(a.max, Math.max(a.min, v));
  if (a.integer) x = Math.max(a.min, Math.round(x));
  a.set(s, x);
}

/** Break-even users of a resolved scenario (dedicated), or null. */
export function breakEvenOf(s: ResolvedScenario, cap: Capacity = capacity(s)): number | null {
  if (cap.requestsPerHour === null) return null;
  const t = s.tenant;
  return breakEvenUsers({
    apiEurPerUser: t.activeShare * t.requestsPerActiveUserPerDay * t.workingDaysPerMonth * apiEurPerRequest(s),
    peakPerUser: t.activeShare * t.requestsPerActiveUserPerDay * t.peakHourShare,
    requestsPerHourPerServer: cap.requestsPerHour,
    serverMonthlyEur: serverMonthlyEur(s),
    redundancy: s.selfHosted.redundancy,
    opsEurPerMonth: s.selfHosted.opsEurPerMonth
  });
}

export interface TornadoBar {
  key: string;
  label: string;
  base: number;
  lowValue: number;
  highValue: number;
  /** Break-even users with the assumption at −delta and +delta (null: never pays). */
  lowBreakEven: number | null;
  highBreakEven: number | null;
  /** |high − low| where both exist, else the maximum users (ranked first). */
  swing: number;
}

/** Break-even users for each assumption at ±delta (default 20%), sorted by swing. */
export function tornado(s: ResolvedScenario, delta = 0.2): { baseBreakEven: number | null; bars: TornadoBar[] } {
  const baseBreakEven = breakEvenOf(s);
  const bars = ASSUMPTIONS.map((a) => {
    const base = a.get(s);
    const at = (f: number) => {
      const c = cloneResolved(s);
      applyValue(c, a, base * f);
      return { v: a.get(c), be: breakEvenOf(c) };
    };
    const lo = at(1 - delta);
    const hi = at(1 + delta);
    const swing = lo.be !== null && hi.be !== null ? Math.abs(hi.be - lo.be) : lo.be === hi.be ? 0 : 100_000;
    return { key: a.key, label: a.label, base, lowValue: lo.v, highValue: hi.v, lowBreakEven: lo.be, highBreakEven: hi.be, swing };
  });
  bars.sort((x, y) => y.swing - x.swing || x.key.localeCompare(y.key));
  return { baseBreakEven, bars };
}

/**
 * Rearrange a[lo..hi] so that a[k] holds the value it has in ascending order, with nothing greater before
 * it and nothing smaller after it (Wirth's selection, median-of-three pivot; O(n) on average). Values must
 * not be NaN.
 */
function selectKth(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const p = a[lo];
    const q = a[k];
    const r = a[hi];
    const x = p < q ? (q < r ? q : p < r ? r : p) : p < r ? p : q < r ? r : q;
    let i = lo;
    let j = hi;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
}

/** selectKth for each of the ascending, distinct indices ks[kLo..kHi] inside a[lo..hi]. */
function selectAll(a: Float64Array, lo: number, hi: number, ks: number[], kLo: number, kHi: number): void {
  if (kLo > kHi || lo > hi) return;
  const m = (kLo + kHi) >> 1;
  const k = ks[m];
  selectKth(a, lo, hi, k);
  selectAll(a, lo, k - 1, ks, kLo, m - 1);
  selectAll(a, k + 1, hi, ks, m + 1, kHi);
}

/** The indices that linear-interpolated percentiles `ps` (0..100) of n values read. */
function percentileIndices(n: number, ps: readonly number[]): number[] {
  const ks = new Set<number>();
  for (const p of ps) {
    const lo = Math.floor((n - 1) * (p / 100));
    ks.add(lo);
    ks.add(Math.min(lo + 1, n - 1));
  }
  return [...ks].sort((x, y) => x - y);
}

/**
 * Put the order statistics that percentiles `ps` of a[0..n-1] read in place (a partial sort: the same
 * values a full ascending sort would put at those indices). Then `percentile(a, n, p)` reads them.
 */
function placePercentiles(a: Float64Array, n: number, ps: readonly number[]): void {
  if (n === 0) return;
  const ks = percentileIndices(n, ps);
  selectAll(a, 0, n - 1, ks, 0, ks.length - 1);
}

/**
 * Percentile by linear interpolation of the first n values (p in 0..100), reading only the order
 * statistics at floor((n−1)·p) and the next index, each times `scale` (1: exact, as 1·x = x); null when
 * n = 0. Same arithmetic as stats' percentileSorted(sorted, p / 100) on the scaled values.
 */
function percentile(a: Float64Array, n: number, p: number, scale = 1): number | null {
  const q = p / 100;
  if (n === 0 || !(q >= 0 && q <= 1)) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const x = scale * a[lo];
  return x + (h - lo) * (scale * a[hi] - x);
}

const BREAK_EVEN_PS = [5, 10, 25, 50, 75, 90, 95] as const;
const BAND_PS = [10, 50, 90] as const;

export interface MonteCarloOptions {
  draws: number;
  seed: number;
  /** Relative spread for assumptions without an explicit range (uniform base·(1±spread)). */
  spread: number;
  /** Explicit [min, max] per assumption key. */
  ranges?: Record<string, [number, number]>;
  /** User counts for the cost band (default: 12 points up to 2× the break-even range). */
  bandUsers?: number[];
}

export interface MonteCarloResult {
  draws: number;
  seed: number;
  /** Share of draws in which self-hosting never pays (break-even null). */
  neverShare: number;
  percentiles: { p5: number | null; p10: number | null; p25: number | null; p50: number | null; p75: number | null; p90: number | null; p95: number | null };
  histogram: { from: number; to: number; count: number }[];
  band: { users: number; apiP10: number; apiP50: number; apiP90: number; selfP10: number | null; selfP50: number | null; selfP90: number | null }[];
  ranges: { key: string; label: string; min: number; max: number }[];
}

/**
 * Monte Carlo over the assumptions: each draw sets every assumption to base·(1±spread) or its explicit
 * range (one random number per assumption, in ASSUMPTIONS order), then records break-even users and the
 * monthly API and self-hosted cost at each band user count. Hot loop (10,000 draws < 200 ms): one working
 * copy of the scenario for all draws (every draw overwrites every varied number), capacity figures into one
 * reused record, results in typed arrays sorted once per column — the same formulas and operation order as
 * breakEvenOf and costCurve, so results equal theirs bit for bit.
 */
/**
 * The range each assumption is drawn from: the scenario's own range where it gives one, else base ±
 * spread; clamped to the assumption's bounds. Unknown keys in `opts.ranges` are an error.
 */
export function monteCarloRanges(s: ResolvedScenario, opts: Pick<MonteCarloOptions, 'ranges' | 'spread'>) {
  const unknown = Object.keys(opts.ranges ?? {}).filter((k) => !ASSUMPTIONS.some((a) => a.key === k));
  if (unknown.length) throw new Error(`monteCarlo.ranges: unbekannte Annahme "${unknown[0]}" (bekannt: ${ASSUMPTIONS.map((a) => a.key).join(', ')})`);
  return ASSUMPTIONS.map((a) => {
    const r = opts.ranges?.[a.key];
    const base = a.get(s);
    const [min, max] = r ?? [base * (1 - opts.spread), base * (1 + opts.spread)];
    return { a, min: Math.max(a.min, Math.min(min, max)), max: Math.min(a.max, Math.max(min, max)) };
  });
}

export function monteCarlo(s: ResolvedScenario, opts: MonteCarloOptions): MonteCarloResult {
  const rnd = createRng(opts.seed);
  const ranges = monteCarloRanges(s, opts);
  const bandUsers = opts.bandUsers ?? [1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200];
  const nBand = bandUsers.length;
  const size = Number.isFinite(opts.draws) && opts.draws > 0 ? Math.ceil(opts.draws) : 0;
  const values = new Float64Array(size);
  let nValues = 0;
  let never = 0;
  /** API EUR per user and month of each draw (the band's API cost at u users is u times it). */
  const apiPerUser = new Float64Array(nBand ? size : 0);
  const selfCols = bandUsers.map(() => new Float64Array(size));
  /** Draws with a self-hosted cost (capacity > 0): the same count in every self column. */
  let nSelf = 0;
  const c = cloneResolved(s);
  const fig = newCapacityFigures();
  const be: BreakEvenInput = { apiEurPerUser: 0, peakPerUser: 0, requestsPerHourPerServer: 0, serverMonthlyEur: 0, redundancy: 0, opsEurPerMonth: 0 };
  for (let i = 0; i < opts.draws; i++) {
    for (let k = 0; k < ranges.length; k++) {
      const r = ranges[k];
      applyValue(c, r.a, r.min + (r.max - r.min) * rnd());
    }
    capacityFigures(c, fig); // once per draw, shared by break-even and the cost band
    const rph = fig.status === 0 && Number.isFinite(fig.requestsPerHour) ? fig.requestsPerHour : null;
    if (rph === null && nBand === 0) {
      never++;
      continue;
    }
    // breakEvenOf and costCurve's per-user figures
    const t = c.tenant;
    be.apiEurPerUser = t.activeShare * t.requestsPerActiveUserPerDay * t.workingDaysPerMonth * apiEurPerRequest(c);
    be.peakPerUser = t.activeShare * t.requestsPerActiveUserPerDay * t.peakHourShare;
    if (rph === null) never++;
    else {
      be.requestsPerHourPerServer = rph;
      be.serverMonthlyEur = serverMonthlyEur(c);
      be.redundancy = c.selfHosted.redundancy;
      be.opsEurPerMonth = c.selfHosted.opsEurPerMonth;
      const users = breakEvenUsers(be);
      if (users === null) never++;
      else values[nValues++] = users;
    }
    apiPerUser[i] = be.apiEurPerUser;
    if (rph !== null) {
      // costCurve's self-hosted cost at u users = selfHostedAt(be, u) for one tenant (same operations)
      for (let j = 0; j < nBand; j++) selfCols[j][nSelf] = selfHostedAt(be, bandUsers[j]);
      nSelf++;
    }
  }
  // Percentiles by selection (no full sort): the values at the indices they read equal a sorted array's.
  placePercentiles(values, nValues, BREAK_EVEN_PS);
  const pc = (p: number) => percentile(values, nValues, p);
  const histogram: MonteCarloResult['histogram'] = [];
  if (nValues) {
    let lo = values[0];
    let hi = values[0];
    for (let i = 1; i < nValues; i++) {
      const v = values[i];
      if (v < lo) lo = v;
      else if (v > hi) hi = v;
    }
    const bins = Math.min(20, Math.max(1, hi - lo + 1));
    const width = Math.max(1, Math.ceil((hi - lo + 1) / bins));
    for (let b = 0; b < bins; b++) histogram.push({ from: lo + b * width, to: lo + (b + 1) * width - 1, count: 0 });
    for (let i = 0; i < nValues; i++) histogram[Math.min(bins - 1, Math.floor((values[i] - lo) / width))].count++;
  }
  // API cost at u users is u·(API EUR per user); for finite u ≥ 0 that product is monotone in the per-user
  // figure (IEEE rounding is monotone), so its order statistics are u times the per-user ones.
  placePercentiles(apiPerUser, size, BAND_PS);
  const band = bandUsers.map((u, j) => {
    const self = selfCols[j];
    placePercentiles(self, nSelf, BAND_PS);
    let api = apiPerUser;
    let scale = u;
    if (!(u >= 0 && Number.isFinite(u))) {
      // not monotone: the column itself
      api = new Float64Array(size);
      for (let i = 0; i < size; i++) api[i] = u * apiPerUser[i];
      placePercentiles(api, size, BAND_PS);
      scale = 1;
    }
    return { users: u, apiP10: percentile(api, size, 10, scale) ?? 0, apiP50: percentile(api, size, 50, scale) ?? 0, apiP90: percentile(api, size, 90, scale) ?? 0, selfP10: percentile(self, nSelf, 10), selfP50: percentile(self, nSelf, 50), selfP90: percentile(self, nSelf, 90) };
  });
  return {
    draws: opts.draws,
    seed: opts.seed,
    neverShare: opts.draws > 0 ? never / opts.draws : 0,
    percentiles: { p5: pc(5), p10: pc(10), p25: pc(25), p50: pc(50), p75: pc(75), p90: pc(90), p95: pc(95) },
    histogram,
    band,
    ranges: ranges.map((r) => ({ key: r.a.key, label: r.a.label, min: r.min, max: r.max }))
  };
}
