// Monte Carlo's fast path (one working copy, capacity figures without objects, percentiles by selection)
// must give exactly what the plain definition gives: per draw a fresh copy of the scenario with every
// assumption drawn, breakEvenOf + costCurve, then sorted percentiles. Also: the inlined roofline search in
// capacity() agrees with rooflineStepSeconds, and the allocation-free helpers equal the object-building ones.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  apiEurPerRequest,
  apiPerRequest,
  breakEvenOf,
  capacity,
  cloneResolved,
  costCurve,
  monteCarlo,
  monteCarloRanges,
  parseScenario,
  requestsPerHourOf,
  resolveScenario,
  rooflineStepSeconds,
  type MonteCarloOptions,
  type MonteCarloResult,
  type ResolvedScenario,
  type ScenarioInput
} from '../../src/lib/core/sim';
import { createRng } from '../../src/lib/core/stats/prng';
import { percentileSorted } from '../../src/lib/core/stats/descriptive';
import { fixtureCatalog, handScenario } from './sim-fixtures';

/** The definition: what monteCarlo computed before it was optimised (copy per draw, full result objects, sort). */
function monteCarloByDefinition(s: ResolvedScenario, opts: MonteCarloOptions): MonteCarloResult {
  const rnd = createRng(opts.seed);
  const ranges = monteCarloRanges(s, opts); // the ranges were not part of the optimisation
  const bandUsers = opts.bandUsers ?? [1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200];
  const values: number[] = [];
  let never = 0;
  const apiCols: number[][] = bandUsers.map(() => []);
  const selfCols: number[][] = bandUsers.map(() => []);
  for (let i = 0; i < opts.draws; i++) {
    const c = cloneResolved(s);
    for (const { a, min, max } of ranges) {
      let x = Math.min(a.max, Math.max(a.min, min + (max - min) * rnd()));
      if (a.integer) x = Math.max(a.min, Math.round(x));
      a.set(c, x);
    }
    const be = breakEvenOf(c);
    if (be === null) never++;
    else values.push(be);
    costCurve(c, bandUsers).forEach((pt, j) => {
      apiCols[j].push(pt.apiEur);
      if (pt.selfHostedEur !== null) selfCols[j].push(pt.selfHostedEur);
    });
  }
  const asc = (x: number, y: number) => x - y;
  values.sort(asc);
  const pc = (v: number[], p: number) => percentileSorted(v, p / 100) ?? null;
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
    const api = apiCols[j].sort(asc);
    const self = selfCols[j].sort(asc);
    return { users: u, apiP10: pc(api, 10) ?? 0, apiP50: pc(api, 50) ?? 0, apiP90: pc(api, 90) ?? 0, selfP10: pc(self, 10), selfP50: pc(self, 50), selfP90: pc(self, 90) };
  });
  return {
    draws: opts.draws,
    seed: opts.seed,
    neverShare: opts.draws > 0 ? never / opts.draws : 0,
    percentiles: { p5: pc(values, 5), p10: pc(values, 10), p25: pc(values, 25), p50: pc(values, 50), p75: pc(values, 75), p90: pc(values, 90), p95: pc(values, 95) },
    histogram,
    band,
    ranges: ranges.map((r) => ({ key: r.a.key, label: r.a.label, min: r.min, max: r.max }))
  };
}

const factor = (min: number, max: number) => fc.double({ min, max, noNaN: true });

/** The hand scenario with its numbers scaled: fits or not, fast or too slow, paying or never; optional measured curve or catalog route. */
const scenarioArb: fc.Arbitrary<ScenarioInput> = fc
  .record({
    users: fc.integer({ min: 1, max: 2000 }),
    activeShare: factor(0, 1),
    requests: factor(0, 60),
    peak: factor(0, 1),
    sys: fc.integer({ min: 0, max: 20000 }),
    out: fc.integer({ min: 1, max: 3000 }),
    hit: factor(0, 1),
    batch: factor(0, 1),
    catalogRoute: fc.boolean(),
    rent: factor(0, 4000),
    vramGb: factor(4, 160),
    gpuCount: fc.integer({ min: 1, max: 4 }),
    paramsB: factor(0.5, 80),
    context: fc.integer({ min: 512, max: 65536 }),
    minSpeed: factor(1, 150),
    redundancy: fc.integer({ min: 0, max: 2 }),
    ops: factor(0, 2000),
    measured: fc.option(fc.array(fc.record({ streams: fc.integer({ min: 1, max: 64 }), aggregateTokensPerSec: factor(1, 2000) }), { minLength: 1, maxLength: 4 }), { nil: undefined })
  })
  .map((r) => {
    const h = handScenario();
    const points = r.measured ? [...new Map(r.measured.map((p) => [p.streams, p])).values()].sort((a, b) => a.streams - b.streams) : undefined;
    return {
      ...h,
      tenant: { ...h.tenant, users: r.users, activeShare: r.activeShare, requestsPerActiveUserPerDay: r.requests, peakHourShare: r.peak },
      request: { ...h.request, systemPromptTokens: r.sys, outputTokens: r.out },
      api: {
        cacheHitRate: r.hit,
        batchShare: r.batch,
        routes: r.catalogRoute ? [{ model: 'test-eu/model-a', share: 0.3 }, ...h.api.routes.map((x) => ({ ...x, share: 0.7 }))] : h.api.routes
      },
      selfHosted: {
        ...h.selfHosted,
        server: { ...h.selfHosted.server, monthlyEur: r.rent, gpuCount: r.gpuCount, gpu: { ...h.selfHosted.server.gpu, vramGb: r.vramGb } },
        model: { ...h.selfHosted.model, paramsB: r.paramsB },
        // a valid scenario's window holds one request (the schema refuses smaller ones)
        contextTokens: Math.max(r.context, r.sys + h.request.contextTokens + h.request.userTokens + r.out),
        minTokensPerSecPerStream: r.minSpeed,
        redundancy: r.redundancy,
        opsEurPerMonth: r.ops,
        ...(points ? { measured: { source: 'test', points } } : {})
      }
    } as ScenarioInput;
  });

const optionsArb = fc.record({
  draws: fc.integer({ min: 0, max: 120 }),
  seed: fc.integer(),
  spread: factor(0, 1),
  bandUsers: fc.option(fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), factor(0.5, 300), fc.integer({ min: -50, max: -1 })), { maxLength: 6 }), { nil: undefined }),
  ranges: fc.option(fc.record({ 'selfHosted.server.monthlyEur': fc.tuple(factor(0, 3000), factor(0, 3000)), 'selfHosted.contextTokens': fc.tuple(factor(1, 100000), factor(1, 100000)) }, { requiredKeys: [] }), { nil: undefined })
});

const resolve = (s: ScenarioInput): ResolvedScenario => resolveScenario(parseScenario(s), fixtureCatalog);

describe('Monte Carlo fast path', () => {
  it('equals the per-draw definition exactly (break-even percentiles, histogram, never share, cost band)', () => {
    fc.assert(
      fc.property(scenarioArb, optionsArb, (input, opts) => {
        const s = resolve(input);
        expect(monteCarlo(s, opts)).toEqual(monteCarloByDefinition(s, opts));
      }),
      { numRuns: 150 }
    );
  });

  it('equals the definition on 2,000 draws of the hand scenario, some of which cannot serve', () => {
    // minimum speed near one stream's speed: a share of the draws is too slow (no self-hosted cost)
    const input = handScenario();
    input.selfHosted.minTokensPerSecPerStream = 140;
    const s = resolve(input);
    const opts = { draws: 2000, seed: 42, spread: 0.35 };
    const fast = monteCarlo(s, opts);
    expect(fast.neverShare).toBeGreaterThan(0);
    expect(fast.neverShare).toBeLessThan(1);
    expect(fast).toEqual(monteCarloByDefinition(s, opts));
  });

  it('leaves the scenario it was given unchanged', () => {
    const s = resolve(handScenario());
    const before = structuredClone(s);
    monteCarlo(s, { draws: 200, seed: 3, spread: 0.5, ranges: { 'selfHosted.contextTokens': [1000, 30000] } });
    expect(s).toEqual(before);
  });
});

describe('allocation-free model helpers', () => {
  it('capacity(): the largest stream count meeting the speed floor, with rooflineStepSeconds’ step time', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const s = resolve({ ...input, selfHosted: { ...input.selfHosted, capacityModel: 'roofline' } } as ScenarioInput);
        const cap = capacity(s);
        expect(requestsPerHourOf(s)).toBe(cap.requestsPerHour);
        if (cap.streams === 0) return;
        const m = s.selfHosted.model;
        const roof = {
          activeWeightBytes: m.activeParamsB * 1e9 * (m.bitsPerWeight / 8),
          kvBytesPerToken: cap.kvBytesPerToken,
          avgContextTokens: cap.avgContextTokens,
          activeParamsB: m.activeParamsB,
          bandwidthGbps: s.selfHosted.server.gpu.bandwidthGbps,
          fp16Tflops: s.selfHosted.server.gpu.fp16Tflops,
          gpuCount: s.selfHosted.server.gpuCount,
          efficiency: s.selfHosted.efficiency
        };
        const at = rooflineStepSeconds(roof, cap.streams);
        expect(cap.stepSeconds).toBe(at.stepSeconds);
        expect(cap.memoryBound).toBe(at.memorySeconds >= at.computeSeconds);
        expect(1 / at.stepSeconds).toBeGreaterThanOrEqual(s.selfHosted.minTokensPerSecPerStream);
        if (cap.streams < cap.streamsFit) expect(1 / rooflineStepSeconds(roof, cap.streams + 1).stepSeconds).toBeLessThan(s.selfHosted.minTokensPerSecPerStream);
      }),
      { numRuns: 200 }
    );
  });

  it('apiEurPerRequest equals apiPerRequest().eurPerRequest and requestsPerHourOf equals capacity() (measured curves too)', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const s = resolve(input);
        expect(apiEurPerRequest(s)).toBe(apiPerRequest(s).eurPerRequest);
        expect(requestsPerHourOf(s)).toBe(capacity(s).requestsPerHour);
      }),
      { numRuns: 200 }
    );
  });
});
