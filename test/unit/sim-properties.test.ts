// Properties of the reference model over random valid scenarios (fast-check): higher API prices never
// raise break-even users, more efficient hardware never raises the server count, no NaN/Infinity in any
// output, and the step-walking break-even search equals a brute-force scan.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { breakEvenOf, breakEvenUsers, capacity, cloneResolved, parseScenario, resolveScenario, runScenario, selfHostedAt, simulate, toJson, type ResolvedScenario, type ScenarioInput } from '../../src/lib/core/sim';
import { fixtureCatalog } from './sim-fixtures';

const anyWindowArb: fc.Arbitrary<ScenarioInput> = fc.record({
  tenant: fc.record({
    users: fc.integer({ min: 1, max: 5000 }),
    activeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    requestsPerActiveUserPerDay: fc.double({ min: 0, max: 200, noNaN: true }),
    workingDaysPerMonth: fc.integer({ min: 0, max: 31 }),
    peakHourShare: fc.double({ min: 0, max: 1, noNaN: true })
  }),
  request: fc.record({
    systemPromptTokens: fc.integer({ min: 0, max: 20000 }),
    contextTokens: fc.integer({ min: 0, max: 20000 }),
    userTokens: fc.integer({ min: 0, max: 5000 }),
    outputTokens: fc.integer({ min: 1, max: 5000 })
  }),
  api: fc.record({
    cacheHitRate: fc.double({ min: 0, max: 1, noNaN: true }),
    batchShare: fc.double({ min: 0, max: 1, noNaN: true }),
    routes: fc.constant([
      { model: 'test-eu/model-a', share: 0.4 },
      { name: 'x', share: 0.6, price: { currency: 'EUR' as const, inputPerMTok: 0.5, outputPerMTok: 1.5, batchPriceFactor: 0.5 } }
    ])
  }),
  fx: fc.record({ usdPerEur: fc.double({ min: 0.5, max: 2, noNaN: true }) }),
  selfHosted: fc.record({
    server: fc.record({
      monthlyEur: fc.double({ min: 0, max: 5000, noNaN: true }),
      setupEur: fc.double({ min: 0, max: 2000, noNaN: true }),
      amortizationMonths: fc.integer({ min: 1, max: 36 }),
      gpuCount: fc.integer({ min: 1, max: 8 }),
      gpu: fc.record({ vramGb: fc.double({ min: 4, max: 200, noNaN: true }), bandwidthGbps: fc.double({ min: 50, max: 5000, noNaN: true }), fp16Tflops: fc.double({ min: 5, max: 1000, noNaN: true }) })
    }),
    model: fc.record({
      paramsB: fc.double({ min: 0.1, max: 120, noNaN: true }),
      bitsPerWeight: fc.constantFrom(4.5, 4.85, 8.5, 16),
      layers: fc.integer({ min: 1, max: 100 }),
      kvHeads: fc.integer({ min: 1, max: 64 }),
      headDim: fc.constantFrom(64, 128)
    }),
    contextTokens: fc.integer({ min: 512, max: 131072 }),
    efficiency: fc.record({ bandwidth: fc.double({ min: 0.05, max: 1, noNaN: true }), compute: fc.double({ min: 0.05, max: 1, noNaN: true }) }),
    minTokensPerSecPerStream: fc.double({ min: 1, max: 100, noNaN: true }),
    redundancy: fc.integer({ min: 0, max: 2 }),
    opsEurPerMonth: fc.double({ min: 0, max: 3000, noNaN: true })
  }),
  sharedPool: fc.record({ tenants: fc.integer({ min: 1, max: 50 }) })
});
// a valid scenario's window holds one request (the schema refuses smaller ones)
const scenarioArb = anyWindowArb.map(
  (s): ScenarioInput => ({ ...s, selfHosted: { ...s.selfHosted, contextTokens: Math.max(s.selfHosted.contextTokens ?? 0, s.request.systemPromptTokens + s.request.contextTokens + s.request.userTokens + s.request.outputTokens) } })
);

const resolve = (s: ScenarioInput): ResolvedScenario => resolveScenario(parseScenario(s), fixtureCatalog);
const rank = (v: number | null) => (v === null ? Number.POSITIVE_INFINITY : v);

function allNumbersFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allNumbersFinite);
  if (v && typeof v === 'object') return Object.values(v).every(allNumbersFinite);
  return true;
}

describe('simulator properties', () => {
  it('a higher API price never raises break-even users', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 1, max: 5, noNaN: true }), (input, f) => {
        const s = resolve(input);
        const dearer = cloneResolved(s);
        dearer.api.priceFactor = f;
        return rank(breakEvenOf(dearer)) <= rank(breakEvenOf(s));
      }),
      { numRuns: 150 }
    );
  });

  it('more efficient or faster hardware never raises the server count', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 1, max: 3, noNaN: true }), fc.constantFrom('bandwidth', 'compute', 'gbps', 'tflops'), (input, f, which) => {
        const s = resolve(input);
        const better = cloneResolved(s);
        if (which === 'bandwidth') better.selfHosted.efficiency.bandwidth = Math.min(1, s.selfHosted.efficiency.bandwidth * f);
        if (which === 'compute') better.selfHosted.efficiency.compute = Math.min(1, s.selfHosted.efficiency.compute * f);
        if (which === 'gbps') better.selfHosted.server.gpu.bandwidthGbps *= f;
        if (which === 'tflops') better.selfHosted.server.gpu.fp16Tflops *= f;
        return rank(simulate(better).selfHosted.servers) <= rank(simulate(s).selfHosted.servers);
      }),
      { numRuns: 150 }
    );
  });

  it('no NaN or Infinity in any output of a valid scenario', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const full = runScenario(parseScenario(input), fixtureCatalog);
        const json = toJson(full);
        return allNumbersFinite(json) && !JSON.stringify(json).includes('NaN');
      }),
      { numRuns: 100 }
    );
  });

  it('break-even search equals a brute-force scan over all user counts', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const s = resolve(input);
        const cap = capacity(s);
        if (cap.requestsPerHour === null) return true;
        const t = s.tenant;
        const r = simulate(s);
        const p = {
          apiEurPerUser: r.api.perUserEur,
          peakPerUser: t.activeShare * t.requestsPerActiveUserPerDay * t.peakHourShare,
          requestsPerHourPerServer: cap.requestsPerHour,
          serverMonthlyEur: r.selfHosted.serverMonthlyEur,
          redundancy: s.selfHosted.redundancy,
          opsEurPerMonth: s.selfHosted.opsEurPerMonth,
          tenants: s.sharedPool.tenants,
          maxUsers: 3000
        };
        let brute: number | null = null;
        for (let u = 1; u <= 3000; u++) {
          if (selfHostedAt(p, u) <= p.apiEurPerUser * u) {
            brute = u;
            break;
          }
        }
        expect(breakEvenUsers(p)).toBe(brute);
        return true;
      }),
      { numRuns: 150 }
    );
  });
});
