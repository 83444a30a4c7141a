// Probe on the embedded engine: a tiny synthetic model written in the test run, probed at concurrency
// 1 and 2 through runProbe and through `werkbank probe --json`, stored in the probes table with the hardware.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadCatalog } from '../../src/lib/server/catalog';
import { writeSyntheticGguf } from '../../src/lib/server/engine/gguf-writer';
import { createLocalAdapter, type LocalAdapter } from '../../src/lib/server/engine/local-adapter';
import { runProbe, requestFigures } from '../../src/lib/server/probe/run-probe';
import { bandwidthEfficiency, listProbes, saveProbe, toThroughputPoints } from '../../src/lib/server/probe/store';
import { Store } from '../../src/lib/server/store/db';
import { throughputPointSchema } from '../../src/lib/core/catalog/schema';
import { projectRoot } from '../helpers/app';

const dir = mkdtempSync(join(tmpdir(), 'wb-probe-'));
const modelPath = join(dir, 'tiny-q8_0.gguf');
let adapter: LocalAdapter;

const cli = (args: string[]) => spawnSync(process.execPath, ['bin/werkbank.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 90_000 });

beforeAll(async () => {
  const catalog = await loadCatalog({ rootDir: projectRoot });
  await writeSyntheticGguf({ shape: catalog.openModels.find((m) => m.id === 'tiny-test')!, quant: 'q8_0', outPath: modelPath });
  adapter = await createLocalAdapter({ modelPath, threads: 1, contextSize: 128 });
}, 120_000);

afterAll(async () => {
  await adapter?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('runProbe on the local engine', () => {
  it('measures each concurrency level with the prompt and output lengths asked for, and stores it', async () => {
    const r = await runProbe(adapter, { model: 'tiny', target: 'local/tiny', concurrency: [1, 2], promptTokens: 96, outputTokens: 16, repeats: 2 });
    expect(r.synthetic).toBe(true);
    expect(r.points.map((p) => [p.concurrency, p.requests])).toEqual([[1, 2], [2, 4]]);
    for (const p of r.points) {
      expect(p.outputTokensP50).toBe(16);
      // The local engine counts tokens exactly: the prompt is cut to at most 96 tokens.
      expect(p.inputTokensP50).toBeLessThanOrEqual(96);
      expect(p.inputTokensP50).toBeGreaterThanOrEqual(86);
      expect(p.ttftMsP50).toBeGreaterThan(0);
      expect(p.decodeTokensPerSecPerStream).toBeGreaterThan(0);
      expect(p.aggregateTokensPerSec).toBeGreaterThan(0);
      expect(p.shortOutputs).toBe(0);
    }
    expect(r.hardware.location).toBe('local');
    expect(r.hardware.cpuCores).toBeGreaterThan(0);
    expect(r.hardware.engine).toMatch(/node-llama-cpp 3\.21\.1/);

    const store = await Store.open(':memory:');
    try {
      const id = await saveProbe(store, r);
      const [row] = await listProbes(store, { target: 'local/tiny' });
      expect(row.id).toBe(id);
      expect(row.synthetic).toBe(true);
      expect(row.promptTokens).toBe(96);
      expect(row.points).toEqual(r.points);
      expect((row.hardware as { cpuModel: string }).cpuModel).toBe(r.hardware.cpuModel);
    } finally {
      await store.close();
    }
    const tps = toThroughputPoints(r, { gpu: 'cpu-epyc-2c', model: 'tiny-test-q8_0', engine: 'node-llama-cpp (CPU)' });
    expect(tps).toHaveLength(2);
    for (const t of tps) expect(() => throughputPointSchema.parse(t)).not.toThrow();
  }, 60_000);

  it('derives decode speed from reported output tokens, excluding the first token', () => {
    const f = requestFigures({ text: '', usage: { outputTokens: 11 }, finishReason: 'length', timing: { startMs: 0, firstTokenMs: 200, endMs: 700 } });
    expect(f.ttftMs).toBe(200);
    expect(f.decodeTokensPerSec).toBe(20); // 10 tokens in 0.5 s
    expect(requestFigures({ text: '', usage: { outputTokens: 1 }, finishReason: 'stop', timing: { startMs: 0, firstTokenMs: 5, endMs: 9 } }).decodeTokensPerSec).toBeUndefined();
  });
});

describe('calibration', () => {
  it('turns single-stream decode speed into the roofline bandwidth efficiency (H100 reference: 42 %)', () => {
    // Mistral 7B Q4_0 synthetic file 4,145,734,656 bytes, tg128 fa1 340.4 tok/s, H100 SXM 3,350 GB/s.
    expect(bandwidthEfficiency(340.4, { weightBytes: 4_145_734_656, bandwidthGbps: 3350 })).toBeCloseTo(0.421, 3);
    expect(bandwidthEfficiency(0, { weightBytes: 1, bandwidthGbps: 1 })).toBeNull();
  });
});

describe('werkbank probe (CLI)', () => {
  it('probes local/<file> and prints one JSON document with points, hardware and catalog throughput points', () => {
    const db = join(dir, 'p.duckdb');
    const r = cli(['probe', '--target', `local/${relative(projectRoot, modelPath)}`, '--concurrency', '1,2', '--prompt-tokens', '80', '--output-tokens', '12', '--threads', '1', '--flash-attention', 'off', '--json', '--db', db, '--catalog-gpu', 'cpu-epyc-2c', '--catalog-model', 'tiny-test-q8_0']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.label).toBe('nur Geschwindigkeit, keine Qualität');
    expect(doc.points.map((p: { concurrency: number }) => p.concurrency)).toEqual([1, 2]);
    for (const p of doc.points) {
      for (const k of ['ttftMsP50', 'decodeTokensPerSecPerStream', 'aggregateTokensPerSec']) expect(p[k], k).toBeGreaterThan(0);
    }
    expect(doc.probeId).toMatch(/^probe-/);
    // CPU backend: the model is read into memory, not mapped (mapped pages would double its RSS)
    expect(doc.hardware.modelMmap).toBe(false);
    // the engine settings a figure depends on travel with it
    expect(doc.hardware).toMatchObject({ flashAttention: false, gpuLayers: 0, gpu: null });
    // Catalog throughput points for the capacity model, valid against the catalog schema.
    expect(doc.throughput).toHaveLength(2);
    for (const t of doc.throughput) expect(throughputPointSchema.parse(t)).toMatchObject({ gpu: 'cpu-epyc-2c', model: 'tiny-test-q8_0', engine: 'node-llama-cpp (CPU)' });
    expect(r.stderr).toMatch(/Nebenläufigkeit 2/);
  }, 90_000);

  it('exits 2 with a readable message on bad flags, a missing model file and an unknown provider', () => {
    const bad = cli(['probe', '--target', 'local/x.gguf', '--concurrency', '1,0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency: "0"/);
    const missing = cli(['probe', '--target', 'local/gibt-es-nicht.gguf']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/gibt es nicht/);
    const badGpu = cli(['probe', '--target', 'local/x.gguf', '--catalog-gpu', 'nope', '--catalog-model', 'tiny-test-q8_0']);
    expect(badGpu.status).toBe(2);
    expect(badGpu.stderr).toMatch(/--catalog-gpu: unbekannte GPU "nope"/);
    const badModel = cli(['probe', '--target', 'local/x.gguf', '--catalog-gpu', 'cpu-epyc-2c', '--catalog-model', 'nope-q9']);
    expect(badModel.status).toBe(2);
    expect(badModel.stderr).toMatch(/--catalog-model: "nope-q9" ist kein/);
    const badMmap = cli(['probe', '--target', 'local/x.gguf', '--mmap', 'vielleicht']);
    expect(badMmap.status).toBe(2);
    expect(badMmap.stderr).toMatch(/--mmap: "vielleicht" \(erlaubt: on, off\)/);
    const badFa = cli(['probe', '--target', 'local/x.gguf', '--flash-attention', 'ja']);
    expect(badFa.status).toBe(2);
    expect(badFa.stderr).toMatch(/--flash-attention: "ja" \(erlaubt: auto, on, off\)/);
    const noTarget = cli(['probe']);
    expect(noTarget.status).toBe(2);
    expect(noTarget.stderr).toMatch(/--target fehlt/);
    const unknown = cli(['probe', '--target', 'nirgendwo/modell']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown provider "nirgendwo"/);
  }, 60_000);
});
