// `werkbank probe --target T --concurrency 1,4,16 --prompt-tokens 512 --output-tokens 128`: measure TTFT,
// per-stream decode speed and aggregate throughput of a target at several concurrency levels and store
// the result with the hardware it ran on (table `probes`). Definitions: src/lib/server/probe/run-probe.ts.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { createLocalAdapter, SYNTHETIC_LABEL } from '../lib/server/engine/local-adapter';
import { runProbe, type ProbeResult } from '../lib/server/probe/run-probe';
import { saveProbe, toThroughputPoints } from '../lib/server/probe/store';
import { stringify as stringifyYaml } from 'yaml';
import { ProviderError, type ProviderAdapter } from '../lib/server/providers/types';
import { createAdapter, resolveTarget, TargetError } from '../lib/server/providers/registry';
import { loadConfig } from '../lib/server/config';
import { loadCatalog } from '../lib/server/catalog';
import { parseModelQuantId } from '../lib/core/sim';
import { formatTable, numberFlag, parseFlags, printJson, UsageError, type CliEnv, type Command } from './support/cli';

export const command: Command = {
  name: 'probe',
  summary: 'Hardware-Messung: TTFT, Dekodier-Token/s je Strom und gesamt bei mehreren Nebenläufigkeiten',
  usage:
    'werkbank probe --target ZIEL [--concurrency 1,4,16] [--prompt-tokens 512] [--output-tokens 128]\n' +
    '               [--repeats N] [--no-warmup] [--threads N] [--gpu auto|on|off] [--mmap on|off]\n' +
    '               [--flash-attention auto|on|off] [--hardware-label TEXT]\n' +
    '               [--no-store] [--catalog-gpu GPU-ID --catalog-model MODELL-QUANT [--engine NAME]]\n' +
    '               [--json] [--db PFAD]\n\n' +
    'Mit --catalog-gpu/--catalog-model gibt probe die Messpunkte zusätzlich als Katalog-Durchsatzpunkte aus\n' +
    '(Abschnitt throughput, für werkbank.catalog.yaml), mit denen das Kapazitätsmodell rechnet.\n' +
    'ZIEL: ein Ziel aus werkbank.config.yaml oder eine Route (local/<pfad.gguf>, ollama/<modell>, mistral/<modell>, …).\n' +
    'TTFT = Zeit bis zum ersten Token; Dekodier-Token/s je Strom = (Ausgabe-Token − 1) / (Ende − erstes Token)\n' +
    'mit den Ausgabe-Token, die der Server meldet; gesamt = alle Ausgabe-Token / Wandzeit der gleichzeitigen Anfragen.',
  async run({ argv, env, io, signal }) {
    const { values, positionals } = parseFlags(argv, {
      target: { type: 'string' },
      concurrency: { type: 'string' },
      'prompt-tokens': { type: 'string' },
      'output-tokens': { type: 'string' },
      repeats: { type: 'string' },
      'no-warmup': { type: 'boolean' },
      threads: { type: 'string' },
      gpu: { type: 'string' },
      mmap: { type: 'string' },
      'flash-attention': { type: 'string' },
      'hardware-label': { type: 'string' },
      'no-store': { type: 'boolean' },
      'catalog-gpu': { type: 'string' },
      'catalog-model': { type: 'string' },
      engine: { type: 'string' }
    });
    if (Boolean(values['catalog-gpu']) !== Boolean(values['catalog-model'])) throw new UsageError('--catalog-gpu und --catalog-model gehören zusammen (GPU-ID und <open-modell>-<quant> aus dem Katalog)');
    if (values['catalog-gpu'] && values['catalog-model']) {
      // the emitted throughput points must load as catalog data: check the ids before measuring
      const catalog = await loadCatalog({ rootDir: env.cwd, overridePath: env.catalogOverridePath });
      if (!catalog.gpus.some((g) => g.id === values['catalog-gpu'])) throw new UsageError(`--catalog-gpu: unbekannte GPU "${values['catalog-gpu']}" (bekannt: ${catalog.gpus.map((g) => g.id).join(', ')})`);
      const ref = parseModelQuantId(values['catalog-model']);
      if (!ref || !catalog.openModels.some((m) => m.id === ref.openModelId)) {
        throw new UsageError(`--catalog-model: "${values['catalog-model']}" ist kein <Open-Modell>-<Quantisierung> aus dem Katalog (Modelle: ${catalog.openModels.map((m) => m.id).join(', ')})`);
      }
    }
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    if (!values.target) throw new UsageError('--target fehlt (z. B. local/modelle/mistral-7b-q4_0.gguf oder ollama/llama3.1:8b)');
    const concurrency = parseConcurrency(values.concurrency ?? '1,4,16');
    const promptTokens = numberFlag('prompt-tokens', values['prompt-tokens'], { integer: true, min: 1, max: 1_000_000, fallback: 512 })!;
    const outputTokens = numberFlag('output-tokens', values['output-tokens'], { integer: true, min: 2, max: 100_000, fallback: 128 })!;
    const repeats = numberFlag('repeats', values.repeats, { integer: true, min: 1, max: 1000, fallback: 1 })!;
    const threads = numberFlag('threads', values.threads, { integer: true, min: 1, max: 1024 });
    const gpuFlag = values.gpu;
    if (gpuFlag !== undefined && !['auto', 'on', 'off'].includes(gpuFlag)) throw new UsageError(`--gpu: "${gpuFlag}" (erlaubt: auto, on, off)`);
    if (values.mmap !== undefined && !['on', 'off'].includes(values.mmap)) throw new UsageError(`--mmap: "${values.mmap}" (erlaubt: on, off)`);
    const fa = values['flash-attention'];
    if (fa !== undefined && !['auto', 'on', 'off'].includes(fa)) throw new UsageError(`--flash-attention: "${fa}" (erlaubt: auto, on, off)`);

    const adapter = await openTarget(values.target, env, {
      threads,
      gpu: gpuFlag === undefined ? undefined : gpuFlag === 'on' ? true : gpuFlag === 'auto' ? 'auto' : false,
      contextSize: promptTokens + outputTokens + 64,
      sequences: Math.max(...concurrency),
      mmap: values.mmap === undefined ? undefined : values.mmap === 'on',
      flashAttention: fa === undefined ? undefined : fa === 'auto' ? 'auto' : fa === 'on'
    });
    let result: ProbeResult;
    try {
      result = await runProbe(adapter.adapter, {
        model: adapter.model,
        target: values.target,
        concurrency,
        promptTokens,
        outputTokens,
        repeats,
        warmup: !values['no-warmup'],
        hardwareLabel: values['hardware-label'],
        signal,
        onProgress: (m) => io.err(`${m}\n`)
      });
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(err.message);
      throw err;
    } finally {
      await adapter.adapter.close?.();
    }

    for (const p of result.points) {
      const got = p.inputTokensP50;
      if (got !== null && Math.abs(got - promptTokens) > Math.max(8, promptTokens * 0.1)) {
        io.err(`Hinweis: bei Nebenläufigkeit ${p.concurrency} hatte der Prompt ${got} statt etwa ${promptTokens} Token (Tokenizer des Ziels); die Messung gilt für ${got}.\n`);
        break;
      }
    }
    let probeId: string | undefined;
    if (!values['no-store']) {
      // DuckDB (a native binding) is loaded only to store: `--no-store` runs without it, e.g. on a GPU
      // machine that carries only the engine (test/perf/gpu)
      const { Store } = await import('../lib/server/store/db');
      const store = await Store.open(values.db ?? env.dbPath);
      try {
        probeId = await saveProbe(store, result);
      } finally {
        await store.close();
      }
    }
    const throughput =
      values['catalog-gpu'] && values['catalog-model']
        ? toThroughputPoints(result, {
            gpu: values['catalog-gpu'],
            model: values['catalog-model'],
            engine: values.engine ?? (values.target.startsWith('local/') || result.hardware.engine ? `node-llama-cpp (${result.hardware.gpu ? 'GPU' : 'CPU'})` : values.target.split('/')[0])
          })
        : undefined;
    if (values.json) {
      printJson(io, { ...result, ...(result.synthetic ? { label: SYNTHETIC_LABEL } : {}), ...(probeId ? { probeId } : {}), ...(throughput ? { throughput } : {}) });
      return 0;
    }
    const de = (x: number | null, digits = 1) => (x === null ? null : new Intl.NumberFormat('de-DE', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x));
    io.out(`Ziel: ${result.target}${result.synthetic ? `  (synthetisches Modell: ${SYNTHETIC_LABEL})` : ''}\n`);
    io.out(`Hardware: ${describe(result)}\n`);
    io.out(`Prompt ≈ ${promptTokens} Token, Ausgabe ${outputTokens} Token, ${repeats} Durchgang/Durchgänge je Stufe\n\n`);
    io.out(
      formatTable(
        ['Nebenläufig', 'Anfragen', 'TTFT p50 ms', 'TTFT p90 ms', 'Token/s je Strom', 'Token/s gesamt', 'Prompt-Token', 'Ausgabe-Token'],
        result.points.map((p) => [p.concurrency, p.requests, de(p.ttftMsP50), de(p.ttftMsP90), de(p.decodeTokensPerSecPerStream), de(p.aggregateTokensPerSec), p.inputTokensP50, p.outputTokensP50])
      )
    );
    if (probeId) io.out(`\nGespeichert als ${probeId}.\n`);
    if (throughput) io.out(`\nFür werkbank.catalog.yaml:\n\n${stringifyYaml({ throughput })}`);
    return 0;
  }
};

function describe(r: ProbeResult): string {
  const h = r.hardware;
  const gpu = h.gpu ? `, GPU ${h.gpu.backend}: ${h.gpu.devices.join(', ') || 'unbekannt'}` : '';
  const mmap = h.modelMmap === undefined ? '' : h.modelMmap ? ', Modelldatei gemappt (mmap)' : ', Modell im Arbeitsspeicher (kein mmap)';
  const layers = h.gpu && h.gpuLayers !== undefined ? `, ${h.gpuLayers} Schichten auf der GPU` : '';
  const fa = h.flashAttention === undefined ? '' : `, Flash-Attention ${h.flashAttention === 'auto' ? 'automatisch' : h.flashAttention ? 'an' : 'aus'}`;
  const where = h.location === 'remote' ? 'entfernter Server (nur der Client ist bekannt)' : `${h.cpuModel}, ${h.cpuCores} Kerne${h.threads ? `, ${h.threads} Threads` : ''}${gpu}${layers}${mmap}${fa}`;
  return `${h.label ? `${h.label}; ` : ''}${where}${h.gpuFallback ? ` (GPU nicht genutzt: ${h.gpuFallback})` : ''}`;
}

export function parseConcurrency(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  const out: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (p === '' || !Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError(`--concurrency: "${p}" ist keine ganze Zahl zwischen 1 und 1024 (Beispiel: 1,4,16)`);
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

interface OpenedTarget {
  adapter: ProviderAdapter;
  /** Model id sent with each request (catalog providerModelId, deployment, or the model file). */
  model: string;
}

/**
 * Resolve the target through werkbank.config.yaml and the catalog (registry). The embedded engine is
 * opened here with probe-specific settings: one sequence per concurrent request and a context that
 * holds prompt + output; --threads / --gpu / --mmap / --flash-attention override the target's configuration.
 */
async function openTarget(
  name: string,
  env: CliEnv,
  local: { threads?: number; gpu?: boolean | 'auto'; contextSize: number; sequences: number; mmap?: boolean; flashAttention?: boolean | 'auto' }
): Promise<OpenedTarget> {
  let target;
  try {
    const [config, catalog] = await Promise.all([loadConfig(env.configPath, { rootDir: env.cwd, required: env.configRequired }), loadCatalog({ rootDir: env.cwd, overridePath: env.catalogOverridePath })]);
    target = resolveTarget(name, config, catalog);
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(`--target: ${err.message}`);
    throw err;
  }
  if (target.kind === 'local') {
    const l = target.local!;
    if (!existsSync(l.modelPath)) throw new UsageError(`--target: Modelldatei ${l.modelPath} gibt es nicht (werkbank synth erzeugt eine)`);
    try {
      const adapter = await createLocalAdapter({
        modelPath: l.modelPath,
        threads: local.threads ?? l.threads,
        gpu: local.gpu ?? l.gpu ?? false,
        contextSize: Math.max(local.contextSize, l.contextSize ?? 0),
        sequences: local.sequences,
        mmap: local.mmap ?? l.mmap,
        flashAttention: local.flashAttention ?? l.flashAttention
      });
      return { adapter, model: basename(l.modelPath) };
    } catch (err) {
      if (err instanceof ProviderError && err.kind !== 'unknown') throw new UsageError(err.message);
      throw err;
    }
  }
  try {
    return { adapter: await createAdapter(target, env.env), model: target.model };
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(`--target: ${err.message}`);
    throw err;
  }
}
