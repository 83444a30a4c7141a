// The reference cost model (docs/cost-model.md): API spend with caching/batch/routing/FX, roofline or
// measured-curve capacity of one self-hosted server, servers at peak, monthly costs, per-user costs,
// break-even users (dedicated and shared pool). Pure and fast (the browser recomputes on every input).
// No output is NaN/Infinity: impossible figures are null with a reason.
import { expectedRequestCostEur } from '../cost/request-cost';
import type { MeasuredCurve, ResolvedScenario } from './resolve';

export const MAX_USERS = 100_000;
/** Share of VRAM usable for weights + KV cache (rest: runtime, activations, fragmentation). */
export const VRAM_USABLE_SHARE = 0.9;

export interface RouteCost {
  label: string;
  modelId?: string;
  share: number;
  cached: boolean;
  inputEurPerRequest: number;
  outputEurPerRequest: number;
  batchMultiplier: number;
  eurPerRequest: number;
  requestsPerMonth: number;
  monthlyEur: number;
}

export interface ApiResult {
  /** Σ share · per-request cost: the expected EUR of one request. */
  eurPerRequest: number;
  monthlyEur: number;
  perUserEur: number;
  routes: RouteCost[];
}

export interface Capacity {
  fits: boolean;
  /** Why the model cannot serve (does not fit, or too slow even at one stream). */
  reason?: string;
  method: 'roofline' | 'measured';
  measuredSource?: string;
  weightsGb: number;
  activeWeightsGb: number;
  kvBytesPerToken: number;
  avgContextTokens: number;
  streamsFit: number;
  /** Usable concurrent streams b (0 when none meets the speed floor). */
  streams: number;
  stepSeconds: number | null;
  tokensPerSecPerStream: number | null;
  aggregateTokensPerSec: number | null;
  /** true when the bandwidth term dominates the step time at b (roofline only). */
  memoryBound: boolean | null;
  prefillSeconds: number;
  requestSeconds: number | null;
  requestsPerHour: number | null;
}

export interface SelfHostedResult {
  fits: boolean;
  reason?: string;
  peakRequestsPerHour: number;
  servers: number | null;
  serverMonthlyEur: number;
  monthlyEur: number | null;
  perUserEur: number | null;
  streamsPerServer: number;
  tokensPerSecPerStream: number | null;
  capacity: Capacity;
}

export interface SharedPoolResult {
  tenants: number;
  servers: number | null;
  poolMonthlyEur: number | null;
  perTenantMonthlyEur: number | null;
  perUserEur: number | null;
  breakEvenUsers: number | null;
}

export interface SimResult {
  users: number;
  requestsPerMonth: number;
  api: ApiResult;
  selfHosted: SelfHostedResult;
  breakEvenUsers: number | null;
  breakEvenReason?: string;
  sharedPool: SharedPoolResult;
}

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** R = users · activeShare · requests/active user/day · working days/month. */
export function requestsPerMonth(s: ResolvedScenario, users = s.tenant.users): number {
  const t = s.tenant;
  return users * t.activeShare * t.requestsPerActiveUserPerDay * t.workingDaysPerMonth;
}

/** Peak requests per hour = users · activeShare · requests/day · peakHourShare. */
export function peakRequestsPerHour(s: ResolvedScenario, users = s.tenant.users): number {
  const t = s.tenant;
  return users * t.activeShare * t.requestsPerActiveUserPerDay * t.peakHourShare;
}

/** Per-route and total expected API cost per request (EUR). */
export function apiPerRequest(s: ResolvedScenario): { eurPerRequest: number; routes: Omit<RouteCost, 'requestsPerMonth' | 'monthlyEur'>[] } {
  const routes = s.api.routes.map((r) => {
    const p = expectedRequestCostEur(s.request, r.price, s.fx, { cacheHitRate: s.api.cacheHitRate, batchShare: s.api.batchShare });
    const parts = p ?? { inputEur: 0, outputEur: 0, batchMultiplier: 1, totalEur: 0, cached: false };
    const f = s.api.priceFactor;
    return { label: r.label, modelId: r.modelId, share: r.share, cached: parts.cached, inputEurPerRequest: parts.inputEur * f, outputEurPerRequest: parts.outputEur * f, batchMultiplier: parts.batchMultiplier, eurPerRequest: parts.totalEur * f };
  });
  return { eurPerRequest: routes.reduce((sum, r) => sum + r.share * r.eurPerRequest, 0), routes };
}

/** apiPerRequest(s).eurPerRequest without the per-route objects (same arithmetic, same order). */
export function apiEurPerRequest(s: ResolvedScenario): number {
  const routes = s.api.routes;
  const f = s.api.priceFactor;
  const opts = { cacheHitRate: s.api.cacheHitRate, batchShare: s.api.batchShare };
  let sum = 0;
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i];
    const p = expectedRequestCostEur(s.request, r.price, s.fx, opts);
    sum = sum + r.share * ((p ? p.totalEur : 0) * f);
  }
  return sum;
}

export function apiResult(s: ResolvedScenario, users = s.tenant.users): ApiResult {
  const R = requestsPerMonth(s, users);
  const per = apiPerRequest(s);
  const routes: RouteCost[] = per.routes.map((r) => ({ ...r, requestsPerMonth: R * r.share, monthlyEur: R * r.share * r.eurPerRequest }));
  const monthlyEur = routes.reduce((sum, r) => sum + r.monthlyEur, 0);
  return { eurPerRequest: per.eurPerRequest, monthlyEur, perUserEur: monthlyEur / users, routes };
}

/** Aggregate tokens/s of a measured curve at b streams, linear in streams; below the first point per-stream speed is held. */
export function measuredAggregate(curve: MeasuredCurve, b: number): number {
  const pts = curve.points;
  if (b <= pts[0].streams) return (pts[0].aggregateTokensPerSec * b) / pts[0].streams;
  for (let i = 1; i < pts.length; i++) {
    if (b <= pts[i].streams) {
      const a = pts[i - 1];
      const c = pts[i];
      return a.aggregateTokensPerSec + ((c.aggregateTokensPerSec - a.aggregateTokensPerSec) * (b - a.streams)) / (c.streams - a.streams);
    }
  }
  return pts[pts.length - 1].aggregateTokensPerSec;
}

export interface RooflineInput {
  activeWeightBytes: number;
  kvBytesPerToken: number;
  avgContextTokens: number;
  activeParamsB: number;
  bandwidthGbps: number;
  fp16Tflops: number;
  gpuCount: number;
  efficiency: { bandwidth: number; compute: number };
}

/**
 * Reference decode step time (s) for b streams: max(memory term, compute term) =
 * max((Wact + b·c·kv)/(BW·1e9·gpus·eff_bw), 2·activeParams·b/(TFLOPS·1e12·gpus·eff_compute)).
 */
/** KV-cache bytes one token takes: keys and values of every layer's KV heads, FP16 (2 bytes each). */
export function kvBytesPerToken(shape: { layers: number; kvHeads: number; headDim: number }): number {
  return 2 * shape.layers * shape.kvHeads * shape.headDim * 2;
}

export function rooflineStepSeconds(r: RooflineInput, b: number): { stepSeconds: number; memorySeconds: number; computeSeconds: number } {
  const memorySeconds = (r.activeWeightBytes + b * r.avgContextTokens * r.kvBytesPerToken) / (r.bandwidthGbps * 1e9 * r.gpuCount * r.efficiency.bandwidth);
  const computeSeconds = (2 * r.activeParamsB * 1e9 * b) / (r.fp16Tflops * 1e12 * r.gpuCount * r.efficiency.compute);
  return { stepSeconds: Math.max(memorySeconds, computeSeconds), memorySeconds, computeSeconds };
}

/**
 * The numbers capacity() derives, in a reusable mutable record: hot loops (Monte Carlo) fill one per
 * run instead of building a Capacity object, reason strings and closures per draw.
 */
export interface CapacityFigures {
  /** 0 serves, 1 does not fit in VRAM, 2 too slow even at one stream. */
  status: 0 | 1 | 2;
  useMeasured: boolean;
  W: number;
  Wact: number;
  kv: number;
  avgContextTokens: number;
  vramBytes: number;
  streamsFit: number;
  prefillSeconds: number;
  streams: number;
  stepSeconds: number;
  /** 1 bandwidth-bound, 0 compute-bound, -1 not applicable (measured, or no usable stream). */
  memoryBound: -1 | 0 | 1;
  requestSeconds: number;
  requestsPerHour: number;
}

export function newCapacityFigures(): CapacityFigures {
  return { status: 0, useMeasured: false, W: 0, Wact: 0, kv: 0, avgContextTokens: 0, vramBytes: 0, streamsFit: 0, prefillSeconds: 0, streams: 0, stepSeconds: Number.NaN, memoryBound: -1, requestSeconds: Number.NaN, requestsPerHour: Number.NaN };
}

/**
 * Fill `f` with the capacity figures of one server (reference roofline, or the measured curve where
 * chosen/available). No allocation; the arithmetic is rooflineStepSeconds' (same operations, same order).
 */
export function capacityFigures(s: ResolvedScenario, f: CapacityFigures): CapacityFigures {
  const sh = s.selfHosted;
  const server = sh.server;
  const gpu = server.gpu;
  const model = sh.model;
  const eff = sh.efficiency;
  const req = s.request;
  const W = model.paramsB * 1e9 * (model.bitsPerWeight / 8);
  const Wact = model.activeParamsB * 1e9 * (model.bitsPerWeight / 8);
  const kv = kvBytesPerToken(model);
  const c = req.systemPromptTokens + req.contextTokens + req.userTokens + req.outputTokens / 2;
  const vramBytes = gpu.vramGb * 1e9 * server.gpuCount * VRAM_USABLE_SHARE;
  const streamsFitRaw = Math.floor((vramBytes - W) / (sh.contextTokens * kv));
  const streamsFit = Number.isFinite(streamsFitRaw) ? Math.max(0, streamsFitRaw) : 0;
  // flops per second and per token; also the compute term's denominator and numerator factor
  const flopsPerSec = gpu.fp16Tflops * 1e12 * server.gpuCount * eff.compute;
  const flopsPerToken = 2 * model.activeParamsB * 1e9;
  const promptTokens = req.systemPromptTokens + req.contextTokens + req.userTokens;
  const prefillSeconds = (promptTokens * flopsPerToken) / flopsPerSec;
  const useMeasured = sh.measured !== undefined && sh.capacityModel !== 'roofline';
  f.useMeasured = useMeasured;
  f.W = W;
  f.Wact = Wact;
  f.kv = kv;
  f.avgContextTokens = c;
  f.vramBytes = vramBytes;
  f.streamsFit = streamsFit;
  f.prefillSeconds = prefillSeconds;
  f.streams = 0;
  f.stepSeconds = Number.NaN;
  f.memoryBound = -1;
  f.requestSeconds = Number.NaN;
  f.requestsPerHour = Number.NaN;
  if (streamsFit < 1) {
    f.status = 1;
    return f;
  }
  const minSpeed = sh.minTokensPerSecPerStream;
  let b = 0;
  let step = Number.NaN;
  if (useMeasured) {
    const curve = sh.measured!;
    const bMax = Math.min(streamsFit, curve.points[curve.points.length - 1].streams);
    for (let x = bMax; x >= 1; x--) {
      if (measuredAggregate(curve, x) / x >= minSpeed) {
        b = x;
        break;
      }
    }
    if (b >= 1) step = b / measuredAggregate(curve, b);
  } else {
    // rooflineStepSeconds inlined: memory (Wact + b·c·kv)/bwDen, compute flopsPerToken·b/flopsPerSec
    const bwDen = gpu.bandwidthGbps * 1e9 * server.gpuCount * eff.bandwidth;
    // step time grows with b: binary search the largest b with 1/step ≥ minSpeed.
    if (1 / Math.max((Wact + 1 * c * kv) / bwDen, (flopsPerToken * 1) / flopsPerSec) >= minSpeed) {
      let lo = 1;
      let hi = streamsFit;
      while (lo < hi) {
        const mid = Math.floor((lo + hi + 1) / 2);
        if (1 / Math.max((Wact + mid * c * kv) / bwDen, (flopsPerToken * mid) / flopsPerSec) >= minSpeed) lo = mid;
        else hi = mid - 1;
      }
      b = lo;
      const memorySeconds = (Wact + b * c * kv) / bwDen;
      const computeSeconds = (flopsPerToken * b) / flopsPerSec;
      step = Math.max(memorySeconds, computeSeconds);
      f.memoryBound = memorySeconds >= computeSeconds ? 1 : 0;
    }
  }
  if (b < 1 || !Number.isFinite(step) || step <= 0) {
    f.status = 2;
    f.memoryBound = -1;
    return f;
  }
  f.status = 0;
  f.streams = b;
  f.stepSeconds = step;
  f.requestSeconds = req.outputTokens * step + prefillSeconds;
  f.requestsPerHour = (b * 3600) / f.requestSeconds;
  return f;
}

/** Requests per hour of one server, or null when it cannot serve (capacity().requestsPerHour, without the object). */
export function requestsPerHourOf(s: ResolvedScenario, f: CapacityFigures = newCapacityFigures()): number | null {
  capacityFigures(s, f);
  return f.status === 0 ? fin(f.requestsPerHour) : null;
}

/** Capacity of one server (reference roofline, or the measured curve where chosen/available). */
export function capacity(s: ResolvedScenario): Capacity {
  const f = capacityFigures(s, newCapacityFigures());
  const sh = s.selfHosted;
  const base = {
    method: f.useMeasured ? ('measured' as const) : ('roofline' as const),
    measuredSource: f.useMeasured ? sh.measured!.source : undefined,
    weightsGb: f.W / 1e9,
    activeWeightsGb: f.Wact / 1e9,
    kvBytesPerToken: f.kv,
    avgContextTokens: f.avgContextTokens,
    streamsFit: f.streamsFit,
    prefillSeconds: f.prefillSeconds
  };
  if (f.status !== 0) {
    const reason =
      f.status === 1
        ? `Modell passt nicht: ${fmt(f.W / 1e9)} GB Gewichte + ${fmt((sh.contextTokens * f.kv) / 1e9)} GB KV-Cache je Stream > ${fmt(f.vramBytes / 1e9)} GB nutzbarer VRAM`
        : `zu langsam: schon ein Stream liefert weniger als ${fmt(sh.minTokensPerSecPerStream)} Token/s`;
    return { ...base, fits: f.status === 2, reason, streams: 0, stepSeconds: null, tokensPerSecPerStream: null, aggregateTokensPerSec: null, memoryBound: null, requestSeconds: null, requestsPerHour: null };
  }
  const step = f.stepSeconds;
  return {
    ...base,
    fits: true,
    streams: f.streams,
    stepSeconds: step,
    tokensPerSecPerStream: 1 / step,
    aggregateTokensPerSec: f.streams / step,
    memoryBound: f.memoryBound === -1 ? null : f.memoryBound === 1,
    requestSeconds: fin(f.requestSeconds),
    requestsPerHour: fin(f.requestsPerHour)
  };
}

/** EUR per server and month: monthly rent + setup spread over the amortisation months. */
export function serverMonthlyEur(s: ResolvedScenario): number {
  const srv = s.selfHosted.server;
  return srv.monthlyEur + srv.setupEur / srv.amortizationMonths;
}

/** Servers for a peak of `peak` requests/hour: max(1, ceil(peak/capacity)) + redundancy. */
export function serversFor(peak: number, requestsPerHour: number, redundancy: number): number {
  return Math.max(1, Math.ceil(peak / requestsPerHour - 1e-9)) + redundancy;
}

export function selfHostedResult(s: ResolvedScenario, users = s.tenant.users, cap = capacity(s)): SelfHostedResult {
  const peak = peakRequestsPerHour(s, users);
  const unit = serverMonthlyEur(s);
  const common = { peakRequestsPerHour: peak, serverMonthlyEur: unit, streamsPerServer: cap.streams, tokensPerSecPerStream: cap.tokensPerSecPerStream, capacity: cap };
  if (!cap.fits || cap.requestsPerHour === null) return { ...common, fits: cap.fits, reason: cap.reason, servers: null, monthlyEur: null, perUserEur: null };
  const servers = serversFor(peak, cap.requestsPerHour, s.selfHosted.redundancy);
  const monthlyEur = servers * unit + s.selfHosted.opsEurPerMonth;
  return { ...common, fits: true, servers, monthlyEur, perUserEur: monthlyEur / users };
}

export interface BreakEvenInput {
  /** API EUR per user and month (linear in users). */
  apiEurPerUser: number;
  /** Peak requests/hour per user (times `tenants` for a shared pool). */
  peakPerUser: number;
  requestsPerHourPerServer: number;
  serverMonthlyEur: number;
  redundancy: number;
  opsEurPerMonth: number;
  /** Tenants sharing the pool (1 = dedicated); the pool cost is split evenly. */
  tenants?: number;
  maxUsers?: number;
}

/** Self-hosted monthly cost per tenant at u users (same arithmetic as selfHostedResult). */
export function selfHostedAt(p: BreakEvenInput, u: number): number {
  const m = p.tenants ?? 1;
  const servers = serversFor(u * p.peakPerUser * m, p.requestsPerHourPerServer, p.redundancy);
  return (servers * p.serverMonthlyEur + p.opsEurPerMonth) / m;
}

/**
 * Smallest user count in 1..maxUsers with self-hosted ≤ API (per tenant), or null. Walks the server-count
 * steps instead of every user count: within a step the self-hosted cost is constant and the API cost
 * rises linearly, so the first user of a step that pays is found by bisection.
 */
export function breakEvenUsers(p: BreakEvenInput): number | null {
  const maxUsers = p.maxUsers ?? MAX_USERS;
  const m = p.tenants ?? 1;
  const a = p.apiEurPerUser;
  // "self-hosted pays at u users" is selfHostedAt(p, u) <= a * u (written out below: no closure per call)
  if (!(a >= 0) || !Number.isFinite(a) || !(p.requestsPerHourPerServer > 0)) return null;
  const q = p.peakPerUser * m;
  const cap = p.requestsPerHourPerServer;
  if (q > 0 && cap / q < 1) {
    // each user needs more than one server: fewer users than steps, so scan the users
    for (let u = 1; u <= maxUsers; u++) if (selfHostedAt(p, u) <= a * u) return u;
    return null;
  }
  const kMax = q <= 0 ? 1 : Math.max(1, Math.ceil((maxUsers * q) / cap - 1e-9));
  // Per extra server, the API spend of the users it covers minus its cost: > 0 means later steps get easier.
  const gain = q > 0 ? (a * cap) / q - p.serverMonthlyEur / m : -1;
  let lo = 1;
  let k = 1;
  while (k <= kMax) {
    const hi = usersCoveredBy(k, q, cap, maxUsers);
    if (hi >= lo) {
      // within a step the self-hosted cost is constant and the API cost rises: the test is monotone → bisect
      if (selfHostedAt(p, hi) <= a * hi) {
        let l = lo;
        let h = hi;
        while (l < h) {
          const mid = Math.floor((l + h) / 2);
          if (selfHostedAt(p, mid) <= a * mid) h = mid;
          else l = mid + 1;
        }
        return l;
      }
      lo = hi + 1;
    }
    if (gain <= 0 && k >= 2) return null;
    // jump close to the first step that can pay: k·gain ≥ fixed costs (redundancy + ops)
    let next = k + 1;
    if (gain > 0 && a > 0) {
      const fixed = (p.redundancy * p.serverMonthlyEur + p.opsEurPerMonth) / m;
      const kStar = Math.floor(fixed / gain) - 1;
      if (kStar > next) {
        if (kStar > kMax) return null;
        next = kStar;
        lo = usersCoveredBy(next - 1, q, cap, maxUsers) + 1;
      }
    }
    k = next;
  }
  return null;
}

/** Users covered by k base servers: u ≤ k·cap/q (all users when nobody is active at peak). */
function usersCoveredBy(k: number, q: number, cap: number, maxUsers: number): number {
  return q <= 0 ? maxUsers : Math.min(maxUsers, Math.floor((k * cap) / q + 1e-9));
}

let numberFormat: Intl.NumberFormat | undefined;
function fmt(v: number): string {
  numberFormat ??= new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
  return numberFormat.format(v);
}

/** Run the reference model for the scenario's users (or `users`). */
export function simulate(s: ResolvedScenario, users = s.tenant.users): SimResult {
  const cap = capacity(s);
  const api = apiResult(s, users);
  const sh = selfHostedResult(s, users, cap);
  const t = s.tenant;
  const apiEurPerUser = t.activeShare * t.requestsPerActiveUserPerDay * t.workingDaysPerMonth * api.eurPerRequest;
  const peakPerUser = t.activeShare * t.requestsPerActiveUserPerDay * t.peakHourShare;
  let breakEven: number | null = null;
  let breakEvenReason: string | undefined;
  const M = s.sharedPool.tenants;
  let pool: SharedPoolResult = { tenants: M, servers: null, poolMonthlyEur: null, perTenantMonthlyEur: null, perUserEur: null, breakEvenUsers: null };
  if (cap.requestsPerHour === null) {
    breakEvenReason = cap.reason;
  } else {
    const be: BreakEvenInput = { apiEurPerUser, peakPerUser, requestsPerHourPerServer: cap.requestsPerHour, serverMonthlyEur: serverMonthlyEur(s), redundancy: s.selfHosted.redundancy, opsEurPerMonth: s.selfHosted.opsEurPerMonth };
    breakEven = breakEvenUsers(be);
    if (breakEven === null) breakEvenReason = `Selbst betrieben ist bei 1 bis ${MAX_USERS.toLocaleString('de-DE')} Nutzern nie günstiger als die API`;
    const poolServers = serversFor(peakPerUser * users * M, cap.requestsPerHour, s.selfHosted.redundancy);
    const poolMonthly = poolServers * serverMonthlyEur(s) + s.selfHosted.opsEurPerMonth;
    pool = { tenants: M, servers: poolServers, poolMonthlyEur: poolMonthly, perTenantMonthlyEur: poolMonthly / M, perUserEur: poolMonthly / M / users, breakEvenUsers: breakEvenUsers({ ...be, tenants: M }) };
  }
  return { users, requestsPerMonth: requestsPerMonth(s, users), api, selfHosted: sh, breakEvenUsers: breakEven, breakEvenReason, sharedPool: pool };
}

/** Monthly API and self-hosted cost over a list of user counts (chart series; null where impossible). */
export function costCurve(
  s: ResolvedScenario,
  userCounts: number[],
  cap: Capacity = capacity(s)
): { users: number; apiEur: number; selfHostedEur: number | null; sharedPoolPerTenantEur: number | null }[] {
  const t = s.tenant;
  const apiPerUser = t.activeShare * t.requestsPerActiveUserPerDay * t.workingDaysPerMonth * apiEurPerRequest(s);
  const peakPerUser = t.activeShare * t.requestsPerActiveUserPerDay * t.peakHourShare;
  const unit = serverMonthlyEur(s);
  const { redundancy, opsEurPerMonth: ops } = s.selfHosted;
  const M = s.sharedPool.tenants;
  const rph = cap.requestsPerHour;
  const out = new Array(userCounts.length);
  for (let i = 0; i < userCounts.length; i++) {
    const u = userCounts[i];
    const apiEur = u * apiPerUser;
    if (rph === null) {
      out[i] = { users: u, apiEur, selfHostedEur: null, sharedPoolPerTenantEur: null };
      continue;
    }
    const peak = u * peakPerUser;
    out[i] = {
      users: u,
      apiEur,
      selfHostedEur: serversFor(peak, rph, redundancy) * unit + ops,
      sharedPoolPerTenantEur: (serversFor(peak * M, rph, redundancy) * unit + ops) / M
    };
  }
  return out;
}
