// Anthropic adapter over @anthropic-ai/sdk: `anthropic/*` (Anthropic API, tier 3) and `vertex/*` (Claude on
// Vertex AI, default europe-west3): the same SDK with a fetch that rewrites /v1/messages to Vertex's
// documented `…/publishers/anthropic/models/{model}:rawPredict|streamRawPredict` endpoint, moves the model
// into the path, adds `anthropic_version: "vertex-2023-10-16"` and authenticates with a bearer access token
// (e.g. `gcloud auth print-access-token`, passed in by env var name). SDK retries are off. A cacheable
// system prompt gets `cache_control: {type: "ephemeral"}`.
import { ProviderError, type ChatMessage, type GenerateRequest, type ProviderAdapter, type Usage } from './types';
import { httpError, makeStream, malformed, normaliseFinishReason, runGenerate, transportError, usageOf, type AdapterSettings, type RequestSignal } from './common';

export interface AnthropicOptions {
  /** Talk to Claude on Vertex AI instead of the Anthropic API. */
  vertex?: boolean;
}

type AnthropicUsage = { input_tokens?: number | null; output_tokens?: number | null; cache_read_input_tokens?: number | null; cache_creation_input_tokens?: number | null } | null | undefined;

function usage(u: AnthropicUsage): Usage {
  return u ? usageOf({ inputTokens: u.input_tokens, outputTokens: u.output_tokens, cacheReadTokens: u.cache_read_input_tokens, cacheWriteTokens: u.cache_creation_input_tokens }) : {};
}

function alternating(msgs: ChatMessage[]) {
  const out: { role: 'user' | 'assistant'; content: string }[] = [];
  for (const m of msgs) {
    if (m.role === 'system') continue;
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content += `\n\n${m.content}`;
    else out.push({ role: m.role, content: m.content });
  }
  return out;
}

export const VERTEX_VERSION = 'vertex-2023-10-16';

export async function createAnthropicAdapter(s: AdapterSettings, o: AnthropicOptions = {}): Promise<ProviderAdapter> {
  const mod = await import('@anthropic-ai/sdk');
  const provider = s.id;
  let client: InstanceType<typeof mod.Anthropic>;
  if (o.vertex) {
    const region = s.region ?? 'europe-west3';
    const base = (s.baseUrl ?? `https://${region}-aiplatform.googleapis.com`).replace(/\/$/, '');
    if (!s.project) throw new ProviderError({ provider, kind: 'bad_request', retryable: false, message: 'vertex: a Google Cloud project is required (target setting "project")' });
    const prefix = `${base}/v1/projects/${encodeURIComponent(s.project)}/locations/${encodeURIComponent(region)}/publishers/anthropic/models/`;
    const vertexFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
      if (!url.pathname.endsWith('/v1/messages') || typeof init?.body !== 'string') return fetch(input, init);
      const body = JSON.parse(init.body) as Record<string, unknown>;
      const model = String(body.model);
      delete body.model;
      body.anthropic_version = VERTEX_VERSION;
      const headers = new Headers(init.headers);
      headers.delete('content-length');
      return fetch(`${prefix}${encodeURIComponent(model)}:${body.stream ? 'streamRawPredict' : 'rawPredict'}`, { ...init, headers, body: JSON.stringify(body) });
    };
    client = new mod.Anthropic({ apiKey: null, authToken: s.apiKey ?? '', baseURL: base, maxRetries: 0, timeout: s.timeoutMs ?? 600_000, fetch: vertexFetch, defaultHeaders: s.headers });
  } else {
    client = new mod.Anthropic({ apiKey: s.apiKey ?? '', baseURL: s.baseUrl ?? 'https://api.anthropic.com', maxRetries: 0, timeout: s.timeoutMs ?? 600_000, defaultHeaders: s.headers });
  }

  const params = (req: GenerateRequest) => {
    const sys = req.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    return {
      model: req.model,
      max_tokens: req.maxTokens ?? 1024,
      messages: alternating(req.messages),
      ...(sys ? { system: req.cacheSystemPrompt ? [{ type: 'text' as const, text: sys, cache_control: { type: 'ephemeral' as const } }] : sys } : {}),
      temperature: req.temperature,
      top_p: req.topP,
      stop_sequences: req.stop
    };
  };

  const mapError = (err: unknown, sig: RequestSignal): ProviderError => {
    const t = transportError(provider, err, sig);
    if (t) return t;
    if (err instanceof mod.APIConnectionTimeoutError) return new ProviderError({ provider, kind: 'timeout', retryable: true, message: 'request timed out', cause: err });
    if (err instanceof mod.APIConnectionError) return new ProviderError({ provider, kind: 'connection', retryable: true, message: `connection failed: ${err.message}`, cause: err });
    if (err instanceof mod.APIError) {
      if (typeof err.status === 'number') return httpError(provider, err.status, err.message.replace(/^\d{3}\s+/, ''), err.headers ?? undefined, err);
      return new ProviderError({ provider, kind: 'server', retryable: true, message: `error event in stream: ${err.message}`, cause: err });
    }
    if (err instanceof SyntaxError) return malformed(provider, `body is not valid JSON (${err.message})`, err);
    return new ProviderError({ provider, kind: 'unknown', retryable: false, message: (err as Error)?.message ?? String(err), cause: err });
  };

  return {
    id: provider,
    capabilities: { streaming: true, promptCaching: true },
    generate(req) {
      return runGenerate(
        provider,
        req,
        s.timeoutMs,
        async (sig) => {
          const r = await client.messages.create({ ...params(req), stream: false }, { signal: sig.signal });
          if (!r || !Array.isArray(r.content)) throw malformed(provider, 'no content array in the message');
          const text = r.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
          const raw = r.stop_reason ?? undefined;
          return { text, usage: usage(r.usage), finishReason: normaliseFinishReason(raw), rawFinishReason: raw, responseId: r.id };
        },
        mapError
      );
    },
    stream(req) {
      return makeStream(
        provider,
        req,
        s.timeoutMs,
        async (emit, sig) => {
          const stream = await client.messages.create({ ...params(req), stream: true }, { signal: sig.signal });
          let u: Usage = {};
          let raw: string | undefined;
          let id: string | undefined;
          let stopped = false;
          for await (const ev of stream) {
            if (ev.type === 'message_start') {
              id = ev.message.id;
              u = usage(ev.message.usage);
            } else if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') emit(ev.delta.text);
            else if (ev.type === 'message_delta') {
              raw = ev.delta.stop_reason ?? raw;
              // message_delta usage is cumulative; it may restate input/cache counts.
              u = { ...u, ...usage(ev.usage as AnthropicUsage) };
            } else if (ev.type === 'message_stop') stopped = true;
          }
          if (!stopped) throw malformed(provider, 'the event stream ended without message_stop');
          return { usage: u, finishReason: normaliseFinishReason(raw), rawFinishReason: raw, responseId: id };
        },
        mapError
      );
    }
  };
}
