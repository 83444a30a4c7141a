// A `fetch` for SDKs that accept one (the `ollama` and `openai` clients), built on node:http/https with
// keep-alive agents. Node's global fetch (undici) spends about 1 ms of CPU per request in its WHATWG
// layers before a byte goes out; on a loaded machine that shows up both as lower throughput at high
// concurrency and as added TTFT (docs/PERFORMANCE.md, "HTTP transport"). It keeps fetch's contract where
// an SDK relies on it: redirects followed, gzip/deflate/br decoded, network failures as
// `TypeError('fetch failed', { cause })`, an aborted signal rejecting with its reason and cutting the
// body stream. The response is an `HttpResponse`, the members of `Response` an SDK reads (status, ok,
// headers, a web-stream `body`, text/json/arrayBuffer/bytes), plus wire timestamps: when the request
// went to the socket layer and when the body chunk the reader holds arrived, so an adapter can time TTFT
// on the wire rather than after the SDK's parsing. Request bodies other than strings and byte arrays go
// to the global fetch unchanged. No library does this: node-fetch's body is a Node stream, which the
// SDKs' `body.getReader()` cannot read.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { constants as zlibConstants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { PassThrough, type Readable } from 'node:stream';

export type FetchFn = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const MAX_REDIRECTS = 20;
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export interface HttpFetchOptions {
  /** Sockets per origin (default unlimited, like undici's pool for HTTP/1.1 pipelining off). */
  maxSockets?: number;
  /**
   * Idle pooled sockets are closed after this long (default 4,000 ms, as undici): a server that closes
   * idle connections after 5 s never races a reused socket. A request in flight is not affected.
   */
  idleSocketTimeoutMs?: number;
}

function fetchFailed(message: string, cause?: unknown): TypeError {
  return new TypeError('fetch failed', { cause: cause ?? new Error(message) });
}

/** A fetch over its own keep-alive agents (one pair per call: an adapter's connections are its own). */
export function createHttpFetch(opts: HttpFetchOptions = {}): FetchFn {
  // Node's agent destroys a socket on `timeout` only while it sits in the free pool.
  const agentOpts = { keepAlive: true, maxSockets: opts.maxSockets ?? Infinity, scheduling: 'lifo' as const, timeout: opts.idleSocketTimeoutMs ?? 4000 };
  const agents = { 'http:': new http.Agent(agentOpts), 'https:': new https.Agent(agentOpts) };

  const httpFetch: FetchFn = async (input, init = {}) => {
    if (input instanceof Request) return fetch(input, init);
    const body = init.body;
    if (body != null && typeof body !== 'string' && !(body instanceof Uint8Array)) return fetch(input, init);
    let url = new URL(String(input));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fetch(input, init);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    let method = (init.method ?? 'GET').toUpperCase();
    let payload: string | Uint8Array | undefined = body ?? undefined;
    if (payload !== undefined && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
    const headers = headerRecord(init.headers);
    const sentAtMs = performance.now();
    for (let hop = 0; ; hop++) {
      const { res, wire } = await send(agents[url.protocol as 'http:' | 'https:'], url, method, headers, payload, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUS.has(status) && location && init.redirect !== 'manual') {
        wire?.discard();
        if (init.redirect === 'error') throw fetchFailed(`redirect to ${location} refused (redirect: 'error')`);
        if (hop >= MAX_REDIRECTS) throw fetchFailed('redirect count exceeded');
        let next: URL;
        try {
          next = new URL(location, url);
        } catch (err) {
          throw fetchFailed(`invalid redirect location ${location}`, err);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw fetchFailed(`redirect to ${next.protocol} refused: URL scheme must be a HTTP(S) scheme`);
        // As fetch does: 303, and 301/302 after a POST, become a GET without a body.
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          if (method !== 'HEAD') method = 'GET';
          payload = undefined;
          for (const k of Object.keys(headers)) if (/^content-(type|length|encoding|language|location)$/i.test(k)) delete headers[k];
        }
        if (next.origin !== url.origin) for (const k of Object.keys(headers)) if (/^(authorization|cookie|proxy-authorization)$/i.test(k)) delete headers[k];
        url = next;
        continue;
      }
      return new HttpResponse(res, wire, url.href, hop > 0, sentAtMs) as unknown as Response;
    }
  };
  return httpFetch;
}

/** Request header that `createTaggedFetch` strips before sending and files the response under. */
export const WIRE_TAG_HEADER = 'x-werkbank-wire-tag';

/**
 * For SDKs with one shared client per adapter (openai): each request carries a tag header through the
 * SDK's per-request options; the fetch removes it before anything goes out and keeps the response
 * under that tag, so the adapter can read that request's wire timestamps with `take(tag)`.
 */
export function createTaggedFetch(opts: HttpFetchOptions = {}): { fetch: FetchFn; tag: () => string; take: (tag: string) => HttpResponse | undefined } {
  const inner = createHttpFetch(opts);
  const responses = new Map<string, HttpResponse>();
  let seq = 0;
  const tagged: FetchFn = async (input, init = {}) => {
    const headers = headerRecord(init.headers); // lower-case names, whatever form the SDK used
    const tag = headers[WIRE_TAG_HEADER];
    delete headers[WIRE_TAG_HEADER];
    const res = await inner(input, { ...init, headers });
    if (tag !== undefined && res instanceof HttpResponse) responses.set(tag, res);
    return res;
  };
  return {
    fetch: tagged,
    tag: () => String(++seq),
    take(tag) {
      const r = responses.get(tag);
      responses.delete(tag);
      return r;
    }
  };
}

/** Request headers as one record with lower-case names; a name given twice keeps both values (", "). */
function headerRecord(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  const add = (k: string, v: string) => {
    const name = k.toLowerCase();
    out[name] = out[name] === undefined ? v : `${out[name]}, ${v}`;
  };
  if (h instanceof Headers || Array.isArray(h)) for (const [k, v] of h as Iterable<[string, string]>) add(k, String(v));
  else for (const k of Object.keys(h)) add(k, String((h as Record<string, string>)[k]));
  return out;
}

function send(agent: http.Agent, url: URL, method: string, headers: Record<string, string>, payload: string | Uint8Array | undefined, signal: AbortSignal | undefined): Promise<{ res: IncomingMessage; wire: WireBody | undefined }> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, { method, headers, agent, signal }, (res) => {
      // Listen at once, inside the parser's callback: body bytes that came with the headers are stamped
      // with their arrival, not with the moment a consumer gets round to reading them.
      const status = res.statusCode ?? 0;
      const nullBody = NULL_BODY_STATUS.has(status) || method === 'HEAD';
      if (nullBody) res.resume();
      resolve({ res, wire: nullBody ? undefined : new WireBody(res, signal) });
    });
    req.on('error', (err) => reject(signal?.aborted ? signal.reason : fetchFailed('request failed', err)));
    if (payload === undefined) req.end();
    else req.end(payload);
  });
}

// Lenient like undici and curl: a body that ends early or is empty decodes to what is there.
const ZLIB_LENIENT = { flush: zlibConstants.Z_SYNC_FLUSH, finishFlush: zlibConstants.Z_SYNC_FLUSH };

function decoded(res: IncomingMessage): Readable {
  const enc = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return pipeInto(res, createGunzip(ZLIB_LENIENT));
  if (enc === 'br') return pipeInto(res, createBrotliDecompress());
  if (enc !== 'deflate') return res;
  // "deflate" is zlib-wrapped by the standard, raw deflate by some servers: the first byte tells.
  const out = new PassThrough();
  let started = false;
  res.once('data', (first: Buffer) => {
    started = true;
    res.pause();
    const decoder = (first[0] & 0x0f) === 0x08 ? createInflate(ZLIB_LENIENT) : createInflateRaw(ZLIB_LENIENT);
    decoder.on('error', (e) => out.destroy(e));
    decoder.write(first);
    res.pipe(decoder).pipe(out);
  });
  res.once('end', () => {
    if (!started) out.end(); // an empty body
  });
  res.on('error', (e) => out.destroy(e));
  return out;
}

function pipeInto(res: IncomingMessage, decoder: Readable & NodeJS.WritableStream): Readable {
  res.on('error', (e) => decoder.destroy(e));
  return res.pipe(decoder);
}

const PAUSE_AT_CHUNKS = 16;

/**
 * A response body read as it arrives: chunks are queued with their arrival time (performance.now()
 * in the socket's data callback); the socket is paused while 16 chunks wait. Chunks already queued
 * when the connection fails are delivered before the error; an abort drops them at once (as undici
 * does), also when the whole body has arrived but is not read yet.
 */
class WireBody {
  readonly chunks: Uint8Array[] = [];
  readonly arrivedAtMs: number[] = [];
  ended = false;
  failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private readonly source: Readable;
  private readonly detach: () => void;

  constructor(
    private readonly res: IncomingMessage,
    signal: AbortSignal | undefined
  ) {
    // node:http stops watching the signal once the response is complete; this keeps watching until
    // the reader has taken the end (or the body failed or was cancelled).
    const onAbort = () => {
      this.chunks.length = 0;
      this.arrivedAtMs.length = 0;
      this.ended = false;
      this.failure ??= { error: signal!.reason };
      this.detach();
      this.notify();
      res.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    this.detach = () => signal?.removeEventListener('abort', onAbort);
    const source = (this.source = decoded(res));
    source.on('data', (chunk: Buffer) => {
      this.chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.arrivedAtMs.push(performance.now());
      if (this.chunks.length >= PAUSE_AT_CHUNKS) source.pause();
      this.notify();
    });
    source.on('end', () => {
      this.ended = true;
      this.notify();
    });
    const fail = (cause: unknown) => {
      if (this.ended || this.failure) return;
      // undici reports a body cut off mid-stream as TypeError('terminated') with the cause
      this.failure = { error: signal?.aborted ? signal.reason : new TypeError('terminated', { cause }) };
      this.detach();
      this.notify();
    };
    source.on('error', fail);
    res.on('aborted', () => fail(new Error('aborted by the server')));
    res.on('close', () => {
      if (!res.complete) fail(new Error('other side closed'));
    });
  }

  private notify() {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Wait until a chunk is queued, the body ended or it failed. */
  async ready(): Promise<void> {
    while (!this.chunks.length && !this.ended && !this.failure) {
      this.source.resume();
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** The next chunk and its arrival time (undefined at the end); resumes the socket when the queue drains. */
  shift(): { chunk: Uint8Array; atMs: number } | undefined {
    const chunk = this.chunks.shift();
    if (!chunk) {
      if (this.ended) this.detach();
      return undefined;
    }
    const atMs = this.arrivedAtMs.shift()!;
    if (this.chunks.length < PAUSE_AT_CHUNKS / 2) this.source.resume();
    return { chunk, atMs };
  }

  discard() {
    this.detach();
    this.chunks.length = 0;
    this.arrivedAtMs.length = 0;
    this.source.removeAllListeners('data');
    this.source.resume();
  }

  destroy() {
    this.detach();
    this.res.destroy();
  }
}

/**
 * The part of fetch's `Response` that SDKs read: status, ok, headers, a streaming `body` and the
 * text/json/arrayBuffer/bytes readers. Headers and the web stream are built on first access, so a
 * streamed 200 costs neither undici's Headers nor its Response constructor (about 0.4 ms on a cold path
 * here). `sentAtMs` and `chunkArrivedAtMs` are the wire timestamps. An abort after the headers is
 * handled by WireBody: it drops queued chunks and destroys the socket.
 */
export class HttpResponse {
  readonly type = 'basic';
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected: boolean;
  /** performance.now() when the request was handed to node:http (before connecting, if it had to). */
  readonly sentAtMs: number;
  /** Arrival time of the body chunk most recently handed to the reader of `body`. */
  chunkArrivedAtMs: number | undefined;
  #res: IncomingMessage;
  #wire: WireBody | undefined;
  #headers: Headers | undefined;
  #body: ReadableStream<Uint8Array> | null | undefined;
  #used = false;

  constructor(res: IncomingMessage, wire: WireBody | undefined, url: string, redirected: boolean, sentAtMs: number) {
    this.#res = res;
    this.#wire = wire;
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status <= 299;
    this.url = url;
    this.redirected = redirected;
    this.sentAtMs = sentAtMs;
  }

  get headers(): Headers {
    if (!this.#headers) {
      const h = new Headers();
      const raw = this.#res.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) h.append(raw[i], raw[i + 1]);
      this.#headers = h;
    }
    return this.#headers;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  /**
   * The body as a web stream with no read-ahead (high-water mark 0): a chunk is handed over only when
   * the reader asks, which is what makes `chunkArrivedAtMs` the arrival of the chunk being parsed.
   */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body !== undefined) return this.#body;
    const wire = this.#wire;
    if (!wire) return (this.#body = null);
    this.#body = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          await wire.ready();
          const next = wire.shift();
          if (next) {
            this.#used = true;
            this.chunkArrivedAtMs = next.atMs;
            controller.enqueue(next.chunk);
          } else if (wire.failure) controller.error(wire.failure.error);
          else controller.close();
        },
        cancel: () => wire.destroy()
      },
      { highWaterMark: 0 }
    );
    return this.#body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    const stream = this.body;
    if (!stream) return new Uint8Array(0); // a null body reads as empty, as often as asked
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    const parts: Uint8Array[] = [];
    let n = 0;
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      n += value.byteLength;
    }
    const out = new Uint8Array(n);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}
