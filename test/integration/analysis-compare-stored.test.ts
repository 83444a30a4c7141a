// The paired comparison of two stored runs (compare page, `werkbank compare`, `werkbank gate`): pairing in
// DuckDB and latency/cost from SQL aggregates must give exactly what the definition gives on the stored
// rows — compareRuns over the per-item score maps (errors and unscored items count 0), bootstrapMeanCi per
// side, percentiles of the ok items' latencies, cost per item over the known costs — for 0/1 scores
// (McNemar, exact interval), graded scores (Monte Carlo bootstrap) and large runs (normal approximation),
// with items missing on either side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/lib/server/store/db';
import { compareStoredRuns, itemScoreMap } from '../../src/lib/server/runner/analysis';
import { bootstrapMeanCi, compareRuns, percentile } from '../../src/lib/core/stats';

let store: Store;

/** run id → items [from, to), score expression over i, TTFT offset. */
const RUNS: Record<string, { suite: string; from: number; to: number; score: string; ttft: number }> = {
  'bin-base': { suite: 's1', from: 0, to: 300, score: '(hash(i) % 10 < 7)::INTEGER::DOUBLE', ttft: 0 },
  'bin-cand': { suite: 's1', from: 4, to: 310, score: '(hash(i * 3) % 10 < 6)::INTEGER::DOUBLE', ttft: 25 },
  'grad-base': { suite: 's2', from: 0, to: 200, score: '(hash(i) % 5) / 4.0', ttft: 0 },
  'grad-cand': { suite: 's2', from: 0, to: 190, score: '(hash(i * 7) % 5) / 4.0', ttft: -10 },
  'big-base': { suite: 's3', from: 0, to: 5300, score: '(hash(i) % 100) / 99.0', ttft: 0 },
  'big-cand': { suite: 's3', from: 3, to: 5300, score: '(hash(i * 11) % 100) / 99.0', ttft: 5 },
  'other-suite': { suite: 's9', from: 0, to: 3, score: '1.0', ttft: 0 }
};

beforeAll(async () => {
  store = await Store.open(':memory:');
  let minute = 0;
  for (const [id, r] of Object.entries(RUNS)) {
    await store.exec(`INSERT INTO runs (id, suite_id, target_id, route, tier, status, started_at, synthetic)
      VALUES ('${id}', '${r.suite}', 'target-${id}', 'route', 1, 'completed', TIMESTAMP '2026-11-01 00:00:00' + to_minutes(${minute++}), false)`);
    // inserted in reverse item order: the stored order is not the item order
    await store.exec(`INSERT INTO results (run_id, item_id, status, attempts, ttft_ms, e2e_ms, cost_eur, score)
      SELECT '${id}', 'item-' || lpad(i::VARCHAR, 5, '0'), CASE WHEN hash(i + ${minute}) % 23 = 0 THEN 'error' ELSE 'ok' END, 1,
             CASE WHEN i % 9 = 0 THEN NULL ELSE 100 + ${r.ttft} + hash(i + ${minute}) % 300 END, 500 + hash(i * 5 + ${minute}) % 700,
             CASE WHEN i % 31 = 0 THEN NULL ELSE (hash(i + ${minute}) % 100) / 1e6 END,
             CASE WHEN hash(i + ${minute}) % 23 = 0 OR i % 37 = 1 THEN NULL ELSE ${r.score} END
        FROM range(${r.from}, ${r.to}) t(i) ORDER BY i DESC`);
  }
});

afterAll(async () => {
  await store.close();
});

/** The comparison by its definition, from the rows in item order. */
async function reference(baselineId: string, candidateId: string) {
  const rowsOf = (id: string) =>
    store.query<{ item_id: string; status: string; score: number | null; ttft_ms: number | null; e2e_ms: number | null; cost_eur: number | null }>(
      `SELECT item_id, status, score, ttft_ms, e2e_ms, cost_eur FROM results WHERE run_id = $id ORDER BY item_id`,
      { id }
    );
  const ra = await rowsOf(baselineId);
  const rb = await rowsOf(candidateId);
  const side = (rows: Awaited<ReturnType<typeof rowsOf>>) => {
    const ok = rows.filter((r) => r.status === 'ok');
    const nums = (v: (number | null)[]) => v.filter((x): x is number => x !== null);
    const costs = nums(rows.map((r) => r.cost_eur));
    const ci = bootstrapMeanCi([...itemScoreMap(rows).values()]);
    return {
      items: rows.length,
      score: { mean: ci.estimate, lower: ci.lower, upper: ci.upper },
      ttftMs: { p50: percentile(nums(ok.map((r) => r.ttft_ms)), 0.5) ?? null, p95: percentile(nums(ok.map((r) => r.ttft_ms)), 0.95) ?? null },
      e2eMs: { p50: percentile(nums(ok.map((r) => r.e2e_ms)), 0.5) ?? null, p95: percentile(nums(ok.map((r) => r.e2e_ms)), 0.95) ?? null },
      costPerItemEur: costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : null
    };
  };
  return { cmp: compareRuns(itemScoreMap(ra), itemScoreMap(rb)), baseline: side(ra), candidate: side(rb) };
}

describe('compareStoredRuns', () => {
  for (const [base, cand, kind] of [
    ['bin-base', 'bin-cand', '0/1 scores'],
    ['grad-base', 'grad-cand', 'graded scores'],
    ['big-base', 'big-cand', '≥ 5,000 items']
  ] as const) {
    it(`equals the definition on the stored rows (${kind})`, async () => {
      const got = await compareStoredRuns(store, base, cand);
      const ref = await reference(base, cand);
      const p = ref.cmp.paired;
      expect(got.paired).toEqual({ n: p.n, delta: p.delta, lower: p.lower, upper: p.upper, pValue: p.pValue, level: p.level });
      expect(got.onlyBaseline).toEqual(ref.cmp.onlyBaseline);
      expect(got.onlyCandidate).toEqual(ref.cmp.onlyCandidate);
      if (ref.cmp.mcnemar) expect(got.mcnemar).toMatchObject({ baselineOnly: ref.cmp.mcnemar.baselineOnly, candidateOnly: ref.cmp.mcnemar.candidateOnly, n: ref.cmp.mcnemar.n, pExact: ref.cmp.mcnemar.pExact });
      else expect(got.mcnemar).toBeNull();
      for (const [g, r] of [[got.baseline, ref.baseline], [got.candidate, ref.candidate]] as const) {
        expect(g.items).toBe(r.items);
        expect(g.score).toEqual({ metric: 'score', ...r.score });
        expect(g.ttftMs).toEqual(r.ttftMs);
        expect(g.e2eMs).toEqual(r.e2eMs);
        expect(g.costPerItemEur!).toBeCloseTo(r.costPerItemEur!, 15);
      }
      expect(got.deltas.ttftP50Ms).toBe(ref.candidate.ttftMs.p50! - ref.baseline.ttftMs.p50!);
    });
  }

  it('reports the expected structure: unmatched ids, McNemar only for 0/1 scores', async () => {
    const bin = await compareStoredRuns(store, 'bin-base', 'bin-cand');
    expect(bin.onlyBaseline).toEqual(['item-00000', 'item-00001', 'item-00002', 'item-00003']);
    expect(bin.onlyCandidate).toHaveLength(10);
    expect(bin.paired.n).toBe(296);
    expect(bin.mcnemar).not.toBeNull();
    expect(bin.baseline.items).toBe(300);
    const grad = await compareStoredRuns(store, 'grad-base', 'grad-cand');
    expect(grad.mcnemar).toBeNull();
    expect(grad.onlyCandidate).toEqual([]);
    expect(grad.onlyBaseline).toHaveLength(10);
    // a run compared with itself: no difference
    const self = await compareStoredRuns(store, 'grad-base', 'grad-base');
    expect(self.paired).toMatchObject({ delta: 0, lower: 0, upper: 0, pValue: 1, n: 200 });
  });

  it('rejects unknown runs and runs of different suites', async () => {
    await expect(compareStoredRuns(store, 'nope', 'bin-base')).rejects.toThrow(/nope/);
    await expect(compareStoredRuns(store, 'bin-base', 'other-suite')).rejects.toThrow(/verschiedenen Suiten/);
  });
});
