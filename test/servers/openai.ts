// Local OpenAI-compatible chat-completions server, in four flavours that differ where the real APIs differ:
//   'openai'  POST /v1/chat/completions, Bearer key, `{"error":{message,type,param,code}}` bodies, streaming
//             SSE chunks (`chat.completion.chunk`) with usage only in a final `choices: []` chunk when
//             `stream_options.include_usage` is set, then `data: [DONE]`; cached tokens in
//             usage.prompt_tokens_details.cached_tokens. Also what vLLM, llama.cpp server, STACKIT, IONOS,
//             Scaleway, OVHcloud, LM Studio and Aleph Alpha's OpenAI-compatible endpoint speak.
//   'azure'   POST /openai/deployments/{deployment}/chat/completions?api-version=…, `api-key` header,
//             `{"error":{"code":"429","message":"… Please retry after N seconds."}}` bodies plus
//             retry-after / retry-after-ms headers, DeploymentNotFound for unknown deployments.
//   'mistral' POST /v1/chat/completions (Mistral La Plateforme): usage in every non-streamed body and on
//             the last streamed chunk (the one with finish_reason), `{"message": …}` error bodies,
//             `invalid_model` 400 for an unknown model, finish_reason `model_length` possible.
// Written from the published API references. Options and faults: see ./common.ts. Extra option `flavor`.
import { bearer, header, planFor, promptChars, randomId, retryHeaders, sendCompletionBody, sendJson, startHttpServer, streamChunks, waitForGeneration, type Exchange, type Fault, type Plan, type ProtocolServer, type ServerOptions } from './common';

export type OpenAIFlavor = 'openai' | 'azure' | 'mistral';

export interface OpenAIServerOptions extends ServerOptions {
  flavor?: OpenAIFlavor;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  408: 'Request timeout',
  409: 'Conflict',
  429: 'Rate limit reached for requests',
  500: 'The server had an error while processing your request. Sorry about that!',
  502: 'Bad gateway',
  503: 'The engine is currently overloaded, please try again later'
};

function errorBody(flavor: OpenAIFlavor, status: number, message: string, code?: string): unknown {
  if (flavor === 'azure') return { error: { code: code ?? String(status), message } };
  if (flavor === 'mistral') {
    if (status === 400 || status === 404 || status === 422) return { object: 'error', message, type: code ?? 'invalid_request_error', param: null, code: status === 400 ? '1500' : null };
    return { message, request_id: randomId('') };
  }
  const type = status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: code ?? (status === 429 ? 'rate_limit_exceeded' : null) } };
}

function sendError(ex: Exchange, flavor: OpenAIFlavor, status: number, message: string, code?: string, extra: Record<string, string> = {}): void {
  sendJson(ex.res, status, errorBody(flavor, status, message, code), { 'x-request-id': randomId('req_'), ...extra });
}

function statusFault(ex: Exchange, flavor: OpenAIFlavor, f: Fault): void {
  const status = f.status ?? 500;
  let message = f.message ?? STATUS_TEXT[status] ?? `HTTP ${status}`;
  if (flavor === 'azure' && status === 429 && !f.message) message = `Requests to the ChatCompletions_Create Operation have exceeded call rate limit of your current pricing tier. Please retry after ${f.retryAfter ?? 1} seconds.`;
  sendError(ex, flavor, status, message, undefined, retryHeaders(f));
}

function finishReason(flavor: OpenAIFlavor, p: Plan): string {
  if (p.finishReason === 'length') return flavor === 'mistral' ? 'length' : 'length';
  return p.finishReason;
}

function usageBody(flavor: OpenAIFlavor, p: Plan): Record<string, unknown> | undefined {
  if (!p.usage) return undefined;
  // OpenAI counts cached prompt tokens inside prompt_tokens (prompt_tokens_details.cached_tokens is a
  // subset); the script's inputTokens are the uncached ones, as Werkbank's Usage defines them.
  const cached = flavor !== 'mistral' ? (p.usage.cacheReadTokens ?? 0) : 0;
  const prompt = p.usage.inputTokens === undefined ? undefined : p.usage.inputTokens + cached;
  const u: Record<string, unknown> = {
    prompt_tokens: prompt,
    completion_tokens: p.usage.outputTokens,
    total_tokens: (prompt ?? 0) + (p.usage.outputTokens ?? 0)
  };
  if (flavor !== 'mistral') {
    u.prompt_tokens_details = { cached_tokens: p.usage.cacheReadTokens ?? 0, audio_tokens: 0 };
    u.completion_tokens_details = { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 };
  }
  return u;
}

async function completion(ex: Exchange, flavor: OpenAIFlavor, model: string): Promise<void> {
  const body = ex.recorded.body as { stream?: boolean; stream_options?: { include_usage?: boolean } };
  const plan = planFor(ex.script, promptChars(body), ex.fault);
  const id = flavor === 'mistral' ? randomId('cmpl-') : randomId('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  const reqHeaders = { 'x-request-id': randomId('req_'), 'openai-processing-ms': String(Math.round(plan.ttftMs)) };
  if (!body.stream) {
    await waitForGeneration(ex, plan);
    const message: Record<string, unknown> = flavor === 'mistral' ? { role: 'assistant', content: plan.text, tool_calls: null, prefix: false } : { role: 'assistant', content: plan.text, refusal: null, annotations: [] };
    const out: Record<string, unknown> = {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message, ...(flavor === 'mistral' ? {} : { logprobs: null }), finish_reason: finishReason(flavor, plan) }]
    };
    const usage = usageBody(flavor, plan);
    if (usage) out.usage = usage;
    if (flavor === 'openai') out.system_fingerprint = 'fp_werkbank';
    return sendCompletionBody(ex, 200, out, reqHeaders);
  }
  ex.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...reqHeaders });
  const includeUsage = flavor === 'mistral' || body.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => {
    const c: Record<string, unknown> = { id, object: 'chat.completion.chunk', created, model, choices, ...extra };
    if (flavor === 'openai' && includeUsage && !('usage' in c)) c.usage = null;
    return `data: ${JSON.stringify(c)}\n\n`;
  };
  if (ex.fault?.kind === 'malformed') {
    ex.res.end(`data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hal\n\ndata: <html>502</html>\n\n`);
    return;
  }
  const lp = flavor === 'mistral' ? {} : { logprobs: null };
  ex.res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, ...lp, finish_reason: null }]));
  const end = await streamChunks(ex, plan, (text) => {
    ex.res.write(chunk([{ index: 0, delta: { content: text }, ...lp, finish_reason: null }]));
  });
  if (end === 'reset') return;
  if (end === 'truncated') return void ex.res.end();
  if (end === 'stream-error') {
    ex.res.end(`data: ${JSON.stringify({ error: { message: ex.fault?.message ?? 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } })}\n\n`);
    return;
  }
  const usage = usageBody(flavor, plan);
  if (flavor === 'mistral') {
    ex.res.write(chunk([{ index: 0, delta: { content: '' }, finish_reason: finishReason(flavor, plan) }], usage ? { usage } : {}));
  } else {
    ex.res.write(chunk([{ index: 0, delta: {}, ...lp, finish_reason: finishReason(flavor, plan) }]));
    if (includeUsage && usage) ex.res.write(chunk([], { usage }));
  }
  ex.res.end('data: [DONE]\n\n');
}

export async function startOpenAIServer(opts: OpenAIServerOptions = {}): Promise<ProtocolServer> {
  const flavor = opts.flavor ?? 'openai';
  return startHttpServer(opts, async (ex) => {
    const { method, path } = ex.recorded;
    const key = flavor === 'azure' ? header(ex.recorded.headers, 'api-key') ?? bearer(ex.recorded.headers) : bearer(ex.recorded.headers);
    if (ex.opts.apiKey && key !== ex.opts.apiKey) {
      if (flavor === 'azure') return sendError(ex, flavor, 401, 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.');
      if (flavor === 'mistral') return sendError(ex, flavor, 401, 'Unauthorized');
      return sendError(ex, flavor, 401, `Incorrect API key provided: ${(key ?? '').slice(0, 3)}***. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_api_key');
    }
    if (ex.fault?.kind === 'status') return statusFault(ex, flavor, ex.fault);
    if (method === 'GET' && /\/models$/.test(path)) {
      return sendJson(ex.res, 200, { object: 'list', data: (ex.opts.models ?? ['test-model']).map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'werkbank-test' })) });
    }
    let model: string | undefined;
    if (flavor === 'azure') {
      const m = path.match(/^\/openai\/deployments\/([^/]+)\/chat\/completions$/);
      if (!m || method !== 'POST') return sendError(ex, flavor, 404, 'Resource not found', '404');
      if (!ex.recorded.query['api-version']) return sendError(ex, flavor, 404, 'Resource not found', '404');
      model = decodeURIComponent(m[1]);
      if (ex.opts.models && !ex.opts.models.includes(model)) return sendError(ex, flavor, 404, `The API deployment ${model} for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.`, 'DeploymentNotFound');
    } else {
      if (method !== 'POST' || !/(^|\/)chat\/completions$/.test(path)) return sendError(ex, flavor, 404, `Invalid URL (${method} ${path})`);
      if (ex.recorded.body === undefined) return sendError(ex, flavor, 400, 'We could not parse the JSON body of your request.');
      model = (ex.recorded.body as { model?: string }).model;
      if (!model) return sendError(ex, flavor, 400, 'you must provide a model parameter');
      if (ex.opts.models && !ex.opts.models.includes(model)) {
        if (flavor === 'mistral') return sendError(ex, flavor, 400, `Invalid model: ${model}`, 'invalid_model');
        return sendError(ex, flavor, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'model_not_found');
      }
    }
    return completion(ex, flavor, model);
  });
}

export const startAzureOpenAIServer = (opts: ServerOptions = {}) => startOpenAIServer({ ...opts, flavor: 'azure' });
export const startMistralServer = (opts: ServerOptions = {}) => startOpenAIServer({ ...opts, flavor: 'mistral' });
