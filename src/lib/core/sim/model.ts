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
export function rooflineStepSeconds(r: RooflineInput, b: number): { stepSeconds: number; memorySeconds: number; computeSeconds: number } {
  const memorySeconds = (r.activeWeightBytes + b * r.avgContextTokens * r.kvBytesPerToken) / (r.bandwidthGbps * 1e9 * r.gpuCount * r.efficiency.bandwidth);
  const computeSeconds = (2 * r.activeParamsB * 1e9 * b) / (r.fp16Tflops * 1e12 * r.gpuCount * r.efficiency.compute);
  return { stepSeconds: Math.max(memorySeconds, computeSeconds), memorySeconds, computeSeconds };
}

/** Capacity of one server (reference roofline, or the measured curve where chosen/available). */
export function capacity(s: ResolvedScenario): Capacity {
  const sh = s.selfHosted;
  const { server, model, efficiency: eff } = sh;
  const req = s.request;
  const W = model.paramsB * 1e9 * (model.bitsPerWeight / 8);
  const Wact = model.activeParamsB * 1e9 * (model.bitsPerWeight / 8);
  const kv = 2 * model.layers * model.kvHeads * model.headDim * 2;
  const c = req.systemPromptTokens + req.contextTokens + req.userTokens + req.outputTokens / 2;
  const vramBytes = server.gpu.vramGb * 1e9 * server.gpuCount * VRAM_USABLE_SHARE;
  const streamsFitRaw = Math.floor((vramBytes - W) / (sh.contextTokens * kv));
  const streamsFit = Number.isFinite(streamsFitRaw) ? Math.max(0, streamsFitRaw) : 0;
  const flopsPerSec = server.gpu.fp16Tflops * 1e12 * server.gpuCount * eff.compute;
  const flopsPerToken = 2 * model.activeParamsB * 1e9;
  const promptTokens = req.systemPromptTokens + req.contextTokens + req.userTokens;
  const prefillSeconds = (promptTokens * flopsPerToken) / flopsPerSec;
  const useMeasured = sh.measured !== undefined && sh.capacityModel !== 'roofline';
  const base = {
    method: useMeasured ? ('measured' as const) : ('roofline' as const),
    measuredSource: useMeasured ? sh.measured!.source : undefined,
    weightsGb: W / 1e9,
    activeWeightsGb: Wact / 1e9,
    kvBytesPerToken: kv,
    avgContextTokens: c,
    streamsFit,
    prefillSeconds
  };
  const none = (reason: string, fits: boolean): Capacity => ({ ...base, fits, reason, streams: 0, stepSeconds: null, tokensPerSecPerStream: null, aggregateTokensPerSec: null, memoryBound: null, requestSeconds: null, requestsPerHour: null });
  if (streamsFit < 1) {
    return none(`Modell passt nicht: ${fmt(W / 1e9)} GB Gewichte + ${fmt((sh.contextTokens * kv) / 1e9)} GB KV-Cache je Stream > ${fmt(vramBytes / 1e9)} GB nutzbarer VRAM`, false);
  }
  const minSpeed = sh.minTokensPerSecPerStream;
  let b = 0;
  let step = Number.NaN;
  let memoryBound: boolean | null = null;
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
    const roof: RooflineInput = { activeWeightBytes: Wact, kvBytesPerToken: kv, avgContextTokens: c, activeParamsB: model.activeParamsB, bandwidthGbps: server.gpu.bandwidthGbps, fp16Tflops: server.gpu.fp16Tflops, gpuCount: server.gpuCount, efficiency: eff };
    const stepAt = (x: number) => rooflineStepSeconds(roof, x).stepSeconds;
    // step time grows with b: binary search the largest b with 1/step ≥ minSpeed.
    if (1 / stepAt(1) >= minSpeed) {
      let lo = 1;
      let hi = streamsFit;
      while (lo < hi) {
        const mid = Math.floor((lo + hi + 1) / 2);
        if (1 / stepAt(mid) >= minSpeed) lo = mid;
        else hi = mid - 1;
      }
      b = lo;
      step = stepAt(b);
      const parts = rooflineStepSeconds(roof, b);
      memoryBound = parts.memorySeconds >= parts.computeSeconds;
    }
  }
  if (b < 1 || !Number.isFinite(step) || step <= 0) {
    return none(`zu langsam: schon ein Stream liefert weniger als ${fmt(minSpeed)} Token/s`, true);
  }
  const requestSeconds = req.outputTokens * step + prefillSeconds;
  const requestsPerHour = (b * 3600) / requestSeconds;
  return {
    ...base,
    fits: true,
    streams: b,
    stepSeconds: step,
    tokensPerSecPerStream: 1 / step,
    aggregateTokensPerSec: b / step,
    memoryBound,
    requestSeconds: fin(requestSeconds),
    requestsPerHour: fin(requestsPerHour)
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
  const ok = (u: number) => selfHostedAt(p, u) <= a * u;
  if (!(a >= 0) || !Number.isFinite(a) || !(p.requestsPerHourPerServer > 0)) return null;
  const q = p.peakPerUser * m;
  const cap = p.requestsPerHourPerServer;
  if (q > 0 && cap / q < 1) {
    // each user needs more than one server: fewer users than steps, so scan the users
    for (let u = 1; u <= maxUsers; u++) if (ok(u)) return u;
    return null;
  }
  // users covered by k base servers: u ≤ k·cap/q
  const hiFor = (k: number) => (q <= 0 ? maxUsers : Math.min(maxUsers, Math.floor((k * cap) / q + 1e-9)));
  const kMax = q <= 0 ? 1 : Math.max(1, Math.ceil((maxUsers * q) / cap - 1e-9));
  // Per extra server, the API spend of the users it covers minus its cost: > 0 means later steps get easier.
  const gain = q > 0 ? (a * cap) / q - p.serverMonthlyEur / m : -1;
  let lo = 1;
  let k = 1;
  while (k <= kMax) {
    const hi = hiFor(k);
    if (hi >= lo) {
      // within a step the self-hosted cost is constant and the API cost rises: ok() is monotone → bisect
      if (ok(hi)) {
        let l = lo;
        let h = hi;
        while (l < h) {
          const mid = Math.floor((l + h) / 2);
          if (ok(mid)) h = mid;
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
        lo = hiFor(next - 1) + 1;
      }
    }
    k = next;
  }
  return null;
}

function fmt(v: number): string {
  return new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(v);
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
  const apiPerUser = t.activeShare * t.requestsPerActiveUserPerDay * t.workingDaysPerMonth * apiPerRequest(s).eurPerRequest;
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
