// GPU check, step 3 (back on this machine): reads the probe documents run.sh wrote and sets each
// measured point against (a) the catalog's measured throughput points for the same GPU, model and
// concurrency (llama-batched-bench on an H100, h100-llamacpp-synthetic.md) and (b) the capacity
// model's roofline with the default efficiencies. Prints a Markdown table for docs/PERFORMANCE.md.
// Usage: npx tsx test/perf/gpu/report.ts DIR [--gpu h100-sxm]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../../src/lib/server/catalog/load';
import { kvBytesPerToken, rooflineStepSeconds } from '../../../src/lib/core/sim';
import { DEFAULT_EFFICIENCY } from '../../../src/lib/core/sim/calibration';

interface Point {
  concurrency: number;
  ttftMsP50: number | null;
  decodeTokensPerSecPerStream: number | null;
  aggregateTokensPerSec: number | null;
  inputTokensP50: number | null;
  outputTokensP50: number | null;
}
interface ProbeDoc {
  target: string;
  points: Point[];
  throughput?: { gpu: string }[];
  hardware: { gpu: { backend: string; devices: string[]; vramGb?: number } | null; flashAttention?: boolean | 'auto'; gpuLayers?: number; engine?: string };
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: npx tsx test/perf/gpu/report.ts DIR [--gpu h100-sxm]\n');
  process.exit(2);
}
const gpuIdx = process.argv.indexOf('--gpu');
const gpuArg = gpuIdx > 0 ? process.argv[gpuIdx + 1] : undefined;
const catalog = await loadCatalog({ rootDir: process.cwd() });

const fmt = (n: number | null | undefined, d = 0) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('synth-'));
const synth = new Map<string, { bytes: number; seconds: number; gibPerSec: number }>();
for (const f of readdirSync(dir).filter((f) => f.startsWith('synth-') && f.endsWith('.json'))) {
  try {
    const d = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    synth.set(d.shape, d);
  } catch {
    /* a synth that failed left an empty file */
  }
}
for (const [shape, s] of synth) console.log(`synth ${shape}: ${fmt(s.bytes / 2 ** 30, 2)} GiB in ${fmt(s.seconds, 1)} s (${fmt(s.gibPerSec, 2)} GiB/s)`);
console.log('');
console.log('| probe | c | TTFT p50 ms | decode tok/s per stream | × c | aggregate tok/s (prefill incl.) | catalog S_TG (llama-batched-bench) | Werkbank ÷ catalog | roofline decode tok/s per stream | measured ÷ roofline |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const f of files.sort()) {
  let doc: ProbeDoc;
  try {
    doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  } catch {
    console.log(`| ${f} | – | no result (see log.txt) |||||||||`);
    continue;
  }
  // the catalog GPU run.sh chose from nvidia-smi (carried in the emitted throughput points)
  const gpuId = gpuArg ?? doc.throughput?.[0]?.gpu ?? 'h100-sxm';
  const gpu = catalog.gpus.find((g) => g.id === gpuId);
  if (!gpu) throw new Error(`catalog has no GPU ${gpuId}`);
  const shapeId = doc.target.replace(/^local\/models\//, '').replace(/-q4_0\.gguf$/, '');
  const shape = catalog.openModels.find((m) => m.id === shapeId);
  const file = synth.get(shapeId);
  for (const p of doc.points) {
    const perStreamTimesC = p.decodeTokensPerSecPerStream === null ? null : p.decodeTokensPerSecPerStream * p.concurrency;
    const ref = catalog.throughput.find((t) => t.gpu === gpuId && t.model === `${shapeId}-q4_0` && t.concurrency === p.concurrency && t.engine === 'llama.cpp');
    let roof: number | null = null;
    if (shape && file) {
      const ctx = (p.inputTokensP50 ?? 512) + (p.outputTokensP50 ?? 128) / 2;
      const kv = kvBytesPerToken(shape);
      roof = 1 / rooflineStepSeconds({ activeWeightBytes: file.bytes, kvBytesPerToken: kv, avgContextTokens: ctx, activeParamsB: shape.activeParamsB, bandwidthGbps: gpu.bandwidthGbps, fp16Tflops: gpu.fp16Tflops, gpuCount: 1, efficiency: DEFAULT_EFFICIENCY }, p.concurrency).stepSeconds;
    }
    const name = `${f.replace(/\.json$/, '')} on ${gpuId} (FA ${String(doc.hardware.flashAttention ?? '?')}, ${doc.hardware.gpuLayers ?? '?'} layers on GPU)`;
    console.log(
      `| ${name} | ${p.concurrency} | ${fmt(p.ttftMsP50)} | ${fmt(p.decodeTokensPerSecPerStream, 1)} | ${fmt(perStreamTimesC)} | ${fmt(p.aggregateTokensPerSec)} | ${fmt(ref?.aggregateTokensPerSec)} | ${ref && perStreamTimesC !== null ? fmt(perStreamTimesC / ref.aggregateTokensPerSec, 2) : '–'} | ${fmt(roof, 1)} | ${roof && p.decodeTokensPerSecPerStream ? fmt(p.decodeTokensPerSecPerStream / roof, 2) : '–'} |`
    );
  }
}
const first = files.map((f) => { try { return JSON.parse(readFileSync(join(dir, f), 'utf8')) as ProbeDoc; } catch { return undefined; } }).find(Boolean);
if (first) console.log(`\nhardware: ${JSON.stringify(first.hardware)}`);
console.log(`roofline: catalog bandwidth × efficiency ${DEFAULT_EFFICIENCY.bandwidth}, catalog FP16 TFLOPS × ${DEFAULT_EFFICIENCY.compute}; bytes per step = GGUF file + c × context × KV bytes per token`);
