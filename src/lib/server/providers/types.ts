// Provider adapter contract: one small interface over every LLM route. Adapters normalise usage
// (unknown counts are `undefined`, never 0), report timings from a monotonic clock, and throw
// ProviderError with `retryable`. They never compute cost (that is core/cost from usage × price).

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateRequest {
  /** Provider model id (inference profile, deployment or model name) as the API expects it. */
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  seed?: number;
  stop?: string[];
  /** The system prompt may be served from a prompt cache (Bedrock cachePoint, Anthropic cache_control). */
  cacheSystemPrompt?: boolean;
  /** Ask for a JSON object where the API supports it. */
  jsonMode?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Token counts of one request. `inputTokens` are the input tokens billed at the normal input price, i.e.
 * WITHOUT cache reads and writes (Anthropic/Bedrock convention; OpenAI-style adapters subtract
 * prompt_tokens_details.cached_tokens). core/cost prices each count once.
 */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'other';

/** Timings in milliseconds from `performance.now()` (monotonic). */
export interface Timing {
  startMs: number;
  /** Time of the first content chunk (streaming only). */
  firstTokenMs?: number;
  endMs: number;
  /** Arrival time of each content chunk (streaming only). */
  chunkTimesMs?: number[];
  /** Server-side timings where the API reports them (e.g. Ollama, in ms). */
  server?: {
    promptEvalCount?: number;
    promptEvalMs?: number;
    evalCount?: number;
    evalMs?: number;
    loadMs?: number;
    totalMs?: number;
  };
}

export interface GenerateResult {
  text: string;
  usage: Usage;
  finishReason: FinishReason;
  /** Raw finish reason string from the provider. */
  rawFinishReason?: string;
  timing: Timing;
  /** Provider's response/request id, if any. */
  responseId?: string;
}

export interface StreamChunk {
  type: 'text';
  text: string;
  /** performance.now() when the chunk arrived. */
  atMs: number;
}

/** Streaming handle: iterate chunks, then await `result` for the final usage and timings. */
export interface GenerateStream extends AsyncIterable<StreamChunk> {
  result: Promise<GenerateResult>;
  /**
   * True when `result` already carries the text and every chunk's time (`timing.firstTokenMs`,
   * `timing.chunkTimesMs`), as streams from `streamFromPush` do: a consumer that only needs the
   * finished response may then await `result` without iterating.
   */
  resultHasChunkTimes?: boolean;
}

export interface ProviderCapabilities {
  streaming: boolean;
  promptCaching?: boolean;
  jsonMode?: boolean;
  serverTimings?: boolean;
}

export interface ProviderAdapter {
  /** Route prefix, e.g. `bedrock-eu`, `ollama`, `openai-compatible/stackit`. */
  id: string;
  capabilities: ProviderCapabilities;
  /** Random-weights model (werkbank synth): runs are labelled "nur Geschwindigkeit, keine Qualität". */
  isSynthetic?: boolean;
  generate(req: GenerateRequest): Promise<GenerateResult>;
  stream(req: GenerateRequest): GenerateStream;
  close?(): Promise<void>;
}

export type ProviderErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'rate_limit'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'bad_request'
  | 'malformed_response'
  | 'content_filter'
  | 'aborted'
  | 'unknown';

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly provider: string;
  constructor(opts: {
    provider: string;
    kind: ProviderErrorKind;
    message: string;
    retryable?: boolean;
    status?: number;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(opts.message, { cause: opts.cause });
    this.name = 'ProviderError';
    this.provider = opts.provider;
    this.kind = opts.kind;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
    this.retryable = opts.retryable ?? isRetryableStatus(opts.status) ?? ['rate_limit', 'server', 'timeout', 'connection'].includes(opts.kind);
  }
  toJSON() {
    return { name: this.name, provider: this.provider, kind: this.kind, status: this.status, retryable: this.retryable, retryAfterMs: this.retryAfterMs, message: this.message };
  }
}

/** 408/409/429/5xx are retryable; other 4xx are not; undefined when there is no status. */
export function isRetryableStatus(status: number | undefined): boolean | undefined {
  if (status === undefined) return undefined;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Parse a Retry-After header (seconds or HTTP date) or retry-after-ms into milliseconds. */
export function parseRetryAfterMs(headerValue: string | null | undefined, retryAfterMsHeader?: string | null, nowMs = Date.now()): number | undefined {
  if (retryAfterMsHeader) {
    const ms = Number(retryAfterMsHeader);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  if (!headerValue) return undefined;
  const secs = Number(headerValue);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const date = Date.parse(headerValue);
  if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  return undefined;
}
