// GPU smoke test for the embedded engine: before this process puts a model on a GPU, a child process
// loads a tiny synthetic model with the same llama.cpp binding and decodes one token on the GPU.
// llama.cpp aborts the whole process on a CUDA error instead of throwing, and loading a binding does
// not run a kernel. Seen on an H100 (driver 580): node-llama-cpp 3.21.1's prebuilt CUDA binary has no
// sm_90 code and its PTX is from a newer CUDA than the driver takes ("the provided PTX was compiled
// with an unsupported toolchain"), so the first decode killed the process: a `werkbank serve` with a
// GPU target would have died with it. The child takes that instead, once per process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSyntheticGguf, type SynthShape } from './gguf-writer';

export type GpuCheckResult = { ok: true; gpu: string | false } | { ok: false; message: string; timedOut?: boolean };

/** The smallest llama shape llama.cpp loads (the catalog's `tiny-test`). */
const TINY: SynthShape = { id: 'gpu-check', architecture: 'llama', layers: 2, hiddenSize: 64, ffnSize: 128, heads: 4, kvHeads: 2, headDim: 16, vocabSize: 512, contextLength: 256 };

/** Child: load the binding as the adapter does, put the model fully on the GPU, decode one token. */
export const GPU_CHECK_SCRIPT = `
const [nlcUrl, modelPath] = process.argv.slice(2);
const { getLlama, LlamaLogLevel } = await import(nlcUrl);
const llama = await getLlama({ gpu: 'auto', build: 'never', progressLogs: false, logLevel: LlamaLogLevel.error });
if (llama.gpu === false) { process.stdout.write('gpu:false\\n'); process.exit(0); }
const model = await llama.loadModel({ modelPath, gpuLayers: 'max' });
const context = await model.createContext({ contextSize: 64 });
for await (const t of context.getSequence().evaluate(model.tokenize('Hallo'), { temperature: 0 })) break;
process.stdout.write('gpu:' + llama.gpu + '\\n');
process.exit(0);
`;

/**
 * Run `script` (default GPU_CHECK_SCRIPT) in a child Node process with the node-llama-cpp entry and a
 * tiny model path as arguments. ok: the child printed `gpu:<backend|false>` and exited 0.
 */
export async function runGpuCheck(opts: { script?: string; timeoutMs?: number } = {}): Promise<GpuCheckResult> {
  let dir: string | undefined;
  let nlcUrl: string;
  let modelPath: string;
  let scriptPath: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'werkbank-gpu-check-'));
    modelPath = join(dir, 'tiny.gguf');
    await writeSyntheticGguf({ shape: TINY, quant: 'q8_0', outPath: modelPath, seed: 1 });
    nlcUrl = pathToFileURL(createRequire(import.meta.url).resolve('node-llama-cpp')).href;
    // a file, not `node -e`: node-llama-cpp tests its binding in a child started with this
    // process's execArgv, which would run the `-e` script again
    scriptPath = join(dir, 'check.mjs');
    writeFileSync(scriptPath, opts.script ?? GPU_CHECK_SCRIPT);
  } catch (err) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    return { ok: false, message: `GPU-Probelauf nicht vorzubereiten: ${(err as Error).message}` };
  }
  try {
    const timeoutMs = opts.timeoutMs ?? 120_000;
    return await new Promise<GpuCheckResult>((resolve) => {
      // its own process group, so a timeout ends whatever the child started too
      const child = spawn(process.execPath, [scriptPath, nlcUrl, modelPath], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let out = '';
      let err = '';
      let timedOut = false;
      let done = false;
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
      const killGroup = () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
      }, timeoutMs);
      const finish = (r: GpuCheckResult) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(r);
      };
      child.on('error', (e) => finish({ ok: false, message: `Prüfprozess ließ sich nicht starten: ${e.message}` }));
      const answer = (code: number | null, signal: NodeJS.Signals | null) => {
        const m = /^gpu:(.+)$/m.exec(out);
        if (code === 0 && m) return finish({ ok: true, gpu: m[1] === 'false' ? false : m[1] });
        const why = timedOut ? `keine Antwort in ${Math.round(timeoutMs / 1000)} s` : signal ? `Signal ${signal}` : `Exit-Code ${code}`;
        // llama.cpp's own message ("CUDA error: …") is the useful line; its backtrace is not
        const lines = err.split('\n').map((l) => l.replace(/^\[node-llama-cpp\]\s*/, '').trim()).filter(Boolean);
        const detail = lines.filter((l) => /error|fehler/i.test(l) && !/^\//.test(l)).slice(0, 2).join('; ') || lines.slice(-2).join('; ');
        finish({ ok: false, message: `GPU-Probelauf abgebrochen (${why})${detail ? `: ${detail}` : ''}`, ...(timedOut ? { timedOut: true } : {}) });
      };
      // normally the pipes close right after the child exits; processes it started may keep them
      // open, so those are ended and the answer comes at the latest a second after the exit
      child.on('close', (code, signal) => answer(code, signal));
      child.on('exit', (code, signal) => {
        killGroup();
        setTimeout(() => answer(code, signal), 1000);
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let cached: Promise<GpuCheckResult> | undefined;

/**
 * runGpuCheck once per process: every later GPU adapter reuses the answer, except a timeout (a busy
 * GPU or a slow first compile), which the next adapter tries again.
 */
export function checkGpuOnce(): Promise<GpuCheckResult> {
  const p = (cached ??= runGpuCheck());
  void p.then((r) => {
    if (!r.ok && r.timedOut && cached === p) cached = undefined;
  });
  return p;
}
