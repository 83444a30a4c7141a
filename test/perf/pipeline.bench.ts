// Where a Werkbank run spends its time, layer by layer, in one warm process against the zero-latency
// Ollama protocol server (own process), same prompts, concurrency 32: the bare `ollama` client (on
// Node's fetch and on Werkbank's node:http fetch), the
// Werkbank Ollama adapter alone, the run engine with results discarded, and the full run service
// (`executeRun`: scoring, batched DuckDB writer, summary) — requests/s and process CPU per request
// (CPU includes DuckDB's threads). Then the phases of one `executeRun`: before the first request, the
// requests, and after the last result (final flush of the write backlog, summary). One warm-up round,
// then the measured round. 2,000 prompts (quick: 300).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { executeRun } from '../../src/lib/server/runner/run-service';
import { runEngine } from '../../src/lib/server/runner/engine';
import { defaultSources } from '../../src/lib/server/runner/wiring';
import { createOllamaAdapter } from '../../src/lib/server/providers/ollama';
import { createHttpFetch } from '../../src/lib/server/providers/http-fetch';
import type { ChatMessage } from '../../src/lib/server/providers/types';
import { PROMPT_SUITE, ROOT, benchPrompts, benchTmp, round, startServerProcess, type BenchOptions, type BenchResult } from './support';

const CONCURRENCY = 32;

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = opts.quick ? 300 : 2000;
  const server = await startServerProcess({ text: 'OTHER' });
  const dir = benchTmp('pipeline');
  const out: BenchResult[] = [];
  try {
    const prompts = await benchPrompts(n);
    const { Ollama } = await import('ollama');
    const client = new Ollama({ host: server.url });
    const httpClient = new Ollama({ host: server.url, fetch: createHttpFetch() });
    const adapter = await createOllamaAdapter({ id: 'ollama', baseUrl: server.url });
    const sources = defaultSources({ rootDir: ROOT, dataDir: dir, env: { OLLAMA_HOST: server.url }, concurrency: CONCURRENCY });
    const pool = async (f: (i: number) => Promise<unknown>) => {
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < n) await f(next++);
      }));
    };
    const measure = async (f: () => Promise<unknown>) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await f();
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      return { rps: (n * 1000) / ms, cpuMs: (c.user + c.system) / 1000 / n };
    };
    let runNo = 0;
    const layers: [string, () => Promise<unknown>][] = [
      ['bare ollama client', () => pool(async (i) => {
        const s = await client.chat({ model: 'bench', messages: prompts[i].messages, stream: true, options: { num_predict: 8 } });
        for await (const part of s) void part;
      })],
      ['bare ollama client, node:http fetch', () => pool(async (i) => {
        const s = await httpClient.chat({ model: 'bench', messages: prompts[i].messages, stream: true, options: { num_predict: 8 } });
        for await (const part of s) void part;
      })],
      ['Werkbank Ollama adapter', () => pool(async (i) => {
        const s = adapter.stream({ model: 'bench', messages: prompts[i].messages as ChatMessage[], maxTokens: 8 });
        for await (const c of s) void c;
        await s.result;
      })],
      ['run engine, results discarded', () => runEngine({
        runId: 'pipeline', target: { id: 'ollama/bench', route: 'ollama/bench', provider: 'ollama', model: 'bench' }, adapter,
        items: prompts.map((p) => ({ id: p.id, messages: p.messages as ChatMessage[], maxTokens: 8 })), concurrency: CONCURRENCY,
        sink: { add() {}, audit() {}, async flush() {} }
      })],
      ['executeRun (scoring, DuckDB, summary)', async () => {
        const store = await Store.open(join(dir, `run-${runNo++}.duckdb`));
        try {
          await executeRun({ suiteId: PROMPT_SUITE, targetId: 'ollama/bench', limit: n, concurrency: CONCURRENCY, maxRetries: 0 }, { store, dataDir: dir, ...sources });
        } finally {
          await store.close();
        }
      }]
    ];
    for (const [, f] of layers) await f(); // warm-up: JIT, connections, module loading
    for (const [label, f] of layers) {
      const m = await measure(f);
      out.push({ name: `pipeline: ${label}, ${n} prompts`, value: round(m.rps, 0), unit: 'req/s', note: `CPU ${round(m.cpuMs, 2)} ms per request` });
    }
    // phases of one run
    const store = await Store.open(join(dir, 'phases.duckdb'));
    try {
      let first = 0;
      let last = 0;
      const t0 = performance.now();
      await executeRun({ suiteId: PROMPT_SUITE, targetId: 'ollama/bench', limit: n, concurrency: CONCURRENCY, maxRetries: 0 }, {
        store, dataDir: dir, ...sources,
        onProgress: (ev) => {
          if (ev.type === 'start') first = performance.now();
          if (ev.type === 'progress') last = performance.now();
        }
      });
      const t1 = performance.now();
      out.push({ name: 'pipeline: executeRun phase — before the first request', value: round(first - t0, 0), unit: 'ms' });
      out.push({ name: 'pipeline: executeRun phase — requests', value: round(last - first, 0), unit: 'ms' });
      out.push({ name: 'pipeline: executeRun phase — after the last result', value: round(t1 - last, 0), unit: 'ms', note: 'final flush of the deferred DuckDB writes, summary' });
    } finally {
      await store.close();
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
