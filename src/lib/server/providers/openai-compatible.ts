// OpenAI-compatible adapter over the official `openai` SDK: `openai-compatible/<name>/*` (vLLM, STACKIT,
// IONOS, Scaleway, OVHcloud, LM Studio, llama.cpp server — base URL + key from config), `openai/*`
// (tier 3), `azure-openai/*` (AzureOpenAI client: deployment in the path, `api-key` header, api-version)
// and `aleph-alpha/*` (its OpenAI-compatible chat completions endpoint). SDK retries are off: the runner
// retries, using `retryable`/`retryAfterMs` from the ProviderError.
import { ProviderError, type GenerateRequest, type ProviderAdapter, type Usage } from './types';
import { createTaggedFetch, WIRE_TAG_HEADER } from './http-fetch';
import { httpError, makeStream, malformed, normaliseFinishReason, runGenerate, transportError, usageOf, type AdapterSettings, type RequestSignal } from './common';

export interface OpenAICompatibleOptions {
  /** Use the AzureOpenAI client (deployment = request model, api-version required). */
  azure?: boolean;
  /** Send max_completion_tokens (OpenAI/Azure) instead of max_tokens (most compatible servers). */
  maxCompletionTokens?: boolean;
  /** Ask for usage in the stream (`stream_options.include_usage`); default true. */
  streamUsage?: boolean;
}

type ChatCompletion = import('openai').OpenAI.Chat.Completions.ChatCompletion;
type ChatUsage = import('openai').OpenAI.Completions.CompletionUsage;

function usage(u: ChatUsage | null | undefined): Usage {
  if (!u) return {};
  // OpenAI's prompt_tokens include the cached ones; Usage.inputTokens are the uncached input tokens.
  const cached = u.prompt_tokens_details?.cached_tokens;
  const input = typeof u.prompt_tokens === 'number' && typeof cached === 'number' ? Math.max(0, u.prompt_tokens - cached) : u.prompt_tokens;
  return usageOf({ inputTokens: input, outputTokens: u.completion_tokens, cacheReadTokens: cached });
}

export async function createOpenAICompatibleAdapter(s: AdapterSettings, o: OpenAICompatibleOptions = {}): Promise<ProviderAdapter> {
  const mod = await import('openai');
  const provider = s.id;
  // node:http instead of undici's fetch (less CPU, wire timestamps), as for Ollama
  const wire = createTaggedFetch();
  const common = { apiKey: s.apiKey ?? 'none', maxRetries: 0, timeout: s.timeoutMs ?? 600_000, defaultHeaders: s.headers, fetch: wire.fetch };
  const client = o.azure
    ? new mod.AzureOpenAI({ ...common, endpoint: s.baseUrl, apiVersion: s.apiVersion ?? '2024-10-21', deployment: s.deployment })
    : new mod.OpenAI({ ...common, baseURL: s.baseUrl });

  const params = (req: GenerateRequest) => ({
    model: req.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(req.maxTokens !== undefined ? (o.maxCompletionTokens ? { max_completion_tokens: req.maxTokens } : { max_tokens: req.maxTokens }) : {}),
    temperature: req.temperature,
    top_p: req.topP,
    seed: req.seed,
    stop: req.stop,
    ...(req.jsonMode ? { response_format: { type: 'json_object' as const } } : {})
  });

  const mapError = (err: unknown, sig: RequestSignal): ProviderError => {
    if (err instanceof mod.APIUserAbortError || err instanceof mod.APIConnectionTimeoutError) {
      const t = transportError(provider, err, sig);
      if (t) return t;
      return new ProviderError({ provider, kind: 'timeout', retryable: true, message: 'request timed out', cause: err });
    }
    const t = transportError(provider, err, sig);
    if (t) return t;
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
    capabilities: { streaming: true, jsonMode: true, promptCaching: !o.azure },
    generate(req) {
      return runGenerate(
        provider,
        req,
        s.timeoutMs,
        async (sig) => {
          const r = (await client.chat.completions.create({ ...params(req), stream: false }, { signal: sig.signal })) as ChatCompletion;
          const choice = r?.choices?.[0];
          if (!choice || !choice.message) throw malformed(provider, 'no choices[0].message in the chat completion');
          const raw = choice.finish_reason ?? undefined;
          return { text: choice.message.content ?? '', usage: usage(r.usage), finishReason: normaliseFinishReason(raw), rawFinishReason: raw, responseId: r.id };
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
          const tag = wire.tag();
          try {
            const stream = await client.chat.completions.create({ ...params(req), stream: true, ...(o.streamUsage === false ? {} : { stream_options: { include_usage: true } }) }, { signal: sig.signal, headers: { [WIRE_TAG_HEADER]: tag } });
            // Timed on the wire: from the request going to the socket to the arrival of each token's bytes.
            const res = wire.take(tag);
            if (res) timing.sentAt(res.sentAtMs);
            let raw: string | undefined;
            let u: ChatUsage | undefined;
            let id: string | undefined;
            for await (const chunk of stream) {
              id ??= chunk.id;
              if (chunk.usage) u = chunk.usage;
              const c = chunk.choices?.[0];
              if (c?.delta?.content) emit(c.delta.content, res?.chunkArrivedAtMs);
              if (c?.finish_reason) raw = c.finish_reason;
            }
            if (!raw) throw malformed(provider, 'the event stream ended without a finish_reason');
            return { usage: usage(u), finishReason: normaliseFinishReason(raw), rawFinishReason: raw, responseId: id };
          } finally {
            wire.take(tag); // a response the SDK rejected (4xx/5xx) is not kept
          }
        },
        mapError
      );
    }
  };
}
