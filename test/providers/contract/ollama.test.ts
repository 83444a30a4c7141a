// Contract suite for the Ollama adapter against the local Ollama protocol server, plus Ollama specifics
// (server-side timings kept beside client timings).
import { describe, expect, it } from 'vitest';
import { createOllamaAdapter } from '../../../src/lib/server/providers/ollama';
import { startOllamaServer } from '../../servers/ollama';
import { runContractSuite } from './contract';

runContractSuite({
  name: 'ollama',
  start: startOllamaServer,
  adapter: (server, apiKey) => createOllamaAdapter({ id: 'ollama', baseUrl: server.url, apiKey }),
  model: 'llama3.1:8b',
  generatePath: /^\/api\/chat$/,
  usageOptional: true,
  checkRequest(body) {
    const b = body as { model: string; messages: unknown[]; options: Record<string, unknown> };
    expect(b.model).toBe('llama3.1:8b');
    expect(b.messages).toHaveLength(2);
    expect(b.options.num_predict).toBe(64);
    expect(b.options.temperature).toBe(0);
  }
});

describe('ollama adapter specifics', () => {
  it('keeps the server-side timings in ms beside the client timings', async () => {
    const server = await startOllamaServer({ script: { tokens: ['a', ' b', ' c', ' d'], ttftMs: 30, interChunkMs: 10, promptEvalMs: 25, loadMs: 3, usage: { inputTokens: 40, outputTokens: 4 } } });
    try {
      const a = await createOllamaAdapter({ id: 'ollama', baseUrl: server.url });
      const s = a.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
      for await (const _ of s) void _;
      const r = await s.result;
      expect(r.timing.server).toEqual({ promptEvalCount: 40, promptEvalMs: 25, evalCount: 4, evalMs: 40, loadMs: 3, totalMs: 68 });
      expect(r.timing.firstTokenMs! - r.timing.startMs).toBeGreaterThanOrEqual(28);
    } finally {
      await server.close();
    }
  });
});

describe('ollama protocol server endpoints (through the ollama SDK)', () => {
  it('serves /api/generate (JSON and NDJSON), /api/tags and /api/show like Ollama', async () => {
    const { Ollama } = await import('ollama');
    const server = await startOllamaServer({ models: ['llama3.1:8b'], script: { tokens: ['Ein', ' Test'], usage: { inputTokens: 9, outputTokens: 2 } } });
    try {
      const o = new Ollama({ host: server.url });
      const g = await o.generate({ model: 'llama3.1:8b', prompt: 'Hallo', stream: false });
      expect(g.response).toBe('Ein Test');
      expect(g.done).toBe(true);
      expect(g.prompt_eval_count).toBe(9);
      expect(g.eval_count).toBe(2);
      const parts: string[] = [];
      for await (const p of await o.generate({ model: 'llama3.1:8b', prompt: 'Hallo', stream: true })) parts.push(p.response ?? '');
      expect(parts.join('')).toBe('Ein Test');
      expect(server.requests[1].headers['content-type']).toBe('application/json');
      const tags = await o.list();
      expect(tags.models.map((m) => m.name)).toEqual(['llama3.1:8b']);
      const show = await o.show({ model: 'llama3.1:8b' });
      expect(show.details.family).toBe('llama');
      await expect(o.show({ model: 'fehlt' })).rejects.toMatchObject({ status_code: 404 });
    } finally {
      await server.close();
    }
  });
});
