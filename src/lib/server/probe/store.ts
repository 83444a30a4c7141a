// Probe persistence: one row per probe in the `probes` table (points and hardware as JSON), and the
// mapping of probe points to catalog throughput points, the form the capacity model calibrates from.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/db';
import type { ThroughputPoint } from '../../core/catalog/schema';
import type { ProbeResult } from './run-probe';

export async function saveProbe(store: Store, probe: ProbeResult): Promise<string> {
  const id = `probe-${probe.startedAt.replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  await store.insertRows('probes', [
    {
      id,
      target: probe.target,
      model: probe.model,
      synthetic: probe.synthetic,
      hardware: probe.hardware,
      prompt_tokens: probe.promptTokens,
      output_tokens: probe.outputTokens,
      points: { repeats: probe.repeats, startedAt: probe.startedAt, points: probe.points }
    }
  ]);
  return id;
}

export interface StoredProbe {
  id: string;
  target: string;
  model: string | null;
  synthetic: boolean;
  hardware: unknown;
  promptTokens: number | null;
  outputTokens: number | null;
  points: ProbeResult['points'];
  createdAt: string;
}

export async function listProbes(store: Store, opts: { target?: string; limit?: number } = {}): Promise<StoredProbe[]> {
  const rows = await store.query<Record<string, unknown>>(
    `SELECT id, target, model, synthetic, hardware::VARCHAR AS hardware, prompt_tokens, output_tokens, points::VARCHAR AS points, created_at
       FROM probes ${opts.target ? 'WHERE target = $target' : ''} ORDER BY created_at DESC LIMIT ${Math.max(1, Math.floor(opts.limit ?? 100))}`,
    opts.target ? { target: opts.target } : undefined
  );
  return rows.map((r) => {
    const pts = JSON.parse(String(r.points)) as { points: ProbeResult['points'] };
    return {
      id: String(r.id),
      target: String(r.target),
      model: r.model === null ? null : String(r.model),
      synthetic: Boolean(r.synthetic),
      hardware: r.hardware === null ? null : JSON.parse(String(r.hardware)),
      promptTokens: r.prompt_tokens === null ? null : Number(r.prompt_tokens),
      outputTokens: r.output_tokens === null ? null : Number(r.output_tokens),
      points: pts.points,
      createdAt: String(r.created_at)
    };
  });
}

/**
 * Probe points as catalog throughput points (`throughputPointSchema`) for the capacity model: `gpu` is
 * the catalog GPU id the probe ran on, `model` the open-model id + quant (e.g. `mistral-7b-q4_0`).
 * Points without a measurable aggregate speed are left out.
 */
export function toThroughputPoints(probe: ProbeResult, opts: { gpu: string; gpuCount?: number; model: string; engine: string; asOf?: string }): ThroughputPoint[] {
  const asOf = opts.asOf ?? probe.startedAt.slice(0, 10);
  return probe.points
    .filter((p) => p.aggregateTokensPerSec !== null && p.aggregateTokensPerSec > 0)
    .map((p) => ({
      gpu: opts.gpu,
      gpuCount: opts.gpuCount ?? 1,
      model: opts.model,
      engine: opts.engine,
      concurrency: p.concurrency,
      promptTokens: probe.promptTokens,
      outputTokens: probe.outputTokens,
      aggregateTokensPerSec: p.aggregateTokensPerSec!,
      ...(p.decodeTokensPerSecPerStream ? { decodeTokensPerSecPerStream: p.decodeTokensPerSecPerStream } : {}),
      ...(p.ttftMsP50 !== null ? { ttftMsP50: p.ttftMsP50 } : {}),
      method: `werkbank probe --prompt-tokens ${probe.promptTokens} --output-tokens ${probe.outputTokens} --repeats ${probe.repeats}`,
      source: `werkbank probe ${probe.target}${probe.synthetic ? ' (synthetisches Modell)' : ''} on ${probe.hardware.label ?? probe.hardware.cpuModel}`,
      asOf
    }));
}

/**
 * Bandwidth efficiency of single-stream decode, the roofline model's `efficiency.bandwidth`:
 * measured tok/s ÷ (bandwidth ÷ bytes read per token), bytes per token = weights + context × KV bytes.
 * Example (h100-llamacpp-synthetic.md): Mistral 7B Q4_0, 4.145 GB, 340.4 tok/s on 3,350 GB/s → 0.42.
 */
export function bandwidthEfficiency(decodeTokensPerSec: number, opts: { weightBytes: number; bandwidthGbps: number; gpuCount?: number; kvBytesPerToken?: number; contextTokens?: number }): number | null {
  const bytesPerToken = opts.weightBytes + (opts.kvBytesPerToken ?? 0) * (opts.contextTokens ?? 0);
  const roofline = (opts.bandwidthGbps * 1e9 * (opts.gpuCount ?? 1)) / bytesPerToken;
  const eff = decodeTokensPerSec / roofline;
  return Number.isFinite(eff) && eff > 0 ? eff : null;
}
