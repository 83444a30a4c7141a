// Crash safety: spawn `werkbank run` against the Ollama protocol server, SIGKILL it mid-run, check the
// DuckDB file is readable, resume, and compare with an uninterrupted run: no duplicates, no finished
// item redone, same item set. Also the CLI's --json summary and exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { startOllamaServer } from '../servers/ollama';
import type { ProtocolServer } from '../servers/common';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/werkbank.js');
let server: ProtocolServer;

beforeAll(async () => {
  // ~170 ms per request: a 40-item run at concurrency 2 takes about 3.5 s, so the kill (≥ 1.3 s after the
  // first result, after at least one timed flush) always lands mid-run
  server = await startOllamaServer({ script: { text: 'Rechnung: Die Antwort lautet 18.', ttftMs: 150, interChunkMs: 4 } });
});
afterAll(async () => {
  await server?.close();
});

function spawnCli(args: string[], dataDir: string): { child: ChildProcess; stdout: () => string; stderr: () => string; done: Promise<number | null> } {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, OLLAMA_HOST: server.url, WERKBANK_DATA_DIR: dataDir, WERKBANK_DB: join(dataDir, 'w.duckdb') },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, stdout: () => out, stderr: () => err, done };
}

const chatRequests = () => server.requests.filter((r) => r.path === '/api/chat').length;

describe('werkbank run: SIGKILL and resume', () => {
  it('resumes a killed run without duplicates or redone items; the item set equals an uninterrupted run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'werkbank-crash-'));
    const N = 40;
    const before = chatRequests();
    const p = spawnCli(['run', '--suite', 'mgsm-de', '--target', 'ollama/test', '--limit', String(N), '--concurrency', '2', '--run-id', 'crash', '--progress', 'json', '--json'], dataDir);
    // wait until some results are done and at least one timed flush (1 s) has happened, then kill -9
    let firstResultAt = 0;
    await new Promise<void>((res, rej) => {
      const iv = setInterval(() => {
        const done = p.stderr().split('\n').filter((l) => l.startsWith('{"type":"progress"')).length;
        if (done > 0 && !firstResultAt) firstResultAt = Date.now();
        if (done >= 10 && firstResultAt && Date.now() - firstResultAt > 1300) {
          clearInterval(iv);
          res();
        }
        if (p.child.exitCode !== null) {
          clearInterval(iv);
          rej(new Error(`CLI ended before the kill: ${p.stderr()}`));
        }
      }, 20);
    });
    p.child.kill('SIGKILL');
    expect(await p.done).toBeNull();
    const sentFirst = chatRequests() - before;
    expect(sentFirst).toBeLessThan(N);

    // the DuckDB file is readable after the kill
    const store = await Store.open(join(dataDir, 'w.duckdb'));
    const okBefore = await store.query<{ item_id: string; output: string; started_at: string }>(`SELECT item_id, output, started_at::VARCHAR AS started_at FROM results WHERE run_id = 'crash' AND status = 'ok' ORDER BY item_id`);
    const run = await store.query<{ status: string }>(`SELECT status FROM runs WHERE id = 'crash'`);
    await store.close();
    expect(run[0].status).toBe('running');
    expect(okBefore.length).toBeGreaterThan(0);
    expect(okBefore.length).toBeLessThan(N);

    // resume
    const beforeResume = chatRequests();
    const r = spawnCli(['run', '--resume', 'crash', '--json'], dataDir);
    expect(await r.done).toBe(0);
    const summary = JSON.parse(r.stdout());
    expect(summary).toMatchObject({ runId: 'crash', status: 'completed', items: { total: N, ok: N, error: 0 } });
    // only the items without an ok result were sent again
    expect(chatRequests() - beforeResume).toBe(N - okBefore.length);

    // uninterrupted reference run
    const u = spawnCli(['run', '--suite', 'mgsm-de', '--target', 'ollama/test', '--limit', String(N), '--concurrency', '4', '--run-id', 'ref', '--json'], dataDir);
    expect(await u.done).toBe(0);

    const s2 = await Store.open(join(dataDir, 'w.duckdb'));
    try {
      const rows = await s2.query<{ item_id: string; n: number }>(`SELECT item_id, count(*)::INTEGER AS n FROM results WHERE run_id = 'crash' GROUP BY item_id`);
      expect(rows).toHaveLength(N);
      expect(rows.every((x) => x.n === 1)).toBe(true);
      const ref = await s2.query<{ item_id: string }>(`SELECT item_id FROM results WHERE run_id = 'ref' ORDER BY item_id`);
      expect(rows.map((x) => x.item_id).sort()).toEqual(ref.map((x) => x.item_id));
      // finished items were not redone: their stored start time is unchanged
      const after = await s2.query<{ item_id: string; started_at: string }>(`SELECT item_id, started_at::VARCHAR AS started_at FROM results WHERE run_id = 'crash' ORDER BY item_id`);
      const afterBy = new Map(after.map((x) => [x.item_id, x.started_at]));
      for (const b of okBefore) expect(afterBy.get(b.item_id)).toBe(b.started_at);
    } finally {
      await s2.close();
    }
  }, 90_000);

  it('--json prints exactly one JSON document with the summary fields; bad flags exit 2', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'werkbank-cli-'));
    const p = spawnCli(['run', '--suite', 'mgsm-de', '--target', 'ollama/test', '--limit', '3', '--json'], dataDir);
    expect(await p.done).toBe(0);
    const s = JSON.parse(p.stdout());
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['runId', 'suite', 'target', 'status', 'items', 'metrics', 'usage', 'costEur', 'scores']));
    expect(Object.keys(s.metrics)).toEqual(expect.arrayContaining(['ttftMs', 'tpotMs', 'e2eMs', 'outputTokensPerSec']));
    expect(Object.keys(s.metrics.ttftMs)).toEqual(expect.arrayContaining(['p50', 'p90', 'p99', 'mean']));
    expect(s.items).toMatchObject({ total: 3, ok: 3, error: 0 });
    expect(p.stdout()).not.toMatch(/NaN|Infinity/);

    const bad = spawnCli(['run', '--suite', 'mgsm-de', '--target', 'ollama/test', '--limit', 'zwei'], dataDir);
    expect(await bad.done).toBe(2);
    expect(bad.stderr()).toMatch(/--limit/);
    const unknownSuite = spawnCli(['run', '--suite', 'gibtsnicht', '--target', 'ollama/test'], dataDir);
    expect(await unknownSuite.done).toBe(2);
    expect(unknownSuite.stderr()).toMatch(/gibtsnicht/);
    expect(unknownSuite.stderr()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
