// Contract suite for the OpenAI-compatible adapter (openai SDK) against the local OpenAI protocol server.
import { expect } from 'vitest';
import { createOpenAICompatibleAdapter } from '../../../src/lib/server/providers/openai-compatible';
import { startOpenAIServer } from '../../servers/openai';
import { runContractSuite } from './contract';

runContractSuite({
  name: 'openai-compatible',
  start: startOpenAIServer,
  adapter: (server, apiKey) => createOpenAICompatibleAdapter({ id: 'openai-compatible/vllm', baseUrl: `${server.url}/v1`, apiKey }),
  model: 'mistralai/Mistral-7B-Instruct-v0.3',
  generatePath: /^\/v1\/chat\/completions$/,
  usageOptional: true,
  cacheUsage: 'read',
  checkRequest(body) {
    const b = body as Record<string, unknown>;
    expect(b.model).toBe('mistralai/Mistral-7B-Instruct-v0.3');
    expect(b.max_tokens).toBe(64);
    expect(b.temperature).toBe(0);
    expect(b.stream).toBe(false);
  }
});
