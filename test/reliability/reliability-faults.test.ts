// Provider faults through the real run service (OpenAI-compatible and Mistral wire formats, real SDK
// adapters, real DuckDB file) and through the `werkbank run` CLI (Ollama wire format): 429 + Retry-After,
// 500/502/503, timeouts, connection resets before and during a stream, truncated and malformed streams,
// empty completions. Every item ends stored exactly once (ok after retries, or error with its reason),
// retries stay bounded (≤ 3) and the run summary counts them. The Ollama run-service variant lives in
// test/integration/runner-service.test.ts; the SIGKILL/resume test in test/integration/runner-crash.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { createOpenAICompatibleAdapter } from '../../src/lib/server/providers/openai-compatible';
import { createMistralAdapter } from '../../src/lib/server/providers/mistral';
import { executeRun } from '../../src/lib/server/runner/run-service';
import type { PreparedSuite } from '../../src/lib/server/runner/sources';
import type { RunItem } from '../../src/lib/server/runner/types';
import { startOpenAIServer } from '../servers/openai';
import { startOllamaServer } from '../servers/ollama';
import type { Fault, ProtocolServer } from '../servers/common';

const root = resolve(import.meta.dirname, '../..');

function suite(n: number): PreparedSuite {
  const items: RunItem[] = Array.from({ length: n }, (_, i) => ({ id: `q${String(i + 1).padStart(2, '0')}`, messages: [{ role: 'user', content: `Frage ${i + 1}` }] }));
  return {
    id: 'faults',
    name: 'Faults',
    personalData: false,
    scorerType: 'exact',
    primaryMetric: 'accuracy',
    generation: { maxTokens: 16, temperature: 0 },
    items,
    score: (_item, output) => ({ score: output.length > 0 ? 1 : 0, scores: { accuracy: output.length > 0 ? 1 : 0 } }),
    aggregate: (rows) => ({ accuracy: rows.length ? rows.filter((r) => r.output).length / rows.length : 0 })
  };
}

// One fault script consumed one per request in order (concurrency 1 keeps the order deterministic;
// `OK` is a request served normally) and the outcome each item must end with.
const OK: Fault = {};
const FAULTS: Fault[] = [
  { status: 429, retryAfter: 2 }, OK, // q01: rate limited, Retry-After 2 s honoured → ok on attempt 2
  { status: 500 }, { status: 502 }, { status: 503 }, OK, // q02: 500, 502, 503 → ok on attempt 4 (3 retries)
  { kind: 'reset-before' }, { kind: 'reset-during', afterChunks: 1 }, OK, // q03: reset before any byte, then mid-stream → ok on attempt 3
  { kind: 'hang' }, OK, // q04: no answer → client timeout → ok on attempt 2
  { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, // q05: four 503s → error after 4 attempts (retries bounded)
  { kind: 'malformed' }, // q06: malformed stream → error, not retried
  { kind: 'truncated', afterChunks: 1 }, // q07: stream ends without the final event → error, no partial text stored
  { kind: 'empty' }, // q08: empty completion → stored once as ok with empty text
  { status: 429, retryAfter: 3600 } // q09: Retry-After beyond the 120 s ceiling → error without waiting an hour
  // q10: normal service
];

const EXPECTED: Record<string, { status: 'ok' | 'error'; attempts: number; kind?: string }> = {
  q01: { status: 'ok', attempts: 2 },
  q02: { status: 'ok', attempts: 4 },
  q03: { status: 'ok', attempts: 3 },
  q04: { status: 'ok', attempts: 2 },
  q05: { status: 'error', attempts: 4, kind: 'server' },
  q06: { status: 'error', attempts: 1, kind: 'malformed_response' },
  q07: { status: 'error', attempts: 1, kind: 'malformed_response' },
  q08: { status: 'ok', attempts: 1 },
  q09: { status: 'error', attempts: 1, kind: 'rate_limit' },
  q10: { status: 'ok', attempts: 1 }
};

type Row = { item_id: string; status: string; attempts: number; output: string | null; error: string | null; error_kind: string | null; output_tokens: number | null };

for (const flavor of ['openai', 'mistral'] as const) {
  describe(`run service against the ${flavor} protocol server under faults`, () => {
    let server: ProtocolServer;
    beforeAll(async () => {
      server = await startOpenAIServer({ flavor, script: { text: 'Die Antwort lautet 42.' } });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('stores every item exactly once with bounded retries; the summary counts them', async () => {
      const dir = mkdtempSync(join(tmpdir(), `werkbank-rel-${flavor}-`));
      const store = await Store.open(join(dir, 'w.duckdb'));
      const adapter =
        flavor === 'openai'
          ? await createOpenAICompatibleAdapter({ id: 'openai-compatible/test', baseUrl: `${server.url}/v1`, apiKey: 'test-key' })
          : await createMistralAdapter({ id: 'mistral', baseUrl: server.url, apiKey: 'test-key' });
      // warm the SDK up (lazy imports, schema compilation) so that a slow first request on a loaded
      // machine cannot hit the client timeout and shift the fault script
      await adapter.generate({ model: 'm', messages: [{ role: 'user', content: 'warm-up' }], maxTokens: 4 });
      server.reset();
      server.configure({ faults: FAULTS.map((f) => ({ ...f })) });
      const sleeps: number[] = [];
      try {
        const s = await executeRun(
          { suiteId: 'faults', targetId: `${flavor}/m`, runId: 'f', concurrency: 1, timeoutMs: 1500, maxRetries: 3 },
          {
            store,
            dataDir: dir,
            suites: { load: async () => suite(10) },
            targets: { resolve: async (id) => ({ target: { id, route: id, provider: flavor, model: 'm', tier: 1, region: 'eu' }, adapter, synthetic: false }) },
            engineOverrides: { random: () => 0, sleep: async (ms) => void sleeps.push(ms) }
          }
        );
        const rows = await store.query<Row>(`SELECT item_id, status, attempts, output, error, error_kind, output_tokens FROM results WHERE run_id = 'f' ORDER BY item_id`);
        // exactly once per item
        expect(rows.map((r) => r.item_id)).toEqual(Object.keys(EXPECTED));
        for (const r of rows) {
          const e = EXPECTED[r.item_id];
          expect({ id: r.item_id, status: r.status, attempts: r.attempts }).toEqual({ id: r.item_id, status: e.status, attempts: e.attempts });
          expect(r.attempts).toBeLessThanOrEqual(4);
          if (e.status === 'error') {
            expect(r.error_kind).toBe(e.kind);
            expect(r.error).toBeTruthy();
            expect(r.output).toBeNull();
          } else {
            expect(r.error).toBeNull();
          }
        }
        const by = Object.fromEntries(rows.map((r) => [r.item_id, r]));
        expect(by.q01.output).toBe('Die Antwort lautet 42.');
        expect(by.q05.error).toMatch(/4 Versuchen/);
        expect(by.q09.error).toMatch(/Retry-After/);
        expect(by.q08).toMatchObject({ status: 'ok', output: '', output_tokens: 0 });
        // Retry-After: the wait before q01's retry is at least the 2 s the server asked for
        expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
        expect(sleeps.every((ms) => ms <= 120_000)).toBe(true);
        // summary counts equal the stored rows and the requests the server saw
        const attempts = rows.reduce((a, r) => a + r.attempts, 0);
        expect(server.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(attempts);
        expect(s.items).toEqual({ total: 10, ok: 6, error: 4, pending: 0 });
        expect(s.attempts).toBe(attempts);
        expect(s.retries).toBe(1 + 3 + 2 + 1 + 3);
        expect(sleeps).toHaveLength(s.retries);
        expect(s.status).toBe('completed');
        expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
        const audit = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_log WHERE run_id = 'f' AND event = 'request'`);
        expect(audit[0].n).toBe(attempts);
      } finally {
        server.configure({ faults: [] });
        await adapter.close?.();
        await store.close();
      }
    });
  });
}

describe('werkbank run (CLI) against the Ollama protocol server under faults', () => {
  let server: ProtocolServer;
  beforeAll(async () => {
    server = await startOllamaServer({ script: { text: 'Die Antwort lautet 18.' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  function cli(args: string[], dataDir: string): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((res) => {
      const child = spawn(process.execPath, [join(root, 'bin/werkbank.js'), ...args], { cwd: root, env: { ...process.env, OLLAMA_HOST: server.url, WERKBANK_DATA_DIR: dataDir, WERKBANK_DB: join(dataDir, 'w.duckdb') }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.once('exit', (code) => res({ code, out, err }));
    });
  }

  it('429 with Retry-After, 503 and resets before/during the NDJSON stream: every item once, summary counts retries', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'werkbank-rel-cli-'));
    server.reset();
    server.configure({
      faults: [
        { status: 429, retryAfter: 1 }, // item 1: retry after ≥ 1 s,
        { kind: 'reset-before' }, // then a reset before any byte,
        {}, // then served → ok on attempt 3
        { kind: 'reset-during', afterChunks: 2 }, // item 2: cut mid-stream,
        {}, // then served → ok on attempt 2
        { kind: 'truncated', afterChunks: 1 }, // item 3: NDJSON stream without the final done object → error
        { kind: 'malformed' } // item 4: not NDJSON → error; items 5 and 6 normal
      ]
    });
    const t0 = Date.now();
    const r = await cli(['run', '--suite', 'mgsm-de', '--target', 'ollama/test', '--limit', '6', '--concurrency', '1', '--run-id', 'cli-faults', '--json'], dataDir);
    server.configure({ faults: [] });
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.items).toMatchObject({ total: 6, ok: 4, error: 2, pending: 0 });
    expect(s.retries).toBe(3);
    expect(s.attempts).toBe(9);
    // the summary says why items failed (most frequent messages first), also in the human output
    expect(s.topErrors).toEqual([{ message: expect.stringMatching(/malformed/), count: 2 }]);
    const { formatSummary } = await import('../../src/cli/run');
    expect(formatSummary(s)).toMatch(/\nHäufigste Fehler: 2× .*malformed/);
    // a run without one ok item shows no scores (they would all be the 0 of failed items)
    expect(formatSummary({ ...s, items: { ...s.items, ok: 0, error: 6 } })).toContain('Scores: – (kein Item erfolgreich)');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(server.requests.filter((x) => x.path === '/api/chat')).toHaveLength(9);
    const store = await Store.open(join(dataDir, 'w.duckdb'));
    try {
      const rows = await store.query<{ item_id: string; n: number; status: string; error: string | null; error_kind: string | null }>(`SELECT item_id, count(*)::INTEGER AS n, any_value(status) AS status, any_value(error) AS error, any_value(error_kind) AS error_kind FROM results WHERE run_id = 'cli-faults' GROUP BY item_id ORDER BY item_id`);
      expect(rows).toHaveLength(6);
      expect(rows.every((x) => x.n === 1)).toBe(true);
      const errors = rows.filter((x) => x.status === 'error');
      expect(errors).toHaveLength(2);
      for (const e of errors) expect(e).toMatchObject({ error: expect.stringMatching(/malformed/), error_kind: 'malformed_response' });
    } finally {
      await store.close();
    }
    // retries are bounded: the CLI refuses more than 3
    const bad = await cli(['run', '--suite', 'mgsm-de', '--target', 'ollama/test', '--max-retries', '10'], dataDir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--max-retries/);
  }, 45_000);
});
