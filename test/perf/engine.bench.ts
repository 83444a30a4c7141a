// Embedded engine: `werkbank synth` writes synthetic Q4_0 models (random weights, exact shapes of the
// catalog's open models small-309m and mistral-7b) to data/bench/models/ (kept between runs, git-ignored),
// then `werkbank probe --json --no-store` measures TTFT and decode tokens/s on this machine at
// concurrency 1. Each figure is set against the capacity model's roofline prediction
// (src/lib/core/sim: rooflineStepSeconds with the default efficiencies, the catalog's `cpu-epyc-2c`
// hardware entry for this machine, scaled to the threads a probe uses, bytes per token = GGUF file size +
// context × KV bytes). The small shape also runs 8 streams at once: their aggregate against one
// stream's shows whether concurrent requests share llama.cpp's forward passes.
// Quick mode: the small shape only, 8 output tokens, one repeat.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/lib/server/catalog/load';
import { kvBytesPerToken, rooflineStepSeconds } from '../../src/lib/core/sim';
import { DEFAULT_EFFICIENCY } from '../../src/lib/core/sim/calibration';
import { BENCH_DIR, ROOT, round, runChild, type BenchOptions, type BenchResult } from './support';

const HW_ID = 'cpu-epyc-2c';
/** The entry's bandwidth and TFLOPS are the whole machine's (both threads); a 1-thread probe gets half. */
const HW_THREADS = 2;

interface ProbePoint {
  concurrency: number;
  ttftMsP50: number | null;
  decodeTokensPerSecPerStream: number | null;
  aggregateTokensPerSec: number | null;
  inputTokensP50?: number | null;
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const catalog = await loadCatalog({ rootDir: ROOT });
  const hw = catalog.gpus.find((g) => g.id === HW_ID);
  if (!hw) throw new Error(`catalog has no hardware entry ${HW_ID}`);
  const shapes = opts.quick
    ? [{ id: 'small-309m', threads: 1, promptTokens: 64, outputTokens: 8, repeats: 1, streams: undefined as number | undefined }]
    : [
        // 8 streams as well: one llama.cpp forward pass per step for all of them (batching)
        { id: 'small-309m', threads: 1, promptTokens: 128, outputTokens: 32, repeats: 2, streams: 8 },
        { id: 'mistral-7b', threads: 2, promptTokens: 32, outputTokens: 16, repeats: 1 }
      ];
  const dir = join(BENCH_DIR, 'models');
  mkdirSync(dir, { recursive: true });
  const out: BenchResult[] = [];
  for (const s of shapes) {
    const shape = catalog.openModels.find((m) => m.id === s.id);
    if (!shape) throw new Error(`catalog has no open model ${s.id}`);
    const file = join(dir, `${s.id}-q4_0.gguf`);
    if (!existsSync(file)) {
      const w = await runChild(process.execPath, [join(ROOT, 'bin/werkbank.js'), 'synth', '--shape', s.id, '--quant', 'q4_0', '--out', file, '--json'], { timeoutMs: 300_000 });
      if (w.code !== 0) throw new Error(`werkbank synth ${s.id} failed (exit ${w.code}): ${w.stderr.slice(-400)}`);
      out.push({ name: `engine: synth ${s.id} Q4_0 (${round(statSync(file).size / 2 ** 30, 2)} GiB)`, value: round(w.wallMs / 1000, 1), unit: 's', note: `peak RSS ${round(w.peakRssMb, 0)} MB` });
    }
    const p = await runChild(
      process.execPath,
      [join(ROOT, 'bin/werkbank.js'), 'probe', '--target', `local/${file}`, '--concurrency', s.streams ? `1,${s.streams}` : '1', '--prompt-tokens', String(s.promptTokens), '--output-tokens', String(s.outputTokens), '--repeats', String(s.repeats), '--threads', String(s.threads), '--gpu', 'off', '--no-store', '--json'],
      { timeoutMs: 480_000 }
    );
    if (p.code !== 0) throw new Error(`werkbank probe ${s.id} failed (exit ${p.code}): ${p.stderr.slice(-400)}`);
    const doc = JSON.parse(p.stdout) as { points: ProbePoint[]; hardware?: { modelMmap?: boolean } };
    const pt = doc.points.find((x) => x.concurrency === 1);
    const bytes = statSync(file).size;
    const kv = kvBytesPerToken(shape);
    const ctx = s.promptTokens + s.outputTokens / 2;
    const share = Math.min(s.threads, HW_THREADS) / HW_THREADS;
    const bandwidthGbps = hw.bandwidthGbps * share;
    const tflops = hw.fp16Tflops * share;
    const roof = { activeWeightBytes: bytes, kvBytesPerToken: kv, avgContextTokens: ctx, activeParamsB: shape.activeParamsB, bandwidthGbps, fp16Tflops: tflops, gpuCount: 1, efficiency: DEFAULT_EFFICIENCY };
    const predictedDecode = 1 / rooflineStepSeconds(roof, 1).stepSeconds;
    const predictedPrefillMs = ((s.promptTokens * 2 * shape.activeParamsB * 1e9) / (tflops * 1e12 * DEFAULT_EFFICIENCY.compute)) * 1000;
    const decode = pt?.decodeTokensPerSecPerStream ?? null;
    const ttft = pt?.ttftMsP50 ?? null;
    out.push({ name: `engine: ${s.id} Q4_0, ${s.threads} thread(s) — decode`, value: round(decode, 2), unit: 'tok/s', note: `roofline predicts ${round(predictedDecode, 1)} tok/s (${HW_ID}: ${round(bandwidthGbps, 1)} GB/s for ${s.threads} of ${HW_THREADS} threads × ${DEFAULT_EFFICIENCY.bandwidth}); measured/predicted ${decode === null ? '–' : round(decode / predictedDecode, 2)}` });
    out.push({ name: `engine: ${s.id} Q4_0 — TTFT p50, ${s.promptTokens}-token prompt`, value: round(ttft, 0), unit: 'ms', note: `roofline prefill ${round(predictedPrefillMs, 0)} ms (${round(tflops, 2)} TFLOPS × ${DEFAULT_EFFICIENCY.compute}); measured/predicted ${ttft === null ? '–' : round(predictedPrefillMs / ttft, 2)} (speed); probe wall ${round(p.wallMs / 1000, 1)} s` });
    const many = s.streams ? doc.points.find((x) => x.concurrency === s.streams) : undefined;
    if (many) {
      const gain = many.aggregateTokensPerSec && pt?.aggregateTokensPerSec ? many.aggregateTokensPerSec / pt.aggregateTokensPerSec : null;
      out.push({ name: `engine: ${s.id} Q4_0 — aggregate at ${s.streams} streams`, value: round(many.aggregateTokensPerSec, 1), unit: 'tok/s', note: `${gain === null ? '–' : round(gain, 2)}× one stream's aggregate (${round(pt?.aggregateTokensPerSec ?? null, 1)} tok/s, prefill included); decode per stream ${round(many.decodeTokensPerSecPerStream, 1)} tok/s` });
    }
    out.push({ name: `engine: ${s.id} Q4_0 — probe peak RSS`, value: round(p.peakRssMb, 0), unit: 'MB', note: `model file ${round(bytes / 2 ** 20, 0)} MiB, ${doc.hardware?.modelMmap === false ? 'read into memory' : doc.hardware?.modelMmap ? 'memory-mapped' : 'mapping unknown'} (whole process, Node included)` });
  }
  return out;
}
