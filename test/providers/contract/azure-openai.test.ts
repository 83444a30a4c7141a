// Contract suite for `azure-openai/*` (AzureOpenAI client from the openai package: deployment in the path,
// api-key header, api-version query) and `aleph-alpha/*` (OpenAI-compatible chat completions with a Bearer
// token) against the local OpenAI-family protocol server.
import { expect } from 'vitest';
import { createOpenAICompatibleAdapter } from '../../../src/lib/server/providers/openai-compatible';
import { startAzureOpenAIServer, startOpenAIServer } from '../../servers/openai';
import { runContractSuite } from './contract';

runContractSuite({
  name: 'azure-openai',
  start: startAzureOpenAIServer,
  adapter: (server, apiKey) => createOpenAICompatibleAdapter({ id: 'azure-openai', baseUrl: server.url, apiKey, apiVersion: '2024-10-21' }, { azure: true, maxCompletionTokens: true }),
  model: 'gpt-4o-swedencentral',
  generatePath: /^\/openai\/deployments\/gpt-4o-swedencentral\/chat\/completions$/,
  usageOptional: true,
  cacheUsage: 'read',
  checkRequest(body) {
    const b = body as Record<string, unknown>;
    expect(b.max_completion_tokens).toBe(64);
  }
});

runContractSuite({
  name: 'aleph-alpha',
  start: startOpenAIServer,
  adapter: (server, apiKey) => createOpenAICompatibleAdapter({ id: 'aleph-alpha', baseUrl: server.url, apiKey }),
  model: 'llama-3.3-70b-instruct',
  generatePath: /^\/chat\/completions$/,
  usageOptional: true,
  cacheUsage: 'read'
});
