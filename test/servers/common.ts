// Shared machinery for the local protocol servers (Ollama, OpenAI-compatible, Mistral, Anthropic/Vertex,
// Bedrock). Each server speaks one provider's wire format over real HTTP on 127.0.0.1 and is started with
// `startXServer(opts)` → `{ url, close(), requests, configure(), reset() }`.
//
// Options (all optional, shared by every server):
//   script        ResponseScript, or (req) => ResponseScript, describing the completion:
//                   text          full completion text (default "Hallo aus dem Testserver."), split into
//                                 word chunks (" word") for streaming;
//                   tokens        explicit chunks (overrides text);
//                   ttftMs        delay from request arrival to the first content chunk (streaming) —
//                                 for non-streaming calls the whole body is sent after
//                                 ttftMs + interChunkMs × (chunks − 1), i.e. the same generation time;
//                   interChunkMs  delay between consecutive chunks;
//                   usage         { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } as the
//                                 server reports them (defaults: input ≈ prompt chars / 4, output = chunk
//                                 count); 'omit' sends no usage at all;
//                   finishReason  'stop' | 'length' | 'content_filter' (mapped to the provider's vocabulary);
//                   promptEvalMs / loadMs  server-side timings (Ollama only).
//   faults        Fault[] consumed one per request in order (then normal service);
//   fault         Fault applied to every request (after `faults` is used up);
//   apiKey        when set, requests must carry it (provider-specific header) or get the provider's 401;
//   models        when set, an unknown model gets the provider's "model not found" error;
//   record        false: do not keep requests in `requests` (long benchmark runs).
// Fault: { kind, status, retryAfter, retryAfterMs, message, afterChunks }
//   kind 'status'        (default when status is set) the provider's error body with `status`;
//                        `retryAfter` (seconds or HTTP date) → Retry-After, `retryAfterMs` → retry-after-ms;
//        'reset-before'  destroy the socket before any response byte;
//        'reset-during'  streaming: send `afterChunks` (default 2) chunks, then destroy the socket;
//                        non-streaming: send headers and half the body, then destroy;
//        'truncated'     streaming: end the stream cleanly after `afterChunks` chunks without the final
//                        event; non-streaming: a JSON body cut in half (with a matching Content-Length);
//        'malformed'     a 200 response whose body / first stream event is not valid JSON;
//        'empty'         a well-formed completion with empty text (and zero output tokens);
//        'stream-error'  streaming: an in-stream error event after `afterChunks` chunks (provider format);
//        'hang'          accept the request and never answer (for client timeouts).
// `requests` records every request (method, path, query, headers, parsed JSON body, arrival time, and the
// time each streamed chunk was written — the same performance.now() clock as an in-process client).
// Zero-latency scripts (ttftMs = interChunkMs = 0) never touch timers, so a server sustains thousands of
// requests per second (the benchmark harness relies on this for the Ollama server).
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ScriptUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

export interface ResponseScript {
  text?: string;
  tokens?: string[];
  ttftMs?: number;
  interChunkMs?: number;
  usage?: ScriptUsage | 'omit';
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Ollama server-side prompt evaluation time (ms) reported in prompt_eval_duration. */
  promptEvalMs?: number;
  /** Ollama load_duration (ms). */
  loadMs?: number;
}

export type FaultKind = 'status' | 'reset-before' | 'reset-during' | 'truncated' | 'malformed' | 'empty' | 'stream-error' | 'hang';

export interface Fault {
  kind?: FaultKind;
  status?: number;
  retryAfter?: string | number;
  retryAfterMs?: number;
  message?: string;
  afterChunks?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  rawBody: string;
  /** performance.now() when the request body was complete. */
  receivedAtMs: number;
  /** performance.now() when each streamed content chunk was written (same clock as in-process clients). */
  chunkSentAtMs: number[];
}

export interface ServerOptions {
  script?: ResponseScript | ((req: RecordedRequest) => ResponseScript);
  faults?: Fault[];
  fault?: Fault;
  apiKey?: string;
  models?: string[];
  port?: number;
  /** Keep every request in `requests` (default true); benchmarks switch it off to keep memory flat. */
  record?: boolean;
}

export interface ProtocolServer {
  url: string;
  requests: RecordedRequest[];
  /** Change options between requests (merged into the current ones). */
  configure(opts: Partial<ServerOptions>): void;
  /** Clear recorded requests and pending faults. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_TEXT = 'Hallo aus dem Testserver.';

/** A resolved script: chunks, timings and the usage the server reports. */
export interface Plan {
  chunks: string[];
  text: string;
  ttftMs: number;
  interChunkMs: number;
  usage: ScriptUsage | undefined;
  finishReason: 'stop' | 'length' | 'content_filter';
  promptEvalMs: number;
  loadMs: number;
}

export function splitText(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? (text ? [text] : []);
}

export function planFor(script: ResponseScript, promptChars: number, fault: Fault | undefined): Plan {
  const empty = fault?.kind === 'empty';
  const chunks = empty ? [] : (script.tokens ?? splitText(script.text ?? DEFAULT_TEXT));
  const usage: ScriptUsage | undefined =
    script.usage === 'omit'
      ? undefined
      : {
          inputTokens: script.usage?.inputTokens ?? Math.max(1, Math.ceil(promptChars / 4)),
          outputTokens: empty ? 0 : (script.usage?.outputTokens ?? chunks.length),
          cacheReadTokens: script.usage?.cacheReadTokens,
          cacheWriteTokens: script.usage?.cacheWriteTokens
        };
  return {
    chunks,
    text: chunks.join(''),
    ttftMs: script.ttftMs ?? 0,
    interChunkMs: script.interChunkMs ?? 0,
    usage,
    finishReason: script.finishReason ?? 'stop',
    promptEvalMs: script.promptEvalMs ?? 0,
    loadMs: script.loadMs ?? 0
  };
}

/** Total generation time of a plan (used for the non-streaming delay). */
export function generationMs(p: Plan): number {
  return p.ttftMs + p.interChunkMs * Math.max(0, p.chunks.length - 1);
}

/** Sleep until an absolute performance.now() time; returns synchronously when already past. */
export function sleepUntil(t: number): Promise<void> | undefined {
  const d = t - performance.now();
  if (d <= 0.5) return undefined;
  return new Promise((r) => setTimeout(r, d));
}

/** Sum of characters of the prompt-ish fields of a request body (messages, prompt, system). */
export function promptChars(body: unknown): number {
  let n = 0;
  const visit = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key === 'content' || key === 'text' || key === 'prompt' || key === 'system') n += v.length;
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k === 'content' && typeof x !== 'string' ? key : k);
  };
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    visit(b.messages, 'messages');
    visit(b.prompt, 'prompt');
    visit(b.system, 'system');
  }
  return n;
}

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  recorded: RecordedRequest;
  fault: Fault | undefined;
  script: ResponseScript;
  opts: ServerOptions;
}

/** Kill the connection abruptly (TCP RST where supported). */
export function resetSocket(socket: Socket | null | undefined): void {
  if (!socket) return;
  const s = socket as Socket & { resetAndDestroy?: () => void };
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else s.destroy();
}

/** Apply the faults every protocol handles the same way. Returns true when the exchange is finished. */
export function handleTransportFault(ex: Exchange): boolean {
  if (ex.fault?.kind === 'reset-before') {
    resetSocket(ex.req.socket);
    return true;
  }
  if (ex.fault?.kind === 'hang') return true;
  return false;
}

/** Retry-After headers for a status fault. */
export function retryHeaders(f: Fault): Record<string, string> {
  const h: Record<string, string> = {};
  if (f.retryAfter !== undefined) h['retry-after'] = String(f.retryAfter);
  if (f.retryAfterMs !== undefined) h['retry-after-ms'] = String(f.retryAfterMs);
  return h;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Send a JSON completion body honouring truncated/malformed/reset-during faults. */
export async function sendCompletionBody(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json'): Promise<void> {
  let text = JSON.stringify(body);
  const kind = ex.fault?.kind;
  if (kind === 'malformed') text = '{"id": "broken", "choices": [ {"message": <<not json>>';
  if (kind === 'truncated') text = text.slice(0, Math.floor(text.length / 2));
  if (kind === 'reset-during') {
    ex.res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
    ex.res.write(text.slice(0, Math.floor(text.length / 2)));
    await new Promise((r) => setTimeout(r, 5));
    resetSocket(ex.req.socket);
    return;
  }
  ex.res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  ex.res.end(text);
}

/**
 * Drive a stream: `writeChunk(text, index)` for each chunk on the scripted schedule (absolute times from
 * the request arrival), honouring reset-during / truncated / stream-error faults. Returns 'complete' when
 * every chunk was written, otherwise the fault that ended it ('reset' — socket already destroyed —,
 * 'truncated' or 'stream-error', for which the caller writes the error event and ends).
 */
export async function streamChunks(ex: Exchange, plan: Plan, writeChunk: (text: string, index: number) => void): Promise<'complete' | 'reset' | 'truncated' | 'stream-error'> {
  const t0 = ex.recorded.receivedAtMs;
  const kind = ex.fault?.kind;
  const stopAfter = kind === 'reset-during' || kind === 'truncated' || kind === 'stream-error' ? (ex.fault?.afterChunks ?? 2) : Infinity;
  for (let i = 0; i < plan.chunks.length; i++) {
    if (i >= stopAfter) break;
    const wait = sleepUntil(t0 + plan.ttftMs + i * plan.interChunkMs);
    if (wait) await wait;
    if (ex.res.destroyed) return 'reset';
    ex.recorded.chunkSentAtMs.push(performance.now());
    writeChunk(plan.chunks[i], i);
  }
  if (kind === 'reset-during') {
    await new Promise((r) => setTimeout(r, 5));
    resetSocket(ex.req.socket);
    return 'reset';
  }
  if (kind === 'truncated') return 'truncated';
  if (kind === 'stream-error') return 'stream-error';
  return 'complete';
}

/** Wait until the end of the generation schedule (non-streaming responses). */
export async function waitForGeneration(ex: Exchange, plan: Plan): Promise<void> {
  const w = sleepUntil(ex.recorded.receivedAtMs + generationMs(plan));
  if (w) await w;
}

/**
 * Start an HTTP/1.1 server whose handler gets a parsed, recorded exchange with the fault and script
 * for this request already picked.
 */
export async function startHttpServer(initial: ServerOptions, handler: (ex: Exchange) => Promise<void> | void): Promise<ProtocolServer> {
  let opts: ServerOptions = { ...initial };
  let pending: Fault[] = [...(initial.faults ?? [])];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer({ noDelay: true, keepAliveTimeout: 5000 }, (req, res) => {
    const receivedAtMs = performance.now();
    const bufs: Buffer[] = [];
    req.on('data', (b: Buffer) => bufs.push(b));
    req.on('end', () => {
      const rawBody = Buffer.concat(bufs).toString('utf8');
      let body: unknown = undefined;
      if (rawBody) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          body = undefined;
        }
      }
      const rawUrl = req.url ?? '/';
      const q = rawUrl.indexOf('?');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: q < 0 ? rawUrl : rawUrl.slice(0, q),
        query: q < 0 ? {} : Object.fromEntries(new URLSearchParams(rawUrl.slice(q + 1))),
        headers: req.headers,
        body,
        rawBody,
        receivedAtMs,
        chunkSentAtMs: []
      };
      if (opts.record !== false) requests.push(recorded);
      const fault = pending.length ? pending.shift() : opts.fault;
      const normFault = fault && !fault.kind && fault.status ? { ...fault, kind: 'status' as const } : fault;
      const script = typeof opts.script === 'function' ? opts.script(recorded) : (opts.script ?? {});
      const ex: Exchange = { req, res, recorded, fault: normFault, script, opts };
      if (handleTransportFault(ex)) return;
      Promise.resolve()
        .then(() => handler(ex))
        .catch((err: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { error: String(err) });
          else res.destroy();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    configure(o) {
      opts = { ...opts, ...o };
      if (o.faults) pending = [...o.faults];
    },
    reset() {
      requests.length = 0;
      pending = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** Bearer token from an Authorization header, if any. */
export function bearer(h: RecordedRequest['headers']): string | undefined {
  const a = h['authorization'];
  const v = Array.isArray(a) ? a[0] : a;
  const m = v?.match(/^Bearer\s+(.+)$/i);
  return m?.[1];
}

export function header(h: RecordedRequest['headers'], name: string): string | undefined {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function randomId(prefix: string): string {
  return prefix + Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 8);
}
