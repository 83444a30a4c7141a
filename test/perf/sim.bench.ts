// Simulator benchmark (called by the bench runner): a sweep of 1,000 user counts × 50 scenarios
// (monthly API and self-hosted cost at each count plus the break-even per scenario; target < 50 ms in
// Node) and 10,000 Monte Carlo draws of break-even users without the cost band (target < 200 ms; median
// after one cold run, which is in the note).
import { breakEvenOf, costCurve, monteCarlo, parseScenario, resolveScenario, type ResolvedScenario, type ScenarioInput } from '../../src/lib/core/sim';
import { catalogSchema } from '../../src/lib/core/catalog/schema';

const catalog = catalogSchema.parse({});

function scenario(i: number): ScenarioInput {
  // 50 distinct scenarios: tenant size, usage, routing mix, server price and GPU vary with i
  return {
    tenant: { users: 10 + i * 7, activeShare: 0.5 + (i % 5) * 0.1, requestsPerActiveUserPerDay: 5 + (i % 7) * 3, workingDaysPerMonth: 21, peakHourShare: 0.15 + (i % 3) * 0.05 },
    request: { systemPromptTokens: 1000 + (i % 4) * 500, contextTokens: 500 + (i % 6) * 400, userTokens: 150, outputTokens: 200 + (i % 5) * 100 },
    api: {
      cacheHitRate: (i % 10) / 10,
      batchShare: (i % 4) / 10,
      routes: [
        { name: 'sonnet', share: 0.3, price: { currency: 'USD', inputPerMTok: 3.3, outputPerMTok: 16.5, cacheReadPerMTok: 0.33, cacheWritePerMTok: 4.125, batchPriceFactor: 0.5 } },
        { name: 'haiku', share: 0.7, price: { currency: 'USD', inputPerMTok: 1.1, outputPerMTok: 5.5, cacheReadPerMTok: 0.11, cacheWritePerMTok: 1.375, batchPriceFactor: 0.5 } }
      ]
    },
    fx: { usdPerEur: 1.1637 },
    selfHosted: {
      server: { monthlyEur: 180 + i * 20, setupEur: 159, amortizationMonths: 12, gpuCount: 1 + (i % 2), gpu: { vramGb: [20, 24, 48, 80][i % 4], bandwidthGbps: [280, 1008, 960, 3350][i % 4], fp16Tflops: [77, 165, 364, 989][i % 4] } },
      model: { paramsB: 7.25, bitsPerWeight: 4.85, layers: 32, kvHeads: 8, headDim: 128 },
      contextTokens: 8192
    }
  };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; value: number; unit: string; target?: string; note?: string }[]> {
  const resolved: ResolvedScenario[] = Array.from({ length: 50 }, (_, i) => resolveScenario(parseScenario(scenario(i)), catalog));
  const users = Array.from({ length: 1000 }, (_, i) => 1 + i * 5);
  const sweep = () => {
    let checksum = 0;
    for (const s of resolved) {
      for (const p of costCurve(s, users)) checksum += p.apiEur + (p.selfHostedEur ?? 0);
      checksum += breakEvenOf(s) ?? 0;
    }
    return checksum;
  };
  sweep(); // warm-up (JIT)
  const reps = opts.quick ? 3 : 10;
  const sweepMs: number[] = [];
  for (let r = 0; r < reps; r++) sweepMs.push(time(sweep).ms);
  sweepMs.sort((a, b) => a - b);
  const draws = opts.quick ? 2000 : 10_000;
  // Monte Carlo: one cold run (JIT warm-up, in the note), then the median of `reps` runs
  const mcRun = () => time(() => monteCarlo(resolved[0], { draws, seed: 1, spread: 0.2, bandUsers: [] })).ms;
  const mcFirst = mcRun();
  const mcMs: number[] = [];
  for (let r = 0; r < reps; r++) mcMs.push(mcRun());
  mcMs.sort((a, b) => a - b);
  return [
    { name: 'sim.sweep 1000 Nutzerzahlen × 50 Szenarien (Median)', value: Math.round(sweepMs[Math.floor(reps / 2)] * 100) / 100, unit: 'ms', target: '< 50 ms' },
    { name: `sim.monteCarlo ${draws} Ziehungen (Median)`, value: Math.round(mcMs[Math.floor(reps / 2)] * 10) / 10, unit: 'ms', target: '< 200 ms', note: `first ${Math.round(mcFirst * 10) / 10} ms` }
  ];
}
