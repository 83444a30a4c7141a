// Run engine against fake adapters: bounded retries, Retry-After, timeouts, cost cap, concurrency,
// rate limits, cache, and the compliance guard. No network, no DuckDB.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProviderError, type GenerateRequest, type GenerateResult, type GenerateStream, type ProviderAdapter, type StreamChunk } from '../../src/lib/server/providers/types';
import { runEngine, type EngineOptions } from '../../src/lib/server/runner/engine';
import { TokenBucket } from '../../src/lib/server/runner/rate-limit';
import { backoffDelayMs, defaultRetryPolicy } from '../../src/lib/server/runner/retry';
import { FileResponseCache } from '../../src/lib/server/runner/response-cache';
import { checkComplianceGuard, ComplianceGuardError } from '../../src/lib/server/runner/guard';
import type { AuditRow, ItemResult, ResultSink, RunItem } from '../../src/lib/server/runner/types';

function memorySink() {
  const results: ItemResult[] = [];
  const audits: AuditRow[] = [];
  const sink: ResultSink = { add: (r) => void results.push(r), audit: (a) => void audits.push(a), flush: async () => undefined };
  return { sink, results, audits };
}

const items = (n: number): RunItem[] => Array.from({ length: n }, (_, i) => ({ id: `i${i + 1}`, messages: [{ role: 'user', content: `Frage ${i + 1}` }] }));

function okResult(text: string, outTokens = 3): GenerateResult {
  const t = performance.now();
  return { text, usage: { inputTokens: 10, outputTokens: outTokens }, finishReason: 'stop', timing: { startMs: t - 50, endMs: t } };
}

function fakeAdapter(gen: (req: GenerateRequest, call: number) => Promise<GenerateResult>): ProviderAdapter & { calls: number } {
  const a = {
    id: 'fake',
    calls: 0,
    capabilities: { streaming: false },
    generate(req: GenerateRequest) {
      a.calls++;
      return gen(req, a.calls);
    },
    stream(): GenerateStream {
      throw new Error('no streaming');
    }
  };
  return a;
}

/** A streaming fake adapter whose every request gets `stream()`. */
function streamingAdapter(stream: () => GenerateStream): ProviderAdapter {
  return { id: 'fake', capabilities: { streaming: true }, generate: () => Promise.reject(new Error('unused')), stream };
}

const target = { id: 'fake/model', route: 'fake/model', provider: 'fake', model: 'model', tier: 1, region: 'eu-central-1' };
const noSleep = { delays: [] as number[] };
function baseOpts(adapter: ProviderAdapter, sink: ResultSink, extra: Partial<EngineOptions> = {}): EngineOptions {
  noSleep.delays = [];
  return {
    runId: 'r1',
    target,
    adapter,
    items: items(5),
    sink,
    concurrency: 2,
    timeoutMs: 2000,
    random: () => 0.5,
    sleep: async (ms) => void noSleep.delays.push(ms),
    ...extra
  };
}

describe('runEngine retries and faults', () => {
  it('bounds retries at 3 and stores every item exactly once as an error with attempts', async () => {
    const { sink, results, audits } = memorySink();
    const adapter = fakeAdapter(async () => {
      throw new ProviderError({ provider: 'fake', kind: 'server', status: 503, message: 'HTTP 503 Service Unavailable' });
    });
    const out = await runEngine(baseOpts(adapter, sink));
    expect(out.status).toBe('completed');
    expect(results.map((r) => r.itemId).sort()).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
    for (const r of results) {
      expect(r.status).toBe('error');
      expect(r.attempts).toBe(4);
      expect(r.errorKind).toBe('server');
      expect(r.error).toContain('503');
    }
    expect(adapter.calls).toBe(20);
    expect(audits).toHaveLength(20);
    expect(out.retries).toBe(15);
    // backoff grows exponentially with jitter 0.5: 250, 500, 1000 per item
    expect(noSleep.delays.slice().sort((a, b) => a - b).slice(0, 5)).toEqual([250, 250, 250, 250, 250]);
    expect(Math.max(...noSleep.delays)).toBe(1000);
  });

  it('honours Retry-After and then succeeds', async () => {
    const { sink, results } = memorySink();
    const adapter = fakeAdapter(async (_req, call) => {
      if (call === 1) throw new ProviderError({ provider: 'fake', kind: 'rate_limit', status: 429, retryAfterMs: 3000, message: 'HTTP 429' });
      return okResult('42');
    });
    await runEngine(baseOpts(adapter, sink, { items: items(1) }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ok', attempts: 2, output: '42' });
    expect(noSleep.delays).toEqual([3000]);
  });

  it('does not retry non-retryable errors and keeps going after unexpected exceptions', async () => {
    const { sink, results } = memorySink();
    const adapter = fakeAdapter(async (req) => {
      const q = req.messages[0].content;
      if (q.endsWith(' 1')) throw new ProviderError({ provider: 'fake', kind: 'bad_request', status: 400, message: 'HTTP 400 bad' });
      if (q.endsWith(' 2')) throw new TypeError('Cannot read properties of undefined');
      return okResult('ok');
    });
    const out = await runEngine(baseOpts(adapter, sink));
    const byId = Object.fromEntries(results.map((r) => [r.itemId, r]));
    expect(byId.i1).toMatchObject({ status: 'error', attempts: 1, errorKind: 'bad_request' });
    expect(byId.i2).toMatchObject({ status: 'error', attempts: 1, errorKind: 'unknown' });
    expect(out.ok).toBe(3);
    expect(out.error).toBe(2);
  });

  it('times out a hanging request, retries it, and records the timeout', async () => {
    const { sink, results } = memorySink();
    const adapter = fakeAdapter((req) => new Promise((_, reject) => req.signal?.addEventListener('abort', () => reject(new Error('aborted by signal')))));
    const out = await runEngine(baseOpts(adapter, sink, { items: items(1), timeoutMs: 30, retry: { maxRetries: 1 } }));
    expect(out.error).toBe(1);
    expect(results[0]).toMatchObject({ status: 'error', attempts: 2, errorKind: 'timeout' });
  });

  it('never exceeds the configured concurrency', async () => {
    const { sink, results } = memorySink();
    let inflight = 0;
    let peak = 0;
    const adapter = fakeAdapter(async () => {
      inflight++;
      peak = Math.max(peak, inflight);
      await new Promise((r) => setTimeout(r, 5));
      inflight--;
      return okResult('x');
    });
    await runEngine(baseOpts(adapter, sink, { items: items(12), concurrency: 3 }));
    expect(results).toHaveLength(12);
    expect(peak).toBe(3);
  });

  it('uses streamed chunk times for TTFT, TPOT and inter-chunk gaps', async () => {
    const { sink, results } = memorySink();
    const adapter = streamingAdapter(() => {
      const chunks: StreamChunk[] = [
        { type: 'text', text: 'Hal', atMs: 1100 },
        { type: 'text', text: 'lo ', atMs: 1130 },
        { type: 'text', text: 'Welt', atMs: 1190 }
      ];
      const result = Promise.resolve<GenerateResult>({ text: 'Hallo Welt', usage: { inputTokens: 5, outputTokens: 4 }, finishReason: 'stop', timing: { startMs: 1000, endMs: 1190 } });
      return {
        result,
        async *[Symbol.asyncIterator]() {
          yield* chunks;
        }
      };
    });
    await runEngine(baseOpts(adapter, sink, { items: items(1) }));
    expect(results[0]).toMatchObject({ status: 'ok', output: 'Hallo Welt', ttftMs: 100, e2eMs: 190, itlMs: [30, 60] });
    expect(results[0].tpotMs).toBeCloseTo(30, 10);
  });

  it('takes text and chunk times from the result of a stream that keeps them there, without iterating it', async () => {
    const { sink, results } = memorySink();
    const adapter = streamingAdapter(() => ({
      result: Promise.resolve<GenerateResult>({ text: 'Hallo Welt', usage: { inputTokens: 5, outputTokens: 4 }, finishReason: 'stop', timing: { startMs: 1000, firstTokenMs: 1100, chunkTimesMs: [1100, 1130, 1190], endMs: 1190 } }),
      resultHasChunkTimes: true,
      [Symbol.asyncIterator]() {
        throw new Error('iterated although the result has everything');
      }
    }));
    await runEngine(baseOpts(adapter, sink, { items: items(1) }));
    expect(results[0]).toMatchObject({ status: 'ok', output: 'Hallo Welt', ttftMs: 100, e2eMs: 190, itlMs: [30, 60] });
  });
});

describe('runEngine cost cap', () => {
  it('stops dispatching before the cap would be crossed and reports aborted', async () => {
    const { sink, results } = memorySink();
    const adapter = fakeAdapter(async () => okResult('x'));
    const out = await runEngine(baseOpts(adapter, sink, { items: items(10), concurrency: 1, costOf: () => 0.01, maxCostEur: 0.035 }));
    expect(out.status).toBe('aborted');
    expect(out.reason).toMatch(/Kostengrenze 0.035 EUR/);
    expect(results).toHaveLength(3);
    expect(out.spentEur).toBeCloseTo(0.03, 10);
    expect(out.notDispatched).toBe(7);
  });

  it('counts the spend of an earlier session when resuming', async () => {
    const { sink, results } = memorySink();
    const adapter = fakeAdapter(async () => okResult('x'));
    const out = await runEngine(baseOpts(adapter, sink, { items: items(10), concurrency: 1, costOf: () => 0.01, maxCostEur: 0.035, priorSpentEur: 0.02, priorCostCount: 2 }));
    expect(results).toHaveLength(1);
    expect(out.status).toBe('aborted');
  });
});

describe('rate limits', () => {
  it('token bucket makes the caller wait for the next token', async () => {
    let clock = 0;
    const waits: number[] = [];
    const bucket = new TokenBucket(2, () => clock, async (ms) => {
      waits.push(ms);
      clock += ms;
    });
    await bucket.take(1);
    await bucket.take(1);
    expect(waits).toEqual([]);
    await bucket.take(1);
    // 2 per minute → one token every 30 s
    expect(waits).toEqual([30_000]);
    expect(clock).toBe(30_000);
  });

  it('the engine waits on the requests-per-minute bucket', async () => {
    const { sink } = memorySink();
    let clock = 0;
    const adapter = fakeAdapter(async () => okResult('x'));
    const delays: number[] = [];
    await runEngine({
      ...baseOpts(adapter, sink, { items: items(3), concurrency: 1 }),
      rateLimit: { requestsPerMinute: 1 },
      now: () => clock,
      sleep: async (ms) => {
        delays.push(ms);
        clock += ms;
      }
    });
    expect(delays).toEqual([60_000, 60_000]);
  });

  it('full-jitter backoff stays within its ceiling and never under Retry-After', () => {
    expect(backoffDelayMs(3, defaultRetryPolicy, () => 0.999)).toBeLessThan(2000);
    expect(backoffDelayMs(1, defaultRetryPolicy, () => 0, 700)).toBe(700);
    expect(backoffDelayMs(10, defaultRetryPolicy, () => 0.999)).toBeLessThanOrEqual(defaultRetryPolicy.maxDelayMs);
  });
});

describe('response cache', () => {
  it('replays successful responses without a request and never caches errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'werkbank-cache-'));
    const cache = new FileResponseCache(dir);
    let fail = true;
    const adapter = fakeAdapter(async (req) => {
      if (req.messages[0].content.endsWith(' 2') && fail) throw new ProviderError({ provider: 'fake', kind: 'bad_request', status: 400, message: 'no' });
      return okResult(`A:${req.messages[0].content}`);
    });
    const first = memorySink();
    await runEngine(baseOpts(adapter, first.sink, { items: items(3), cache }));
    expect(adapter.calls).toBe(3);
    fail = false;
    const second = memorySink();
    await runEngine(baseOpts(adapter, second.sink, { items: items(3), cache }));
    // only the errored item is requested again
    expect(adapter.calls).toBe(4);
    const byId = Object.fromEntries(second.results.map((r) => [r.itemId, r]));
    expect(byId.i1).toMatchObject({ status: 'ok', attempts: 0, cached: true, output: 'A:Frage 1', costEur: 0 });
    expect(byId.i2).toMatchObject({ status: 'ok', attempts: 1, cached: false });
  });
});

describe('compliance guard', () => {
  it('refuses tier 3 for personal data unless allowed', () => {
    expect(() => checkComplianceGuard({ suiteId: 'de-email-triage', personalData: true, targetId: 'openai/gpt', tier: 3 })).toThrow(ComplianceGuardError);
    try {
      checkComplianceGuard({ suiteId: 's', personalData: true, targetId: 't', tier: 3 });
    } catch (e) {
      expect((e as ComplianceGuardError).exitCode).toBe(2);
      expect((e as Error).message).toMatch(/personenbezogene Daten/);
      expect((e as Error).message).toMatch(/personal data/);
    }
    expect(checkComplianceGuard({ suiteId: 's', personalData: true, targetId: 't', tier: 3, allowThirdCountry: true })).toBe('override');
    expect(checkComplianceGuard({ suiteId: 's', personalData: true, targetId: 't', tier: 1 })).toBe('ok');
    expect(checkComplianceGuard({ suiteId: 's', personalData: false, targetId: 't', tier: 3 })).toBe('ok');
  });
});
