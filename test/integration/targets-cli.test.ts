// `werkbank targets` and `werkbank ping` as users call them: credentials listed by name (never value), a
// literal key in the config rejected with file:line:field, and ping against local protocol servers
// (latency; 401, unknown model and unreachable host explained, exit 1).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/app';
import { startOllamaServer } from '../servers/ollama';
import { startMistralServer, startOpenAIServer } from '../servers/openai';
import type { ProtocolServer } from '../servers/common';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI without blocking this process's event loop (the protocol servers live here). */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const clean: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(clean)) if (/^(WERKBANK_|MISTRAL_|OLLAMA_|OPENAI_|STACKIT_|AWS_|AA_|ANTHROPIC_|AZURE_|VERTEX_)/.test(k)) delete clean[k];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['bin/werkbank.js', ...args], { cwd: projectRoot, env: { ...clean, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('error', reject);
    p.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const SECRET = 'geheimer-schluessel-4711-abcdef';

describe('werkbank targets / ping', { timeout: 120_000 }, () => {
  let dir: string;
  let ollama: ProtocolServer;
  let openai: ProtocolServer;
  let mistral: ProtocolServer;
  let cfgPath: string;
  let deadPort: number;

  beforeAll(async () => {
    ollama = await startOllamaServer({ models: ['llama3.1:8b'], script: { text: 'ok', ttftMs: 60 } });
    openai = await startOpenAIServer({ apiKey: 'richtiger-schluessel-0815', models: ['llama-70b'] });
    mistral = await startMistralServer({ apiKey: SECRET, models: ['mistral-large-latest'] });
    // A port nothing listens on: bind, note it, close.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    deadPort = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    dir = mkdtempSync(join(tmpdir(), 'wb-targets-'));
    cfgPath = join(dir, 'werkbank.config.yaml');
    writeFileSync(
      cfgPath,
      [
        'targets:',
        '  lokal-llama:',
        '    route: ollama/llama3.1:8b',
        `    baseUrl: ${ollama.url}`,
        '  stackit:',
        '    route: openai-compatible/stackit/llama-70b',
        `    baseUrl: ${openai.url}/v1`,
        '    apiKeyEnv: STACKIT_API_KEY',
        '  mistral-falsch:',
        '    route: mistral/gibt-es-nicht',
        `    baseUrl: ${mistral.url}`,
        '  mistral-gut:',
        '    route: mistral/mistral-large-latest',
        `    baseUrl: ${mistral.url}`,
        '  tot:',
        '    route: ollama/llama3.1:8b',
        `    baseUrl: http://127.0.0.1:${deadPort}`
      ].join('\n') + '\n'
    );
  });
  afterAll(async () => {
    await Promise.all([ollama?.close(), openai?.close(), mistral?.close()]);
  });

  it('targets --json lists every target and whether its key variable is set, never the value', async () => {
    const r = await cli(['targets', '--json'], { WERKBANK_CONFIG: cfgPath, MISTRAL_API_KEY: SECRET });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    const doc = JSON.parse(r.stdout) as { configFound: boolean; targets: { name: string; route: string; tier: number | null; credentials: { env: string; present: boolean }[]; credentialsReady: boolean }[] };
    expect(doc.configFound).toBe(true);
    const by = Object.fromEntries(doc.targets.map((t) => [t.name, t]));
    expect(Object.keys(by)).toEqual(['lokal-llama', 'stackit', 'mistral-falsch', 'mistral-gut', 'tot']);
    expect(by['mistral-gut'].credentials).toEqual([expect.objectContaining({ env: 'MISTRAL_API_KEY', present: true })]);
    expect(by['stackit'].credentials).toEqual([expect.objectContaining({ env: 'STACKIT_API_KEY', present: false })]);
    expect(by['stackit'].credentialsReady).toBe(false);
    expect(by['lokal-llama'].credentialsReady).toBe(true);
    expect(by['stackit'].tier).toBe(1);
    const text = await cli(['targets'], { WERKBANK_CONFIG: cfgPath, MISTRAL_API_KEY: SECRET });
    expect(text.stdout).toMatch(/stackit.*FEHLT.*STACKIT_API_KEY/);
    expect(text.stdout).not.toContain(SECRET);
  });

  it('a literal key in the config is rejected with exit 2 naming file, line and field', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'targets:\n  m:\n    route: mistral/mistral-large-latest\n    apiKeyEnv: sk-abcdefghijklmnop1234567890\n');
    const r = await cli(['targets', '--json'], { WERKBANK_CONFIG: bad });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:4: targets.m.apiKeyEnv`);
  });

  it('a config file named by WERKBANK_CONFIG that does not exist is an error (exit 2), not "no targets"', async () => {
    const missing = join(dir, 'tippfehler.yaml');
    for (const args of [['targets', '--json'], ['ping', '--target', 'lokal-llama']]) {
      const r = await cli(args, { WERKBANK_CONFIG: missing });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(missing);
      expect(r.stderr).toMatch(/does not exist \(named by WERKBANK_CONFIG\)/);
    }
  });

  it('ping reports the latency of a reachable target', async () => {
    const r = await cli(['ping', '--target', 'lokal-llama', '--json'], { WERKBANK_CONFIG: cfgPath });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; latencyMs: number; route: string };
    expect(doc.ok).toBe(true);
    expect(doc.route).toBe('ollama/llama3.1:8b');
    expect(doc.latencyMs).toBeGreaterThanOrEqual(59);
    expect(doc.latencyMs).toBeLessThan(5000);
    const text = await cli(['ping', '--target', 'lokal-llama'], { WERKBANK_CONFIG: cfgPath });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/✓ lokal-llama .* antwortet in [\d.,]+ ms/);
  });

  it('ping explains a rejected key (401) without printing it, exit 1', async () => {
    const r = await cli(['ping', '--target', 'stackit', '--json'], { WERKBANK_CONFIG: cfgPath, STACKIT_API_KEY: 'falscher-schluessel-1234' });
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: { kind: string; status: number; message: string } };
    expect(doc.ok).toBe(false);
    expect(doc.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(doc.error.message).toMatch(/Zugangsdaten abgelehnt \(HTTP 401\).*STACKIT_API_KEY.*credentials rejected/);
    expect(r.stdout + r.stderr).not.toContain('falscher-schluessel-1234');
  });

  it('ping explains an unknown model and an unreachable host, exit 1', async () => {
    const m = await cli(['ping', '--target', 'mistral-falsch'], { WERKBANK_CONFIG: cfgPath, MISTRAL_API_KEY: SECRET });
    expect(m.status).toBe(1);
    expect(m.stderr).toMatch(/Modell "gibt-es-nicht".*(unknown|invalid) .*model/);
    const ok = await cli(['ping', '--target', 'mistral-gut', '--json'], { WERKBANK_CONFIG: cfgPath, MISTRAL_API_KEY: SECRET });
    expect(ok.status, ok.stderr).toBe(0);
    const h = await cli(['ping', '--target', 'tot', '--json'], { WERKBANK_CONFIG: cfgPath });
    expect(h.status).toBe(1);
    const doc = JSON.parse(h.stdout) as { error: { kind: string; message: string; retryable: boolean } };
    expect(doc.error.kind).toBe('connection');
    expect(doc.error.message).toMatch(new RegExp(`Host nicht erreichbar \\(http://127\\.0\\.0\\.1:${deadPort}\\).*host unreachable`));
  });

  it('ping --json keeps stdout one JSON document when the server answers an error in plain text', async () => {
    // the ollama SDK logs "Getting text from response" through console.log for such answers
    const plain = createHttpServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('interner Fehler');
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(plain.address() as { port: number }).port}`;
      const r = await cli(['ping', '--target', 'ollama/llama3', '--json'], { OLLAMA_HOST: url, WERKBANK_CONFIG: cfgPath });
      expect(r.status).toBe(1);
      const doc = JSON.parse(r.stdout) as { error: { message: string } };
      expect(doc.error.message).toMatch(/500|interner Fehler/);
      expect(r.stderr).toMatch(/Getting text from response/);
    } finally {
      await new Promise((r) => plain.close(r));
    }
  });

  it('ping names a missing key variable (exit 1) and rejects an unknown target (exit 2)', async () => {
    const k = await cli(['ping', '--target', 'stackit'], { WERKBANK_CONFIG: cfgPath });
    expect(k.status).toBe(1);
    expect(k.stderr).toContain('STACKIT_API_KEY');
    const u = await cli(['ping', '--target', 'gibt-es-nicht'], { WERKBANK_CONFIG: cfgPath });
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/unknown target "gibt-es-nicht"/);
    const n = await cli(['ping'], { WERKBANK_CONFIG: cfgPath });
    expect(n.status).toBe(2);
  });
});
