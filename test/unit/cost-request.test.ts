// Pins the shared per-request cost formula (runner + simulator) on hand-computed cases.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectedRequestCostEur, requestCostEur, batchMultiplier, type PriceFigures } from '../../src/lib/core/cost';

const sonnetEu: PriceFigures = { currency: 'USD', inputPerMTok: 3.3, outputPerMTok: 16.5, cacheReadPerMTok: 0.33, cacheWritePerMTok: 4.125, batchPriceFactor: 0.5 };
const haikuEu: PriceFigures = { currency: 'USD', inputPerMTok: 1.1, outputPerMTok: 5.5, cacheReadPerMTok: 0.11, cacheWritePerMTok: 1.375, batchPriceFactor: 0.5 };
const mistralLarge: PriceFigures = { currency: 'EUR', inputPerMTok: 0.5, outputPerMTok: 1.5, batchPriceFactor: 0.5 };
const fx = { usdPerEur: 1.1637 };

describe('requestCostEur', () => {
  it('bills input, cache read, cache write and output at their prices and converts USD to EUR', () => {
    // 1000·3.30 + 2000·0.33 + 400·4.125 + 500·16.50 = 3300 + 660 + 1650 + 8250 = 13,860 µUSD
    const c = requestCostEur({ inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2000, cacheWriteTokens: 400 }, sonnetEu, fx);
    expect(c).toBeCloseTo(0.01386 / 1.1637, 12);
  });

  it('bills cache tokens at the input price when the route has no cache price', () => {
    // (1000 + 300 + 200)·0.5 + 100·1.5 = 750 + 150 = 900 µEUR
    expect(requestCostEur({ inputTokens: 1000, outputTokens: 100, cacheReadTokens: 300, cacheWriteTokens: 200 }, mistralLarge, fx)).toBeCloseTo(0.0009, 12);
  });

  it('applies the batch factor only when asked and only where the route has one', () => {
    // (1000·0.5 + 1000·1.5)/1e6 = 0.002 EUR, batch ×0.5
    expect(requestCostEur({ inputTokens: 1000, outputTokens: 1000 }, mistralLarge, fx)).toBeCloseTo(0.002, 12);
    expect(requestCostEur({ inputTokens: 1000, outputTokens: 1000 }, mistralLarge, fx, { batch: true })).toBeCloseTo(0.001, 12);
    const noBatch = { ...mistralLarge, batchPriceFactor: undefined };
    expect(requestCostEur({ inputTokens: 1000, outputTokens: 1000 }, noBatch, fx, { batch: true })).toBeCloseTo(0.002, 12);
  });

  it('is undefined (never NaN) when a count is unknown or invalid, or a USD price meets a bad rate', () => {
    expect(requestCostEur({ inputTokens: 10 }, sonnetEu, fx)).toBeUndefined();
    expect(requestCostEur({ outputTokens: 10 }, sonnetEu, fx)).toBeUndefined();
    expect(requestCostEur({ inputTokens: Number.NaN, outputTokens: 1 }, sonnetEu, fx)).toBeUndefined();
    expect(requestCostEur({ inputTokens: 1, outputTokens: 1, cacheReadTokens: -1 }, sonnetEu, fx)).toBeUndefined();
    expect(requestCostEur({ inputTokens: 1, outputTokens: 1 }, sonnetEu, { usdPerEur: 0 })).toBeUndefined();
    // EUR prices do not need the rate
    expect(requestCostEur({ inputTokens: 1000, outputTokens: 0 }, mistralLarge, { usdPerEur: 0 })).toBeCloseTo(0.0005, 12);
  });

  it('is finite and non-negative for any valid counts', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.option(fc.nat(10_000_000), { nil: undefined }), fc.boolean(), (i, o, r, b) => {
        const c = requestCostEur({ inputTokens: i, outputTokens: o, cacheReadTokens: r }, sonnetEu, fx, { batch: b });
        return c !== undefined && Number.isFinite(c) && c >= 0;
      })
    );
  });
});

describe('expectedRequestCostEur (scenario request)', () => {
  const req = { systemPromptTokens: 1500, contextTokens: 800, userTokens: 150, outputTokens: 350 };

  it('with caching: hit share of the system prompt at the cache-read price, the rest at the write price', () => {
    // input = 0.9·1500·0.11 + 0.1·1500·1.375 + 950·1.1 = 148.5 + 206.25 + 1045 = 1399.75 µUSD; output = 350·5.5 = 1925 µUSD
    const p = expectedRequestCostEur(req, haikuEu, fx, { cacheHitRate: 0.9, batchShare: 0 })!;
    expect(p.cached).toBe(true);
    expect(p.inputEur).toBeCloseTo(0.00139975 / 1.1637, 12);
    expect(p.outputEur).toBeCloseTo(0.001925 / 1.1637, 12);
    expect(p.totalEur).toBeCloseTo(0.00332475 / 1.1637, 12);
  });

  it('without a cache price: the whole prompt at the input price, whatever the hit rate', () => {
    // (1500 + 950)·0.5 + 350·1.5 = 1225 + 525 = 1750 µEUR
    const p = expectedRequestCostEur(req, mistralLarge, fx, { cacheHitRate: 0.9, batchShare: 0 })!;
    expect(p.cached).toBe(false);
    expect(p.totalEur).toBeCloseTo(0.00175, 12);
  });

  it('uses the input price for cache misses when the route has a read but no write price', () => {
    const readOnly: PriceFigures = { currency: 'EUR', inputPerMTok: 2, outputPerMTok: 0, cacheReadPerMTok: 0.2 };
    // 0.5·1500·0.2 + 0.5·1500·2 + 950·2 = 150 + 1500 + 1900 = 3550 µEUR
    expect(expectedRequestCostEur(req, readOnly, fx, { cacheHitRate: 0.5, batchShare: 0 })!.totalEur).toBeCloseTo(0.00355, 12);
  });

  it('batch share blends the batch factor: (1−s) + s·factor', () => {
    expect(batchMultiplier(0.4, 0.5)).toBeCloseTo(0.8, 12);
    expect(batchMultiplier(0.4, undefined)).toBe(1);
    const p = expectedRequestCostEur(req, mistralLarge, fx, { cacheHitRate: 0, batchShare: 0.4 })!;
    expect(p.totalEur).toBeCloseTo(0.00175 * 0.8, 12);
  });
});
