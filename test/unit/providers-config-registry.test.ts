// werkbank.config.yaml validation (secrets by env var name only, file:line:field messages) and the provider
// registry (target names and bare routes, catalog lookups, credential status, adapter construction).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/lib/server/config';
import { createAdapter, credentialsReady, credentialStatus, parseRoute, resolveTarget, TargetError } from '../../src/lib/server/providers/registry';
import { ProviderError } from '../../src/lib/server/providers/types';
import type { Catalog } from '../../src/lib/core/catalog/schema';

const catalog = {
  providers: [
    { id: 'bedrock-eu', tier: 2 },
    { id: 'mistral', tier: 1 },
    { id: 'openai-compatible/stackit', tier: 1 }
  ],
  models: [{ id: 'bedrock-eu/claude-sonnet-4-5', provider: 'bedrock-eu', providerModelId: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'EU (eu.*)' }]
} as unknown as Catalog;

function configError(text: string): ConfigError {
  try {
    parseConfig(text, 'werkbank.config.yaml', '/proj');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('werkbank.config.yaml', () => {
  it('the shipped example validates', () => {
    const file = resolve(import.meta.dirname, '../../werkbank.config.example.yaml');
    const cfg = parseConfig(readFileSync(file, 'utf8'), file);
    expect(Object.keys(cfg.targets)).toContain('mistral-large');
    expect(cfg.targets['mistral-large'].rateLimit).toEqual({ requestsPerMinute: 60, tokensPerMinute: 500000 });
  });

  it('rejects a literal API key with a message naming file, line and field', () => {
    const err = configError('targets:\n  m:\n    route: mistral/mistral-large-latest\n    apiKeyEnv: sk-proj-abcdef0123456789abcdef\n');
    expect(err.issues[0]).toMatchObject({ file: 'werkbank.config.yaml', line: 4, field: 'targets.m.apiKeyEnv' });
    expect(err.message).toMatch(/werkbank\.config\.yaml:4: targets\.m\.apiKeyEnv: .*secret/);
    expect(err.message).not.toContain('abcdef0123456789');
  });

  it('rejects secret fields and credential headers outright', () => {
    const a = configError('targets:\n  m:\n    route: mistral/x\n    apiKey: whatever\n');
    expect(a.issues[0].field).toBe('targets.m.apiKey');
    expect(a.issues[0].message).toMatch(/apiKeyEnv/);
    const b = configError('targets:\n  m:\n    route: openai/x\n    headers:\n      Authorization: Bearer abc\n');
    expect(b.issues[0].field).toBe('targets.m.headers.Authorization');
  });

  it('names bad fields: route, unknown setting, rate limit type', () => {
    const err = configError('targets:\n  m:\n    route: nope\n    colour: blue\n    rateLimit: { requestsPerMinute: "viele" }\n');
    const fields = err.issues.map((i) => `${i.line}:${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(['3:targets.m.route', '4:targets.m.colour', '5:targets.m.rateLimit.requestsPerMinute']));
  });

  it('reports YAML syntax errors with a line', () => {
    const err = configError('targets:\n  m:\n    route: [unclosed\n');
    expect(err.issues[0].field).toBe('(YAML)');
    expect(err.issues[0].line).toBeGreaterThan(0);
  });

  it('a missing file is an empty config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-cfg-'));
    const cfg = await loadConfig(join(dir, 'werkbank.config.yaml'));
    expect(cfg.targets).toEqual({});
    writeFileSync(join(dir, 'werkbank.config.yaml'), 'targets:\n  o:\n    route: ollama/llama3.1:8b\n');
    expect((await loadConfig(join(dir, 'werkbank.config.yaml'))).targets.o.route).toBe('ollama/llama3.1:8b');
  });
});

describe('provider registry', () => {
  const cfg = parseConfig(
    [
      'targets:',
      '  claude:',
      '    route: bedrock-eu/claude-sonnet-4-5',
      '    region: eu-central-1',
      '    rateLimit: { requestsPerMinute: 50 }',
      '  stackit:',
      '    route: openai-compatible/stackit/meta-llama/Llama-3.3-70B-Instruct',
      '    baseUrl: https://example.invalid/v1',
      '    apiKeyEnv: STACKIT_API_KEY',
      '  tiny:',
      '    route: local/models/tiny.gguf',
      '    threads: 2',
      '    mmap: true',
      '    flashAttention: false'
    ].join('\n'),
    '/proj/werkbank.config.yaml'
  );

  it('parses routes, including openai-compatible/<name>/<model with slashes>', () => {
    expect(parseRoute('ollama/llama3.1:8b')).toEqual({ kind: 'ollama', providerId: 'ollama', model: 'llama3.1:8b' });
    expect(parseRoute('openai-compatible/ionos/meta-llama/Llama-3.3-70B')).toEqual({ kind: 'openai-compatible', providerId: 'openai-compatible/ionos', model: 'meta-llama/Llama-3.3-70B' });
    expect(() => parseRoute('foo/bar')).toThrow(TargetError);
    expect(() => parseRoute('openai-compatible/onlyname')).toThrow(/openai-compatible\/<name>\/<model>/);
  });

  it('takes providerModelId, tier and region from the catalog for a named target', () => {
    const t = resolveTarget('claude', cfg, catalog);
    expect(t).toMatchObject({ route: 'bedrock-eu/claude-sonnet-4-5', kind: 'bedrock-eu', model: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', tier: 2, region: 'eu-central-1', configured: true, rateLimit: { requestsPerMinute: 50 } });
    const bare = resolveTarget('bedrock-eu/claude-sonnet-4-5', cfg, catalog);
    expect(bare.region).toBe('EU (eu.*)');
    expect(bare.configured).toBe(false);
  });

  it('resolves bare routes with provider defaults and tiers', () => {
    expect(resolveTarget('mistral/mistral-large-latest', cfg, catalog)).toMatchObject({ model: 'mistral-large-latest', tier: 1, credentials: [{ env: 'MISTRAL_API_KEY', required: true }] });
    expect(resolveTarget('anthropic/claude-sonnet-4-5', cfg).tier).toBe(3);
    expect(resolveTarget('openai/gpt-4.1', cfg).tier).toBe(3);
    expect(resolveTarget('stackit', cfg, catalog)).toMatchObject({ providerId: 'openai-compatible/stackit', model: 'meta-llama/Llama-3.3-70B-Instruct', tier: 1 });
    expect(resolveTarget('tiny', cfg).local).toMatchObject({ modelPath: '/proj/models/tiny.gguf', threads: 2, mmap: true, flashAttention: false });
    expect(() => resolveTarget('nicht-da', cfg)).toThrow(/unknown target "nicht-da".*claude, stackit, tiny/);
  });

  it('reports credential presence by name only', () => {
    const t = resolveTarget('stackit', cfg);
    expect(credentialStatus(t, { STACKIT_API_KEY: 'geheim-123' })).toEqual([{ env: 'STACKIT_API_KEY', purpose: 'apiKey', required: true, present: true }]);
    expect(JSON.stringify(credentialStatus(t, { STACKIT_API_KEY: 'geheim-123' }))).not.toContain('geheim');
    expect(credentialsReady(t, {})).toBe(false);
    const b = resolveTarget('claude', cfg);
    expect(credentialsReady(b, {})).toBe(false);
    expect(credentialsReady(b, { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).toBe(true);
    expect(credentialsReady(b, { AWS_PROFILE: 'werkbank' })).toBe(true);
    expect(credentialsReady(resolveTarget('ollama/x', cfg), {})).toBe(true);
  });

  it('createAdapter refuses a target whose key variable is unset, naming the variable', async () => {
    const err = await createAdapter(resolveTarget('stackit', cfg), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('auth');
    expect((err as ProviderError).message).toContain('STACKIT_API_KEY');
    const a = await createAdapter(resolveTarget('stackit', cfg), { STACKIT_API_KEY: 'k' });
    expect(a.id).toBe('openai-compatible/stackit');
    const o = await createAdapter(resolveTarget('ollama/llama3.1:8b', cfg), { OLLAMA_HOST: 'http://127.0.0.1:1' });
    expect(o.id).toBe('ollama');
    await expect(createAdapter(resolveTarget('openai-compatible/vllm/m', cfg), {})).rejects.toThrow(/base URL.*VLLM_BASE_URL/);
  });
});
