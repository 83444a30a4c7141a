// Timing metrics against hand-computed values (AIPerf/vLLM definitions).
import { describe, expect, it } from 'vitest';
import { distribution, meetsSlo, percentile, requestMetrics, runMetrics } from '../../src/lib/core/metrics/timing';

describe('requestMetrics', () => {
  it('computes TTFT, TPOT, ITL, E2E and tokens/s for a streamed request', () => {
    // start 1000, chunks at 1200, 1250, 1330, 1400; end 1410; 5 output tokens
    const m = requestMetrics({ startMs: 1000, endMs: 1410, firstTokenMs: 1200, chunkTimesMs: [1200, 1250, 1330, 1400], outputTokens: 5 });
    expect(m.ttftMs).toBe(200);
    expect(m.e2eMs).toBe(410);
    // (410 - 200) / (5 - 1) = 52.5
    expect(m.tpotMs).toBeCloseTo(52.5, 10);
    expect(m.itlMs).toEqual([50, 80, 70]);
    // 1000 / 52.5
    expect(m.outputTokensPerSec).toBeCloseTo(19.047619, 5);
  });

  it('takes TTFT from the first chunk when firstTokenMs is missing', () => {
    const m = requestMetrics({ startMs: 0, endMs: 100, chunkTimesMs: [30, 60], outputTokens: 2 });
    expect(m.ttftMs).toBe(30);
    expect(m.tpotMs).toBe(70);
  });

  it('leaves TPOT undefined with one output token and TTFT undefined without streaming', () => {
    const one = requestMetrics({ startMs: 0, endMs: 100, firstTokenMs: 90, chunkTimesMs: [90], outputTokens: 1 });
    expect(one.tpotMs).toBeUndefined();
    expect(one.itlMs).toEqual([]);
    // falls back to tokens / e2e: 1 token in 0.1 s
    expect(one.outputTokensPerSec).toBeCloseTo(10, 10);
    const plain = requestMetrics({ startMs: 0, endMs: 2000, outputTokens: 40 });
    expect(plain.ttftMs).toBeUndefined();
    expect(plain.tpotMs).toBeUndefined();
    expect(plain.outputTokensPerSec).toBe(20);
    const none = requestMetrics({ startMs: 0, endMs: 0 });
    expect(none.outputTokensPerSec).toBeUndefined();
    expect(none.e2eMs).toBe(0);
  });
});

describe('percentile and distribution', () => {
  it('interpolates linearly between closest ranks', () => {
    const xs = [10, 20, 30, 40];
    expect(percentile(xs, 50)).toBe(25);
    // rank 0.9*3 = 2.7 → 30 + 0.7*10
    expect(percentile(xs, 90)).toBeCloseTo(37, 10);
    expect(percentile([40, 10, 30, 20], 99)).toBeCloseTo(39.7, 10);
    expect(percentile([], 50)).toBeNull();
  });

  it('ignores NaN and undefined and reports nulls when empty', () => {
    const d = distribution([1, undefined, Number.NaN, 3, null]);
    expect(d).toMatchObject({ n: 2, mean: 2, min: 1, max: 3, p50: 2 });
    const e = distribution([]);
    expect(e).toEqual({ n: 0, mean: null, min: null, max: null, p50: null, p90: null, p95: null, p99: null });
  });

  it('summarises a long run\'s inter-token latencies (1,000,000 values) like the per-percentile definition', () => {
    // a run of 4,000 items × 250 streamed tokens; spreading this many values into Math.min threw
    // "Maximum call stack size exceeded" and the run summary was lost
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 40;
    const xs = Array.from({ length: 1_000_000 }, rand);
    const d = distribution(xs);
    const sorted = [...xs].sort((a, b) => a - b);
    expect(d.n).toBe(1_000_000);
    expect(d.min).toBe(sorted[0]);
    expect(d.max).toBe(sorted[sorted.length - 1]);
    expect(d.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 9);
    for (const p of [50, 90, 95, 99] as const) expect(d[`p${p}`], `p${p}`).toBe(percentile(xs, p));
    const m = runMetrics([{ ok: true, ttftMs: 1, tpotMs: 1, e2eMs: 2, itlMs: xs, outputTokens: xs.length + 1 }], 1000);
    expect(m.itlMs).toMatchObject({ n: 1_000_000, p50: d.p50, max: d.max });
  });
});

describe('runMetrics', () => {
  const records = [
    { ok: true, ttftMs: 100, tpotMs: 10, e2eMs: 500, itlMs: [10, 12], outputTokens: 41, outputTokensPerSec: 100 },
    { ok: true, ttftMs: 300, tpotMs: 20, e2eMs: 1100, itlMs: [20], outputTokens: 41, outputTokensPerSec: 50 },
    { ok: true, ttftMs: 200, tpotMs: 40, e2eMs: 1800, itlMs: [], outputTokens: 40, outputTokensPerSec: 25 },
    { ok: false, ttftMs: null, e2eMs: 30 }
  ];

  it('computes throughput over the run duration and distributions over successful requests only', () => {
    const m = runMetrics(records, 2000);
    expect(m.completed).toBe(3);
    expect(m.failed).toBe(1);
    expect(m.requestThroughputPerSec).toBe(1.5);
    // (41 + 41 + 40) / 2 s
    expect(m.outputThroughputTokensPerSec).toBe(61);
    expect(m.ttftMs.p50).toBe(200);
    expect(m.e2eMs.min).toBe(500);
    // ITL pools all gaps: [10, 12, 20]
    expect(m.itlMs.n).toBe(3);
    expect(m.itlMs.mean).toBe(14);
    expect(m.goodputPerSec).toBeNull();
    expect(m.goodShare).toBeNull();
  });

  it('counts goodput as requests meeting every target per second', () => {
    // ttft ≤ 250 and tpot ≤ 25: only the first request (the third has tpot 40, the second ttft 300)
    const m = runMetrics(records, 2000, { ttftMs: 250, tpotMs: 25 });
    expect(m.goodputPerSec).toBe(0.5);
    expect(m.goodShare).toBeCloseTo(1 / 3, 10);
    expect(meetsSlo({ ok: true, e2eMs: 100 }, { ttftMs: 50 })).toBe(false);
    expect(meetsSlo({ ok: false, ttftMs: 1 }, { ttftMs: 50 })).toBe(false);
  });

  it('never yields NaN or Infinity for an empty or zero-length run', () => {
    const m = runMetrics([], 0, { e2eMs: 10 });
    const json = JSON.stringify(m);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(m.requestThroughputPerSec).toBeNull();
    expect(m.goodShare).toBeNull();
  });
});
