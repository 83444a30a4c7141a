// Timing metrics per request and per run, following the definitions of NVIDIA AIPerf and vLLM's
// serving benchmark (see docs/runner.md): TTFT, TPOT, inter-chunk latency, E2E latency, output
// tokens/s per request; run-level percentiles, throughput and goodput against latency targets.
// Pure: takes timestamps from a monotonic clock in milliseconds, returns plain numbers.
import { percentile as statsPercentile, percentileSorted } from '../stats/descriptive';

/** What the runner knows about one finished request. Timestamps share one monotonic clock (ms). */
export interface RequestTimingInput {
  startMs: number;
  endMs: number;
  /** Arrival of the first non-empty content chunk (streaming only). */
  firstTokenMs?: number;
  /** Arrival time of each non-empty content chunk (streaming only). */
  chunkTimesMs?: number[];
  outputTokens?: number;
}

export interface RequestMetrics {
  /** Time to first token: first non-empty chunk − request start. Undefined without streaming. */
  ttftMs?: number;
  /** Time per output token after the first: (e2e − ttft) / (outputTokens − 1); needs ≥ 2 output tokens. */
  tpotMs?: number;
  /** Gaps between consecutive content chunks (vLLM "ITL", AIPerf "inter chunk latency"). */
  itlMs: number[];
  /** End-to-end request latency: last byte − request start. */
  e2eMs: number;
  /**
   * Output tokens per second for this request. Streaming: 1000 / TPOT (AIPerf "output token
   * throughput per user"); without a TPOT: outputTokens / E2E seconds.
   */
  outputTokensPerSec?: number;
}

const finite = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Per-request metrics. Never returns NaN or Infinity: undefined where a metric is not defined. */
export function requestMetrics(t: RequestTimingInput): RequestMetrics {
  const e2eMs = Math.max(0, t.endMs - t.startMs);
  const chunks = (t.chunkTimesMs ?? []).filter(finite);
  const first = finite(t.firstTokenMs) ? t.firstTokenMs : chunks.length > 0 ? chunks[0] : undefined;
  const ttftMs = first !== undefined ? Math.max(0, first - t.startMs) : undefined;
  const itlMs: number[] = [];
  for (let i = 1; i < chunks.length; i++) itlMs.push(Math.max(0, chunks[i] - chunks[i - 1]));
  const out = t.outputTokens;
  let tpotMs: number | undefined;
  if (ttftMs !== undefined && finite(out) && out >= 2) tpotMs = Math.max(0, e2eMs - ttftMs) / (out - 1);
  let outputTokensPerSec: number | undefined;
  if (tpotMs !== undefined && tpotMs > 0) outputTokensPerSec = 1000 / tpotMs;
  else if (finite(out) && out > 0 && e2eMs > 0) outputTokensPerSec = (out * 1000) / e2eMs;
  return { ttftMs, tpotMs, itlMs, e2eMs, outputTokensPerSec };
}

export interface Distribution {
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * Percentile with linear interpolation between closest ranks (numpy's default, which vLLM's
 * benchmark uses), via core/stats. `p` in 0..100. Input need not be sorted. Empty input → null.
 */
export function percentile(values: readonly number[], p: number): number | null {
  return statsPercentile(values, Math.min(100, Math.max(0, p)) / 100) ?? null;
}

/**
 * n, mean, min, max and p50/p90/p95/p99 of the finite values; nulls when there are none. Sorts once
 * (the inter-token latencies of a long run are millions of values: no spread into Math.min/max, which
 * overflows the stack from ≈ 120,000 arguments, and no copy and sort per percentile).
 */
export function distribution(values: readonly (number | undefined | null)[]): Distribution {
  const xs = new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v)) {
      xs[n++] = v;
      sum += v;
    }
  }
  if (n === 0) return { n: 0, mean: null, min: null, max: null, p50: null, p90: null, p95: null, p99: null };
  const sorted = xs.subarray(0, n).sort();
  const at = (p: number) => percentileSorted(sorted, p / 100) ?? null;
  return { n, mean: sum / n, min: sorted[0], max: sorted[n - 1], p50: at(50), p90: at(90), p95: at(95), p99: at(99) };
}

/** Optional latency targets (service level objectives) for goodput, all in ms. */
export interface LatencySlo {
  ttftMs?: number;
  tpotMs?: number;
  e2eMs?: number;
}

export interface RunRequestRecord {
  ok: boolean;
  ttftMs?: number | null;
  tpotMs?: number | null;
  e2eMs?: number | null;
  itlMs?: number[] | null;
  outputTokensPerSec?: number | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
}

export interface RunMetrics {
  /** Successful requests counted in the latency distributions. */
  completed: number;
  failed: number;
  durationMs: number;
  ttftMs: Distribution;
  tpotMs: Distribution;
  /** Distribution over all inter-chunk gaps of all successful requests (vLLM pools them). */
  itlMs: Distribution;
  e2eMs: Distribution;
  outputTokensPerSec: Distribution;
  /** Successful requests per second of run duration. */
  requestThroughputPerSec: number | null;
  /** Output tokens of successful requests per second of run duration. */
  outputThroughputTokensPerSec: number | null;
  /** Requests meeting every given latency target, per second (vLLM goodput); null without targets. */
  goodputPerSec: number | null;
  /** Share of successful requests meeting every target (0..1); null without targets. */
  goodShare: number | null;
  slo?: LatencySlo;
}

/** True when a request meets every target that is set; a target needing an undefined metric fails. */
export function meetsSlo(r: RunRequestRecord, slo: LatencySlo): boolean {
  if (!r.ok) return false;
  const check = (limit: number | undefined, v: number | null | undefined) => limit === undefined || (typeof v === 'number' && Number.isFinite(v) && v <= limit);
  return check(slo.ttftMs, r.ttftMs) && check(slo.tpotMs, r.tpotMs) && check(slo.e2eMs, r.e2eMs);
}

/** Aggregate request records of one run over a wall-clock duration (ms). */
export function runMetrics(records: readonly RunRequestRecord[], durationMs: number, slo?: LatencySlo): RunMetrics {
  const ok = records.filter((r) => r.ok);
  const dur = Number.isFinite(durationMs) && durationMs > 0 ? durationMs : 0;
  const perSec = (count: number) => (dur > 0 ? (count * 1000) / dur : null);
  const outTokens = ok.reduce((a, r) => a + (typeof r.outputTokens === 'number' && Number.isFinite(r.outputTokens) ? r.outputTokens : 0), 0);
  const hasSlo = slo !== undefined && (slo.ttftMs !== undefined || slo.tpotMs !== undefined || slo.e2eMs !== undefined);
  const good = hasSlo ? ok.filter((r) => meetsSlo(r, slo!)).length : 0;
  return {
    completed: ok.length,
    failed: records.length - ok.length,
    durationMs: dur,
    ttftMs: distribution(ok.map((r) => r.ttftMs ?? undefined)),
    tpotMs: distribution(ok.map((r) => r.tpotMs ?? undefined)),
    itlMs: distribution(ok.flatMap((r) => r.itlMs ?? [])),
    e2eMs: distribution(ok.map((r) => r.e2eMs ?? undefined)),
    outputTokensPerSec: distribution(ok.map((r) => r.outputTokensPerSec ?? undefined)),
    requestThroughputPerSec: perSec(ok.length),
    outputThroughputTokensPerSec: perSec(outTokens),
    goodputPerSec: hasSlo ? perSec(good) : null,
    goodShare: hasSlo ? (ok.length > 0 ? good / ok.length : null) : null,
    ...(hasSlo ? { slo } : {})
  };
}
