// Store write paths: appendRows (Appender straight into the table) keeps values and defaults exactly as
// the SQL paths do, draws audit ids from the sequence, and on a key conflict writes nothing; the result
// writer then falls back to INSERT OR REPLACE so a re-sent item replaces its row instead of failing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/lib/server/store/db';
import { ResultWriter, resultRow } from '../../src/lib/server/runner/result-writer';
import type { ItemResult } from '../../src/lib/server/runner/types';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wb-store-write-'));
  store = await Store.open(join(dir, 'w.duckdb'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const item = (id: string, over: Partial<ItemResult> = {}): ItemResult => ({
  itemId: id,
  startedAt: '2026-11-27T10:00:00.123Z',
  status: 'ok',
  attempts: 2,
  output: 'Antwort „ß“ \u2028 <b>',
  finishReason: 'stop',
  ttftMs: 12.5,
  tpotMs: 0.25,
  e2eMs: 40.75,
  itlMs: [1.5, 2],
  usage: { inputTokens: 80, outputTokens: 3 },
  costEur: 0.000123,
  score: 1,
  scores: { correct: 1, parsed: 'OTHER' },
  serverTiming: { evalCount: 3, outputTokensPerSec: null },
  expected: 'OTHER',
  prompt: [{ role: 'user', content: 'Hallo' }],
  ...over
});

const SELECT = `SELECT item_id, status, attempts, output, error, started_at, ttft_ms, tpot_ms, e2e_ms, itl_ms::VARCHAR AS itl_ms, input_tokens, output_tokens,
  cache_read_tokens, cost_eur, score, scores::VARCHAR AS scores, server_timing::VARCHAR AS server_timing, expected::VARCHAR AS expected, prompt::VARCHAR AS prompt, created_at IS NOT NULL AS has_created
  FROM results ORDER BY item_id`;

describe('Store.appendRows', () => {
  it('stores the same values as the INSERT path, with column defaults', async () => {
    await store.appendRows('results', [resultRow('run-a', item('i1'))]);
    await store.bulkInsert('results', [resultRow('run-b', item('i1'))]);
    const rows = await store.query(SELECT);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(rows[1]);
    expect(rows[0]).toMatchObject({
      status: 'ok',
      attempts: 2,
      output: 'Antwort „ß“ \u2028 <b>',
      error: null,
      started_at: new Date('2026-11-27T10:00:00.123Z'),
      ttft_ms: 12.5,
      input_tokens: 80,
      cache_read_tokens: null,
      cost_eur: 0.000123,
      score: 1,
      has_created: true
    });
    expect(JSON.parse(rows[0].scores as string)).toEqual({ correct: 1, parsed: 'OTHER' });
    expect(JSON.parse(rows[0].itl_ms as string)).toEqual([1.5, 2]);
  });

  it('draws ids from the sequence for audit rows', async () => {
    const audit = (n: number) => ({ occurred_at: '2026-11-27T10:00:00Z', event: 'request', run_id: 'r', status: 'ok', latency_ms: n, detail: JSON.stringify({ n }) });
    await store.appendRows('audit_log', [audit(1), audit(2)], { ids: { column: 'id', sequence: 'audit_seq' } });
    await store.bulkInsert('audit_log', [audit(3)]);
    await store.appendRows('audit_log', [audit(4)], { ids: { column: 'id', sequence: 'audit_seq' } });
    const rows = await store.query<{ id: number; latency_ms: number }>(`SELECT id, latency_ms FROM audit_log ORDER BY id`);
    expect(rows.map((r) => r.latency_ms)).toEqual([1, 2, 3, 4]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(4);
  });

  it('writes nothing of a call whose rows conflict with a stored key', async () => {
    await store.appendRows('results', [resultRow('run-a', item('i1'))]);
    await expect(store.appendRows('results', [resultRow('run-a', item('i2')), resultRow('run-a', item('i1', { output: 'neu' }))])).rejects.toThrow();
    const rows = await store.query<{ item_id: string; output: string }>(`SELECT item_id, output FROM results ORDER BY item_id`);
    expect(rows).toEqual([{ item_id: 'i1', output: 'Antwort „ß“ \u2028 <b>' }]);
    // the store stays usable after the rollback
    await store.appendRows('results', [resultRow('run-a', item('i3'))]);
    expect((await store.query(`SELECT item_id FROM results`)).length).toBe(2);
  });
});

describe('Store.appendMany', () => {
  it('writes several tables in one transaction: a conflict in one leaves the others unwritten too', async () => {
    await store.appendRows('results', [resultRow('run-a', item('i1'))]);
    const audit = { occurred_at: '2026-11-27T10:00:00Z', event: 'request', run_id: 'run-a', status: 'ok' };
    await expect(
      store.appendMany([
        { table: 'audit_log', rows: [audit], ids: { column: 'id', sequence: 'audit_seq' } },
        { table: 'results', rows: [resultRow('run-a', item('i1'))] }
      ])
    ).rejects.toThrow();
    expect(await store.query(`SELECT * FROM audit_log`)).toHaveLength(0);
    await store.appendMany([
      { table: 'audit_log', rows: [audit], ids: { column: 'id', sequence: 'audit_seq' } },
      { table: 'results', rows: [resultRow('run-a', item('i2'))] }
    ]);
    expect(await store.query(`SELECT * FROM audit_log`)).toHaveLength(1);
    expect(await store.query(`SELECT * FROM results`)).toHaveLength(2);
  });
});

describe('ResultWriter on the append path', () => {
  it('replaces a row when an item is written again in a later batch', async () => {
    const w = new ResultWriter(store, { runId: 'run-w', batchSize: 2 });
    w.add(item('a', { status: 'error', output: undefined, error: 'Zeitüberschreitung' }));
    w.add(item('b'));
    await w.flush();
    w.add(item('a', { output: 'zweiter Versuch' }));
    w.audit({ occurredAt: '2026-11-27T10:00:01Z', event: 'request', runId: 'run-w', status: 'ok' });
    await w.flush();
    expect(w.lastError).toBeUndefined();
    const rows = await store.query<{ item_id: string; status: string; output: string }>(`SELECT item_id, status, output FROM results ORDER BY item_id`);
    expect(rows).toEqual([
      { item_id: 'a', status: 'ok', output: 'zweiter Versuch' },
      { item_id: 'b', status: 'ok', output: 'Antwort „ß“ \u2028 <b>' }
    ]);
    expect((await store.query(`SELECT * FROM audit_log`)).length).toBe(1);
  });
});
