// Run service against the Ollama protocol server and a real DuckDB file: every item stored exactly
// once under faults, bounded retries, resume without redoing ok items, cost snapshot, guard, audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { createOllamaAdapter } from '../../src/lib/server/providers/ollama';
import { executeRun, RunUsageError } from '../../src/lib/server/runner/run-service';
import { ComplianceGuardError } from '../../src/lib/server/runner/guard';
import { ResultWriter } from '../../src/lib/server/runner/result-writer';
import type { PreparedSuite, SuiteSource, TargetSource } from '../../src/lib/server/runner/sources';
import type { ProgressEvent, RunItem } from '../../src/lib/server/runner/types';
import { startOllamaServer } from '../servers/ollama';
import type { ProtocolServer } from '../servers/common';

function fakeSuite(n: number, personalData = false): PreparedSuite {
  const items: RunItem[] = Array.from({ length: n }, (_, i) => ({ id: `q${String(i + 1).padStart(2, '0')}`, messages: [{ role: 'user', content: `Was ist ${i + 1} + 1?` }], expected: String(i + 2) }));
  return {
    id: personalData ? 'pd-suite' : 'mini',
    name: 'Mini',
    personalData,
    scorerType: 'numeric',
    primaryMetric: 'accuracy',
    generation: { maxTokens: 32, temperature: 0 },
    items,
    score: (item, output) => {
      const s = output.includes(String(item.expected)) ? 1 : 0;
      return { score: s, scores: { accuracy: s } };
    },
    aggregate: (rows) => ({ accuracy: rows.length ? rows.reduce((a, r) => a + (r.output !== null && r.output.includes(String(r.item.expected)) ? 1 : 0), 0) / rows.length : 0 })
  };
}

let server: ProtocolServer;
beforeAll(async () => {
  server = await startOllamaServer({ script: (req) => ({ text: `Die Antwort lautet ${((req.body as { messages: { content: string }[] }).messages.at(-1)!.content.match(/\d+/)![0] as unknown as number) * 1 + 1}.`, ttftMs: 2, interChunkMs: 1 }) });
});
afterAll(async () => {
  await server?.close();
});

function sources(suite: PreparedSuite, tier = 1): { suites: SuiteSource; targets: TargetSource } {
  return {
    suites: { load: async () => suite },
    targets: {
      resolve: async (id) => ({
        target: { id, route: 'ollama/llama3', provider: 'ollama', model: 'llama3', tier, region: 'local' },
        adapter: await createOllamaAdapter({ id: 'ollama', baseUrl: server.url }),
        synthetic: false,
        price: { route: 'ollama/llama3', figures: { currency: 'EUR', inputPerMTok: 1000, outputPerMTok: 2000 }, usdPerEur: 1.1, source: 'test', asOf: '2026-11-01' }
      })
    }
  };
}

const fastRetry = { random: () => 0, sleep: async () => undefined };

async function openStore() {
  const dir = mkdtempSync(join(tmpdir(), 'werkbank-runner-'));
  return { dir, store: await Store.open(join(dir, 'w.duckdb')) };
}

describe('ResultWriter', () => {
  it('writes in batches (never one statement per item) and the last result per item wins', async () => {
    const { store } = await openStore();
    try {
      const w = new ResultWriter(store, { runId: 'b', batchSize: 25, flushIntervalMs: 60_000 });
      for (let i = 0; i < 60; i++) w.add({ itemId: `i${i}`, status: 'error', attempts: 1, startedAt: new Date().toISOString(), error: 'x' });
      w.add({ itemId: 'i3', status: 'ok', attempts: 2, startedAt: new Date().toISOString(), output: 'Antwort', itlMs: [1, 2], expected: 'Berlin' });
      await w.flush();
      expect(w.flushes).toBe(3);
      const rows = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM results WHERE run_id = 'b'`);
      expect(rows[0].n).toBe(60);
      const i3 = await store.query<{ status: string; expected: string; itl: string }>(`SELECT status, expected::VARCHAR AS expected, itl_ms::VARCHAR AS itl FROM results WHERE run_id = 'b' AND item_id = 'i3'`);
      expect(i3[0]).toEqual({ status: 'ok', expected: '"Berlin"', itl: '[1,2]' });
    } finally {
      await store.close();
    }
  });
});

describe('executeRun against the Ollama protocol server', () => {
  it('stores every item exactly once under faults, with bounded retries and reasons', async () => {
    const { dir, store } = await openStore();
    server.reset();
    // faults are consumed one per request in order (concurrency 1 makes the order deterministic)
    server.configure({
      faults: [
        { status: 429, retryAfter: 0 },
        { status: 500 },
        { kind: 'reset-before' },
        { kind: 'reset-during' },
        { kind: 'malformed' },
        { kind: 'truncated' },
        { status: 400, message: 'invalid model options' },
        { status: 503 },
        { status: 503 },
        { status: 503 },
        { status: 503 },
        { kind: 'hang' }
      ]
    });
    const events: ProgressEvent[] = [];
    try {
      const s = await executeRun(
        { suiteId: 'mini', targetId: 'ollama/llama3', concurrency: 1, runId: 'faults', timeoutMs: 300, maxRetries: 3 },
        { store, dataDir: dir, ...sources(fakeSuite(6)), engineOverrides: fastRetry, batchSize: 4, onProgress: (e) => events.push(e) }
      );
      server.configure({ faults: [] });
      const rows = await store.query<{ item_id: string; status: string; attempts: number; error: string | null; error_kind: string | null }>(`SELECT item_id, status, attempts, error, error_kind FROM results WHERE run_id = 'faults' ORDER BY item_id`);
      expect(rows.map((r) => r.item_id)).toEqual(['q01', 'q02', 'q03', 'q04', 'q05', 'q06']);
      for (const r of rows) expect(r.attempts).toBeLessThanOrEqual(4);
      const byId = Object.fromEntries(rows.map((r) => [r.item_id, r]));
      // q01: 429, 500, reset-before, reset-during → 4 attempts, all retryable → error after 4
      expect(byId.q01).toMatchObject({ status: 'error', attempts: 4 });
      // malformed and truncated bodies are not retried (the adapter marks them non-retryable)
      expect(byId.q02).toMatchObject({ status: 'error', attempts: 1, error_kind: 'malformed_response' });
      expect(byId.q03).toMatchObject({ status: 'error', attempts: 1, error_kind: 'malformed_response' });
      expect(byId.q04).toMatchObject({ status: 'error', attempts: 1, error_kind: 'bad_request' });
      expect(byId.q04.error).toContain('invalid model options');
      // four 503s: retries exhausted
      expect(byId.q05).toMatchObject({ status: 'error', attempts: 4, error_kind: 'server' });
      // a hanging request times out (300 ms) and succeeds on the retry
      expect(byId.q06).toMatchObject({ status: 'ok', attempts: 2 });
      const errors = rows.filter((r) => r.status === 'error');
      for (const e of errors) {
        expect(e.error).toBeTruthy();
        expect(e.error_kind).toBeTruthy();
      }
      expect(s.items.total).toBe(6);
      expect(s.items.ok + s.items.error).toBe(6);
      expect(s.status).toBe('completed');
      expect(s.retries).toBeGreaterThan(0);
      const attempts = rows.reduce((a, r) => a + r.attempts, 0);
      expect(s.attempts).toBe(attempts);
      // one audit row per request, never content
      const audit = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM audit_log WHERE run_id = 'faults' AND event = 'request'`);
      expect(audit[0].n).toBe(attempts);
      expect(server.requests.filter((r) => r.path === '/api/chat').length).toBe(attempts);
      const auditText = JSON.stringify(await store.query(`SELECT * FROM audit_log`));
      expect(auditText).not.toContain('Was ist');
      expect(auditText).not.toContain('Die Antwort lautet');
      expect(events.at(-1)).toMatchObject({ type: 'end', total: 6, done: 6 });
    } finally {
      server.configure({ faults: [] });
      await store.close();
    }
  });

  it('a summary that cannot be computed marks the run failed with the reason; the results stay stored', async () => {
    const { dir, store } = await openStore();
    try {
      const suite = fakeSuite(3);
      const original = store.queryColumns.bind(store);
      // the summary's column read fails (as a run with more values than an array can hold would)
      store.queryColumns = async (sql, params) => {
        if (sql.includes('itl_ms')) throw new RangeError('Invalid array length');
        return original(sql, params);
      };
      await expect(executeRun({ suiteId: 'mini', targetId: 'ollama/llama3', runId: 'sum-fail', concurrency: 2 }, { store, dataDir: dir, ...sources(suite) })).rejects.toThrow(/Zusammenfassung fehlgeschlagen: Invalid array length/);
      const run = await store.query<{ status: string; status_reason: string; finished_at: unknown }>(`SELECT status, status_reason, finished_at FROM runs WHERE id = 'sum-fail'`);
      expect(run[0]).toMatchObject({ status: 'failed', status_reason: 'Zusammenfassung fehlgeschlagen: Invalid array length' });
      expect(run[0].finished_at).not.toBeNull();
      const n = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM results WHERE run_id = 'sum-fail' AND status = 'ok'`);
      expect(n[0].n).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('computes cost from usage × the price snapshot, stored once per run', async () => {
    const { dir, store } = await openStore();
    server.reset();
    try {
      const s = await executeRun({ suiteId: 'mini', targetId: 'ollama/llama3', runId: 'cost', concurrency: 3 }, { store, dataDir: dir, ...sources(fakeSuite(5)) });
      expect(s.items).toEqual({ total: 5, ok: 5, error: 0, pending: 0 });
      expect(s.scores.accuracy).toBe(1);
      const rows = await store.query<{ input_tokens: number; output_tokens: number; cost_eur: number; ttft_ms: number; tpot_ms: number | null; e2e_ms: number }>(`SELECT input_tokens, output_tokens, cost_eur, ttft_ms, tpot_ms, e2e_ms FROM results WHERE run_id = 'cost'`);
      for (const r of rows) {
        // 1000 EUR / MTok in, 2000 EUR / MTok out
        expect(r.cost_eur).toBeCloseTo((r.input_tokens * 1000 + r.output_tokens * 2000) / 1e6, 12);
        expect(r.ttft_ms).toBeGreaterThan(0);
        expect(r.e2e_ms).toBeGreaterThanOrEqual(r.ttft_ms);
      }
      expect(s.costEur).toBeCloseTo(rows.reduce((a, r) => a + r.cost_eur, 0), 12);
      expect(s.usage.outputTokens).toBe(rows.reduce((a, r) => a + r.output_tokens, 0));
      expect(s.metrics.ttftMs.p50).toBeGreaterThan(0);
      const snaps = await store.query(`SELECT * FROM price_snapshots`);
      expect(snaps).toHaveLength(1);
      expect(s.price).toMatchObject({ inputPerMTok: 1000, outputPerMTok: 2000, currency: 'EUR' });
    } finally {
      await store.close();
    }
  });

  it('max-cost-eur refuses even the first request when its estimate crosses the cap', async () => {
    const { dir, store } = await openStore();
    try {
      // first-request estimate: ~4 input tokens + 32 max output tokens at 2000 EUR/MTok ≈ 0.068 EUR
      const s = await executeRun({ suiteId: 'mini', targetId: 'ollama/llama3', runId: 'cap0', maxCostEur: 0.05 }, { store, dataDir: dir, ...sources(fakeSuite(3)) });
      expect(s.status).toBe('aborted');
      expect(s.items).toMatchObject({ ok: 0, error: 0, pending: 3 });
      expect(s.costEur).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('max-cost-eur stops dispatching and marks the run aborted with the reason', async () => {
    const { dir, store } = await openStore();
    server.reset();
    try {
      const s = await executeRun({ suiteId: 'mini', targetId: 'ollama/llama3', runId: 'cap', concurrency: 1, maxCostEur: 0.15 }, { store, dataDir: dir, ...sources(fakeSuite(20)) });
      expect(s.status).toBe('aborted');
      expect(s.statusReason).toMatch(/Kostengrenze/);
      expect(s.costEur!).toBeLessThanOrEqual(0.15);
      expect(s.items.ok).toBeGreaterThan(3);
      expect(s.items.pending).toBeGreaterThan(0);
      // the next request at the average cost would have crossed the cap
      expect(s.costEur! + s.costEur! / s.items.ok).toBeGreaterThan(0.15);
      const run = await store.query<{ status: string; status_reason: string }>(`SELECT status, status_reason FROM runs WHERE id = 'cap'`);
      expect(run[0].status).toBe('aborted');
    } finally {
      await store.close();
    }
  });

  it('resume sends only items without an ok result and replaces error rows in place', async () => {
    const { dir, store } = await openStore();
    server.reset();
    // every request of the first session fails with 400 for items 3 and 5
    server.configure({ script: (req) => ({ text: 'Die Antwort lautet 0.' }), faults: [] });
    try {
      const suite = fakeSuite(6);
      let failing = true;
      const src = sources(suite);
      const flaky: TargetSource = {
        resolve: async (id) => {
          const t = await src.targets.resolve(id);
          const inner = t.adapter;
          return {
            ...t,
            adapter: {
              ...inner,
              id: inner.id,
              capabilities: inner.capabilities,
              generate: inner.generate.bind(inner),
              stream: (req) => {
                if (failing && /Was ist (3|5) /.test(req.messages.at(-1)!.content)) throw Object.assign(new Error('boom'), { code: 'ECONNREFUSED' });
                return inner.stream(req);
              }
            }
          };
        }
      };
      const first = await executeRun({ suiteId: 'mini', targetId: 'ollama/llama3', runId: 'res', concurrency: 2, maxRetries: 0 }, { store, dataDir: dir, suites: src.suites, targets: flaky, engineOverrides: fastRetry });
      expect(first.items).toMatchObject({ ok: 4, error: 2 });
      const before = server.requests.length;
      failing = false;
      const second = await executeRun({ resumeId: 'res' }, { store, dataDir: dir, suites: src.suites, targets: flaky, engineOverrides: fastRetry });
      expect(server.requests.length - before).toBe(2);
      expect(second.items).toMatchObject({ total: 6, ok: 6, error: 0 });
      const dup = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM results WHERE run_id = 'res'`);
      expect(dup[0].n).toBe(6);
      await expect(executeRun({ resumeId: 'nope' }, { store, dataDir: dir, ...src })).rejects.toBeInstanceOf(RunUsageError);
      await expect(executeRun({ suiteId: 'mini', targetId: 'x', runId: 'res' }, { store, dataDir: dir, ...src })).rejects.toThrow(/gibt es schon/);
    } finally {
      server.configure({ script: undefined });
      await store.close();
    }
  });

  it('guard refuses tier 3 for personal data (nothing stored) and audits an explicit override', async () => {
    const { dir, store } = await openStore();
    try {
      const src = sources(fakeSuite(2, true), 3);
      await expect(executeRun({ suiteId: 'pd-suite', targetId: 'us/model', runId: 'g1' }, { store, dataDir: dir, ...src })).rejects.toBeInstanceOf(ComplianceGuardError);
      expect(await store.query(`SELECT * FROM runs`)).toHaveLength(0);
      const s = await executeRun({ suiteId: 'pd-suite', targetId: 'us/model', runId: 'g2', allowThirdCountry: true }, { store, dataDir: dir, ...src });
      expect(s.status).toBe('completed');
      const audit = await store.query<{ event: string; tier: number; run_id: string }>(`SELECT event, tier, run_id FROM audit_log WHERE event = 'guard_override'`);
      expect(audit).toEqual([{ event: 'guard_override', tier: 3, run_id: 'g2' }]);
    } finally {
      await store.close();
    }
  });
});
