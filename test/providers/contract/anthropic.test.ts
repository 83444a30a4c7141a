// Contract suite for the Anthropic adapter (@anthropic-ai/sdk) against the local Anthropic server, for both
// the Anthropic API (`anthropic/*`) and Claude on Vertex AI (`vertex/*`, rawPredict/streamRawPredict).
import { describe, expect, it } from 'vitest';
import { createAnthropicAdapter } from '../../../src/lib/server/providers/anthropic';
import { startAnthropicServer } from '../../servers/anthropic';
import { runContractSuite } from './contract';

runContractSuite({
  name: 'anthropic',
  start: startAnthropicServer,
  adapter: (server, apiKey) => createAnthropicAdapter({ id: 'anthropic', baseUrl: server.url, apiKey }),
  model: 'claude-sonnet-4-6',
  generatePath: /^\/v1\/messages$/,
  cacheUsage: 'read-write',
  checkRequest(body) {
    const b = body as Record<string, unknown>;
    expect(b.model).toBe('claude-sonnet-4-6');
    expect(b.system).toBe('Du bist ein hilfreicher Assistent.');
    expect(b.max_tokens).toBe(64);
    expect(b.messages).toEqual([{ role: 'user', content: 'Sag Hallo auf Deutsch.' }]);
  }
});

runContractSuite({
  name: 'vertex (Claude on Vertex AI)',
  start: startAnthropicServer,
  adapter: (server, token) => createAnthropicAdapter({ id: 'vertex', baseUrl: server.url, apiKey: token, project: 'werkbank-test', region: 'europe-west3' }, { vertex: true }),
  model: 'claude-sonnet-4-5@20250929',
  generatePath: /^\/v1\/projects\/werkbank-test\/locations\/europe-west3\/publishers\/anthropic\/models\/claude-sonnet-4-5%4020250929:rawPredict$/,
  cacheUsage: 'read-write',
  checkRequest(body) {
    const b = body as Record<string, unknown>;
    expect(b.model).toBeUndefined();
    expect(b.anthropic_version).toBe('vertex-2023-10-16');
  }
});

describe('anthropic adapter specifics', () => {
  it('marks a cacheable system prompt with cache_control and streams via streamRawPredict on Vertex', async () => {
    const server = await startAnthropicServer({});
    try {
      const a = await createAnthropicAdapter({ id: 'vertex', baseUrl: server.url, apiKey: 't', project: 'p' }, { vertex: true });
      const s = a.stream({ model: 'claude-x', messages: [{ role: 'system', content: 'Lang' }, { role: 'user', content: 'hi' }], cacheSystemPrompt: true });
      for await (const _ of s) void _;
      await s.result;
      expect(server.requests[0].path).toBe('/v1/projects/p/locations/europe-west3/publishers/anthropic/models/claude-x:streamRawPredict');
      expect((server.requests[0].body as { system: unknown }).system).toEqual([{ type: 'text', text: 'Lang', cache_control: { type: 'ephemeral' } }]);
      expect(server.requests[0].headers.authorization).toBe('Bearer t');
    } finally {
      await server.close();
    }
  });
});
