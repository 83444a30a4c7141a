// Timing accuracy: `werkbank run`'s run service with the real Ollama adapter against the Ollama protocol
// server scripted to TTFT 250 ms and 20 ms between 20 chunks (in this process, so both sides share the
// performance.now() clock). Per request, Werkbank's stored TTFT and TPOT are compared with
//   - what the server actually did (first chunk written − request received; mean gap between chunks),
//     which excludes the server's own timer lateness: target |error| < 2 ms at p50;
//   - the script (250 ms / 20 ms), in the note.
// Concurrency 1 so requests and results pair up in order. Quick: 10 requests, full: 60. Baseline: the bare
// `ollama` client timed the same way (up to 20 requests).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { executeRun } from '../../src/lib/server/runner/run-service';
import { defaultSources } from '../../src/lib/server/runner/wiring';
import { startOllamaServer } from '../servers/ollama';
import { PROMPT_SUITE, ROOT, benchTmp, percentile, round, upper, type BenchOptions, type BenchResult } from './support';

const TTFT_MS = 250;
const GAP_MS = 20;
const CHUNKS = 20;

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = opts.quick ? 10 : 60;
  const tokens = Array.from({ length: CHUNKS }, (_, i) => (i === 0 ? 'OTHER' : ` wort${i}`));
  const server = await startOllamaServer({ script: { tokens, ttftMs: TTFT_MS, interChunkMs: GAP_MS } });
  const dir = benchTmp('timing');
  const store = await Store.open(join(dir, 't.duckdb'));
  try {
    const sources = defaultSources({ rootDir: ROOT, dataDir: dir, env: { OLLAMA_HOST: server.url }, concurrency: 1 });
    // Baseline: the bare `ollama` client timed the same way (start before the call, first chunk on arrival),
    // to separate Werkbank's measurement from what the HTTP stack and the event loop cost anyway.
    const { Ollama } = await import('ollama');
    const client = new Ollama({ host: server.url });
    const bareErr: number[] = [];
    for (let i = 0; i < Math.min(n, 20); i++) {
      const before = server.requests.length;
      const t0 = performance.now();
      const stream = await client.chat({ model: 'bench', messages: [{ role: 'user', content: `Frage ${i}` }], stream: true });
      let first: number | undefined;
      for await (const part of stream) if (first === undefined && part.message.content) first = performance.now();
      const r = server.requests[before];
      if (first !== undefined && r) bareErr.push(Math.abs(first - t0 - (r.chunkSentAtMs[0] - r.receivedAtMs)));
    }
    server.reset();
    const summary = await executeRun({ suiteId: PROMPT_SUITE, targetId: 'ollama/bench', limit: n, concurrency: 1, maxRetries: 0 }, { store, dataDir: dir, ...sources });
    if (summary.items.ok !== n) throw new Error(`timing run: ${summary.items.ok} of ${n} ok`);
    const rows = await store.query<{ ttft_ms: number; tpot_ms: number }>(`SELECT ttft_ms, tpot_ms FROM results ORDER BY started_at, item_id`);
    const reqs = server.requests.filter((r) => r.path === '/api/chat');
    if (reqs.length !== rows.length) throw new Error(`timing run: ${reqs.length} requests for ${rows.length} results`);
    const ttftErr: number[] = [];
    const tpotErr: number[] = [];
    const ttftScriptErr: number[] = [];
    const tpotScriptErr: number[] = [];
    const serverLate: number[] = [];
    rows.forEach((row, i) => {
      const r = reqs[i];
      const c = r.chunkSentAtMs;
      const actualTtft = c[0] - r.receivedAtMs;
      const actualGap = (c[c.length - 1] - c[0]) / (c.length - 1);
      ttftErr.push(Math.abs(row.ttft_ms - actualTtft));
      tpotErr.push(Math.abs(row.tpot_ms - actualGap));
      ttftScriptErr.push(Math.abs(row.ttft_ms - TTFT_MS));
      tpotScriptErr.push(Math.abs(row.tpot_ms - GAP_MS));
      serverLate.push(actualTtft - TTFT_MS);
    });
    return [
      upper(`timing: TTFT |error| vs server, ${n} requests — p50`, round(percentile(ttftErr, 0.5), 3), 'ms', 2, `p90 ${round(percentile(ttftErr, 0.9), 3)} ms; vs script 250 ms: p50 ${round(percentile(ttftScriptErr, 0.5), 3)} ms (server timer late by p50 ${round(percentile(serverLate, 0.5), 3)} ms)`),
      { name: 'timing: bare ollama client, same method — TTFT |error| p50', value: round(percentile(bareErr, 0.5), 3), unit: 'ms', note: `p90 ${round(percentile(bareErr, 0.9), 3)} ms over ${bareErr.length} requests (what the HTTP stack costs without Werkbank)` },
      upper(`timing: TPOT |error| vs server — p50`, round(percentile(tpotErr, 0.5), 3), 'ms', 2, `p90 ${round(percentile(tpotErr, 0.9), 3)} ms; vs script 20 ms: p50 ${round(percentile(tpotScriptErr, 0.5), 3)} ms`)
    ];
  } finally {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
