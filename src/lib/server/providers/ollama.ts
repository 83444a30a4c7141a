// Ollama adapter (`ollama/*`): the `ollama` package over /api/chat, on Werkbank's node:http fetch
// (http-fetch.ts: less CPU per request, TTFT and chunk times taken on the wire). Keeps Ollama's
// server-side timings (prompt_eval_count/duration, eval_count/duration, load_duration, total_duration;
// ns → ms) in timing.server.
import { ProviderError, type GenerateRequest, type ProviderAdapter, type Timing, type Usage } from './types';
import { createHttpFetch, HttpResponse } from './http-fetch';
import { httpError, makeStream, malformed, normaliseFinishReason, runGenerate, transportError, usageOf, type AdapterSettings, type RequestSignal } from './common';

type OllamaModule = typeof import('ollama');
type ChatResponse = import('ollama').ChatResponse;

const NS = 1e6;
const ms = (ns: unknown) => (typeof ns === 'number' && Number.isFinite(ns) ? ns / NS : undefined);

function serverTimings(r: Partial<ChatResponse>): Timing['server'] {
  return {
    promptEvalCount: typeof r.prompt_eval_count === 'number' ? r.prompt_eval_count : undefined,
    promptEvalMs: ms(r.prompt_eval_duration),
    evalCount: typeof r.eval_count === 'number' ? r.eval_count : undefined,
    evalMs: ms(r.eval_duration),
    loadMs: ms(r.load_duration),
    totalMs: ms(r.total_duration)
  };
}

function usage(r: Partial<ChatResponse>): Usage {
  return usageOf({ inputTokens: r.prompt_eval_count, outputTokens: r.eval_count });
}

export async function createOllamaAdapter(s: AdapterSettings): Promise<ProviderAdapter> {
  const { Ollama } = (await import('ollama')) as OllamaModule;
  const provider = s.id;
  const host = s.baseUrl ?? 'http://127.0.0.1:11434';
  const headers: Record<string, string> = { ...(s.headers ?? {}) };
  if (s.apiKey) headers.Authorization = `Bearer ${s.apiKey}`;

  // node:http instead of undici's fetch: about half the client CPU per request (docs/PERFORMANCE.md)
  const httpFetch = createHttpFetch();
  /** Headers of a failed response per request (the SDK's ResponseError drops them; Retry-After lives there). */
  const errorHeaders = new WeakMap<RequestSignal, Headers>();
  /** The transport's response per request, for wire timestamps (sent, chunk arrived). */
  const wire = new WeakMap<RequestSignal, HttpResponse>();
  /** A client whose fetch also honours this request's signal (the SDK has no per-request signal). */
  const client = (sig: RequestSignal) =>
    new Ollama({
      host,
      headers,
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        // The request's own signal (timeout + caller) replaces the SDK's internal one, which only its
        // abort() method uses (never called here); one signal less per request on the hot path.
        const res = await httpFetch(input, { ...init, signal: sig.signal });
        if (res instanceof HttpResponse) wire.set(sig, res);
        if (!res.ok) errorHeaders.set(sig, res.headers);
        return res;
      }
    });

  const body = (req: GenerateRequest) => ({
    model: req.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    format: req.jsonMode ? ('json' as const) : undefined,
    options: {
      num_predict: req.maxTokens,
      temperature: req.temperature,
      top_p: req.topP,
      seed: req.seed,
      stop: req.stop
    }
  });

  const mapError = (err: unknown, sig: RequestSignal): ProviderError => {
    const t = transportError(provider, err, sig);
    if (t) return t;
    const e = err as { name?: string; status_code?: number; message?: string };
    if (e?.name === 'ResponseError' && typeof e.status_code === 'number') return httpError(provider, e.status_code, e.message ?? 'error', errorHeaders.get(sig), err);
    if (err instanceof SyntaxError) return malformed(provider, `response body is not JSON (${err.message})`, err);
    if (e?.message === 'Did not receive done or success response in stream.') return malformed(provider, 'the NDJSON stream ended without a final "done" object', err);
    return new ProviderError({ provider, kind: 'server', retryable: true, message: `Ollama error: ${e?.message ?? String(err)}`, cause: err });
  };

  return {
    id: provider,
    capabilities: { streaming: true, jsonMode: true, serverTimings: true },
    generate(req) {
      return runGenerate(
        provider,
        req,
        s.timeoutMs,
        async (sig) => {
          const r = await client(sig).chat({ ...body(req), stream: false });
          if (!r || typeof r !== 'object' || !r.message || typeof r.message.content !== 'string') throw malformed(provider, 'no message.content in /api/chat response');
          return { text: r.message.content, usage: usage(r), finishReason: normaliseFinishReason(r.done_reason), rawFinishReason: r.done_reason, server: serverTimings(r) };
        },
        mapError
      );
    },
    stream(req) {
      return makeStream(
        provider,
        req,
        s.timeoutMs,
        async (emit, sig, timing) => {
          const it = await client(sig).chat({ ...body(req), stream: true });
          // Timed on the wire: from the request going to the socket to the arrival of the bytes that
          // carry each token, not after the SDK has parsed them.
          const res = wire.get(sig);
          if (res) timing.sentAt(res.sentAtMs);
          let last: Partial<ChatResponse> | undefined;
          for await (const part of it) {
            if (typeof part?.message?.content === 'string') emit(part.message.content, res?.chunkArrivedAtMs);
            if (part.done) last = part;
          }
          if (!last) throw malformed(provider, 'the NDJSON stream ended without a final "done" object');
          return { usage: usage(last), finishReason: normaliseFinishReason(last.done_reason), rawFinishReason: last.done_reason, server: serverTimings(last) };
        },
        mapError
      );
    }
  };
}
