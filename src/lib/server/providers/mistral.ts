// Mistral adapter (`mistral/*`): @mistralai/mistralai chat.complete / chat.stream against La Plateforme
// (serverURL from config/MISTRAL_API_BASE, default https://api.mistral.ai). SDK retries are off. The SDK
// validates responses with zod: a body that fails validation is a malformed_response.
import { ProviderError, type GenerateRequest, type ProviderAdapter, type Usage } from './types';
import { httpError, makeStream, malformed, normaliseFinishReason, runGenerate, transportError, usageOf, type AdapterSettings, type RequestSignal } from './common';

type UsageInfo = { promptTokens?: number; completionTokens?: number } | null | undefined;

function usage(u: UsageInfo): Usage {
  return u ? usageOf({ inputTokens: u.promptTokens, outputTokens: u.completionTokens }) : {};
}

/** Message content is a string or an array of chunks; only text chunks count. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c) => (c && typeof c === 'object' && (c as { type?: string }).type === 'text' ? String((c as { text?: unknown }).text ?? '') : '')).join('');
  return '';
}

export async function createMistralAdapter(s: AdapterSettings): Promise<ProviderAdapter> {
  const { Mistral } = await import('@mistralai/mistralai');
  const errors = await import('@mistralai/mistralai/models/errors');
  const provider = s.id;
  const serverURL = (s.baseUrl ?? 'https://api.mistral.ai').replace(/\/v1\/?$/, '').replace(/\/$/, '');
  const client = new Mistral({ apiKey: s.apiKey ?? '', serverURL, timeoutMs: s.timeoutMs ?? 600_000, retryConfig: { strategy: 'none' } });

  const params = (req: GenerateRequest) => ({
    model: req.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    maxTokens: req.maxTokens,
    temperature: req.temperature,
    topP: req.topP,
    randomSeed: req.seed,
    stop: req.stop,
    ...(req.jsonMode ? { responseFormat: { type: 'json_object' as const } } : {})
  });
  const options = (sig: RequestSignal) => ({ signal: sig.signal, retries: { strategy: 'none' as const } });

  const mapError = (err: unknown, sig: RequestSignal): ProviderError => {
    if (err instanceof errors.ResponseValidationError) return malformed(provider, `the response does not match the Mistral schema (${err.message.slice(0, 200)})`, err);
    if (err instanceof errors.RequestTimeoutError) return new ProviderError({ provider, kind: 'timeout', retryable: true, message: 'request timed out', cause: err });
    const t = transportError(provider, err, sig);
    if (t) return t;
    if (err instanceof errors.ConnectionError) return new ProviderError({ provider, kind: 'connection', retryable: true, message: `connection failed: ${err.message}`, cause: err });
    if (err instanceof errors.MistralError) {
      let msg = err.message;
      try {
        const b = JSON.parse(err.body) as { message?: unknown; detail?: unknown };
        if (typeof b.message === 'string') msg = b.message;
        else if (b.detail !== undefined) msg = typeof b.detail === 'string' ? b.detail : JSON.stringify(b.detail);
      } catch {
        /* keep the SDK message */
      }
      return httpError(provider, err.statusCode, msg, err.headers, err);
    }
    if (err instanceof SyntaxError) return malformed(provider, `body is not valid JSON (${err.message})`, err);
    if (err instanceof errors.SDKValidationError || (err as Error)?.name === 'ZodError') return malformed(provider, `a stream event does not match the Mistral schema (${(err as Error).message.replace(/\s+/g, ' ').slice(0, 200)})`, err);
    return new ProviderError({ provider, kind: 'unknown', retryable: false, message: (err as Error)?.message ?? String(err), cause: err });
  };

  return {
    id: provider,
    capabilities: { streaming: true, jsonMode: true },
    generate(req) {
      return runGenerate(
        provider,
        req,
        s.timeoutMs,
        async (sig) => {
          const r = await client.chat.complete(params(req), options(sig));
          const choice = r.choices?.[0];
          if (!choice) throw malformed(provider, 'no choices in the chat completion');
          const raw = choice.finishReason ?? undefined;
          return { text: textOf(choice.message?.content), usage: usage(r.usage), finishReason: normaliseFinishReason(raw), rawFinishReason: raw, responseId: r.id };
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
          const stream = await client.chat.stream(params(req), options(sig));
          let raw: string | undefined;
          let u: UsageInfo;
          let id: string | undefined;
          for await (const ev of stream) {
            const d = ev.data;
            id ??= d.id;
            if (d.usage) u = d.usage;
            const c = d.choices?.[0];
            const text = textOf(c?.delta?.content);
            if (text) emit(text);
            if (c?.finishReason) raw = c.finishReason;
          }
          if (!raw) throw malformed(provider, 'the event stream ended without a finish_reason');
          return { usage: usage(u), finishReason: normaliseFinishReason(raw), rawFinishReason: raw, responseId: id };
        },
        mapError
      );
    }
  };
}
