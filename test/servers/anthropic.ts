// Local Anthropic Messages API server, also serving the Claude-on-Vertex-AI paths.
//   Anthropic: POST /v1/messages (x-api-key or Authorization: Bearer; anthropic-version header), JSON
//     message with usage {input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens};
//     streaming SSE with named events message_start → content_block_start → ping → content_block_delta
//     (text_delta) × N → content_block_stop → message_delta (stop_reason, cumulative output usage) →
//     message_stop; errors `{"type":"error","error":{"type":…,"message":…},"request_id":…}`
//     (401 authentication_error, 403 permission_error, 404 not_found_error, 429 rate_limit_error with
//     retry-after, 500 api_error, 529 overloaded_error) and an in-stream `event: error`.
//   Vertex AI: POST /v1/projects/{p}/locations/{region}/publishers/anthropic/models/{model}:rawPredict and
//     :streamRawPredict with a Bearer access token; the body has no `model` but
//     `anthropic_version: "vertex-2023-10-16"`. Google-level errors (bad token 401, quota 429) use
//     Google's `{"error":{"code","message","status"}}`; model errors pass through in Anthropic's format.
// Written from the published API references. Options and faults: see ./common.ts.
import { bearer, header, planFor, promptChars, randomId, retryHeaders, sendCompletionBody, sendJson, startHttpServer, streamChunks, waitForGeneration, type Exchange, type Plan, type ProtocolServer, type ServerOptions } from './common';

const ERROR_TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error'
};
const GOOGLE_STATUS: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 429: 'RESOURCE_EXHAUSTED', 404: 'NOT_FOUND', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

function anthropicError(ex: Exchange, status: number, message: string, extra: Record<string, string> = {}): void {
  sendJson(ex.res, status, { type: 'error', error: { type: ERROR_TYPE[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message }, request_id: randomId('req_') }, { 'request-id': randomId('req_'), ...extra });
}
function googleError(ex: Exchange, status: number, message: string, extra: Record<string, string> = {}): void {
  sendJson(ex.res, status, { error: { code: status, message, status: GOOGLE_STATUS[status] ?? 'UNKNOWN' } }, extra);
}

function stopReason(p: Plan): string {
  return p.finishReason === 'length' ? 'max_tokens' : p.finishReason === 'content_filter' ? 'refusal' : 'end_turn';
}

function usage(p: Plan, outputTokens: number | undefined): Record<string, unknown> | undefined {
  if (!p.usage) return undefined;
  return {
    input_tokens: p.usage.inputTokens,
    cache_creation_input_tokens: p.usage.cacheWriteTokens ?? 0,
    cache_read_input_tokens: p.usage.cacheReadTokens ?? 0,
    output_tokens: outputTokens,
    service_tier: 'standard'
  };
}

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

async function messages(ex: Exchange, model: string, stream: boolean): Promise<void> {
  const plan = planFor(ex.script, promptChars(ex.recorded.body), ex.fault);
  const id = randomId('msg_');
  const headers = { 'request-id': randomId('req_') };
  if (!stream) {
    await waitForGeneration(ex, plan);
    const out: Record<string, unknown> = {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: plan.text ? [{ type: 'text', text: plan.text }] : [],
      stop_reason: stopReason(plan),
      stop_sequence: null
    };
    const u = usage(plan, plan.usage?.outputTokens);
    if (u) out.usage = u;
    return sendCompletionBody(ex, 200, out, headers);
  }
  ex.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  if (ex.fault?.kind === 'malformed') {
    ex.res.end(`event: message_start\ndata: {"type":"message_start","message":{"id":"${id}",<<garbled>>\n\n`);
    return;
  }
  const startUsage = usage(plan, 1);
  ex.res.write(sse('message_start', { type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, ...(startUsage ? { usage: startUsage } : {}) } }));
  ex.res.write(sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
  ex.res.write(sse('ping', { type: 'ping' }));
  const end = await streamChunks(ex, plan, (text) => {
    ex.res.write(sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }));
  });
  if (end === 'reset') return;
  if (end === 'truncated') return void ex.res.end();
  if (end === 'stream-error') return void ex.res.end(sse('error', { type: 'error', error: { type: 'overloaded_error', message: ex.fault?.message ?? 'Overloaded' } }));
  ex.res.write(sse('content_block_stop', { type: 'content_block_stop', index: 0 }));
  const deltaUsage = plan.usage ? { output_tokens: plan.usage.outputTokens } : undefined;
  ex.res.write(sse('message_delta', { type: 'message_delta', delta: { stop_reason: stopReason(plan), stop_sequence: null }, ...(deltaUsage ? { usage: deltaUsage } : {}) }));
  ex.res.end(sse('message_stop', { type: 'message_stop' }));
}

export async function startAnthropicServer(opts: ServerOptions = {}): Promise<ProtocolServer> {
  return startHttpServer(opts, async (ex) => {
    const { method, path } = ex.recorded;
    const vertex = path.match(/^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/);
    if (vertex) {
      if (ex.opts.apiKey && bearer(ex.recorded.headers) !== ex.opts.apiKey) return googleError(ex, 401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
      if (ex.fault?.kind === 'status' && (ex.fault.status === 429 || ex.fault.status === 403)) {
        const msg = ex.fault.status === 429 ? 'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model.' : "Permission 'aiplatform.endpoints.predict' denied on resource.";
        return googleError(ex, ex.fault.status, ex.fault.message ?? msg, retryHeaders(ex.fault));
      }
      if (ex.fault?.kind === 'status') return anthropicError(ex, ex.fault.status ?? 500, ex.fault.message ?? 'Internal server error', retryHeaders(ex.fault));
      const body = ex.recorded.body as { anthropic_version?: string; model?: string; stream?: boolean } | undefined;
      if (!body) return anthropicError(ex, 400, 'invalid JSON body');
      if (body.anthropic_version !== 'vertex-2023-10-16') return anthropicError(ex, 400, 'anthropic_version: Field required (expected "vertex-2023-10-16")');
      if (body.model !== undefined) return anthropicError(ex, 400, 'model: Extra inputs are not permitted');
      const model = decodeURIComponent(vertex[3]);
      if (ex.opts.models && !ex.opts.models.includes(model)) return googleError(ex, 404, `Publisher Model \`projects/${vertex[1]}/locations/${vertex[2]}/publishers/anthropic/models/${model}\` not found.`);
      return messages(ex, model, vertex[4] === 'streamRawPredict');
    }
    const key = header(ex.recorded.headers, 'x-api-key') ?? bearer(ex.recorded.headers);
    if (ex.opts.apiKey && key !== ex.opts.apiKey) return anthropicError(ex, 401, 'invalid x-api-key');
    if (ex.fault?.kind === 'status') {
      const s = ex.fault.status ?? 500;
      const msg = s === 429 ? 'Number of request tokens has exceeded your per-minute rate limit' : s === 529 ? 'Overloaded' : s >= 500 ? 'Internal server error' : s === 403 ? 'Your API key does not have permission to use the specified resource.' : 'error';
      return anthropicError(ex, s, ex.fault.message ?? msg, retryHeaders(ex.fault));
    }
    if (method !== 'POST' || path !== '/v1/messages') return anthropicError(ex, 404, `Not found: ${method} ${path}`);
    const body = ex.recorded.body as { model?: string; max_tokens?: number; stream?: boolean } | undefined;
    if (!body) return anthropicError(ex, 400, 'There was an issue with your request body: invalid JSON');
    if (!header(ex.recorded.headers, 'anthropic-version')) return anthropicError(ex, 400, 'anthropic-version: header is required');
    if (typeof body.max_tokens !== 'number') return anthropicError(ex, 400, 'max_tokens: Field required');
    if (!body.model) return anthropicError(ex, 400, 'model: Field required');
    if (ex.opts.models && !ex.opts.models.includes(body.model)) return anthropicError(ex, 404, `model: ${body.model}`);
    return messages(ex, body.model, body.stream === true);
  });
}
