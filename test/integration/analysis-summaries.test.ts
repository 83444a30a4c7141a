// Compare page summaries (summariseRuns): the figures aggregated in DuckDB must equal the same figures
// computed in JS from the stored rows, and the score interval must be exactly bootstrapMeanCi over the run's
// scored ok items — whether it comes from SQL aggregates (0/1 scores, ≥ NORMAL_APPROX_MIN_N items) or from
// the item scores (Monte Carlo bootstrap for other scores on small runs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/lib/server/store/db';
import { itemScoresByRun, summariseRuns } from '../../src/lib/server/analysis/compare-service';
import { NORMAL_APPROX_MIN_N, bootstrapMeanCi, percentile } from '../../src/lib/core/stats';

let store: Store;

/** Runs: id → (items, score expression over i). Errors every 13th item, unscored every 17th ok item. */
const RUNS: Record<string, { items: number; score: string; minute: number }> = {
  'bin-small': { items: 60, score: '(hash(i) % 3 > 0)::INTEGER::DOUBLE', minute: 1 },
  'bin-big': { items: NORMAL_APPROX_MIN_N + 700, score: '(hash(i) % 5 > 1)::INTEGER::DOUBLE', minute: 2 },
  'cont-big': { items: NORMAL_APPROX_MIN_N + 200, score: '(hash(i) % 1000) / 999.0', minute: 3 },
  'cont-small': { items: 80, score: '(hash(i) % 4) / 3.0', minute: 4 },
  'all-error': { items: 5, score: 'NULL', minute: 5 },
  empty: { items: 0, score: 'NULL', minute: 6 }
};

beforeAll(async () => {
  store = await Store.open(':memory:');
  for (const [id, r] of Object.entries(RUNS)) {
    await store.exec(`INSERT INTO runs (id, suite_id, target_id, route, tier, status, started_at, synthetic)
      VALUES ('${id}', 'suite', 'target-${id}', 'route', 1, 'completed', TIMESTAMP '2026-11-01 00:00:00' + to_minutes(${r.minute}), false)`);
    if (!r.items) continue;
    const err = id === 'all-error' ? 'true' : 'i % 13 = 5';
    await store.exec(`INSERT INTO results (run_id, item_id, status, attempts, ttft_ms, e2e_ms, cost_eur, score)
      SELECT '${id}', 'item-' || lpad(i::VARCHAR, 5, '0'), CASE WHEN ${err} THEN 'error' ELSE 'ok' END, 1,
             CASE WHEN i % 7 = 0 THEN NULL ELSE 50 + hash(i * 3) % 400 END, 400 + hash(i * 5) % 900,
             CASE WHEN i % 11 = 0 THEN NULL ELSE (hash(i) % 100) / 1e6 END,
             CASE WHEN ${err} OR i % 17 = 2 THEN NULL ELSE ${r.score} END
        FROM range(${r.items}) t(i)`);
  }
});

afterAll(async () => {
  await store.close();
});

describe('summariseRuns', () => {
  it('equals the figures computed from the stored rows, with exactly bootstrapMeanCi as interval', async () => {
    const ids = Object.keys(RUNS);
    const summaries = await summariseRuns(store, ids);
    // latest first
    expect(summaries.map((s) => s.runId)).toEqual([...ids].reverse());
    for (const s of summaries) {
      const rows = await store.query<{ status: string; score: number | null; ttft_ms: number | null; e2e_ms: number | null; cost_eur: number | null }>(
        `SELECT status, score, ttft_ms, e2e_ms, cost_eur FROM results WHERE run_id = $id ORDER BY item_id`,
        { id: s.runId }
      );
      const ok = rows.filter((r) => r.status === 'ok');
      const scored = ok.filter((r) => r.score !== null).map((r) => r.score as number);
      const costs = rows.map((r) => r.cost_eur).filter((v): v is number => v !== null);
      expect(s.items, s.runId).toBe(RUNS[s.runId].items);
      expect(s.ok, s.runId).toBe(ok.length);
      expect(s.errors, s.runId).toBe(rows.length - ok.length);
      expect(s.solved, s.runId).toBe(scored.filter((v) => v >= 0.5).length);
      if (costs.length) expect(s.costEur!, s.runId).toBeCloseTo(costs.reduce((a, b) => a + b, 0), 12);
      else expect(s.costEur).toBeNull();
      const ttft = rows.map((r) => r.ttft_ms).filter((v): v is number => v !== null);
      expect(s.ttftMsP50, s.runId).toBe(percentile(ttft, 0.5) ?? null);
      expect(s.ttftMsP95, s.runId).toBe(percentile(ttft, 0.95) ?? null);
      const ci = bootstrapMeanCi(scored);
      if (ci.lower === null) {
        expect([s.scoreCiLow, s.scoreCiHigh], s.runId).toEqual([null, null]);
        continue;
      }
      expect(s.scoreCiLow!, s.runId).toBeCloseTo(ci.lower, 12);
      expect(s.scoreCiHigh!, s.runId).toBeCloseTo(ci.upper!, 12);
      expect(s.scoreCiLow!).toBeLessThan(s.scoreCiHigh!);
    }
    // the paths: the Monte Carlo bootstrap only where it is needed
    expect(bootstrapMeanCi((await itemScoresByRun(store, ['cont-small'])).get('cont-small')!).resamples).toBe(2000);
    expect(bootstrapMeanCi((await itemScoresByRun(store, ['bin-small'])).get('bin-small')!).resamples).toBe(0);
  });

  it('without intervals gives the same figures and null bounds; no runs give no rows', async () => {
    const ids = ['bin-small', 'cont-small', 'empty'];
    const withCi = await summariseRuns(store, ids);
    const without = await summariseRuns(store, ids, { bootstrap: false });
    expect(without.map((s) => [s.scoreCiLow, s.scoreCiHigh])).toEqual([[null, null], [null, null], [null, null]]);
    expect(without.map(({ scoreCiLow, scoreCiHigh, ...rest }) => rest)).toEqual(withCi.map(({ scoreCiLow, scoreCiHigh, ...rest }) => rest));
    expect(withCi.find((s) => s.runId === 'empty')).toMatchObject({ items: 0, ok: 0, errors: 0, meanScore: null, costEur: null, scoreCiLow: null });
    expect(await summariseRuns(store, [])).toEqual([]);
  });

  it('itemScoresByRun returns each run\'s scored ok items in item order', async () => {
    const m = await itemScoresByRun(store, ['cont-small', 'bin-small', 'all-error']);
    const expectOf = async (id: string) =>
      (await store.query<{ score: number }>(`SELECT score FROM results WHERE run_id = $id AND status = 'ok' AND score IS NOT NULL ORDER BY item_id`, { id })).map((r) => r.score);
    expect(m.get('cont-small')).toEqual(await expectOf('cont-small'));
    expect(m.get('bin-small')).toEqual(await expectOf('bin-small'));
    expect(m.has('all-error')).toBe(false);
  });
});
