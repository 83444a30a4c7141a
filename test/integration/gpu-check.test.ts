// GPU smoke test of the embedded engine (src/lib/server/engine/gpu-check.ts): a child process decodes
// one token with the llama.cpp binding before this process puts a model on a GPU, because llama.cpp
// aborts the whole process on a CUDA error. Here (no GPU) the real check answers "no GPU"; a child
// that dies the way llama.cpp did on an H100 and one that hangs are reported with a clear message.
import { describe, expect, it } from 'vitest';
import { runGpuCheck } from '../../src/lib/server/engine/gpu-check';

describe('GPU smoke test (child process)', () => {
  it('runs the real check: node-llama-cpp loads in the child and answers (no GPU on the CI machine)', async () => {
    const r = await runGpuCheck();
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }, 60_000);

  it('reports a child that llama.cpp aborted, with llama.cpp\'s error line and not its backtrace', async () => {
    const script = `
      process.stderr.write('/src/ggml-cuda.cu:108: CUDA error\\n/lib/libggml-base.so(ggml_abort+0x152)[0x7f58]\\n');
      process.stderr.write('[node-llama-cpp] CUDA error: the provided PTX was compiled with an unsupported toolchain.\\n');
      process.abort();`;
    const r = await runGpuCheck({ script });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/^GPU-Probelauf abgebrochen \(Signal SIGABRT\): /);
    expect(r.message).toContain('CUDA error: the provided PTX was compiled with an unsupported toolchain.');
    expect(r.message).not.toContain('ggml_abort');
  }, 30_000);

  it('reports a check it cannot prepare instead of throwing (no writable temp folder)', async () => {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = '/gibt-es-nicht/werkbank';
    try {
      const r = await runGpuCheck();
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^GPU-Probelauf nicht vorzubereiten: .*gibt-es-nicht/);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('gives up on a child that does not answer, and ends what it started', async () => {
    const script = `
      import { spawn } from 'node:child_process';
      const c = spawn('sleep', ['30'], { stdio: 'inherit' });
      process.stdout.write('pid:' + c.pid + '\\n');
      setInterval(() => {}, 1000);`;
    const t0 = Date.now();
    const r = await runGpuCheck({ script, timeoutMs: 1500 });
    expect(r).toEqual({ ok: false, message: 'GPU-Probelauf abgebrochen (keine Antwort in 2 s)', timedOut: true });
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 30_000);

  it('answers when the child exits, even if a process it started holds its output open', async () => {
    const script = `
      import { spawn } from 'node:child_process';
      spawn('sleep', ['30'], { stdio: 'inherit' }).unref();
      process.stdout.write('gpu:false\\n');
      process.exit(0);`;
    const t0 = Date.now();
    expect(await runGpuCheck({ script })).toEqual({ ok: true, gpu: false });
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 30_000);
});
