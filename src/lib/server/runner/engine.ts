// Run engine: sends suite items to one target with bounded concurrency, per-target rate limits,
// bounded retries (exponential backoff + full jitter, Retry-After honoured), a per-request timeout,
// a cost cap, an optional response cache, and hands exactly one result per dispatched item to the
// sink. A failing provider never throws out of here: every failure becomes an error result.
import { setMaxListeners } from 'node:events';
import { createHash } from 'node:crypto';
import { ProviderError, type GenerateRequest, type GenerateResult, type ProviderAdapter, type Usage } from '../providers/types';
import { requestMetrics } from '../../core/metrics/timing';
import { RateLimiter, estimateTokens, type RateLimits } from './rate-limit';
import { asProviderError, backoffDelayMs, defaultRetryPolicy, type RetryPolicy } from './retry';
import type { AuditRow, EngineTarget, ItemResult, ProgressEvent, ResponseCacheLike, ResultSink, RunItem, ScoreContext, ScoreOutcome } from './types';

export interface GenerationSettings {
  maxTokens?: number;
  temperature?: number;
  seed?: number;
}

export interface EngineOptions {
  runId: string;
  target: EngineTarget;
  adapter: ProviderAdapter;
  items: RunItem[];
  /** Items of the whole run (for progress), including those finished in an earlier session. */
  totalItems?: number;
  /** Items already finished ok in an earlier session (counted as done in progress). */
  alreadyDone?: number;
  concurrency?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  rateLimit?: RateLimits;
  generation?: GenerationSettings;
  /** Cost of one request from its usage, in EUR (undefined when unknown). */
  costOf?: (usage: Usage) => number | undefined;
  /** Estimate for the first request when no cost has been observed yet. */
  estimateCostEur?: (item: RunItem) => number | undefined;
  maxCostEur?: number;
  /** Spend of earlier sessions of this run (resume), EUR. */
  priorSpentEur?: number;
  priorCostCount?: number;
  cache?: ResponseCacheLike;
  score?: (item: RunItem, output: string, ctx: ScoreContext) => Promise<ScoreOutcome> | ScoreOutcome;
  sink: ResultSink;
  onProgress?: (ev: ProgressEvent) => void;
  /** Remove secrets from error texts before they are stored or shown. */
  redact?: (text: string) => string;
  signal?: AbortSignal;
  /** Injectable for tests. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export type EngineStatus = 'completed' | 'aborted' | 'cancelled';

export interface EngineOutcome {
  status: EngineStatus;
  reason?: string;
  dispatched: number;
  ok: number;
  error: number;
  retries: number;
  cacheHits: number;
  spentEur: number;
  elapsedMs: number;
  /** Items never dispatched (cost cap or cancellation). */
  notDispatched: number;
}

export const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Cache key: target id + everything in the request that changes the answer. */
export function requestCacheKey(targetId: string, req: Omit<GenerateRequest, 'signal' | 'timeoutMs'>): string {
  const material = JSON.stringify({
    target: targetId,
    model: req.model,
    messages: req.messages,
    maxTokens: req.maxTokens ?? null,
    temperature: req.temperature ?? null,
    topP: req.topP ?? null,
    seed: req.seed ?? null,
    stop: req.stop ?? null,
    jsonMode: req.jsonMode ?? false
  });
  return createHash('sha256').update(material).digest('hex');
}

const MAX_RETRIES_CAP = 3;

/** The run's status reason when its signal stopped it: "Lauf abgebrochen", with the signal's own reason text when it has one. */
function cancelReason(signal: AbortSignal | undefined): string {
  const r = signal?.reason as { message?: unknown; name?: unknown } | undefined;
  return typeof r?.message === 'string' && r.message && r.name !== 'AbortError' ? `Lauf abgebrochen (${r.message})` : 'Lauf abgebrochen';
}

export async function runEngine(opts: EngineOptions): Promise<EngineOutcome> {
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const redact = opts.redact ?? ((s: string) => s);
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...opts.retry };
  policy.maxRetries = Math.min(MAX_RETRIES_CAP, Math.max(0, Math.floor(policy.maxRetries)));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const limiter = new RateLimiter(opts.rateLimit, now, sleep);
  const { target, adapter, sink } = opts;
  const total = opts.totalItems ?? opts.items.length;
  const alreadyDone = opts.alreadyDone ?? 0;

  const t0 = now();
  const state = { ok: 0, error: 0, retries: 0, cacheHits: 0, dispatched: 0, spent: 0, costSum: 0, costCount: 0, inflight: 0 };
  state.costSum = opts.priorSpentEur ?? 0;
  state.costCount = opts.priorCostCount ?? 0;
  let stop: { status: EngineStatus; reason: string } | undefined;

  const progress = (type: ProgressEvent['type'], extra: Partial<ProgressEvent> = {}) => {
    if (!opts.onProgress) return;
    const elapsedMs = Math.max(0, now() - t0);
    const doneNow = state.ok + state.error;
    const rate = elapsedMs > 0 && doneNow > 0 ? (doneNow * 1000) / elapsedMs : null;
    const remaining = Math.max(0, total - alreadyDone - doneNow);
    try {
      opts.onProgress({
        type,
        runId: opts.runId,
        total,
        done: alreadyDone + doneNow,
        ok: alreadyDone + state.ok,
        error: state.error,
        retries: state.retries,
        elapsedMs,
        ratePerSec: rate,
        etaSec: rate ? remaining / rate : null,
        spentEur: (opts.priorSpentEur ?? 0) + state.spent,
        ...extra
      });
    } catch {
      /* a broken listener must not break the run */
    }
  };

  const audit = (row: Omit<AuditRow, 'runId' | 'target' | 'route' | 'region' | 'tier' | 'occurredAt' | 'event'>) =>
    sink.audit({ occurredAt: new Date().toISOString(), event: 'request', runId: opts.runId, target: target.id, route: target.route, region: target.region, tier: target.tier, ...row });

  /** Would dispatching one more request cross the cap (given requests still in flight)? */
  const wouldCrossCap = (item: RunItem): boolean => {
    if (opts.maxCostEur === undefined) return false;
    const avg = state.costCount > 0 ? state.costSum / state.costCount : (opts.estimateCostEur?.(item) ?? 0);
    const spentTotal = (opts.priorSpentEur ?? 0) + state.spent;
    return spentTotal + (state.inflight + 1) * avg > opts.maxCostEur;
  };

  // Every in-flight request listens on the run's signal: lift Node's 10-listener warning for it.
  if (opts.signal) setMaxListeners(0, opts.signal);

  const callOnce = async (req: GenerateRequest): Promise<GenerateResult> => {
    const ctrl = new AbortController();
    const onRunAbort = () => ctrl.abort(opts.signal?.reason);
    opts.signal?.addEventListener('abort', onRunAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new ProviderError({ provider: adapter.id, kind: 'timeout', message: `keine vollständige Antwort nach ${timeoutMs} ms`, retryable: true });
        ctrl.abort(err);
        reject(err);
      }, timeoutMs);
    });
    const work = (async () => {
      const r = { ...req, signal: ctrl.signal, timeoutMs };
      if (!adapter.capabilities.streaming) return adapter.generate(r);
      const s = adapter.stream(r);
      // Streams that keep text and chunk times in their result need no iteration (one async generator
      // step and promise per chunk less); others are read chunk by chunk.
      if (s.resultHasChunkTimes) return s.result;
      s.result.catch(() => undefined);
      const chunkTimes: number[] = [];
      let text = '';
      for await (const c of s) {
        if (c.text) {
          chunkTimes.push(c.atMs);
          text += c.text;
        }
      }
      const res = await s.result;
      const timing = { ...res.timing };
      if (!timing.chunkTimesMs?.length && chunkTimes.length) timing.chunkTimesMs = chunkTimes;
      if (timing.firstTokenMs === undefined && chunkTimes.length) timing.firstTokenMs = chunkTimes[0];
      return { ...res, text: res.text || text, timing };
    })();
    work.catch(() => undefined);
    try {
      return await Promise.race([work, timeout]);
    } catch (err) {
      if (opts.signal?.aborted) throw new ProviderError({ provider: adapter.id, kind: 'aborted', message: 'Lauf abgebrochen', retryable: false, cause: err });
      if (ctrl.signal.aborted && ctrl.signal.reason instanceof ProviderError) throw ctrl.signal.reason;
      throw err;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onRunAbort);
    }
  };

  const processItem = async (item: RunItem): Promise<ItemResult> => {
    const startedAt = new Date().toISOString();
    const req: GenerateRequest = {
      model: target.model,
      messages: item.messages,
      maxTokens: item.maxTokens ?? opts.generation?.maxTokens,
      temperature: opts.generation?.temperature,
      seed: opts.generation?.seed,
      jsonMode: item.jsonMode
    };
    const base: Pick<ItemResult, 'itemId' | 'startedAt' | 'expected' | 'prompt'> = { itemId: item.id, startedAt, expected: item.expected, prompt: item.messages };
    const cacheKey = opts.cache ? requestCacheKey(target.id, req) : undefined;
    if (opts.cache && cacheKey) {
      const hit = await opts.cache.get(cacheKey).catch(() => undefined);
      if (hit) {
        state.cacheHits++;
        return finishOk(item, base, hit, 0, true);
      }
    }
    const chars = item.messages.reduce((a, m) => a + m.content.length, 0);
    const estTokens = estimateTokens(chars, req.maxTokens ?? 512);
    let attempts = 0;
    for (;;) {
      attempts++;
      try {
        await limiter.acquire(estTokens, opts.signal);
      } catch {
        return { ...base, status: 'error', attempts: attempts - 1, error: 'Lauf abgebrochen', errorKind: 'aborted' };
      }
      const tStart = now();
      try {
        const res = await callOnce(req);
        const u = res.usage ?? {};
        limiter.settle(estTokens, u.inputTokens !== undefined || u.outputTokens !== undefined ? (u.inputTokens ?? 0) + (u.outputTokens ?? 0) : undefined);
        audit({ inputTokens: u.inputTokens, outputTokens: u.outputTokens, latencyMs: now() - tStart, status: 'ok', detail: { attempt: attempts, finishReason: res.finishReason } });
        if (opts.cache && cacheKey) await opts.cache.set(cacheKey, res).catch(() => undefined);
        return finishOk(item, base, res, attempts, false);
      } catch (err) {
        const pe = asProviderError(err, adapter.id);
        audit({ latencyMs: now() - tStart, status: 'error', detail: { attempt: attempts, errorKind: pe.kind, httpStatus: pe.status ?? null, retryable: pe.retryable } });
        const fail = (reason: string): ItemResult => ({ ...base, status: 'error', attempts, error: redact(reason), errorKind: pe.kind });
        if (opts.signal?.aborted) return fail(`Lauf abgebrochen: ${pe.message}`);
        if (!pe.retryable) return fail(pe.message);
        if (attempts > policy.maxRetries) return fail(`${pe.message} (nach ${attempts} Versuchen)`);
        if (pe.retryAfterMs !== undefined && pe.retryAfterMs > policy.maxRetryAfterMs) {
          return fail(`${pe.message} (Retry-After ${Math.round(pe.retryAfterMs / 1000)} s überschreitet ${Math.round(policy.maxRetryAfterMs / 1000)} s)`);
        }
        state.retries++;
        try {
          await sleep(backoffDelayMs(attempts, policy, random, pe.retryAfterMs), opts.signal);
        } catch {
          return fail(`Lauf abgebrochen: ${pe.message}`);
        }
      }
    }
  };

  const finishOk = async (item: RunItem, base: Pick<ItemResult, 'itemId' | 'startedAt' | 'expected' | 'prompt'>, res: GenerateResult, attempts: number, cached: boolean): Promise<ItemResult> => {
    const usage = res.usage ?? {};
    const m = requestMetrics({ startMs: res.timing.startMs, endMs: res.timing.endMs, firstTokenMs: res.timing.firstTokenMs, chunkTimesMs: res.timing.chunkTimesMs, outputTokens: usage.outputTokens });
    const costEur = cached ? 0 : opts.costOf?.(usage);
    let scored: ScoreOutcome = {};
    if (opts.score) {
      try {
        scored = await opts.score(item, res.text, { audit: (row) => sink.audit({ ...row, runId: opts.runId }) });
      } catch (err) {
        scored = { score: null, scores: { scoringError: redact((err as Error).message) } };
      }
    }
    return {
      ...base,
      status: 'ok',
      attempts,
      output: res.text,
      finishReason: res.finishReason,
      ttftMs: m.ttftMs,
      tpotMs: m.tpotMs,
      e2eMs: m.e2eMs,
      itlMs: m.itlMs,
      outputTokensPerSec: m.outputTokensPerSec,
      usage,
      costEur,
      score: scored.score,
      scores: scored.scores,
      serverTiming: { ...(res.timing.server ?? {}), ...(cached ? { cached: true } : {}), outputTokensPerSec: m.outputTokensPerSec ?? null },
      cached
    };
  };

  progress('start');
  let next = 0;
  const worker = async () => {
    for (;;) {
      if (stop) return;
      if (opts.signal?.aborted) {
        stop ??= { status: 'cancelled', reason: cancelReason(opts.signal) };
        return;
      }
      if (next >= opts.items.length) return;
      const item = opts.items[next];
      if (wouldCrossCap(item)) {
        const spentTotal = (opts.priorSpentEur ?? 0) + state.spent;
        stop ??= {
          status: 'aborted',
          reason: `Kostengrenze ${opts.maxCostEur} EUR: bisher ${spentTotal.toFixed(4)} EUR, die nächste Anfrage würde sie voraussichtlich überschreiten (cost cap reached)`
        };
        return;
      }
      next++;
      state.dispatched++;
      state.inflight++;
      let result: ItemResult;
      try {
        result = await processItem(item);
      } catch (err) {
        result = { itemId: item.id, startedAt: new Date().toISOString(), status: 'error', attempts: 1, error: redact(`interner Fehler: ${(err as Error).message}`), errorKind: 'unknown', expected: item.expected, prompt: item.messages };
      }
      state.inflight--;
      if (result.status === 'ok') state.ok++;
      else state.error++;
      if (typeof result.costEur === 'number' && Number.isFinite(result.costEur) && !result.cached) {
        state.spent += result.costEur;
        state.costSum += result.costEur;
        state.costCount++;
      }
      sink.add(result);
      progress('progress');
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, opts.items.length)) }, worker));
  await sink.flush();
  if (!stop && opts.signal?.aborted) stop = { status: 'cancelled', reason: cancelReason(opts.signal) };
  const status: EngineStatus = stop?.status ?? 'completed';
  const outcome: EngineOutcome = {
    status,
    reason: stop?.reason,
    dispatched: state.dispatched,
    ok: state.ok,
    error: state.error,
    retries: state.retries,
    cacheHits: state.cacheHits,
    spentEur: state.spent,
    elapsedMs: Math.max(0, now() - t0),
    notDispatched: opts.items.length - state.dispatched
  };
  return outcome;
}
