// Shared fixtures for the simulator tests: a small catalog and hand-checkable scenarios.
import type { ScenarioInput } from '../../src/lib/core/sim';
import { catalogSchema, type Catalog } from '../../src/lib/core/catalog/schema';

export const fixtureCatalog: Catalog = catalogSchema.parse({
  models: [
    {
      id: 'test-eu/model-a',
      provider: 'test-eu',
      name: 'Modell A',
      providerModelId: 'a',
      contextWindow: 100000,
      price: { currency: 'USD', inputPerMTok: 3.3, outputPerMTok: 16.5, cacheReadPerMTok: 0.33, cacheWritePerMTok: 4.125, batchPriceFactor: 0.5, source: 'fixture', asOf: '2026-01-01' }
    }
  ],
  gpus: [{ id: 'gpu-x', name: 'GPU X', vramGb: 24, bandwidthGbps: 1000, fp16Tflops: 100, source: 'fixture', asOf: '2026-01-01' }],
  servers: [
    { id: 'srv-x', name: 'Server X', vendor: 'T', location: 'DE', gpu: 'gpu-x', gpuCount: 1, monthlyEur: 300, setupEur: 120, source: 'fixture', asOf: '2026-01-01' },
    { id: 'srv-hourly', name: 'Server H', vendor: 'T', location: 'DE', gpu: 'gpu-x', gpuCount: 1, hourlyEur: 1, source: 'fixture', asOf: '2026-01-01' },
    { id: 'srv-bad-gpu', name: 'Server B', vendor: 'T', location: 'DE', gpu: 'nope', gpuCount: 1, monthlyEur: 1, source: 'fixture', asOf: '2026-01-01' }
  ],
  openModels: [
    {
      id: 'model-8b',
      name: 'Model 8B',
      paramsB: 8,
      activeParamsB: 8,
      layers: 32,
      hiddenSize: 4096,
      ffnSize: 14336,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      vocabSize: 32000,
      contextLength: 32768,
      ggufGb: { q4_0: 4 },
      licence: 'x',
      origin: 'DE',
      vendor: 'x',
      source: 'fixture',
      asOf: '2026-01-01'
    }
  ],
  throughput: [
    { gpu: 'gpu-x', model: 'model-8b-q4_0', engine: 'llama.cpp', concurrency: 1, aggregateTokensPerSec: 100, source: 'fixture', asOf: '2026-01-01' },
    { gpu: 'gpu-x', model: 'model-8b-q4_0', engine: 'llama.cpp', concurrency: 8, aggregateTokensPerSec: 400, source: 'fixture', asOf: '2026-01-01' },
    { gpu: 'gpu-x', model: 'model-8b-q4_0', engine: 'llama.cpp', concurrency: 16, aggregateTokensPerSec: 480, source: 'fixture', asOf: '2026-01-01' }
  ]
});

/**
 * Hand-checkable scenario (all inline): R = 10·0.5·10·20 = 1000 requests/month; peak = 10·0.5·10·0.2 = 10/h.
 * Route: EUR 2 in / 10 out / 0.2 read / 2.5 write, hit 0.8 → 0.8·1000·0.2 + 0.2·1000·2.5 + 1000·2 + 200·10 = 4660 µEUR.
 * Server: 24 GB, 1000 GB/s, 100 TFLOPS; model 8B at 4 bits (W = 4 GB), kv = 131,072 B/token.
 */
export function handScenario(): ScenarioInput {
  return {
    tenant: { users: 10, activeShare: 0.5, requestsPerActiveUserPerDay: 10, workingDaysPerMonth: 20, peakHourShare: 0.2 },
    request: { systemPromptTokens: 1000, contextTokens: 500, userTokens: 500, outputTokens: 200 },
    api: { cacheHitRate: 0.8, batchShare: 0, routes: [{ name: 'R', share: 1, price: { currency: 'EUR', inputPerMTok: 2, outputPerMTok: 10, cacheReadPerMTok: 0.2, cacheWritePerMTok: 2.5 } }] },
    fx: { usdPerEur: 1.25 },
    selfHosted: {
      server: { monthlyEur: 300, setupEur: 120, amortizationMonths: 12, gpuCount: 1, gpu: { vramGb: 24, bandwidthGbps: 1000, fp16Tflops: 100 } },
      model: { paramsB: 8, bitsPerWeight: 4, layers: 32, kvHeads: 8, headDim: 128 },
      contextTokens: 8192,
      efficiency: { bandwidth: 0.5, compute: 0.5 },
      minTokensPerSecPerStream: 70,
      redundancy: 0,
      opsEurPerMonth: 0
    }
  };
}
