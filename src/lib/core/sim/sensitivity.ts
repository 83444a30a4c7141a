// Sensitivity (tornado: each assumption ±20% → break-even users) and Monte Carlo (seeded PRNG, ranges
// per assumption → distribution and percentiles of break-even users, plus a cost band over users).
import { createRng } from '../stats/prng';
import { percentileSorted } from '../stats/descriptive';
import type { ResolvedScenario } from './resolve';
import { apiPerRequest, breakEvenUsers, capacity, costCurve, serverMonthlyEur, type Capacity } from './model';

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
    apiEurPerUser: t.activeShare * t.requestsPerActiveUserPerDay * t.workingDaysPerMonth * apiPerRequest(s).eurPerRequest,
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

/** Percentile by linear interpolation on sorted values (p in 0..100); null when empty. */
function percentile(sorted: number[], p: number): number | null {
  return percentileSorted(sorted, p / 100) ?? null;
}

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

export function monteCarlo(s: ResolvedScenario, opts: MonteCarloOptions): MonteCarloResult {
  const rnd = createRng(opts.seed);
  const unknown = Object.keys(opts.ranges ?? {}).filter((k) => !ASSUMPTIONS.some((a) => a.key === k));
  if (unknown.length) throw new Error(`monteCarlo.ranges: unknown assumption "${unknown[0]}" (known: ${ASSUMPTIONS.map((a) => a.key).join(', ')})`);
  const ranges = ASSUMPTIONS.map((a) => {
    const r = opts.ranges?.[a.key];
    const base = a.get(s);
    const [min, max] = r ?? [base * (1 - opts.spread), base * (1 + opts.spread)];
    return { a, min: Math.max(a.min, Math.min(min, max)), max: Math.min(a.max, Math.max(min, max)) };
  });
  const bandUsers = opts.bandUsers ?? [1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200];
  const values: number[] = [];
  let never = 0;
  const apiCols: number[][] = bandUsers.map(() => []);
  const selfCols: number[][] = bandUsers.map(() => []);
  for (let i = 0; i < opts.draws; i++) {
    const c = cloneResolved(s);
    for (const { a, min, max } of ranges) applyValue(c, a, min + (max - min) * rnd());
    const cap = capacity(c); // once per draw, shared by break-even and the cost band
    const be = breakEvenOf(c, cap);
    if (be === null) never++;
    else values.push(be);
    if (bandUsers.length === 0) continue;
    const curve = costCurve(c, bandUsers, cap);
    curve.forEach((pt, j) => {
      apiCols[j].push(pt.apiEur);
      if (pt.selfHostedEur !== null) selfCols[j].push(pt.selfHostedEur);
    });
  }
  values.sort((x, y) => x - y);
  const pc = (p: number) => percentile(values, p);
  const histogram: MonteCarloResult['histogram'] = [];
  if (values.length) {
    const lo = values[0];
    const hi = values[values.length - 1];
    const bins = Math.min(20, Math.max(1, hi - lo + 1));
    const width = Math.max(1, Math.ceil((hi - lo + 1) / bins));
    for (let b = 0; b < bins; b++) histogram.push({ from: lo + b * width, to: lo + (b + 1) * width - 1, count: 0 });
    for (const v of values) histogram[Math.min(bins - 1, Math.floor((v - lo) / width))].count++;
  }
  const band = bandUsers.map((u, j) => {
    const api = apiCols[j].sort((x, y) => x - y);
    const self = selfCols[j].sort((x, y) => x - y);
    return { users: u, apiP10: percentile(api, 10) ?? 0, apiP50: percentile(api, 50) ?? 0, apiP90: percentile(api, 90) ?? 0, selfP10: percentile(self, 10), selfP50: percentile(self, 50), selfP90: percentile(self, 90) };
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
