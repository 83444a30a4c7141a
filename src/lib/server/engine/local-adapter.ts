// Embedded engine adapter (`local/<path.gguf>`): node-llama-cpp in this process, a real or synthetic
// GGUF model, streaming with one chunk and one performance.now() timestamp per generated token.
// The model is loaded once per adapter; requests take a sequence from a pool (one context with N
// sequences, batched together by node-llama-cpp) and wait in line when all are busy.
// Synthetic models have no chat template and are driven past EOS, so output length = maxTokens.
import { performance } from 'node:perf_hooks';
import { existsSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import type { Llama, LlamaModel, LlamaContext, LlamaContextSequence, Token, ChatHistoryItem } from 'node-llama-cpp';
import {
  ProviderError,
  type ChatMessage,
  type FinishReason,
  type GenerateRequest,
  type GenerateResult,
  type ProviderAdapter,
  type StreamChunk
} from '../providers/types';
import { streamFromPush } from '../providers/common';
import { isSyntheticGguf, missingModelKeys, readGgufInfo, syntheticShapeId } from './gguf-reader';
import { defaultThreads, describeLlamaHardware, type HardwareInfo } from './hardware';
import { checkGpuOnce, type GpuCheckResult } from './gpu-check';
import { withLock } from 'lifecycle-utils';

export interface LocalAdapterOptions {
  modelPath: string;
  /** false (default): CPU only; 'auto': GPU when one is usable; true: GPU required. */
  gpu?: boolean | 'auto';
  /** Decode threads (default: half the cores, at least 1). */
  threads?: number;
  /** Tokens per sequence (prompt + output); default min(model context, 2048). */
  contextSize?: number;
  /** Sampling seed when temperature > 0. */
  seed?: number;
  /** Parallel sequences to start with (default 1); `ensureConcurrency` grows the pool. */
  sequences?: number;
  /**
   * Memory-map the model file. Default: see defaultMmap (off on the CPU backend when the file fits
   * in memory, node-llama-cpp's 'auto' otherwise).
   */
  mmap?: boolean;
  /**
   * llama.cpp flash attention: true or false; default node-llama-cpp's per model ('auto': llama.cpp
   * decides per backend; off for models it knows to be unsupported). On a
   * GPU it matters for decode speed (H100, 7B Q4_0: llama-bench 288 → 340 tok/s, Werkbank's probe
   * 250 → 273 tok/s with it on).
   */
  flashAttention?: boolean | 'auto';
  /** The GPU smoke test (default: checkGpuOnce, a child process once per process); for tests. */
  gpuCheck?: () => Promise<GpuCheckResult>;
  /**
   * Prompt tokens evaluated per step before the first output token (default: the context's batch size
   * on a GPU, PREFILL_CHUNK_CPU on the CPU). A stop (timeout, cancel, Ctrl-C) takes effect between two
   * steps, not only after the whole prompt.
   */
  prefillChunkTokens?: number;
}

/**
 * Prefill step on the CPU: small enough that a stop waits at most a few seconds even for a 7B model on
 * two cores (≈ 50 ms per prompt token), large enough to keep the matrix kernels busy (docs/engine.md).
 */
export const PREFILL_CHUNK_CPU = 64;

/** Tokens per llama.cpp batch (the context's batchSize, and the prefill step on a GPU). */
const BATCH_TOKENS = 512;

/** The local adapter: a ProviderAdapter plus what only an in-process engine can tell. */
export interface LocalAdapter extends ProviderAdapter {
  id: 'local';
  modelPath: string;
  /** Random-weights file from `werkbank synth`: label runs "nur Geschwindigkeit, keine Qualität". */
  isSynthetic: boolean;
  shapeId?: string;
  contextSize: number;
  /** Make sure `n` requests can run at the same time (recreates the context when idle). */
  ensureConcurrency(n: number): Promise<void>;
  /** Whether the model file is memory-mapped (see LocalAdapterOptions.mmap). */
  memoryMapped: boolean;
  /** Tokens a single user message `text` becomes as a prompt (template and BOS included). */
  countTokens(text: string): number;
  hardware(label?: string): Promise<HardwareInfo>;
  close(): Promise<void>;
}

export const SYNTHETIC_LABEL = 'nur Geschwindigkeit, keine Qualität';
const PROVIDER = 'local';

const llamaInstances = new Map<string, Promise<Llama>>();

/** One llama.cpp binding per GPU mode for the whole process (getLlama is expensive; never disposed). */
function getLlamaFor(gpu: false | 'auto'): Promise<Llama> {
  const key = String(gpu);
  let p = llamaInstances.get(key);
  if (!p) {
    p = import('node-llama-cpp').then((m) => m.getLlama({ gpu, build: 'never', progressLogs: false, logLevel: m.LlamaLogLevel.error }));
    p.catch(() => llamaInstances.delete(key));
    llamaInstances.set(key, p);
  }
  return p;
}

/**
 * Whether to memory-map a model file when the caller does not say. llama.cpp's CPU backend repacks
 * quantised weights into its own buffers, and the mapped file pages stay resident beside them: twice
 * the model in RSS (7B Q4_0 shape: 8.0 GB mapped, 4.2 GB read). So the CPU backend reads the file —
 * unless it takes more than 3/4 of the machine's memory, where only a mapping (paged by the OS) can
 * still load it. With a GPU, node-llama-cpp decides ('auto').
 */
export function defaultMmap(o: { cpuOnly: boolean; fileBytes: number; totalMemoryBytes: number }): false | 'auto' {
  return o.cpuOnly && o.fileBytes <= o.totalMemoryBytes * 0.75 ? false : 'auto';
}

/** What orderBatchesBySequence relies on inside node-llama-cpp 3.21.1's LlamaContext (not public API). */
interface QueuedDecodeLike {
  sequenceId: number;
  afterBatchAction?: (...args: unknown[]) => unknown;
}

let turnEnd: Promise<void> | undefined;
/** Resolves in the next event-loop turn; every caller until then shares that turn. */
function nextTurn(): Promise<void> {
  return (turnEnd ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      resolve();
      setImmediate(() => (turnEnd = undefined));
    })
  ));
}

/**
 * Keep node-llama-cpp's decode queue sorted by sequence id, so each batch lists its sequences in
 * ascending id order. llama.cpp keeps one KV stream per sequence (kv_unified off, node-llama-cpp's
 * setting) and then splits a batch into micro-batches of sequences whose ids ascend by exactly one
 * in batch order (llama_batch_allocr::split_equal, "sequential"); every micro-batch is a forward
 * pass of its own. node-llama-cpp queues sequences in the order their last token was sampled, often
 * descending, so n concurrent streams cost n forward passes per step: on an H100 the aggregate
 * decode speed of a 7B model stayed at 257–438 tok/s for 4–64 streams (llama.cpp's own batched
 * bench: 960–4,629), and on the 2-core CPU 16 one-token sequences took 210 instead of 65 ms.
 * (werkbank probe, small-309m, 1 thread, 16 streams: 43 → 82–93 tok/s with both fixes.)
 * Second, node-llama-cpp starts the next batch in the same turn in which the last sampled token of
 * the previous one arrives, before that sequence has queued its next token: the last sequence missed
 * every batch and split it (16 streams: about 2.5 passes per step). While `concurrent()` says more
 * than one stream runs, each queued decode's after-batch step therefore ends one event-loop turn
 * later (one turn per batch, shared), so all streams are in: one pass per step.
 * `betweenBatches` runs after each batch inside node-llama-cpp's context lock, with no decode in
 * flight (the adapter clears sequences there: see clearSequenceUnlocked).
 * Returns false where the queue is not there (another node-llama-cpp version): batching then
 * works as before, only slower.
 */
export function orderBatchesBySequence(context: LlamaContext, concurrent: () => boolean = () => true, betweenBatches?: () => void): boolean {
  const queue = (context as unknown as { _queuedDecodes?: QueuedDecodeLike[] })._queuedDecodes;
  if (!Array.isArray(queue)) return false;
  Object.defineProperty(queue, 'push', {
    configurable: true,
    value(this: QueuedDecodeLike[], ...items: QueuedDecodeLike[]): number {
      for (const item of items) {
        const after = item.afterBatchAction;
        item.afterBatchAction = (...args: unknown[]) => {
          const r = after?.apply(item, args);
          betweenBatches?.();
          if (!concurrent()) return r;
          return r instanceof Promise ? r.then(nextTurn) : nextTurn();
        };
        let i = this.length;
        while (i > 0 && this[i - 1].sequenceId > item.sequenceId) i--;
        this.splice(i, 0, item);
      }
      return this.length;
    }
  });
  return true;
}

/** What clearSequenceUnlocked relies on inside node-llama-cpp 3.21.1's LlamaContextSequence. */
interface SequenceInternals {
  _sequenceId: number;
  _nextTokenIndex: number;
  _contextTokens: unknown[];
  _loadedTokenPredictions: unknown[];
  _tokenPredictor?: unknown;
  _checkpoints?: { pruneFromEndToIndex(index: number): void };
  _context?: { _ctx?: { disposeSequence?(id: number): void } };
}

/**
 * Whether clearSequenceUnlocked can clear this sequence: the fields it sets exist, and no token
 * predictor (speculative decoding) keeps state of its own.
 */
export function canClearUnlocked(seq: LlamaContextSequence): boolean {
  const s = seq as unknown as SequenceInternals;
  return typeof s._sequenceId === 'number' && typeof s._nextTokenIndex === 'number' && Array.isArray(s._contextTokens) && Array.isArray(s._loadedTokenPredictions) && s._tokenPredictor == null && typeof s._context?._ctx?.disposeSequence === 'function';
}

/**
 * Empty a sequence the way node-llama-cpp's clearHistory() ends up doing it (drop its KV cells, reset
 * its token list), without taking the context lock: for callers that already hold it, between
 * batches. clearHistory() itself waits for the lock, and node-llama-cpp's decode loop keeps the lock
 * while any stream has a token queued, so a request that arrived while others streamed started only
 * when they had all finished.
 */
export function clearSequenceUnlocked(seq: LlamaContextSequence): void {
  const s = seq as unknown as SequenceInternals;
  s._contextTokens = [];
  s._loadedTokenPredictions.length = 0;
  s._checkpoints?.pruneFromEndToIndex(-1);
  s._nextTokenIndex = 0;
  s._context!._ctx!.disposeSequence!(s._sequenceId);
}

/** Plain rendering for models without a chat template (synthetic ones). */
export function renderPlainPrompt(messages: ChatMessage[]): string {
  const label = { system: 'System', user: 'Nutzer', assistant: 'Assistent' } as const;
  return messages.map((m) => `${label[m.role]}: ${m.content}`).join('\n\n') + '\n\nAssistent:';
}

interface Waiter {
  resolve(seq: LlamaContextSequence): void;
  reject(err: unknown): void;
}

export async function createLocalAdapter(opts: LocalAdapterOptions): Promise<LocalAdapter> {
  const { modelPath } = opts;
  if (!existsSync(modelPath)) throw new ProviderError({ provider: PROVIDER, kind: 'not_found', message: `Modelldatei ${modelPath} gibt es nicht`, retryable: false });
  if (!statSync(modelPath).isFile()) throw new ProviderError({ provider: PROVIDER, kind: 'bad_request', message: `Modelldatei ${modelPath} ist keine Datei (ein Ordner?)`, retryable: false });
  let info;
  try {
    info = await readGgufInfo(modelPath);
  } catch (err) {
    throw new ProviderError({ provider: PROVIDER, kind: 'bad_request', message: (err as Error).message, retryable: false, cause: err });
  }
  const missing = missingModelKeys(info);
  if (missing.length) {
    throw new ProviderError({ provider: PROVIDER, kind: 'bad_request', retryable: false, message: `${modelPath}: Metadaten fehlen (${missing.join(', ')}); llama.cpp würde den Prozess abbrechen` });
  }
  const synthetic = isSyntheticGguf(info);
  const threads = opts.threads ?? defaultThreads();
  const gpuMode: false | 'auto' = opts.gpu === false || opts.gpu === undefined ? false : 'auto';

  let llama: Llama;
  /** Why a usable-looking GPU was not used (gpu: 'auto' after a failed GPU check). */
  let gpuFallback: string | undefined;
  try {
    llama = await getLlamaFor(gpuMode);
  } catch (err) {
    throw new ProviderError({ provider: PROVIDER, kind: 'unknown', retryable: false, message: `llama.cpp lässt sich nicht laden: ${(err as Error).message}`, cause: err });
  }
  if (llama.gpu !== false) {
    // llama.cpp aborts the process on a GPU error; a child process finds out first (gpu-check.ts)
    const check = await (opts.gpuCheck ?? checkGpuOnce)();
    const failure = !check.ok ? check.message : check.gpu !== llama.gpu ? `GPU-Probelauf mit anderem Backend (${check.gpu || 'keins'} statt ${llama.gpu})` : undefined;
    if (failure) {
      const binary = llama.buildType === 'prebuilt' ? 'Das vorgefertigte llama.cpp-Binary' : 'Der lokale llama.cpp-Build';
      const message = `${failure}. ${binary} läuft auf dieser GPU nicht; auf dieser Maschine bauen: npx --no node-llama-cpp source build --gpu ${llama.gpu}`;
      if (opts.gpu === true) throw new ProviderError({ provider: PROVIDER, kind: 'bad_request', retryable: false, message });
      // gpu: 'auto' means "a GPU when one is usable": this one is not, so the CPU serves
      try {
        llama = await getLlamaFor(false);
      } catch (err) {
        throw new ProviderError({ provider: PROVIDER, kind: 'unknown', retryable: false, message: `${message}; llama.cpp für die CPU lässt sich auch nicht laden: ${(err as Error).message}`, cause: err });
      }
      gpuFallback = message;
      // diagnostics go to stderr (a run or the server log); probes also record it in their hardware
      console.warn(`werkbank: ${modelPath}: GPU nicht genutzt, die CPU rechnet (${message})`);
    }
  }
  if (opts.gpu === true && llama.gpu === false) {
    throw new ProviderError({ provider: PROVIDER, kind: 'bad_request', retryable: false, message: 'GPU verlangt (--gpu), aber kein GPU-Backend (CUDA, Vulkan, Metal) verfügbar' });
  }
  const { resolveChatWrapper } = await import('node-llama-cpp');
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath, gpuLayers: llama.gpu === false ? 0 : opts.gpu === true ? 'max' : 'auto', useMmap: opts.mmap ?? defaultMmap({ cpuOnly: llama.gpu === false, fileBytes: statSync(modelPath).size, totalMemoryBytes: totalmem() }) });
  } catch (err) {
    throw new ProviderError({ provider: PROVIDER, kind: 'bad_request', retryable: false, message: `Modell ${modelPath} lässt sich nicht laden: ${(err as Error).message}`, cause: err });
  }
  const contextSize = Math.max(64, Math.min(opts.contextSize ?? Math.min(model.trainContextSize, 4096), model.trainContextSize));
  const chatWrapper = synthetic ? null : resolveChatWrapper(model);
  const onCpu = llama.gpu === false || model.gpuLayers === 0;
  const prefillChunk = Math.max(1, Math.floor(opts.prefillChunkTokens ?? (onCpu ? PREFILL_CHUNK_CPU : BATCH_TOKENS)));

  // --- sequence pool -------------------------------------------------------------------------
  let context: LlamaContext | undefined;
  let capacity = 0;
  let free: LlamaContextSequence[] = [];
  /** Each sequence's id in its context (the order it was handed out). */
  const sequenceIndex = new WeakMap<LlamaContextSequence, number>();
  let busy = 0;
  const waiters: Waiter[] = [];
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  /** Sequences to empty before their next request; done between batches or when the lock is free. */
  interface PendingClear {
    seq: LlamaContextSequence;
    resolve: () => void;
    reject: (err: unknown) => void;
    done: boolean;
  }
  const pendingClears = new Set<PendingClear>();

  function runClear(entry: PendingClear) {
    if (entry.done) return;
    entry.done = true;
    pendingClears.delete(entry);
    try {
      clearSequenceUnlocked(entry.seq);
      entry.resolve();
    } catch (err) {
      entry.reject(err);
    }
  }

  /**
   * Empty a sequence for a new request. Inside a running decode loop that happens after the current
   * batch (orderBatchesBySequence's betweenBatches); otherwise under the context lock, as soon as it
   * is free. Whichever comes first does it; the other finds it done.
   */
  function clearSequence(seq: LlamaContextSequence): Promise<void> {
    if (seq.nextTokenIndex === 0) return Promise.resolve();
    if (!context || !canClearUnlocked(seq)) return seq.clearHistory();
    const ctx = context;
    return new Promise<void>((resolve, reject) => {
      const entry: PendingClear = { seq, resolve, reject, done: false };
      pendingClears.add(entry);
      withLock([ctx, 'context'], () => runClear(entry)).catch((err) => {
        if (!entry.done) {
          entry.done = true;
          pendingClears.delete(entry);
          reject(err);
        }
      });
    });
  }

  async function buildContext(n: number) {
    // nothing may take a sequence of the old context while it is disposed
    free = [];
    capacity = 0;
    if (context) await context.dispose();
    context = undefined;
    try {
      context = await model.createContext({ contextSize, sequences: n, threads, batchSize: Math.min(BATCH_TOKENS, contextSize * n), ...(opts.flashAttention !== undefined ? { flashAttention: opts.flashAttention } : {}) });
    } catch (err) {
      capacity = 0;
      throw new ProviderError({ provider: PROVIDER, kind: 'bad_request', retryable: false, message: `Kontext mit ${n} Sequenzen × ${contextSize} Token lässt sich nicht anlegen: ${(err as Error).message}`, cause: err });
    }
    capacity = n;
    orderBatchesBySequence(context, () => busy > 1, () => {
      for (const entry of [...pendingClears]) runClear(entry);
    });
    // `free` is kept in descending id order, so pop() hands out the lowest free id: busy sequences
    // stay close together, and consecutive ids share a micro-batch (orderBatchesBySequence)
    // (a fresh context numbers its sequences 0, 1, … in the order getSequence hands them out)
    const created = Array.from({ length: n }, () => context!.getSequence());
    created.forEach((s, i) => sequenceIndex.set(s, i));
    free = created.reverse();
  }
  await buildContext(Math.max(1, opts.sequences ?? 1));

  function acquire(signal?: AbortSignal): Promise<LlamaContextSequence> {
    if (closed) return Promise.reject(new ProviderError({ provider: PROVIDER, kind: 'aborted', message: 'Adapter ist geschlossen', retryable: false }));
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    const seq = free.pop();
    if (seq) {
      busy++;
      return Promise.resolve(seq);
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        resolve: (s) => {
          signal?.removeEventListener('abort', onAbort);
          busy++;
          resolve(s);
        },
        reject
      };
      const onAbort = () => {
        const i = waiters.indexOf(w);
        if (i >= 0) waiters.splice(i, 1);
        reject(abortedError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.push(w);
    });
  }

  function release(seq: LlamaContextSequence) {
    busy--;
    if (!seq.disposed) {
      const w = waiters.shift();
      if (w) w.resolve(seq);
      else {
        let i = free.length;
        const id = sequenceIndex.get(seq) ?? 0;
        while (i > 0 && (sequenceIndex.get(free[i - 1]) ?? 0) < id) i--;
        free.splice(i, 0, seq);
      }
    }
    if (busy === 0) {
      const ws = idleWaiters;
      idleWaiters = [];
      for (const f of ws) f();
    }
  }

  /** A context rebuild in progress (one at a time; requests meanwhile wait in line). */
  let rebuilding: Promise<void> | undefined;

  async function ensureConcurrency(n: number) {
    for (;;) {
      if (rebuilding) {
        await rebuilding.catch(() => undefined);
        continue;
      }
      if (n <= capacity) return;
      if (busy > 0) {
        await new Promise<void>((r) => idleWaiters.push(r));
        continue;
      }
      rebuilding = buildContext(n).finally(() => (rebuilding = undefined));
      await rebuilding;
      while (free.length && waiters.length) waiters.shift()!.resolve(free.pop()!);
      return;
    }
  }

  function promptTokens(messages: ChatMessage[]): Token[] {
    if (chatWrapper) {
      const history: ChatHistoryItem[] = messages.map((m) =>
        m.role === 'system' ? { type: 'system', text: m.content } : m.role === 'user' ? { type: 'user', text: m.content } : { type: 'model', response: [m.content] }
      );
      history.push({ type: 'model', response: [] });
      const { contextText } = chatWrapper.generateContextState({ chatHistory: history });
      return contextText.tokenize(model.tokenizer);
    }
    const tokens = model.tokenize(renderPlainPrompt(messages));
    const bos = model.tokens.bos;
    return bos !== null && model.tokens.shouldPrependBosToken ? [bos, ...tokens] : tokens;
  }

  /** The generation loop shared by generate and stream; `emit` receives one chunk per token. */
  async function run(req: GenerateRequest, emit?: (c: StreamChunk) => void): Promise<GenerateResult> {
    const startMs = performance.now();
    const signal = combineSignals(req.signal, req.timeoutMs);
    const maxTokens = Math.max(1, req.maxTokens ?? 256);
    const prompt = promptTokens(req.messages);
    if (prompt.length + maxTokens > contextSize) {
      throw new ProviderError({
        provider: PROVIDER,
        kind: 'bad_request',
        retryable: false,
        message: `Prompt (${prompt.length} Token) + maxTokens (${maxTokens}) passen nicht in den Kontext (${contextSize} Token je Sequenz)`
      });
    }
    const seq = await acquire(signal);
    const chunkTimesMs: number[] = [];
    let text = '';
    let outputTokens = 0;
    let finishReason: FinishReason = 'length';
    let rawFinishReason = 'length';
    let firstTokenMs: number | undefined;
    const generated: Token[] = [];
    let pending: Token[] = [];
    try {
      await clearSequence(seq);
      signal?.throwIfAborted();
      // the prompt in steps, all but the last without sampling, so that a stop is seen between two steps
      let from = 0;
      while (prompt.length - from > prefillChunk) {
        await seq.evaluateWithoutGeneratingNewTokens(prompt.slice(from, from + prefillChunk));
        from += prefillChunk;
        signal?.throwIfAborted();
      }
      const it = seq.evaluate(from ? prompt.slice(from) : prompt, {
        temperature: req.temperature ?? 0,
        topP: req.topP,
        seed: req.seed ?? opts.seed,
        // Always see EOG tokens: synthetic models generate past them, real ones stop there with 'stop'.
        yieldEogToken: true
      });
      for await (const token of it) {
        const atMs = performance.now();
        const eog = model.isEogToken(token);
        if (eog && !synthetic) {
          // End of generation on a real model: not part of the output (no chunk, not counted).
          finishReason = 'stop';
          rawFinishReason = 'eos';
          break;
        }
        firstTokenMs ??= atMs;
        outputTokens++;
        chunkTimesMs.push(atMs);
        let piece = '';
        pending.push(token);
        const decoded = model.detokenize(pending, false, generated.slice(-4));
        // Hold back incomplete UTF-8 (byte tokens) for up to 4 tokens.
        if (!decoded.endsWith('\uFFFD') || pending.length >= 4) {
          piece = decoded;
          generated.push(...pending);
          pending = [];
        }
        text += piece;
        emit?.({ type: 'text', text: piece, atMs });
        if (req.stop?.length) {
          const hit = firstStop(text, req.stop);
          if (hit !== undefined) {
            text = text.slice(0, hit);
            finishReason = 'stop';
            rawFinishReason = 'stop_sequence';
            break;
          }
        }
        if (outputTokens >= maxTokens) break;
        if (signal?.aborted) break;
      }
      signal?.throwIfAborted();
    } catch (err) {
      if (signal?.aborted) throw abortedError(signal);
      if (err instanceof ProviderError) throw err;
      throw new ProviderError({ provider: PROVIDER, kind: 'server', retryable: false, message: `Generierung fehlgeschlagen: ${(err as Error).message}`, cause: err });
    } finally {
      release(seq);
    }
    const endMs = performance.now();
    return {
      text,
      usage: { inputTokens: prompt.length, outputTokens },
      finishReason,
      rawFinishReason,
      timing: { startMs, firstTokenMs, endMs, chunkTimesMs },
      responseId: undefined
    };
  }

  const adapter: LocalAdapter = {
    id: 'local',
    modelPath,
    isSynthetic: synthetic,
    shapeId: syntheticShapeId(info),
    contextSize,
    capabilities: { streaming: true, promptCaching: false, jsonMode: false, serverTimings: false },
    generate: (req) => run(req),
    stream: (req) => Object.assign(streamFromPush((emit) => run(req, emit)), { resultHasChunkTimes: true }), // run() returns text and chunk times
    ensureConcurrency,
    countTokens: (text) => promptTokens([{ role: 'user', content: text }]).length,
    memoryMapped: model.useMmap,
    hardware: (label) => describeLlamaHardware(llama, { threads, label, modelMmap: model.useMmap, flashAttention: opts.flashAttention ?? model.defaultContextFlashAttention, gpuLayers: model.gpuLayers, gpuFallback }),
    async close() {
      if (closed) return;
      closed = true;
      for (const w of waiters.splice(0)) w.reject(new ProviderError({ provider: PROVIDER, kind: 'aborted', message: 'Adapter wurde geschlossen', retryable: false }));
      while (busy > 0) await new Promise<void>((r) => idleWaiters.push(r));
      await context?.dispose();
      await model.dispose();
    }
  };
  return adapter;
}

function firstStop(text: string, stops: string[]): number | undefined {
  let best: number | undefined;
  for (const s of stops) {
    if (!s) continue;
    const i = text.indexOf(s);
    if (i >= 0 && (best === undefined || i < best)) best = i;
  }
  return best;
}

function combineSignals(signal: AbortSignal | undefined, timeoutMs: number | undefined): AbortSignal | undefined {
  const list: AbortSignal[] = [];
  if (signal) list.push(signal);
  if (timeoutMs !== undefined && timeoutMs > 0) list.push(AbortSignal.timeout(timeoutMs));
  if (list.length === 0) return undefined;
  return list.length === 1 ? list[0] : AbortSignal.any(list);
}

function abortedError(signal: AbortSignal | undefined): ProviderError {
  const reason = signal?.reason as Error | undefined;
  const timeout = reason?.name === 'TimeoutError';
  return new ProviderError({
    provider: PROVIDER,
    kind: timeout ? 'timeout' : 'aborted',
    retryable: timeout,
    message: timeout ? 'Zeitlimit überschritten' : `abgebrochen${reason?.message ? `: ${reason.message}` : ''}`,
    cause: reason
  });
}
