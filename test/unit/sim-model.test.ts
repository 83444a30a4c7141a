// Pins the reference model on hand-computed cases: requests, API with caching/batch/routing/FX,
// roofline capacity, does-not-fit, servers at peak, monthly cost, break-even (incl. edges), shared pool.
import { describe, expect, it } from 'vitest';
import { breakEvenUsers, capacity, parseScenario, resolveScenario, simulate, toJson, runScenario, type ScenarioInput } from '../../src/lib/core/sim';
import { fixtureCatalog, handScenario } from './sim-fixtures';

const run = (input: ScenarioInput, users?: number) => simulate(resolveScenario(parseScenario(input), fixtureCatalog), users);

describe('reference model on the hand scenario', () => {
  const r = run(handScenario());

  it('requests per month and API cost with caching', () => {
    expect(r.requestsPerMonth).toBe(1000);
    expect(r.api.routes[0].eurPerRequest).toBeCloseTo(0.00466, 12);
    expect(r.api.monthlyEur).toBeCloseTo(4.66, 9);
    expect(r.api.perUserEur).toBeCloseTo(0.466, 9);
  });

  it('roofline: streams that fit, speed floor, request seconds and capacity', () => {
    const c = r.selfHosted.capacity;
    expect(c.method).toBe('roofline');
    expect(c.weightsGb).toBeCloseTo(4, 9);
    expect(c.kvBytesPerToken).toBe(131072);
    // ⌊(24e9·0.9 − 4e9) / (8192·131072)⌋ = ⌊17.6e9 / 1.073741824e9⌋ = 16
    expect(c.streamsFit).toBe(16);
    // c = 1000+500+500+100 = 2100; step(b) = (4e9 + b·2100·131072)/5e11 ≤ 1/70 ⇔ b ≤ 11.4 → b = 11
    expect(c.streams).toBe(11);
    const step = (4e9 + 11 * 2100 * 131072) / 5e11;
    expect(c.stepSeconds).toBeCloseTo(step, 12);
    expect(c.memoryBound).toBe(true);
    // prefill = 2000 · 2 · 8e9 / (100e12 · 0.5) = 0.64 s
    expect(c.prefillSeconds).toBeCloseTo(0.64, 12);
    expect(c.requestSeconds).toBeCloseTo(200 * step + 0.64, 9);
    expect(c.requestsPerHour).toBeCloseTo((11 * 3600) / (200 * step + 0.64), 6);
  });

  it('servers, monthly self-hosted cost, per user, break-even', () => {
    expect(r.selfHosted.peakRequestsPerHour).toBeCloseTo(10, 12);
    expect(r.selfHosted.servers).toBe(1);
    // 300 + 120/12 = 310
    expect(r.selfHosted.monthlyEur).toBeCloseTo(310, 9);
    expect(r.selfHosted.perUserEur).toBeCloseTo(31, 9);
    // API 0.466 EUR per user: 0.466·u ≥ 310 ⇔ u ≥ 665.2 → 666 (one server carries ~11,400 users at peak)
    expect(r.breakEvenUsers).toBe(666);
  });

  it('shared pool of 10 tenants splits one server: break-even 67 users per tenant', () => {
    expect(r.sharedPool.tenants).toBe(10);
    expect(r.sharedPool.servers).toBe(1);
    expect(r.sharedPool.perTenantMonthlyEur).toBeCloseTo(31, 9);
    // 0.466·u ≥ 31 ⇔ u ≥ 66.5
    expect(r.sharedPool.breakEvenUsers).toBe(67);
  });

  it('compute-bound when the compute efficiency is tiny', () => {
    const s = handScenario();
    s.selfHosted.efficiency = { bandwidth: 0.5, compute: 0.01 };
    s.selfHosted.minTokensPerSecPerStream = 1;
    const c = run(s).selfHosted.capacity;
    // compute term per stream: 2·8e9/(1e12) = 0.016 s; memory at b: (4e9 + b·2.752512e8)/5e11
    expect(c.memoryBound).toBe(false);
    expect(c.stepSeconds).toBeCloseTo(0.016 * c.streams, 12);
  });
});

describe('routing, batch and FX at scenario level', () => {
  it('weights routes by share, applies batch share, converts USD with usdPerEur', () => {
    const s = handScenario();
    s.api = {
      cacheHitRate: 0,
      batchShare: 0.5,
      routes: [
        { name: 'eur', share: 0.25, price: { currency: 'EUR', inputPerMTok: 1, outputPerMTok: 1, batchPriceFactor: 0.5 } },
        { name: 'usd', share: 0.75, price: { currency: 'USD', inputPerMTok: 2.5, outputPerMTok: 2.5 } }
      ]
    };
    const r = run(s);
    // eur: 2200 tokens · 1 = 2200 µEUR · (0.5 + 0.5·0.5) = 1650 µEUR
    expect(r.api.routes[0].eurPerRequest).toBeCloseTo(0.00165, 12);
    // usd: 2200 · 2.5 = 5500 µUSD ÷ 1.25 = 4400 µEUR; no batch factor → ×1
    expect(r.api.routes[1].eurPerRequest).toBeCloseTo(0.0044, 12);
    expect(r.api.routes[0].monthlyEur).toBeCloseTo(1000 * 0.25 * 0.00165, 12);
    expect(r.api.monthlyEur).toBeCloseTo(1000 * (0.25 * 0.00165 + 0.75 * 0.0044), 12);
  });

  it('catalog route (USD) resolves and converts', () => {
    const s = handScenario();
    s.api = { cacheHitRate: 1, routes: [{ model: 'test-eu/model-a', share: 1 }] };
    const r = run(s);
    // 1000·0.33 + 1000·3.3 + 200·16.5 = 330 + 3300 + 3300 = 6930 µUSD ÷ 1.25
    expect(r.api.routes[0].eurPerRequest).toBeCloseTo(0.00693 / 1.25, 12);
  });
});

describe('does not fit / too slow', () => {
  it('a model larger than VRAM: fits false, servers/monthly/break-even null, JSON without NaN', () => {
    const s = handScenario();
    s.selfHosted.model = { paramsB: 70, bitsPerWeight: 16, layers: 80, kvHeads: 8, headDim: 128 };
    const full = runScenario(parseScenario(s), fixtureCatalog);
    const r = full.result;
    expect(r.selfHosted.fits).toBe(false);
    expect(r.selfHosted.reason).toMatch(/passt nicht/);
    expect(r.selfHosted.servers).toBeNull();
    expect(r.selfHosted.monthlyEur).toBeNull();
    expect(r.breakEvenUsers).toBeNull();
    expect(r.breakEvenReason).toMatch(/passt nicht/);
    const json = JSON.stringify(toJson(full));
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json).selfHosted.fits).toBe(false);
  });

  it('too slow even at one stream: null with reason', () => {
    const s = handScenario();
    s.selfHosted.minTokensPerSecPerStream = 1000;
    const r = run(s);
    expect(r.selfHosted.fits).toBe(true);
    expect(r.selfHosted.servers).toBeNull();
    expect(r.breakEvenUsers).toBeNull();
    expect(r.breakEvenReason).toMatch(/langsam/);
  });

  it('peak above one server: servers = ceil(peak/capacity) + redundancy', () => {
    const s = handScenario();
    s.tenant.users = 50_000;
    s.selfHosted.redundancy = 1;
    s.selfHosted.opsEurPerMonth = 100;
    const r = run(s);
    const cap = r.selfHosted.capacity.requestsPerHour!;
    expect(r.selfHosted.servers).toBe(Math.ceil(50_000 / cap) + 1);
    expect(r.selfHosted.monthlyEur).toBeCloseTo(r.selfHosted.servers! * 310 + 100, 9);
  });
});

describe('measured curve', () => {
  it('uses catalog throughput points for the server+model and says so', () => {
    const s = handScenario();
    s.selfHosted.server = { id: 'srv-x' };
    s.selfHosted.model = { id: 'model-8b-q4_0' };
    s.selfHosted.minTokensPerSecPerStream = 40;
    const r = run(s);
    const c = r.selfHosted.capacity;
    expect(c.method).toBe('measured');
    expect(c.measuredSource).toMatch(/llama\.cpp/);
    // per stream: b=8 → 50 t/s, b=16 → 30; between, agg(b) = 400 + 10·(b−8): b=10 → 420/10 = 42 ≥ 40, b=11 → 430/11 = 39.1
    expect(c.streams).toBe(10);
    expect(c.aggregateTokensPerSec).toBeCloseTo(420, 9);
    expect(c.tokensPerSecPerStream).toBeCloseTo(42, 9);
  });

  it('roofline when asked, even with points', () => {
    const s = handScenario();
    s.selfHosted.server = { id: 'srv-x' };
    s.selfHosted.model = { id: 'model-8b-q4_0' };
    s.selfHosted.capacityModel = 'roofline';
    expect(run(s).selfHosted.capacity.method).toBe('roofline');
  });

  it('inline measured points (probe results) cap streams at the last point', () => {
    const s = handScenario();
    s.selfHosted.minTokensPerSecPerStream = 1;
    s.selfHosted.measured = { source: 'probe', points: [{ streams: 2, aggregateTokensPerSec: 100 }, { streams: 4, aggregateTokensPerSec: 160 }] };
    const c = capacity(resolveScenario(parseScenario(s), fixtureCatalog));
    expect(c.method).toBe('measured');
    expect(c.streams).toBe(4);
    // below the first point the per-stream speed is held: agg(1) = 50
    expect(c.measuredSource).toBe('probe');
  });
});

describe('breakEvenUsers edges', () => {
  const base = { peakPerUser: 1, requestsPerHourPerServer: 100, serverMonthlyEur: 500, redundancy: 0, opsEurPerMonth: 0 };
  it('1 when the API is expensive from the first user', () => {
    expect(breakEvenUsers({ ...base, apiEurPerUser: 1000 })).toBe(1);
  });
  it('exactly at equality (≤) counts', () => {
    // 5·u ≥ 500 ⇔ u ≥ 100 and one server covers 100 users
    expect(breakEvenUsers({ ...base, apiEurPerUser: 5 })).toBe(100);
  });
  it('on a later server step', () => {
    // redundancy 2: step 1 (u ≤ 100) costs 1500 → needs u ≥ 150: no; step 2 (100 < u ≤ 200) costs 2000 → u = 200
    expect(breakEvenUsers({ ...base, apiEurPerUser: 10, redundancy: 2 })).toBe(200);
    // ops 200: step 1 costs 700 → u ≥ 70
    expect(breakEvenUsers({ ...base, apiEurPerUser: 10, opsEurPerMonth: 200 })).toBe(70);
  });
  it('null when each server costs more than the API spend of the users it carries', () => {
    expect(breakEvenUsers({ ...base, apiEurPerUser: 4 })).toBeNull();
    expect(breakEvenUsers({ ...base, apiEurPerUser: 0 })).toBeNull();
  });
  it('null beyond 100,000 users', () => {
    // one server for everyone at 1,000,000 EUR: would pay from 1,000,000 users, beyond the search range
    expect(breakEvenUsers({ ...base, requestsPerHourPerServer: 1e9, serverMonthlyEur: 1e6, apiEurPerUser: 1 })).toBeNull();
    expect(breakEvenUsers({ ...base, requestsPerHourPerServer: 1e9, serverMonthlyEur: 100_000, apiEurPerUser: 1 })).toBe(100_000);
  });
  it('peak zero: one server forever', () => {
    expect(breakEvenUsers({ ...base, peakPerUser: 0, apiEurPerUser: 2 })).toBe(250);
  });
});
