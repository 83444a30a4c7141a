// Amazon Bedrock adapter (`bedrock-eu/*`, `bedrock/*`): Converse and ConverseStream through
// @aws-sdk/client-bedrock-runtime. Region defaults to eu-central-1; the endpoint may be overridden
// (AWS_ENDPOINT_URL_BEDROCK_RUNTIME, passed in by the caller). HTTP/1.1 via NodeHttpHandler (keep-alive)
// instead of the SDK's HTTP/2 default, SDK retries off (maxAttempts 1). A cacheable system prompt gets a
// `cachePoint` block. Bedrock's latencyMs metric is kept as timing.server.totalMs.
import { ProviderError, type ChatMessage, type GenerateRequest, type ProviderAdapter, type ProviderErrorKind, type Usage } from './types';
import { makeStream, malformed, normaliseFinishReason, runGenerate, transportError, usageOf, type AdapterSettings, type RequestSignal } from './common';
import { parseRetryAfterMs } from './types';

type BedrockUsage = { inputTokens?: number; outputTokens?: number; cacheReadInputTokens?: number; cacheWriteInputTokens?: number } | undefined;

function usage(u: BedrockUsage): Usage {
  return u ? usageOf({ inputTokens: u.inputTokens, outputTokens: u.outputTokens, cacheReadTokens: u.cacheReadInputTokens, cacheWriteTokens: u.cacheWriteInputTokens }) : {};
}

const ERROR_KINDS: Record<string, ProviderErrorKind> = {
  ThrottlingException: 'rate_limit',
  ServiceQuotaExceededException: 'rate_limit',
  ModelNotReadyException: 'server',
  ServiceUnavailableException: 'server',
  InternalServerException: 'server',
  ModelStreamErrorException: 'server',
  ModelErrorException: 'server',
  ModelTimeoutException: 'timeout',
  AccessDeniedException: 'permission',
  UnrecognizedClientException: 'auth',
  InvalidSignatureException: 'auth',
  ExpiredTokenException: 'auth',
  MissingAuthenticationTokenException: 'auth',
  IncompleteSignatureException: 'auth',
  ResourceNotFoundException: 'not_found',
  ValidationException: 'bad_request'
};

/** Converse wants alternating user/assistant turns starting with user: merge neighbours of one role. */
function converseMessages(msgs: ChatMessage[]) {
  const out: { role: 'user' | 'assistant'; content: { text: string }[] }[] = [];
  for (const m of msgs) {
    if (m.role === 'system') continue;
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content.push({ text: m.content });
    else out.push({ role: m.role, content: [{ text: m.content }] });
  }
  return out;
}

export async function createBedrockAdapter(s: AdapterSettings): Promise<ProviderAdapter> {
  const sdk = await import('@aws-sdk/client-bedrock-runtime');
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const http = await import('node:http');
  const https = await import('node:https');
  const provider = s.id;
  const client = new sdk.BedrockRuntimeClient({
    region: s.region ?? 'eu-central-1',
    ...(s.baseUrl ? { endpoint: s.baseUrl } : {}),
    ...(s.awsCredentials ? { credentials: s.awsCredentials } : {}),
    ...(s.awsProfile && !s.awsCredentials ? { profile: s.awsProfile } : {}),
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 10_000,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 })
    })
  });

  const input = (req: GenerateRequest) => {
    const system = req.messages.filter((m) => m.role === 'system').map((m) => ({ text: m.content }) as { text: string } | { cachePoint: { type: 'default' } });
    if (req.cacheSystemPrompt && system.length) system.push({ cachePoint: { type: 'default' } });
    const inferenceConfig = { maxTokens: req.maxTokens, temperature: req.temperature, topP: req.topP, stopSequences: req.stop };
    return { modelId: req.model, messages: converseMessages(req.messages), ...(system.length ? { system } : {}), inferenceConfig };
  };

  const mapError = (err: unknown, sig: RequestSignal): ProviderError => {
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> }; $fault?: string };
    const name = e?.name ?? '';
    if (name === 'SyntaxError' || err instanceof SyntaxError || /Deserialization error|Unexpected token|Unterminated|JSON/.test(e?.message ?? '')) {
      if (!ERROR_KINDS[name]) return malformed(provider, `Bedrock response could not be parsed (${(e?.message ?? '').split('\n')[0].slice(0, 160)})`, err);
    }
    const kind = ERROR_KINDS[name];
    if (kind) {
      const status = e.$metadata?.httpStatusCode;
      const h = e.$response?.headers ?? {};
      const retryAfterMs = parseRetryAfterMs(h['retry-after'], h['retry-after-ms']);
      const retryable = kind === 'rate_limit' || kind === 'timeout' || (kind === 'server' && name !== 'ModelErrorException');
      return new ProviderError({ provider, kind, status, retryable, retryAfterMs, message: `${status ? `HTTP ${status}: ` : ''}${name}: ${e.message ?? ''}`, cause: err });
    }
    const t = transportError(provider, err, sig);
    if (t) return t;
    if (name === 'AbortError' || name === 'TimeoutError') return new ProviderError({ provider, kind: 'timeout', retryable: true, message: 'request timed out', cause: err });
    const status = e?.$metadata?.httpStatusCode;
    if (status) return new ProviderError({ provider, kind: status >= 500 ? 'server' : 'unknown', status, message: `HTTP ${status}: ${name} ${e.message ?? ''}`, cause: err });
    return new ProviderError({ provider, kind: 'unknown', retryable: false, message: e?.message ?? String(err), cause: err });
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
          const r = await client.send(new sdk.ConverseCommand(input(req)), { abortSignal: sig.signal });
          const content = r.output?.message?.content;
          if (!Array.isArray(content)) throw malformed(provider, 'no output.message.content in the Converse response');
          const raw = r.stopReason;
          return {
            text: content.map((c) => c.text ?? '').join(''),
            usage: usage(r.usage),
            finishReason: normaliseFinishReason(raw),
            rawFinishReason: raw,
            responseId: r.$metadata.requestId,
            server: { totalMs: r.metrics?.latencyMs }
          };
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
          const r = await client.send(new sdk.ConverseStreamCommand(input(req)), { abortSignal: sig.signal });
          if (!r.stream) throw malformed(provider, 'ConverseStream returned no event stream');
          let raw: string | undefined;
          let u: BedrockUsage;
          let latencyMs: number | undefined;
          for await (const ev of r.stream) {
            if (ev.contentBlockDelta?.delta?.text) emit(ev.contentBlockDelta.delta.text);
            else if (ev.messageStop) raw = ev.messageStop.stopReason;
            else if (ev.metadata) {
              u = ev.metadata.usage;
              latencyMs = ev.metadata.metrics?.latencyMs;
            } else {
              const exc = ev.internalServerException ?? ev.modelStreamErrorException ?? ev.throttlingException ?? ev.validationException ?? ev.serviceUnavailableException;
              if (exc) throw exc;
            }
          }
          if (!raw) throw malformed(provider, 'the event stream ended without messageStop');
          return { usage: usage(u), finishReason: normaliseFinishReason(raw), rawFinishReason: raw, responseId: r.$metadata.requestId, server: { totalMs: latencyMs } };
        },
        mapError
      );
    },
    async close() {
      client.destroy();
    }
  };
}
