// Per-request cost: the ONE cost formula shared by the simulator (expected cost of a scenario's
// request) and the benchmark runner (cost of one measured request). Pure; prices come from the
// catalog (`Price`), converted to EUR with an explicit USD-per-EUR rate. See docs/cost-model.md.
import type { Price } from '../catalog/schema';

/** Exchange rate: how many US dollars one euro buys (ECB reference convention, e.g. 1.1637). */
export interface Fx {
  usdPerEur: number;
}

/**
 * Token counts of one request as billed. `inputTokens` are the input tokens billed at the plain input
 * price, i.e. WITHOUT the tokens read from or written to the prompt cache (Anthropic/Bedrock convention;
 * adapters whose API reports cached tokens inside the prompt count subtract them first).
 * `undefined` means unknown: the cost is then unknown too (never NaN).
 */
export interface RequestTokens {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

export interface RequestCostOptions {
  /** Sent through the provider's batch API: the route's batchPriceFactor applies (1 when it has none). */
  batch?: boolean;
}

/** Only the price fields the formulas read (so inline scenario prices need no source/asOf). */
export type PriceFigures = Pick<Price, 'currency' | 'inputPerMTok' | 'outputPerMTok' | 'cacheReadPerMTok' | 'cacheWritePerMTok' | 'batchPriceFactor'>;

/** EUR per 1M tokens for each price field; USD prices are divided by usdPerEur. Undefined if the rate is unusable. */
export interface EurPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
  batchPriceFactor?: number;
}

function finiteNonNeg(v: number | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** Convert a price to EUR per 1M tokens. Returns undefined when a USD price meets an invalid rate. */
export function priceInEur(price: PriceFigures, fx: Fx): EurPrice | undefined {
  let factor = 1;
  if (price.currency === 'USD') {
    if (!Number.isFinite(fx.usdPerEur) || fx.usdPerEur <= 0) return undefined;
    factor = 1 / fx.usdPerEur;
  }
  return {
    inputPerMTok: price.inputPerMTok * factor,
    outputPerMTok: price.outputPerMTok * factor,
    cacheReadPerMTok: price.cacheReadPerMTok === undefined ? undefined : price.cacheReadPerMTok * factor,
    cacheWritePerMTok: price.cacheWritePerMTok === undefined ? undefined : price.cacheWritePerMTok * factor,
    batchPriceFactor: price.batchPriceFactor
  };
}

/** Multiplier for the share of requests sent through a batch API: (1−s) + s·batchPriceFactor, or 1 without one. */
export function batchMultiplier(batchShare: number, batchPriceFactor: number | undefined): number {
  if (batchPriceFactor === undefined) return 1;
  return 1 - batchShare + batchShare * batchPriceFactor;
}

/**
 * Cost of one request in EUR. Cache reads/writes are billed at their own price, or at the input price
 * where the route has none. Unknown input or output counts (or a non-finite count/rate) give undefined.
 */
export function requestCostEur(tokens: RequestTokens, price: PriceFigures, fx: Fx, opts: RequestCostOptions = {}): number | undefined {
  const { inputTokens, outputTokens } = tokens;
  const cacheRead = tokens.cacheReadTokens ?? 0;
  const cacheWrite = tokens.cacheWriteTokens ?? 0;
  if (!finiteNonNeg(inputTokens) || !finiteNonNeg(outputTokens) || !finiteNonNeg(cacheRead) || !finiteNonNeg(cacheWrite)) return undefined;
  const eur = priceInEur(price, fx);
  if (!eur) return undefined;
  const microEur =
    inputTokens * eur.inputPerMTok +
    cacheRead * (eur.cacheReadPerMTok ?? eur.inputPerMTok) +
    cacheWrite * (eur.cacheWritePerMTok ?? eur.inputPerMTok) +
    outputTokens * eur.outputPerMTok;
  const cost = (microEur / 1e6) * (opts.batch ? batchMultiplier(1, eur.batchPriceFactor) : 1);
  return Number.isFinite(cost) ? cost : undefined;
}

/** The request shape of a scenario (tokens per request). */
export interface RequestShape {
  systemPromptTokens: number;
  contextTokens: number;
  userTokens: number;
  outputTokens: number;
}

export interface ExpectedCostParts {
  /** EUR per request for input (system prompt incl. cache reads/writes, context, user message). */
  inputEur: number;
  outputEur: number;
  /** Batch multiplier applied to input+output. */
  batchMultiplier: number;
  /** (input + output) × batch multiplier. */
  totalEur: number;
  /** Whether the route's cache prices were used (it has a cache-read price). */
  cached: boolean;
}

/**
 * Expected EUR per request of a scenario on one route (reference model, docs/cost-model.md §API):
 * with caching (route has a cache-read price) input = h·sys·cacheRead + (1−h)·sys·cacheWrite (input price
 * if no write price) + (context+user)·input; without caching (sys+context+user)·input; output = out·output;
 * multiplied by (1−batchShare) + batchShare·batchPriceFactor where the route has a batch factor.
 */
export function expectedRequestCostEur(
  req: RequestShape,
  price: PriceFigures,
  fx: Fx,
  opts: { cacheHitRate: number; batchShare: number }
): ExpectedCostParts | undefined {
  const eur = priceInEur(price, fx);
  if (!eur) return undefined;
  const h = opts.cacheHitRate;
  const sys = req.systemPromptTokens;
  const rest = req.contextTokens + req.userTokens;
  const cached = eur.cacheReadPerMTok !== undefined;
  const inputMicro = cached
    ? h * sys * (eur.cacheReadPerMTok as number) + (1 - h) * sys * (eur.cacheWritePerMTok ?? eur.inputPerMTok) + rest * eur.inputPerMTok
    : (sys + rest) * eur.inputPerMTok;
  const outputMicro = req.outputTokens * eur.outputPerMTok;
  const m = batchMultiplier(opts.batchShare, eur.batchPriceFactor);
  const inputEur = inputMicro / 1e6;
  const outputEur = outputMicro / 1e6;
  const totalEur = (inputEur + outputEur) * m;
  if (![inputEur, outputEur, totalEur].every(Number.isFinite)) return undefined;
  return { inputEur, outputEur, batchMultiplier: m, totalEur, cached };
}
