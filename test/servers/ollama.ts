// Local Ollama protocol server: /api/chat and /api/generate (JSON or NDJSON streaming with Ollama's
// server-side timings in nanoseconds on the final object), /api/tags, /api/show, /api/version.
// Written from Ollama's published API reference (docs/api.md). Options and faults: see ./common.ts.
// Extra behaviour: `stream` defaults to true as in Ollama; an unknown model (when `models` is set) gets
// 404 {"error":"model \"x\" not found, try pulling it first"}; `apiKey` emulates an authenticating
// reverse proxy (401 {"error":"unauthorized"}).
import { bearer, planFor, promptChars, retryHeaders, sendCompletionBody, sendJson, startHttpServer, streamChunks, waitForGeneration, type Exchange, type Plan, type ProtocolServer, type ServerOptions } from './common';

const NS_PER_MS = 1e6;

function finalFields(plan: Plan) {
  const evalCount = plan.usage?.outputTokens;
  const promptCount = plan.usage?.inputTokens;
  const promptEvalMs = plan.promptEvalMs || plan.ttftMs;
  const evalMs = plan.interChunkMs * Math.max(1, plan.chunks.length);
  const f: Record<string, unknown> = {
    done_reason: plan.finishReason === 'length' ? 'length' : 'stop',
    done: true,
    total_duration: Math.round((plan.loadMs + promptEvalMs + evalMs) * NS_PER_MS),
    load_duration: Math.round(plan.loadMs * NS_PER_MS)
  };
  if (promptCount !== undefined) {
    f.prompt_eval_count = promptCount;
    f.prompt_eval_duration = Math.round(promptEvalMs * NS_PER_MS);
  }
  if (evalCount !== undefined) {
    f.eval_count = evalCount;
    f.eval_duration = Math.round(evalMs * NS_PER_MS);
  }
  return f;
}

const MODEL_INFO = (name: string) => ({
  name,
  model: name,
  modified_at: '2026-11-01T10:00:00.000000000+01:00',
  size: 4920753328,
  digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
  details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '8.0B', quantization_level: 'Q4_K_M' }
});

async function generation(ex: Exchange, kind: 'chat' | 'generate'): Promise<void> {
  const body = (ex.recorded.body ?? {}) as { model?: string; stream?: boolean };
  const model = body.model ?? '';
  const created = () => new Date().toISOString();
  const stream = body.stream !== false;
  const plan = planFor(ex.script, promptChars(ex.recorded.body), ex.fault);
  const piece = (text: string) => (kind === 'chat' ? { message: { role: 'assistant', content: text } } : { response: text });
  if (!stream) {
    await waitForGeneration(ex, plan);
    const out: Record<string, unknown> = { model, created_at: created(), ...piece(plan.text), ...finalFields(plan) };
    if (kind === 'generate') out.context = [1, 2, 3];
    return sendCompletionBody(ex, 200, out, {}, 'application/json; charset=utf-8');
  }
  ex.res.writeHead(200, { 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' });
  if (ex.fault?.kind === 'malformed') {
    ex.res.end('{"model":"' + model + '","message":{"role":"assistant","content":"Hal\n<html>502 Bad Gateway</html>\n');
    return;
  }
  const end = await streamChunks(ex, plan, (text) => {
    ex.res.write(JSON.stringify({ model, created_at: created(), ...piece(text), done: false }) + '\n');
  });
  if (end === 'reset') return;
  if (end === 'truncated') return void ex.res.end();
  if (end === 'stream-error') return void ex.res.end(JSON.stringify({ error: ex.fault?.message ?? 'an error was encountered while running the model: unexpected EOF' }) + '\n');
  ex.res.end(JSON.stringify({ model, created_at: created(), ...piece(''), ...finalFields(plan) }) + '\n');
}

export async function startOllamaServer(opts: ServerOptions = {}): Promise<ProtocolServer> {
  return startHttpServer(opts, async (ex) => {
    const { method, path } = ex.recorded;
    if (ex.opts.apiKey && bearer(ex.recorded.headers) !== ex.opts.apiKey) return sendJson(ex.res, 401, { error: 'unauthorized' });
    if (ex.fault?.kind === 'status') {
      const status = ex.fault.status ?? 500;
      const message = ex.fault.message ?? (status === 503 ? 'server busy, please try again.  maximum pending requests exceeded' : status === 429 ? 'too many requests' : 'an error was encountered while running the model');
      return sendJson(ex.res, status, { error: message }, retryHeaders(ex.fault));
    }
    if (method === 'GET' && (path === '/' || path === '')) {
      ex.res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return void ex.res.end('Ollama is running');
    }
    if (method === 'GET' && path === '/api/version') return sendJson(ex.res, 200, { version: '0.12.6' });
    if (method === 'GET' && path === '/api/tags') return sendJson(ex.res, 200, { models: (ex.opts.models ?? ['llama3.1:8b']).map(MODEL_INFO) });
    const body = (ex.recorded.body ?? {}) as { model?: string };
    if (method === 'POST' && (path === '/api/chat' || path === '/api/generate' || path === '/api/show')) {
      if (ex.recorded.rawBody && ex.recorded.body === undefined) return sendJson(ex.res, 400, { error: 'invalid character looking for beginning of value' });
      if (!body.model) return sendJson(ex.res, 400, { error: 'model is required' });
      if (ex.opts.models && !ex.opts.models.includes(body.model)) return sendJson(ex.res, 404, { error: `model "${body.model}" not found, try pulling it first` });
      if (path === '/api/show') {
        return sendJson(ex.res, 200, {
          modelfile: `FROM ${body.model}\n`,
          parameters: 'stop "<|eot_id|>"',
          template: '{{ .Prompt }}',
          details: MODEL_INFO(body.model).details,
          model_info: { 'general.architecture': 'llama', 'general.parameter_count': 8030261248, 'llama.context_length': 131072, 'llama.block_count': 32, 'llama.embedding_length': 4096 },
          capabilities: ['completion'],
          modified_at: '2026-11-01T10:00:00.000000000+01:00'
        });
      }
      return generation(ex, path === '/api/chat' ? 'chat' : 'generate');
    }
    ex.res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    ex.res.end('404 page not found');
  });
}
