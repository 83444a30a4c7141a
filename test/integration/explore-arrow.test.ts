// Explorer export: the Arrow IPC stream the explorer page loads into duckdb-wasm must carry every stored
// value of the selected runs unchanged (types, NULLs, non-ASCII text, row order by run and item), although
// the columns are built from typed arrays rather than apache-arrow's builders; and the run list must count
// each run's items (0 for a run without results). Items of a run without a `runs` row are left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, Type } from 'apache-arrow';
import { Store } from '../../src/lib/server/store/db';
import { exploreColumns, ExploreTooLargeError, ExploreUnknownRunsError, listExploreRuns, resultsToArrowIpc } from '../../src/lib/server/explore/arrow-export';

let store: Store;

const texts = ['Grüße aus Köln', '😀 Emoji', '', 'Zeile 1\nZeile 2', '東京', 'plain ascii', null, 'ß'];

beforeAll(async () => {
  store = await Store.open(':memory:');
  await store.exec(`INSERT INTO runs (id, suite_id, target_id, route, tier, status, started_at, synthetic) VALUES
    ('r-a', 'suite-1', 'target-ü', NULL, 2, 'completed', TIMESTAMP '2026-11-01 10:00:00', true),
    ('r-b', 'suite-1', 'target-2', 'route-2', NULL, 'failed', TIMESTAMP '2026-11-02 10:00:00', false),
    ('r-empty', 'suite-2', 'target-3', 'route-3', 1, 'running', TIMESTAMP '2026-11-03 10:00:00', false)`);
  // 37 items per run (bitmaps span several bytes), NULLs at varying positions, non-ASCII text.
  const rows: Record<string, unknown>[] = [];
  for (const run of ['r-a', 'r-b']) {
    for (let i = 36; i >= 0; i--) {
      const k = i + (run === 'r-b' ? 100 : 0);
      rows.push({
        run_id: run,
        item_id: `item-${String(i).padStart(3, '0')}`,
        status: k % 9 === 4 ? 'error' : 'ok',
        attempts: 1 + (k % 3),
        output: texts[k % texts.length],
        error: k % 9 === 4 ? `Zeitüberschreitung nach ${k} s` : null,
        error_kind: k % 9 === 4 ? 'timeout' : null,
        started_at: k % 11 === 5 ? null : new Date(Date.UTC(2026, 10, 1, 10, 0, k, k * 7)).toISOString(),
        ttft_ms: k % 5 === 0 ? null : 100 + k / 8,
        tpot_ms: k % 6 === 0 ? null : -k / 3,
        e2e_ms: 1000 + k,
        input_tokens: k % 7 === 0 ? null : 2_000_000_000 + k,
        output_tokens: k % 4 === 0 ? null : k,
        cost_eur: k % 10 === 3 ? null : k / 1e7,
        score: k % 9 === 4 ? null : (k % 2) / 1
      });
    }
  }
  await store.insertRows('results', rows);
  // results of a run whose `runs` row is missing are not exported (they have no suite, target or tier)
  await store.insertRows('results', [0, 1].map((i) => ({ run_id: 'r-ghost', item_id: `item-${i}`, status: 'ok', attempts: 1, output: 'x' })));
});

afterAll(async () => {
  await store.close();
});

/** The expected values, read back row by row through Store.query (timestamps as epoch milliseconds). */
async function expected(runIds: string[]) {
  const where = runIds.length ? `WHERE x.run_id IN (${runIds.map((id) => `'${id}'`).join(', ')})` : '';
  return store.query(
    `SELECT x.run_id, r.suite_id, r.target_id, r.route, r.tier, r.synthetic, r.status AS run_status, x.item_id, x.status,
            x.attempts, x.error_kind, x.error, x.output, epoch_ms(coalesce(x.started_at, x.created_at))::DOUBLE AS started_at,
            x.ttft_ms, x.tpot_ms, x.e2e_ms, x.input_tokens, x.output_tokens, x.cost_eur, x.score
       FROM results x JOIN runs r ON r.id = x.run_id ${where} ORDER BY x.run_id, x.item_id`
  );
}

describe('explorer Arrow export', () => {
  it('carries every column with its Arrow type and every value, NULL and non-ASCII text unchanged', async () => {
    const { bytes, rows } = await resultsToArrowIpc(store, ['r-b', 'r-a']);
    expect(rows).toBe(74);
    const table = tableFromIPC(bytes);
    expect(table.numRows).toBe(74);
    expect(table.schema.fields.map((f) => f.name)).toEqual(Object.keys(exploreColumns));
    for (const f of table.schema.fields) {
      const want = exploreColumns[f.name as keyof typeof exploreColumns];
      expect(f.type.typeId, f.name).toBe(want.typeId);
      expect(String(f.type), f.name).toBe(String(want));
    }
    expect(table.schema.fields.find((f) => f.name === 'started_at')!.type.typeId).toBe(Type.Timestamp);
    const want = await expected(['r-a', 'r-b']);
    expect(want).toHaveLength(74);
    for (const name of Object.keys(exploreColumns)) {
      const col = table.getChild(name)!;
      const got = Array.from({ length: table.numRows }, (_, i) => col.get(i));
      const exp = want.map((r) => r[name] ?? null);
      expect(got, name).toEqual(exp);
    }
    // spot checks of what the page shows
    const first = table.get(0)!.toJSON();
    expect(first).toMatchObject({ run_id: 'r-a', item_id: 'item-000', route: null, tier: 2, synthetic: true, target_id: 'target-ü', output: texts[0] });
    const outputs = table.getChild('output')!.toArray() as unknown[];
    expect(outputs).toContain('😀 Emoji');
    expect(outputs).toContain('東京');
    expect(outputs).toContain('');
    expect(outputs).toContain(null);
    expect(table.getChild('input_tokens')!.get(1)).toBe(2_000_000_001);
    expect(table.getChild('started_at')!.get(1)).toBe(Date.UTC(2026, 10, 1, 10, 0, 1, 7));
  });

  it('exports all runs for an empty selection and a valid empty table for a run without results', async () => {
    const all = await resultsToArrowIpc(store, []);
    expect(all.rows).toBe(74);
    expect(tableFromIPC(all.bytes).getChild('run_id')!.toArray()).toEqual((await expected([])).map((r) => r.run_id));
    // a run id without a `runs` row is unknown, whether or not results carry it
    await expect(resultsToArrowIpc(store, ['r-ghost', 'r-a', 'nope'])).rejects.toThrow(new ExploreUnknownRunsError(['r-ghost', 'nope']));
    const none = await resultsToArrowIpc(store, ['r-empty']);
    expect(none.rows).toBe(0);
    const t = tableFromIPC(none.bytes);
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual(Object.keys(exploreColumns));
  });
});

describe('explorer limits', () => {
  it('refuses a selection with too many rows or too much text, saying what to do', async () => {
    const tooMany = resultsToArrowIpc(store, [], { maxRows: 50, maxTextChars: 1e9 });
    await expect(tooMany).rejects.toBeInstanceOf(ExploreTooLargeError);
    await expect(tooMany).rejects.toThrow(/Auswahl zu groß für den Explorer: 74 Ergebnisse .*höchstens 50 Ergebnisse.*weniger Läufe/);
    const text = await store.query<{ c: number }>(`SELECT sum(coalesce(length(output), 0) + coalesce(length(error), 0))::INTEGER AS c FROM results WHERE run_id = 'r-a'`);
    await expect(resultsToArrowIpc(store, ['r-a'], { maxRows: 1000, maxTextChars: text[0].c - 1 })).rejects.toBeInstanceOf(ExploreTooLargeError);
    expect((await resultsToArrowIpc(store, ['r-a'], { maxRows: 37, maxTextChars: text[0].c })).rows).toBe(37);
  });
});

describe('explorer run list', () => {
  it('lists runs latest first with their item counts, 0 for a run without results', async () => {
    const runs = await listExploreRuns(store);
    expect(runs.map((r) => [r.id, r.items])).toEqual([
      ['r-empty', 0],
      ['r-b', 37],
      ['r-a', 37]
    ]);
    expect(runs[2]).toMatchObject({ suite_id: 'suite-1', target_id: 'target-ü', status: 'completed', synthetic: true, started_at: '2026-11-01T10:00:00.000Z' });
    expect((await listExploreRuns(store, 1)).map((r) => r.id)).toEqual(['r-empty']);
  });
});
