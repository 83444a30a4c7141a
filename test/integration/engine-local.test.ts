// Embedded engine: a tiny synthetic GGUF (catalog shape `tiny-test`) is written in the test run, read
// back, loaded by node-llama-cpp and streamed with one timestamp per token; invalid shapes and files
// that would abort llama.cpp are refused with clear errors before anything is loaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadCatalog } from '../../src/lib/server/catalog';
import { encodeHeader, GgufShapeError, planSyntheticModel, writeSyntheticGguf, type SynthShape } from '../../src/lib/server/engine/gguf-writer';
import { isSyntheticGguf, missingModelKeys, readGgufInfo, syntheticShapeId } from '../../src/lib/server/engine/gguf-reader';
import { createLocalAdapter, defaultMmap, orderBatchesBySequence, type LocalAdapter } from '../../src/lib/server/engine/local-adapter';
import { LlamaContextSequence, LlamaModel, type LlamaContext } from 'node-llama-cpp';
import { ProviderError } from '../../src/lib/server/providers/types';
import { projectRoot } from '../helpers/app';

const dir = mkdtempSync(join(tmpdir(), 'wb-engine-'));
let shape: SynthShape;
let modelPath: string;
let adapter: LocalAdapter;

beforeAll(async () => {
  const catalog = await loadCatalog({ rootDir: projectRoot });
  const tiny = catalog.openModels.find((m) => m.id === 'tiny-test');
  expect(tiny, 'catalog shape tiny-test').toBeDefined();
  shape = tiny!;
  modelPath = join(dir, 'tiny-q4_0.gguf');
  await writeSyntheticGguf({ shape, quant: 'q4_0', outPath: modelPath, seed: 7 });
  adapter = await createLocalAdapter({ modelPath, threads: 1, contextSize: 256 });
}, 120_000);

afterAll(async () => {
  await adapter?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('synthetic GGUF writer and reader', () => {
  it('writes the exact llama tensor shapes, aligned offsets and the synthetic marker', async () => {
    const info = await readGgufInfo(modelPath, { tensors: true });
    expect(info.version).toBe(3);
    expect(isSyntheticGguf(info)).toBe(true);
    expect(syntheticShapeId(info)).toBe('tiny-test');
    expect(info.metadata['general.architecture']).toBe('llama');
    expect(info.metadata['llama.block_count']).toBe(2);
    expect(info.metadata['llama.attention.head_count_kv']).toBe(2);
    expect(info.metadata['tokenizer.ggml.tokens']).toEqual({ arrayType: 8, length: 512 });
    expect(missingModelKeys(info)).toEqual([]);
    const t = Object.fromEntries(info.tensors!.map((x) => [x.name, x]));
    // token_embd + 9 per layer × 2 + output_norm + output
    expect(info.tensors).toHaveLength(1 + 9 * 2 + 2);
    expect(t['token_embd.weight'].dims).toEqual([64, 512]);
    expect(t['blk.1.attn_q.weight'].dims).toEqual([64, 4 * 16]);
    expect(t['blk.1.attn_k.weight'].dims).toEqual([64, 2 * 16]);
    expect(t['blk.0.attn_output.weight'].dims).toEqual([64, 64]);
    expect(t['blk.0.ffn_down.weight'].dims).toEqual([128, 64]);
    expect(t['blk.0.ffn_up.weight'].dims).toEqual([64, 128]);
    expect(t['blk.0.ffn_norm.weight'].type).toBe(0); // F32
    expect(t['blk.0.ffn_gate.weight'].type).toBe(2); // Q4_0
    expect(t['output.weight'].type).toBe(8); // Q8_0
    for (const x of info.tensors!) expect(x.offset % 32, x.name).toBe(0);
    // The file ends exactly after the last tensor: 18 bytes per Q4_0 block of 32, 34 per Q8_0 block.
    const out = t['output.weight'];
    expect(statSync(modelPath).size).toBe(info.dataOffset! + out.offset + (64 * 512 * 34) / 32);
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const a = join(dir, 'a.gguf');
    const b = join(dir, 'b.gguf');
    await writeSyntheticGguf({ shape, quant: 'q8_0', outPath: a, seed: 3 });
    await writeSyntheticGguf({ shape, quant: 'q8_0', outPath: b, seed: 4 });
    const again = join(dir, 'a2.gguf');
    await writeSyntheticGguf({ shape, quant: 'q8_0', outPath: again, seed: 3 });
    const h = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(h(a)).toBe(h(again));
    expect(h(a)).not.toBe(h(b));
  });

  it('rejects shapes that cannot be quantised, naming each field, before writing anything', async () => {
    const out = join(dir, 'bad.gguf');
    const bad = { ...shape, id: 'bad', hiddenSize: 100, kvHeads: 3 };
    const err = await writeSyntheticGguf({ shape: bad, quant: 'q4_0', outPath: out }).catch((e) => e);
    expect(err).toBeInstanceOf(GgufShapeError);
    expect(err.message).toMatch(/hiddenSize \(100\).*Vielfaches von 32/);
    expect(err.message).toMatch(/kvHeads \(3\)/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    // f16 has no block constraint: the same width is fine there.
    expect(() => planSyntheticModel({ ...shape, hiddenSize: 100 }, 'f16')).not.toThrow();
    expect(() => planSyntheticModel({ ...shape, layers: 0 }, 'f16')).toThrow(/layers muss eine positive ganze Zahl/);
  });

  it('reports files that are not GGUF or are truncated, naming the file', async () => {
    const notGguf = join(dir, 'not.gguf');
    writeFileSync(notGguf, 'PK\u0003\u0004 kein Modell');
    await expect(readGgufInfo(notGguf)).rejects.toThrow(/not\.gguf: keine GGUF-Datei/);
    const cut = join(dir, 'cut.gguf');
    writeFileSync(cut, readFileSync(modelPath).subarray(0, 600));
    await expect(readGgufInfo(cut)).rejects.toThrow(/cut\.gguf: Datei endet vorzeitig/);
    const err = await createLocalAdapter({ modelPath: cut }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toMatch(/endet vorzeitig/);
  });

  it('refuses a GGUF without feed_forward_length (which would abort llama.cpp) with a clear error', async () => {
    const plan = planSyntheticModel(shape, 'q4_0');
    const meta = plan.metadata.filter(([k]) => k !== 'llama.feed_forward_length');
    const path = join(dir, 'broken.gguf');
    writeFileSync(path, encodeHeader(meta, plan.tensors));
    const err = await createLocalAdapter({ modelPath: path, threads: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/llama\.feed_forward_length/);
  });
});

describe('local adapter on the synthetic model', () => {
  it('is labelled synthetic and streams one chunk per token with monotonic timestamps', async () => {
    expect(adapter.id).toBe('local');
    expect(adapter.isSynthetic).toBe(true);
    expect(adapter.shapeId).toBe('tiny-test');
    const text = 'Bitte fasse den folgenden Vertrag kurz zusammen.';
    const s = adapter.stream({ model: 'tiny', messages: [{ role: 'user', content: text }], maxTokens: 24 });
    const chunks = [];
    for await (const c of s) chunks.push(c);
    const r = await s.result;
    // Synthetic models generate past EOS: output length = maxTokens.
    expect(r.usage.outputTokens).toBe(24);
    expect(r.finishReason).toBe('length');
    expect(r.usage.inputTokens).toBe(adapter.countTokens(text));
    expect(chunks).toHaveLength(24);
    expect(r.timing.chunkTimesMs).toEqual(chunks.map((c) => c.atMs));
    expect(r.text).toBe(chunks.map((c) => c.text).join(''));
    const times = [r.timing.startMs, ...chunks.map((c) => c.atMs), r.timing.endMs];
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    expect(r.timing.firstTokenMs).toBe(chunks[0].atMs);
    expect(r.timing.firstTokenMs!).toBeGreaterThan(r.timing.startMs);
  });

  it('on the CPU backend the model is read into memory by default, mapped only when asked for', async () => {
    // llama.cpp repacks quantised weights for the CPU: a mapping would keep the file pages resident too
    expect(adapter.memoryMapped).toBe(false);
    // … except for a file too large to read into memory, and with a GPU (node-llama-cpp decides)
    const GB = 1e9;
    expect(defaultMmap({ cpuOnly: true, fileBytes: 4 * GB, totalMemoryBytes: 16 * GB })).toBe(false);
    expect(defaultMmap({ cpuOnly: true, fileBytes: 14 * GB, totalMemoryBytes: 16 * GB })).toBe('auto');
    expect(defaultMmap({ cpuOnly: false, fileBytes: 4 * GB, totalMemoryBytes: 16 * GB })).toBe('auto');
    expect((await adapter.hardware()).modelMmap).toBe(false);
    const mapped = await createLocalAdapter({ modelPath, threads: 1, contextSize: 128, mmap: true });
    try {
      expect(mapped.memoryMapped).toBe(true);
      expect((await mapped.hardware()).modelMmap).toBe(true);
      const r = await mapped.generate({ model: 'tiny', messages: [{ role: 'user', content: 'Hallo' }], maxTokens: 4 });
      expect(r.usage.outputTokens).toBe(4);
    } finally {
      await mapped.close();
    }
  });

  it('generate reports the same counts; a prompt beyond the context is a non-retryable bad request', async () => {
    const r = await adapter.generate({ model: 'tiny', messages: [{ role: 'system', content: 'Du bist knapp.' }, { role: 'user', content: 'Hallo' }], maxTokens: 10 });
    expect(r.usage.outputTokens).toBe(10);
    expect(r.usage.inputTokens).toBeGreaterThan(3);
    const err = await adapter.generate({ model: 'tiny', messages: [{ role: 'user', content: 'Wort '.repeat(400) }], maxTokens: 10 }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe('bad_request');
    expect(err.message).toMatch(/passen nicht in den Kontext \(256 Token/);
  });

  it('runs concurrent requests on parallel sequences of one loaded model', async () => {
    await adapter.ensureConcurrency(3);
    const req = { model: 'tiny', messages: [{ role: 'user' as const, content: 'Erzähl mir etwas.' }], maxTokens: 40 };
    const rs = await Promise.all([adapter.generate(req), adapter.generate(req), adapter.generate(req)]);
    for (const r of rs) expect(r.usage.outputTokens).toBe(40);
    // Overlapping: every request produced its first token before any of them finished.
    const firstEnd = Math.min(...rs.map((r) => r.timing.endMs));
    for (const r of rs) expect(r.timing.firstTokenMs!).toBeLessThan(firstEnd);
  });

  it('decodes concurrent streams in batches that list their sequences in ascending id order (one llama.cpp pass per step)', async () => {
    // llama.cpp runs a batch as one forward pass only when its sequence ids ascend by one in batch
    // order; record the ids node-llama-cpp adds to each batch.
    const batches: number[][] = [];
    const proto = LlamaModel.prototype as unknown as { createContext: (...a: unknown[]) => Promise<LlamaContext> };
    const original = proto.createContext;
    proto.createContext = async function (this: unknown, ...a: unknown[]) {
      const ctx = await original.apply(this, a);
      const inner = (ctx as unknown as { _ctx: Record<string, unknown> })._ctx;
      let current: number[] = [];
      (ctx as unknown as { _ctx: unknown })._ctx = new Proxy(inner, {
        get(t, p) {
          const v = t[p as string];
          if (typeof v !== 'function') return v;
          if (p === 'addToBatch') return (...x: unknown[]) => (current.push(x[0] as number), (v as (...y: unknown[]) => unknown).apply(t, x));
          if (p === 'decodeBatch') return (...x: unknown[]) => (batches.push(current), (current = []), (v as (...y: unknown[]) => unknown).apply(t, x));
          return (v as (...y: unknown[]) => unknown).bind(t);
        }
      });
      return ctx;
    };
    let pool: LocalAdapter | undefined;
    try {
      pool = await createLocalAdapter({ modelPath, threads: 1, contextSize: 128, sequences: 8 });
      const req = { model: 'tiny', messages: [{ role: 'user' as const, content: 'Erzähl mir etwas.' }], maxTokens: 24 };
      const rs = await Promise.all(Array.from({ length: 4 }, () => pool!.generate(req)));
      for (const r of rs) expect(r.usage.outputTokens).toBe(24);
    } finally {
      proto.createContext = original;
      await pool?.close();
    }
    const multi = batches.filter((b) => b.length > 1);
    expect(multi.length, JSON.stringify(batches)).toBeGreaterThan(10);
    for (const b of multi) expect(b, JSON.stringify(batches)).toEqual([...b].sort((x, y) => x - y));
    // every stream is in every step's batch: 24 tokens need 24 batches (the prompts share the first),
    // not one more per step for a stream whose token arrived last (that gave about 2 per step)
    const steps = batches.filter((b) => b.length === 4 && b.every((id, i) => id === i)).length;
    expect(batches.length, JSON.stringify(batches)).toBeLessThanOrEqual(26);
    expect(steps, JSON.stringify(batches)).toBeGreaterThanOrEqual(20);
    // the pool hands out the lowest free sequences, so four requests use ids 0–3 of 8
    expect(Math.max(...batches.flat())).toBe(3);
  });

  it('requests sent while the context is rebuilt for more sequences wait for it and run on the new one', async () => {
    const pool = await createLocalAdapter({ modelPath, threads: 1, contextSize: 128, sequences: 1 });
    try {
      const req = { model: 'tiny', messages: [{ role: 'user' as const, content: 'Eins' }], maxTokens: 8 };
      // not awaited: the rebuild is under way when the requests arrive, a second one asks for more
      const grow = [pool.ensureConcurrency(4), pool.ensureConcurrency(6)];
      const during = await Promise.all(Array.from({ length: 6 }, () => pool.generate(req)));
      await Promise.all(grow);
      for (const r of during) expect(r.usage.outputTokens).toBe(8);
      // afterwards six run at once: each starts before any finishes
      const rs = await Promise.all(Array.from({ length: 6 }, () => pool.generate(req)));
      const firstEnd = Math.min(...rs.map((r) => r.timing.endMs));
      for (const r of rs) expect(r.timing.firstTokenMs!).toBeLessThan(firstEnd);
    } finally {
      await pool.close();
    }
  });

  it('a request sent while other streams generate starts before they finish (its used sequence is emptied between batches)', async () => {
    const pool = await createLocalAdapter({ modelPath, threads: 1, contextSize: 512, sequences: 4 });
    try {
      const msg = (content: string) => ({ model: 'tiny', messages: [{ role: 'user' as const, content }], maxTokens: 8 });
      // use every sequence once, so the next requests have to empty theirs first
      await Promise.all(Array.from({ length: 4 }, (_, i) => pool.generate(msg(`Vorlauf ${i}`))));
      const long = Array.from({ length: 3 }, (_, i) => pool.generate({ ...msg(`Lang ${i}`), maxTokens: 400 }));
      await new Promise((r) => setTimeout(r, 30));
      const late = await pool.generate(msg('Spät'));
      const longs = await Promise.all(long);
      expect(late.usage.outputTokens).toBe(8);
      for (const r of longs) expect(r.usage.outputTokens).toBe(400);
      // before: the late request waited for node-llama-cpp's context lock until all three had ended
      expect(late.timing.endMs).toBeLessThan(Math.min(...longs.map((r) => r.timing.endMs)));
      // the emptied sequence held only the new request: the same prompt gives the same text as alone
      const again = await pool.generate(msg('Spät'));
      expect(again.text).toBe(late.text);
    } finally {
      await pool.close();
    }
  });

  it("shares node-llama-cpp's lock library (one module instance: the same lock registry)", () => {
    const fromProject = createRequire(join(projectRoot, 'package.json')).resolve('lifecycle-utils');
    const fromNodeLlamaCpp = createRequire(createRequire(join(projectRoot, 'package.json')).resolve('node-llama-cpp')).resolve('lifecycle-utils');
    expect(fromProject).toBe(fromNodeLlamaCpp);
  });

  it('orders a decode queue by sequence id, and leaves an unknown context alone', () => {
    const queue: { sequenceId: number }[] = [];
    expect(orderBatchesBySequence({ _queuedDecodes: queue } as unknown as LlamaContext)).toBe(true);
    for (const id of [5, 1, 3, 2, 4]) queue.push({ sequenceId: id });
    expect(queue.map((q) => q.sequenceId)).toEqual([1, 2, 3, 4, 5]);
    expect(orderBatchesBySequence({} as unknown as LlamaContext)).toBe(false);
  });

  it('with one sequence, concurrent requests wait in line and all complete; close() rejects waiting ones', async () => {
    const single = await createLocalAdapter({ modelPath, threads: 1, contextSize: 128, sequences: 1 });
    const req = { model: 'tiny', messages: [{ role: 'user' as const, content: 'Eins' }], maxTokens: 12 };
    const rs = await Promise.all([single.generate(req), single.generate(req), single.generate(req)]);
    const byStart = [...rs].sort((a, b) => a.timing.firstTokenMs! - b.timing.firstTokenMs!);
    for (let i = 1; i < byStart.length; i++) expect(byStart[i].timing.firstTokenMs!).toBeGreaterThanOrEqual(byStart[i - 1].timing.chunkTimesMs!.at(-1)!);
    for (const r of rs) expect(r.usage.outputTokens).toBe(12);
    // The first call takes the only sequence synchronously; the second waits in line when close() comes.
    const running = single.generate({ ...req, maxTokens: 60 });
    const waiting = single.generate(req).catch((e) => e);
    await single.close();
    expect((await running).usage.outputTokens).toBe(60);
    const err = await waiting;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toMatch(/geschlossen/);
  });

  it('writes and runs a mixture-of-experts shape (expert tensors with a third dimension)', async () => {
    const moePath = join(dir, 'moe.gguf');
    await writeSyntheticGguf({ shape: { ...shape, id: 'tiny-moe', ffnSize: 64, experts: 4, expertsUsed: 2 }, quant: 'q8_0', outPath: moePath });
    const info = await readGgufInfo(moePath, { tensors: true });
    expect(info.metadata['llama.expert_count']).toBe(4);
    const t = Object.fromEntries(info.tensors!.map((x) => [x.name, x]));
    expect(t['blk.0.ffn_gate_exps.weight'].dims).toEqual([64, 64, 4]);
    expect(t['blk.0.ffn_down_exps.weight'].dims).toEqual([64, 64, 4]);
    expect(t['blk.0.ffn_gate_inp.weight'].dims).toEqual([64, 4]);
    const moe = await createLocalAdapter({ modelPath: moePath, threads: 1, contextSize: 128 });
    try {
      const r = await moe.generate({ model: 'moe', messages: [{ role: 'user', content: 'Hallo' }], maxTokens: 6 });
      expect(r.usage.outputTokens).toBe(6);
    } finally {
      await moe.close();
    }
  });

  it('an aborted request ends with an aborted, non-retryable error and frees its sequence', async () => {
    const ac = new AbortController();
    const s = adapter.stream({ model: 'tiny', messages: [{ role: 'user', content: 'Los' }], maxTokens: 200, signal: ac.signal });
    let n = 0;
    const err = await (async () => {
      for await (const _ of s) {
        void _;
        if (++n === 3) ac.abort(new Error('Test bricht ab'));
      }
    })().catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe('aborted');
    expect(err.retryable).toBe(false);
    const after = await adapter.generate({ model: 'tiny', messages: [{ role: 'user', content: 'Weiter' }], maxTokens: 5 });
    expect(after.usage.outputTokens).toBe(5);
  });

  it('a stop during a long prompt takes effect after the current prefill step, not after the whole prompt', async () => {
    const a = await createLocalAdapter({ modelPath, threads: 1, contextSize: 256, prefillChunkTokens: 16 });
    const proto = LlamaContextSequence.prototype;
    const original = proto.evaluateWithoutGeneratingNewTokens;
    const steps: number[] = [];
    const ac = new AbortController();
    proto.evaluateWithoutGeneratingNewTokens = async function (this: LlamaContextSequence, ...args: Parameters<typeof original>) {
      await original.apply(this, args);
      steps.push(args[0].length);
      if (steps.length === 2) ac.abort(new Error('Test bricht ab'));
    };
    try {
      const content = 'wort '.repeat(30);
      expect(a.countTokens(content)).toBeGreaterThan(64);
      const err = await a.generate({ model: 'tiny', messages: [{ role: 'user', content }], maxTokens: 5, signal: ac.signal }).catch((e) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err.kind).toBe('aborted');
      // two steps of 16 tokens were evaluated, then it stopped; the rest of the prompt was never sent
      expect(steps).toEqual([16, 16]);
      // the sequence is free again and a full request still works
      const after = await a.generate({ model: 'tiny', messages: [{ role: 'user', content: 'Weiter' }], maxTokens: 3 });
      expect(after.usage.outputTokens).toBe(3);
    } finally {
      proto.evaluateWithoutGeneratingNewTokens = original;
      await a.close();
    }
  });

  it('a prompt evaluated in steps gives the same greedy output as one evaluated at once', async () => {
    const content = 'Die Werkbank misst Qualität, Latenz und Kosten. '.repeat(6);
    const stepped = await createLocalAdapter({ modelPath, threads: 1, contextSize: 256, prefillChunkTokens: 8 });
    const whole = await createLocalAdapter({ modelPath, threads: 1, contextSize: 256, prefillChunkTokens: 10_000 });
    try {
      expect(stepped.countTokens(content)).toBeGreaterThan(32);
      const req = { model: 'tiny', messages: [{ role: 'user' as const, content }], maxTokens: 12 };
      const [a, b] = [await stepped.generate(req), await whole.generate(req)];
      expect(a.usage).toEqual(b.usage);
      expect(a.text).toBe(b.text);
    } finally {
      await stepped.close();
      await whole.close();
    }
  });
});
