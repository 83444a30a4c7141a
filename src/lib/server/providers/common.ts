// Shared adapter plumbing: monotonic timing, per-request timeout/abort signals, the push-based
// GenerateStream, and mapping of HTTP/transport failures to ProviderError. SDK-free.
import {
  ProviderError,
  parseRetryAfterMs,
  type FinishReason,
  type GenerateRequest,
  type GenerateResult,
  type GenerateStream,
  type ProviderErrorKind,
  type StreamChunk,
  type Timing,
  type Usage
} from './types';

/** Records client-side timings from performance.now(). */
export class TimingRecorder {
  startMs = performance.now();
  firstTokenMs?: number;
  readonly chunkTimesMs: number[] = [];

  /**
   * Mark the arrival of a content chunk; returns its timestamp: `atMs`, the wire arrival time where the
   * transport knows it (http-fetch), else now — never earlier than the previous chunk or the start.
   */
  chunk(atMs?: number): number {
    const prev = this.chunkTimesMs.length ? this.chunkTimesMs[this.chunkTimesMs.length - 1] : this.startMs;
    const t = Math.max(prev, atMs ?? performance.now());
    if (this.firstTokenMs === undefined) this.firstTokenMs = t;
    this.chunkTimesMs.push(t);
    return t;
  }

  /**
   * Start the clock when the request went to the socket layer (the transport's `sentAtMs`) instead of
   * when the adapter began building it; only before the first chunk and only later than the start.
   */
  sentAt(atMs: number): void {
    if (this.chunkTimesMs.length === 0 && atMs > this.startMs && atMs <= performance.now()) this.startMs = atMs;
  }

  finish(server?: Timing['server'], streaming = false): Timing {
    const endMs = performance.now();
    const t: Timing = { startMs: this.startMs, endMs };
    if (streaming) {
      t.firstTokenMs = this.firstTokenMs;
      t.chunkTimesMs = this.chunkTimesMs;
    }
    if (server && Object.values(server).some((v) => v !== undefined)) t.server = server;
    return t;
  }
}

/** Reason used when the per-request timeout fires (distinguishes timeout from a caller abort). */
export class RequestTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request timed out after ${timeoutMs} ms`);
    this.name = 'RequestTimeout';
  }
}

export interface RequestSignal {
  signal: AbortSignal;
  /** True once the per-request timeout fired. */
  timedOut(): boolean;
  /** True when the caller's signal aborted. */
  callerAborted(): boolean;
  dispose(): void;
}

/** Combine the caller's AbortSignal with the per-request timeout (request overrides default). */
export function requestSignal(req: Pick<GenerateRequest, 'signal' | 'timeoutMs'>, defaultTimeoutMs?: number): RequestSignal {
  const controller = new AbortController();
  const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new RequestTimeout(timeoutMs));
    }, timeoutMs);
    timer.unref?.();
  }
  const onAbort = () => controller.abort(req.signal?.reason ?? new Error('aborted'));
  if (req.signal) {
    if (req.signal.aborted) onAbort();
    else req.signal.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    callerAborted: () => Boolean(req.signal?.aborted),
    dispose() {
      if (timer) clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}

/** The ProviderError kind for an HTTP status. */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  if (status === 409) return 'server';
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR'
]);

/** Walk an error's cause chain and return the first transport error code found, if any. */
export function connectionCode(err: unknown): string | undefined {
  let e: unknown = err;
  let fetchFailed = false;
  for (let depth = 0; e && depth < 8; depth++) {
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
    // undici: TypeError('fetch failed') wraps the network error (refused, DNS, blocked port, TLS).
    if (o.message === 'fetch failed') fetchFailed = true;
    if (typeof o.code === 'string' && CONNECTION_CODES.has(o.code)) return o.code;
    if (typeof o.message === 'string') {
      // undici reports a body cut off mid-stream as TypeError('terminated'); others as "socket hang up".
      if (o.message === 'terminated') return 'ECONNRESET';
      if (/socket hang up|other side closed|ECONNRESET|premature close|aborted by the server/i.test(o.message)) return 'ECONNRESET';
      if (/ECONNREFUSED/.test(o.message)) return 'ECONNREFUSED';
      if (/ENOTFOUND|EAI_AGAIN/.test(o.message)) return 'ENOTFOUND';
    }
    e = o.cause;
  }
  return fetchFailed ? 'FETCH_FAILED' : undefined;
}

/** Human-readable message for a transport error code. */
export function connectionMessage(code: string, target?: string): string {
  const where = target ? ` (${target})` : '';
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused${where}: nothing listens there`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found${where}`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connection timed out${where}`;
    case 'FETCH_FAILED':
      return `connection failed${where}`;
    default:
      return `connection lost${where} (${code})`;
  }
}

/** Build a ProviderError for an HTTP error response. */
export function httpError(provider: string, status: number, message: string, headers?: { get(name: string): string | null } | Record<string, string | string[] | undefined>, cause?: unknown): ProviderError {
  const get = (name: string): string | null => {
    if (!headers) return null;
    if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name);
    const rec = headers as Record<string, string | string[] | undefined>;
    const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
    const v = key ? rec[key] : undefined;
    return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
  };
  const retryAfterMs = parseRetryAfterMs(get('retry-after'), get('retry-after-ms'));
  return new ProviderError({ provider, kind: kindForStatus(status), status, retryAfterMs, message: `HTTP ${status}: ${message}`, cause });
}

/**
 * Map an unknown failure to ProviderError when it is a timeout, abort or transport error; returns
 * undefined otherwise (the adapter then applies its SDK-specific mapping).
 */
export function transportError(provider: string, err: unknown, sig?: RequestSignal): ProviderError | undefined {
  if (err instanceof ProviderError) return err;
  if (sig?.timedOut()) return new ProviderError({ provider, kind: 'timeout', retryable: true, message: `request timed out`, cause: err });
  if (sig?.callerAborted()) return new ProviderError({ provider, kind: 'aborted', retryable: false, message: 'request aborted by caller', cause: err });
  const code = connectionCode(err);
  if (code) {
    const kind: ProviderErrorKind = code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'connection';
    let detail = '';
    if (code === 'FETCH_FAILED') {
      let c: unknown = err;
      while (c && (c as { cause?: unknown }).cause) c = (c as { cause?: unknown }).cause;
      const m = (c as { message?: unknown })?.message;
      if (typeof m === 'string' && m !== 'fetch failed') detail = `: ${m}`;
    }
    return new ProviderError({ provider, kind, retryable: true, message: connectionMessage(code) + detail, cause: err });
  }
  return undefined;
}

/** The timeout/abort error when the request's signal fired (whatever the SDK threw after that). */
export function abortError(provider: string, err: unknown, sig: RequestSignal): ProviderError | undefined {
  if (sig.timedOut()) return new ProviderError({ provider, kind: 'timeout', retryable: true, message: 'request timed out', cause: err });
  if (sig.callerAborted()) return new ProviderError({ provider, kind: 'aborted', retryable: false, message: 'request aborted by caller', cause: err });
  return undefined;
}

export function malformed(provider: string, detail: string, cause?: unknown): ProviderError {
  return new ProviderError({ provider, kind: 'malformed_response', retryable: false, message: `malformed response: ${detail}`, cause });
}

/** Only finite, non-negative integers count as a token count; anything else is unknown. */
export function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function usageOf(u: Partial<Record<keyof Usage, unknown>>): Usage {
  const out: Usage = {};
  const i = count(u.inputTokens);
  const o = count(u.outputTokens);
  const r = count(u.cacheReadTokens);
  const w = count(u.cacheWriteTokens);
  if (i !== undefined) out.inputTokens = i;
  if (o !== undefined) out.outputTokens = o;
  if (r !== undefined) out.cacheReadTokens = r;
  if (w !== undefined) out.cacheWriteTokens = w;
  return out;
}

/** Normalise the common finish-reason vocabularies (OpenAI, Anthropic, Bedrock, Ollama, Mistral). */
export function normaliseFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
    case 'end_turn':
    case 'stop_sequence':
    case 'eos':
      return 'stop';
    case 'length':
    case 'max_tokens':
    case 'model_length':
    case 'model_context_window_exceeded':
      return 'length';
    case 'content_filter':
    case 'content_filtered':
    case 'guardrail_intervened':
    case 'refusal':
      return 'content_filter';
    case 'tool_calls':
    case 'tool_use':
    case 'function_call':
      return 'tool_calls';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}

/** What a streaming producer returns once the stream is finished. */
export type StreamOutcome = Omit<GenerateResult, 'text' | 'timing'> & { server?: Timing['server'] };

/**
 * Build a GenerateStream. The producer starts at once, calls `emit(text)` for every content chunk as it
 * arrives (timestamped then, not when the consumer reads it) and returns usage/finish reason. Chunks are
 * buffered, so a consumer may iterate or only await `result`.
 */
export function makeStream(provider: string, req: GenerateRequest, defaultTimeoutMs: number | undefined, producer: (emit: (text: string, arrivedAtMs?: number) => void, sig: RequestSignal, timing: TimingRecorder) => Promise<StreamOutcome>, mapError: (err: unknown, sig: RequestSignal) => ProviderError): GenerateStream {
  const timing = new TimingRecorder();
  const sig = requestSignal(req, defaultTimeoutMs);
  const parts: string[] = [];
  const stream = streamFromPush(async (push) => {
    const emit = (text: string, arrivedAtMs?: number) => {
      if (!text) return;
      const atMs = timing.chunk(arrivedAtMs);
      parts.push(text);
      push({ type: 'text', text, atMs });
    };
    try {
      const outcome = await producer(emit, sig, timing);
      const { server, ...rest } = outcome;
      return { ...rest, text: parts.join(''), timing: timing.finish(server, true) };
    } catch (err) {
      // Some SDKs end a stream quietly on abort; whatever follows from that is reported as the abort/timeout.
      throw abortError(provider, err, sig) ?? (err instanceof ProviderError ? err : mapError(err, sig));
    } finally {
      sig.dispose();
    }
  });
  stream.resultHasChunkTimes = true; // text and every chunk's time are in the result (TimingRecorder)
  return stream;
}

/**
 * Turn a push-style generation into a GenerateStream: chunks are yielded in order as `push` delivers them,
 * then the iterator ends (or throws the generation's error); `result` is the generation's promise.
 */
export function streamFromPush(start: (push: (c: StreamChunk) => void) => Promise<GenerateResult>): GenerateStream {
  const queue: StreamChunk[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const result = start((c) => {
    queue.push(c);
    notify();
  }).then(
    (r) => {
      done = true;
      notify();
      return r;
    },
    (err) => {
      done = true;
      failure = err;
      notify();
      throw err;
    }
  );
  result.catch(() => undefined); // the iterator reports the error; do not also raise an unhandled rejection
  return {
    result,
    async *[Symbol.asyncIterator]() {
      while (true) {
        if (queue.length) {
          yield queue.shift()!;
          continue;
        }
        if (done) {
          if (failure !== undefined) throw failure;
          return;
        }
        await new Promise<void>((r) => (wake = r));
      }
    }
  };
}

/** Run a non-streaming call with timing, signal handling and error mapping. */
export async function runGenerate(provider: string, req: GenerateRequest, defaultTimeoutMs: number | undefined, call: (sig: RequestSignal) => Promise<Omit<GenerateResult, 'timing'> & { server?: Timing['server'] }>, mapError: (err: unknown, sig: RequestSignal) => ProviderError): Promise<GenerateResult> {
  const timing = new TimingRecorder();
  const sig = requestSignal(req, defaultTimeoutMs);
  try {
    const { server, ...rest } = await call(sig);
    return { ...rest, timing: timing.finish(server) };
  } catch (err) {
    throw abortError(provider, err, sig) ?? (err instanceof ProviderError ? err : mapError(err, sig));
  } finally {
    sig.dispose();
  }
}

/** Settings every adapter factory receives (resolved from werkbank.config.yaml and the environment). */
export interface AdapterSettings {
  /** Route prefix used as the adapter id, e.g. `ollama`, `openai-compatible/stackit`. */
  id: string;
  baseUrl?: string;
  apiKey?: string;
  region?: string;
  apiVersion?: string;
  deployment?: string;
  /** Default per-request timeout (a request's own timeoutMs wins). */
  timeoutMs?: number;
  /** Extra HTTP headers (e.g. OpenRouter/IONOS specifics). */
  headers?: Record<string, string>;
  /** Tier-3 routes (US providers without EU contract) are marked as such. */
  tier?: number;
  /** AWS static credentials (from the env vars the target names); absent → the SDK's default chain. */
  awsCredentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Google Cloud project (Vertex AI). */
  project?: string;
  /** AWS shared-config profile (AWS_PROFILE). */
  awsProfile?: string;
}
