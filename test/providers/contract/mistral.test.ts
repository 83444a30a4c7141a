// Contract suite for the Mistral adapter (@mistralai/mistralai) against the local Mistral protocol server.
import { expect } from 'vitest';
import { createMistralAdapter } from '../../../src/lib/server/providers/mistral';
import { startMistralServer } from '../../servers/openai';
import { runContractSuite } from './contract';

runContractSuite({
  name: 'mistral',
  start: startMistralServer,
  adapter: (server, apiKey) => createMistralAdapter({ id: 'mistral', baseUrl: server.url, apiKey }),
  model: 'mistral-large-latest',
  // Mistral documents no in-stream error event; a non-schema event is reported as malformed_response.
  noStreamErrorEvent: true,
  generatePath: /^\/v1\/chat\/completions$/,
  checkRequest(body) {
    const b = body as Record<string, unknown>;
    expect(b.model).toBe('mistral-large-latest');
    expect(b.max_tokens).toBe(64);
    expect(b.temperature).toBe(0);
  }
});
