// Harness overhead: time per request spent in Werkbank itself — run service, engine (limiter, timeout,
// metrics), scoring, the batched DuckDB result writer — without a server or SDK: the target is an
// in-process adapter that answers instantly, so every microsecond between two finished items is Werkbank's.
// Measured at concurrency 1 and 64 over the GermEval suite as the interval between consecutive item
// completions (progress events, emitted after the result reached the writer): at concurrency 1 that is
// the whole life of one request in Werkbank; at 64 it is the per-request cost under load (throughput⁻¹).
// Reported: p50 (target < 0.5 ms) and p99 of the intervals (the mean in the note), and the whole executeRun
// wall time per request — suite load, requests, the final flush of deferred DuckDB writes, the summary.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { executeRun } from '../../src/lib/server/runner/run-service';
import { suiteSource } from '../../src/lib/server/runner/wiring';
import type { GenerateRequest, GenerateResult, GenerateStream, ProviderAdapter, StreamChunk } from '../../src/lib/server/providers/types';
import type { PreparedTarget, TargetSource } from '../../src/lib/server/runner/sources';
import { PROMPT_SUITE, ROOT, benchTmp, percentile, round, upper, type BenchOptions, type BenchResult } from './support';

function instantAdapter(starts: number[], ends: number[]): ProviderAdapter {
  const answer = (req: GenerateRequest, startMs: number, chunkMs: number): GenerateResult => ({
    text: 'OTHER',
    usage: { inputTokens: Math.ceil(req.messages.reduce((a, m) => a + m.content.length, 0) / 4), outputTokens: 1 },
    finishReason: 'stop',
    timing: { startMs, firstTokenMs: chunkMs, endMs: performance.now(), chunkTimesMs: [chunkMs] }
  });
  return {
    id: 'bench-instant',
    capabilities: { streaming: true },
    async generate(req) {
      const t = performance.now();
      starts.push(t);
      const r = answer(req, t, t);
      ends.push(performance.now());
      return r;
    },
    stream(req): GenerateStream {
      const startMs = performance.now();
      starts.push(startMs);
      let resolveResult!: (r: GenerateResult) => void;
      const result = new Promise<GenerateResult>((r) => (resolveResult = r));
      async function* chunks(): AsyncGenerator<StreamChunk> {
        const at = performance.now();
        yield { type: 'text', text: 'OTHER', atMs: at };
        const r = answer(req, startMs, at);
        ends.push(performance.now());
        resolveResult(r);
      }
      const it = chunks();
      return Object.assign(it, { result });
    }
  };
}

async function measure(concurrency: number, n: number): Promise<{ p50: number | null; p99: number | null; amortisedMs: number; wholeMs: number; cpuPerReqMs: number }> {
  const dir = benchTmp('overhead');
  const store = await Store.open(join(dir, 'o.duckdb'));
  const starts: number[] = [];
  const ends: number[] = [];
  const adapter = instantAdapter(starts, ends);
  const targets: TargetSource = {
    async resolve(id: string): Promise<PreparedTarget> {
      return { target: { id, route: id, provider: 'bench', model: 'bench', tier: 4, region: 'local' }, adapter, synthetic: false };
    }
  };
  const suites = suiteSource({ rootDir: ROOT, dataDir: dir, env: {} }, targets);
  try {
    const cpu0 = process.cpuUsage();
    const done: number[] = [];
    const t0 = performance.now();
    const summary = await executeRun(
      { suiteId: PROMPT_SUITE, targetId: 'bench/instant', limit: n, concurrency, maxRetries: 0 },
      { store, dataDir: dir, suites, targets, onProgress: (ev) => void (ev.type === 'progress' && done.push(performance.now())) }
    );
    const wholeMs = (performance.now() - t0) / n;
    const cpu = process.cpuUsage(cpu0);
    if (summary.items.ok !== n) throw new Error(`overhead run: ${summary.items.ok} of ${n} ok`);
    const intervals: number[] = [];
    for (let k = 1; k < done.length; k++) intervals.push(done[k] - done[k - 1]);
    const amortisedMs = (done[done.length - 1] - Math.min(...starts)) / n;
    return { p50: percentile(intervals, 0.5), p99: percentile(intervals, 0.99), amortisedMs, wholeMs, cpuPerReqMs: (cpu.user + cpu.system) / 1000 / n };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = opts.quick ? 500 : 3000;
  await measure(4, 100); // warm-up: module loading, JIT
  const out: BenchResult[] = [];
  for (const c of [1, 64]) {
    const m = await measure(c, n);
    out.push(upper(`overhead: concurrency ${c}, ${n} requests — per request p50`, round(m.p50, 3), 'ms', 0.5, `mean ${round(m.amortisedMs, 3)} ms`));
    out.push({ name: `overhead: concurrency ${c} — per request p99`, value: round(m.p99, 3), unit: 'ms' });
    out.push({ name: `overhead: concurrency ${c} — whole run per request (incl. final flush)`, value: round(m.wholeMs, 3), unit: 'ms', note: `process CPU ${round(m.cpuPerReqMs, 3)} ms per request incl. DuckDB threads` });
  }
  return out;
}
