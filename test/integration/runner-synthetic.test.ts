// `werkbank run --suite mgsm-de --limit 20` against the embedded engine with a tiny synthetic GGUF:
// completes, stores 20 results with timings, and labels the run synthetic (scores near zero); Ctrl-C stops
// such a run cleanly.
// The tiny catalog shape has an 8k context (mgsm-de's few-shot prompt has ~2,500 tokens in the
// byte-level test vocabulary); the embedded engine's default context (4,096) holds prompt + 512 tokens.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../src/lib/server/catalog';
import { writeSyntheticGguf } from '../../src/lib/server/engine/gguf-writer';
import { Store } from '../../src/lib/server/store/db';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'wb-runner-synth-'));
const modelPath = join(dir, 'tiny.gguf');

beforeAll(async () => {
  const catalog = await loadCatalog({ rootDir: root });
  const tiny = catalog.openModels.find((m) => m.id === 'tiny-test');
  expect(tiny, 'catalog shape tiny-test').toBeDefined();
  await writeSyntheticGguf({ shape: tiny!, quant: 'q4_0', outPath: modelPath, seed: 11 });
}, 60_000);

describe('synthetic model run', () => {
  it('mgsm-de --limit 20 completes with timings and is labelled speed-only', async () => {
    let out = '';
    let err = '';
    const child = spawn(process.execPath, [join(root, 'bin/werkbank.js'), 'run', '--suite', 'mgsm-de', '--target', `local/${modelPath}`, '--limit', '20', '--concurrency', '2', '--run-id', 'synth', '--json'], {
      cwd: root,
      env: { ...process.env, WERKBANK_DATA_DIR: dir, WERKBANK_DB: join(dir, 'w.duckdb') },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((res) => child.once('exit', res));
    expect(code, err).toBe(0);
    const s = JSON.parse(out);
    expect(s).toMatchObject({ runId: 'synth', suite: 'mgsm-de', status: 'completed', synthetic: true, label: 'nur Geschwindigkeit, keine Qualität', items: { total: 20, ok: 20, error: 0 } });
    expect(s.metrics.ttftMs.p50).toBeGreaterThan(0);
    expect(s.metrics.tpotMs.p50).toBeGreaterThan(0);
    expect(s.metrics.outputTokensPerSec.p50).toBeGreaterThan(0);
    // random weights: the numeric answer is essentially never right
    expect(s.scores.accuracy).toBeLessThanOrEqual(0.1);
    expect(err).toContain('nur Geschwindigkeit, keine Qualität');

    const store = await Store.open(join(dir, 'w.duckdb'));
    try {
      const rows = await store.query<{ n: number; timed: number; tokens: number }>(
        `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE ttft_ms > 0 AND e2e_ms >= ttft_ms AND tpot_ms > 0)::INTEGER AS timed, min(output_tokens)::INTEGER AS tokens FROM results WHERE run_id = 'synth' AND status = 'ok'`
      );
      expect(rows[0]).toMatchObject({ n: 20, timed: 20 });
      // synthetic models run past EOS: every item generates maxTokens (512 for mgsm-de)
      expect(rows[0].tokens).toBe(512);
      const run = await store.query<{ synthetic: boolean; hardware: string | null; tier: number }>(`SELECT synthetic, hardware::VARCHAR AS hardware, tier FROM runs WHERE id = 'synth'`);
      expect(run[0].synthetic).toBe(true);
      expect(run[0].tier).toBe(4);
      expect(JSON.parse(run[0].hardware ?? '{}')).toMatchObject({ location: 'local' });
    } finally {
      await store.close();
    }
  }, 420_000);

  it('Ctrl-C stops a local-engine run cleanly: the results so far are stored and the run ends "cancelled" (exit 1)', async () => {
    // signal-exit (loaded with node-llama-cpp) re-raised the first SIGINT and killed the process (exit 130)
    let out = '';
    let err = '';
    const child = spawn(process.execPath, [join(root, 'bin/werkbank.js'), 'run', '--suite', 'mgsm-de', '--target', `local/${modelPath}`, '--limit', '500', '--concurrency', '1', '--run-id', 'sigint', '--json', '--progress', 'json'], {
      cwd: root,
      env: { ...process.env, WERKBANK_DATA_DIR: dir, WERKBANK_DB: join(dir, 'sig.duckdb') },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((res) => child.once('exit', res));
    // interrupt once the first item is done
    await new Promise<void>((res) =>
      child.stderr.on('data', (d) => {
        err += d;
        if (/"type":"progress"[^\n]*"done":1,/.test(err)) res();
      })
    );
    child.kill('SIGINT');
    const code = await exited;
    expect(code, err).toBe(1);
    expect(err).toContain('SIGINT empfangen, beende sauber');
    const s = JSON.parse(out);
    expect(s).toMatchObject({ runId: 'sigint', status: 'cancelled' });
    expect(s.items.ok).toBeGreaterThanOrEqual(1);
    expect(s.items.ok).toBeLessThan(500);
    const store = await Store.open(join(dir, 'sig.duckdb'));
    try {
      const rows = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM results WHERE run_id = 'sigint' AND status = 'ok'`);
      expect(rows[0].n).toBe(s.items.ok);
    } finally {
      await store.close();
    }
  }, 240_000);
});
