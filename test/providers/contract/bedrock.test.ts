// Contract suite for the Bedrock adapter (@aws-sdk/client-bedrock-runtime Converse/ConverseStream) against
// the local Bedrock protocol server, plus the cachePoint and request-shape specifics.
import { describe, expect, it } from 'vitest';
import { createBedrockAdapter } from '../../../src/lib/server/providers/bedrock';
import { startBedrockServer } from '../../servers/bedrock';
import { runContractSuite } from './contract';

const MODEL = 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0';
const creds = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: 'secret-not-checked' });

runContractSuite({
  name: 'bedrock',
  start: startBedrockServer,
  adapter: (server, key) => createBedrockAdapter({ id: 'bedrock-eu', baseUrl: server.url, region: 'eu-central-1', awsCredentials: creds(key) }),
  model: MODEL,
  generatePath: /^\/model\/eu\.anthropic\.claude-sonnet-4-5-20250929-v1%3A0\/converse$/,
  usageOptional: true,
  cacheUsage: 'read-write',
  authStatus: 403,
  checkRequest(body) {
    const b = body as { messages: { role: string; content: { text: string }[] }[]; system: unknown[]; inferenceConfig: Record<string, unknown> };
    expect(b.system).toEqual([{ text: 'Du bist ein hilfreicher Assistent.' }]);
    expect(b.messages).toEqual([{ role: 'user', content: [{ text: 'Sag Hallo auf Deutsch.' }] }]);
    expect(b.inferenceConfig).toMatchObject({ maxTokens: 64, temperature: 0 });
  }
});

describe('bedrock adapter specifics', () => {
  it('adds a cachePoint after the system prompt when it is cacheable, signs for the region', async () => {
    const server = await startBedrockServer({});
    try {
      const a = await createBedrockAdapter({ id: 'bedrock-eu', baseUrl: server.url, region: 'eu-west-1', awsCredentials: creds('AKIDTEST') });
      await a.generate({ model: 'm', messages: [{ role: 'system', content: 'Lange Systemanweisung' }, { role: 'user', content: 'hi' }], cacheSystemPrompt: true });
      expect((server.requests[0].body as { system: unknown[] }).system).toEqual([{ text: 'Lange Systemanweisung' }, { cachePoint: { type: 'default' } }]);
      expect(String(server.requests[0].headers.authorization)).toContain('/eu-west-1/bedrock/aws4_request');
      await a.close?.();
    } finally {
      await server.close();
    }
  });
});
