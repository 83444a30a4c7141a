// Local Amazon Bedrock Runtime server: Converse (`POST /model/{modelId}/converse`, JSON) and ConverseStream
// (`POST /model/{modelId}/converse-stream`, `application/vnd.amazon.eventstream` frames encoded with the
// Smithy EventStreamCodec: messageStart → contentBlockDelta × N → contentBlockStop → messageStop →
// metadata{usage, metrics}). Errors as AWS restJson1 sends them: status + `x-amzn-ErrorType` header +
// `{"message": …}` body (ThrottlingException 429, AccessDeniedException 403, ValidationException 400,
// ResourceNotFoundException 404, InternalServerException 500, ServiceUnavailableException 503,
// ModelTimeoutException 408); in-stream errors as `:message-type: exception` frames. HTTP/1.1 (the adapter
// uses NodeHttpHandler). `apiKey` is the expected AWS access key id from the SigV4 Authorization header
// (a different one gets 403 UnrecognizedClientException). Options and faults: see ./common.ts.
import { EventStreamCodec } from '@smithy/core/event-streams';
import { header, planFor, promptChars, randomId, retryHeaders, sendCompletionBody, sendJson, startHttpServer, streamChunks, waitForGeneration, type Exchange, type Plan, type ProtocolServer, type ServerOptions } from './common';

const codec = new EventStreamCodec(
  (b: Uint8Array) => Buffer.from(b).toString('utf8'),
  (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))
);

const ERROR_TYPE: Record<number, string> = {
  400: 'ValidationException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  502: 'InternalServerException',
  503: 'ServiceUnavailableException'
};
const ERROR_MESSAGE: Record<string, string> = {
  ThrottlingException: 'Too many requests, please wait before trying again.',
  AccessDeniedException: "You don't have access to the model with the specified model ID.",
  InternalServerException: 'The server encountered an error processing the request.',
  ServiceUnavailableException: 'Bedrock is unable to process your request.',
  ValidationException: 'The provided model identifier is invalid.'
};

function awsError(ex: Exchange, status: number, type: string, message: string, extra: Record<string, string> = {}): void {
  sendJson(ex.res, status, { message }, { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': randomId(''), ...extra });
}

function frame(eventType: string, payload: unknown, messageType: 'event' | 'exception' = 'event'): Uint8Array {
  const headers: Record<string, { type: 'string'; value: string }> = {
    ':content-type': { type: 'string', value: 'application/json' },
    ':message-type': { type: 'string', value: messageType }
  };
  if (messageType === 'event') headers[':event-type'] = { type: 'string', value: eventType };
  else headers[':exception-type'] = { type: 'string', value: eventType };
  return codec.encode({ headers, body: new Uint8Array(Buffer.from(JSON.stringify(payload), 'utf8')) });
}

const pad = (n: number) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.slice(0, n % 40);

function stopReason(p: Plan): string {
  return p.finishReason === 'length' ? 'max_tokens' : p.finishReason === 'content_filter' ? 'content_filtered' : 'end_turn';
}

function usageBody(p: Plan): Record<string, number> | undefined {
  if (!p.usage) return undefined;
  const u: Record<string, number> = { inputTokens: p.usage.inputTokens ?? 0, outputTokens: p.usage.outputTokens ?? 0, totalTokens: (p.usage.inputTokens ?? 0) + (p.usage.outputTokens ?? 0) };
  if (p.usage.cacheReadTokens !== undefined) u.cacheReadInputTokens = p.usage.cacheReadTokens;
  if (p.usage.cacheWriteTokens !== undefined) u.cacheWriteInputTokens = p.usage.cacheWriteTokens;
  return u;
}

export async function startBedrockServer(opts: ServerOptions = {}): Promise<ProtocolServer> {
  return startHttpServer(opts, async (ex) => {
    const auth = header(ex.recorded.headers, 'authorization') ?? '';
    const akid = auth.match(/Credential=([^/]+)\//)?.[1];
    if (!auth.startsWith('AWS4-HMAC-SHA256')) return awsError(ex, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    if (ex.opts.apiKey && akid !== ex.opts.apiKey) return awsError(ex, 403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    if (ex.fault?.kind === 'status') {
      const status = ex.fault.status ?? 500;
      const type = ERROR_TYPE[status] ?? 'InternalServerException';
      return awsError(ex, status, type, ex.fault.message ?? ERROR_MESSAGE[type] ?? type, retryHeaders(ex.fault));
    }
    const m = ex.recorded.path.match(/^\/model\/([^/]+)\/(converse|converse-stream)$/);
    if (ex.recorded.method !== 'POST' || !m) return awsError(ex, 404, 'UnknownOperationException', 'Unknown operation');
    const modelId = decodeURIComponent(m[1]);
    if (ex.recorded.body === undefined) return awsError(ex, 400, 'SerializationException', 'Unable to parse request body');
    if (ex.opts.models && !ex.opts.models.includes(modelId)) return awsError(ex, 400, 'ValidationException', `The provided model identifier is invalid.`);
    const plan = planFor(ex.script, promptChars(ex.recorded.body), ex.fault);
    const requestId = randomId('');
    if (m[2] === 'converse') {
      await waitForGeneration(ex, plan);
      const out: Record<string, unknown> = {
        output: { message: { role: 'assistant', content: plan.text ? [{ text: plan.text }] : [] } },
        stopReason: stopReason(plan),
        metrics: { latencyMs: Math.round(performance.now() - ex.recorded.receivedAtMs) }
      };
      const usage = usageBody(plan);
      if (usage) out.usage = usage;
      return sendCompletionBody(ex, 200, out, { 'x-amzn-requestid': requestId });
    }
    ex.res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': requestId, 'transfer-encoding': 'chunked' });
    if (ex.fault?.kind === 'malformed') {
      const bad = codec.encode({
        headers: { ':content-type': { type: 'string', value: 'application/json' }, ':message-type': { type: 'string', value: 'event' }, ':event-type': { type: 'string', value: 'contentBlockDelta' } },
        body: new Uint8Array(Buffer.from('{"contentBlockIndex":0,"delta":{"text":"Hal', 'utf8'))
      });
      ex.res.end(Buffer.from(bad));
      return;
    }
    ex.res.write(frame('messageStart', { p: pad(7), role: 'assistant' }));
    const end = await streamChunks(ex, plan, (text, i) => {
      ex.res.write(frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text }, p: pad(i + 3) }));
    });
    if (end === 'reset') return;
    if (end === 'truncated') return void ex.res.end();
    if (end === 'stream-error') return void ex.res.end(frame('throttlingException', { message: ex.fault?.message ?? 'Too many requests, please wait before trying again.' }, 'exception'));
    ex.res.write(frame('contentBlockStop', { contentBlockIndex: 0, p: pad(5) }));
    ex.res.write(frame('messageStop', { p: pad(9), stopReason: stopReason(plan) }));
    const usage = usageBody(plan);
    ex.res.end(frame('metadata', { ...(usage ? { usage } : {}), metrics: { latencyMs: Math.round(performance.now() - ex.recorded.receivedAtMs) }, p: pad(11) }));
  });
}
