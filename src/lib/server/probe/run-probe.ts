// Hardware probe: TTFT, per-stream decode speed and aggregate decode throughput of one target at
// several concurrency levels, from streamed requests with a fixed prompt and output length.
//
// Definitions (per request, times from performance.now() in the adapter):
//   ttftMs          = firstTokenMs − startMs (request sent → first content chunk)
//   decode tok/s    = (outputTokens − 1) / ((endMs − firstTokenMs) / 1000), outputTokens as reported
//                     by the server (usage.outputTokens); the first token belongs to TTFT, so it is excluded
// Per concurrency level c, `repeats` batches of c simultaneous requests run one after another:
//   decodeTokensPerSecPerStream = median of the per-request decode speeds
//   aggregateTokensPerSec       = Σ outputTokens / Σ batch wall time, where a batch's wall time is
//                                 max(endMs) − min(startMs) of its c requests (prefill included)
import { percentile } from '../../core/metrics/timing';
import { ProviderError, type GenerateResult, type ProviderAdapter } from '../providers/types';
import { describeHost, type HardwareInfo } from '../engine/hardware';
import { probePrompt } from './prompt';

export interface ProbeOptions {
  /** Provider model id sent with each request. */
  model: string;
  /** Target name for the record (default `<adapter id>/<model>`). */
  target?: string;
  concurrency: number[];
  promptTokens: number;
  outputTokens: number;
  /** Batches per concurrency level (default 1). */
  repeats?: number;
  /** One unmeasured request before the first level (default true): loads weights, warms caches. */
  warmup?: boolean;
  /** Free-text label for the hardware (e.g. "1× H100 SXM, vLLM"); remote servers cannot be inspected. */
  hardwareLabel?: string;
  signal?: AbortSignal;
  onProgress?: (msg: string) => void;
}

export interface ProbePoint {
  concurrency: number;
  requests: number;
  ttftMsP50: number | null;
  ttftMsP90: number | null;
  decodeTokensPerSecPerStream: number | null;
  aggregateTokensPerSec: number | null;
  e2eMsP50: number | null;
  inputTokensP50: number | null;
  outputTokensP50: number | null;
  /** Requests whose output was too short (< 2 tokens) to give a decode speed. */
  shortOutputs: number;
}

export interface ProbeResult {
  target: string;
  model: string;
  synthetic: boolean;
  promptTokens: number;
  outputTokens: number;
  repeats: number;
  points: ProbePoint[];
  hardware: HardwareInfo;
  startedAt: string;
}

/** Optional extras an adapter may offer (the local engine does). */
interface ProbeCapable {
  isSynthetic?: boolean;
  ensureConcurrency?(n: number): Promise<void>;
  countTokens?(text: string): number;
  hardware?(label?: string): Promise<HardwareInfo>;
}

interface Measured {
  result: GenerateResult;
}

export async function runProbe(adapter: ProviderAdapter, opts: ProbeOptions): Promise<ProbeResult> {
  const levels = [...new Set(opts.concurrency)];
  if (levels.length === 0 || levels.some((c) => !Number.isInteger(c) || c < 1)) throw new RangeError('concurrency: positive ganze Zahlen erwartet');
  if (!Number.isInteger(opts.promptTokens) || opts.promptTokens < 1) throw new RangeError('promptTokens muss ≥ 1 sein');
  if (!Number.isInteger(opts.outputTokens) || opts.outputTokens < 2) throw new RangeError('outputTokens muss ≥ 2 sein (ein Token gehört zur TTFT)');
  const repeats = opts.repeats ?? 1;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError('repeats muss ≥ 1 sein');
  const extra = adapter as ProviderAdapter & ProbeCapable;
  const startedAt = new Date().toISOString();
  const countTokens = extra.countTokens?.bind(extra);
  let requestNo = 0;

  const one = async (): Promise<Measured> => {
    const no = ++requestNo;
    const stream = adapter.stream({
      model: opts.model,
      messages: [{ role: 'user', content: probePrompt(opts.promptTokens, no, countTokens) }],
      maxTokens: opts.outputTokens,
      temperature: 0,
      signal: opts.signal
    });
    // Drain the chunks; the timings come from the adapter's result.
    for await (const _chunk of stream) {
      void _chunk;
    }
    return { result: await stream.result };
  };

  if (extra.ensureConcurrency) await extra.ensureConcurrency(Math.max(...levels));
  if (opts.warmup !== false) {
    opts.onProgress?.('Aufwärmen (1 Anfrage, nicht gemessen)');
    await one();
  }

  const points: ProbePoint[] = [];
  for (const c of levels) {
    opts.signal?.throwIfAborted();
    const measured: Measured[] = [];
    let wallMs = 0;
    for (let r = 0; r < repeats; r++) {
      opts.onProgress?.(`Nebenläufigkeit ${c}, Durchgang ${r + 1}/${repeats}`);
      const batch = await Promise.all(Array.from({ length: c }, () => one()));
      const start = Math.min(...batch.map((m) => m.result.timing.startMs));
      const end = Math.max(...batch.map((m) => m.result.timing.endMs));
      wallMs += end - start;
      measured.push(...batch);
    }
    points.push(pointFrom(c, measured, wallMs));
  }

  const hardware = extra.hardware ? await extra.hardware(opts.hardwareLabel) : describeHost('remote', opts.hardwareLabel);
  return {
    target: opts.target ?? `${adapter.id}/${opts.model}`,
    model: opts.model,
    synthetic: extra.isSynthetic === true,
    promptTokens: opts.promptTokens,
    outputTokens: opts.outputTokens,
    repeats,
    points,
    hardware,
    startedAt
  };
}

/** Per-request figures from one measured result; decode undefined when it cannot be computed. */
export function requestFigures(r: GenerateResult): { ttftMs?: number; decodeTokensPerSec?: number; e2eMs: number; outputTokens?: number } {
  const { startMs, firstTokenMs, endMs } = r.timing;
  const out = r.usage.outputTokens;
  const ttftMs = firstTokenMs !== undefined ? firstTokenMs - startMs : undefined;
  const decodeMs = firstTokenMs !== undefined ? endMs - firstTokenMs : undefined;
  const decodeTokensPerSec = out !== undefined && out >= 2 && decodeMs !== undefined && decodeMs > 0 ? (out - 1) / (decodeMs / 1000) : undefined;
  return { ttftMs, decodeTokensPerSec, e2eMs: endMs - startMs, outputTokens: out };
}

function pointFrom(concurrency: number, measured: Measured[], wallMs: number): ProbePoint {
  const figs = measured.map((m) => requestFigures(m.result));
  const nums = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined && Number.isFinite(x));
  const ttft = nums(figs.map((f) => f.ttftMs));
  const decode = nums(figs.map((f) => f.decodeTokensPerSec));
  const outTokens = nums(figs.map((f) => f.outputTokens));
  const inTokens = nums(measured.map((m) => m.result.usage.inputTokens));
  if (outTokens.length < measured.length) {
    throw new ProviderError({ provider: 'probe', kind: 'malformed_response', retryable: false, message: 'der Server meldet keine Ausgabe-Token (usage.outputTokens); ohne sie lässt sich die Dekodiergeschwindigkeit nicht bestimmen' });
  }
  const totalOut = outTokens.reduce((a, b) => a + b, 0);
  return {
    concurrency,
    requests: measured.length,
    ttftMsP50: round(percentile(ttft, 50)),
    ttftMsP90: round(percentile(ttft, 90)),
    decodeTokensPerSecPerStream: round(percentile(decode, 50)),
    aggregateTokensPerSec: wallMs > 0 ? round(totalOut / (wallMs / 1000)) : null,
    e2eMsP50: round(percentile(nums(figs.map((f) => f.e2eMs)), 50)),
    inputTokensP50: percentile(inTokens, 50),
    outputTokensP50: percentile(outTokens, 50),
    shortOutputs: figs.filter((f) => f.decodeTokensPerSec === undefined).length
  };
}

function round(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : Math.round(x * 100) / 100;
}
