// Compare service: per-run summaries aggregated in DuckDB (scores, cost, latency percentiles) with the
// interval of the mean score. The interval comes from SQL aggregates where it is a closed form (0/1 scores,
// or ≥ NORMAL_APPROX_MIN_N items: meanCiFromSummary); only runs with other scores and fewer items load their
// item scores for the Monte Carlo bootstrap. Paired comparisons of two runs: runner/analysis.ts compareStoredRuns.
import type { Store } from '../store/db';
import { bootstrapMeanCi, meanCiFromSummary, type Interval } from '../../core/stats';
import { costPerSolved, eurPer1kRequests, type RunSummary } from '../../core/analysis/compare';

interface SummaryRow {
  run_id: string;
  suite_id: string;
  target_id: string;
  route: string | null;
  tier: number | null;
  status: string;
  synthetic: boolean;
  started_at: Date;
  items: number;
  ok: number;
  scored: number;
  mean_score: number | null;
  solved: number;
  cost_eur: number | null;
  cost_known: number;
  ttft_p50: number | null;
  ttft_p95: number | null;
  e2e_p50: number | null;
  /** Finite scores of ok items: count, sum, sample standard deviation, count of values other than 0 and 1. */
  ci_n: number;
  ci_sum: number | null;
  ci_sd: number | null;
  ci_other: number;
}

function placeholders(ids: string[]): { sql: string; params: Record<string, string> } {
  return { sql: ids.map((_, i) => `$r${i}`).join(', '), params: Object.fromEntries(ids.map((id, i) => [`r${i}`, id])) };
}

/** Summaries of the given runs, latest first. Scores of error items are excluded from the mean. */
export async function summariseRuns(store: Store, runIds: string[], opts: { bootstrap?: boolean } = {}): Promise<RunSummary[]> {
  if (runIds.length === 0) return [];
  const ph = placeholders(runIds);
  // Aggregated per run_id before the join with runs: no GROUP BY over the runs' text columns per result row.
  const rows = await store.query<SummaryRow & Record<string, unknown>>(
    `WITH agg AS (
       SELECT x.run_id,
              count(*)::INTEGER AS items,
              count(*) FILTER (WHERE x.status = 'ok')::INTEGER AS ok,
              count(x.score) FILTER (WHERE x.status = 'ok')::INTEGER AS scored,
              avg(x.score) FILTER (WHERE x.status = 'ok') AS mean_score,
              count(*) FILTER (WHERE x.status = 'ok' AND x.score >= 0.5)::INTEGER AS solved,
              sum(x.cost_eur) AS cost_eur,
              count(x.cost_eur)::INTEGER AS cost_known,
              quantile_cont(x.ttft_ms, 0.5) AS ttft_p50,
              quantile_cont(x.ttft_ms, 0.95) AS ttft_p95,
              quantile_cont(x.e2e_ms, 0.5) AS e2e_p50,
              count(*) FILTER (WHERE x.status = 'ok' AND isfinite(x.score))::INTEGER AS ci_n,
              sum(x.score) FILTER (WHERE x.status = 'ok' AND isfinite(x.score)) AS ci_sum,
              stddev_samp(x.score) FILTER (WHERE x.status = 'ok' AND isfinite(x.score)) AS ci_sd,
              count(*) FILTER (WHERE x.status = 'ok' AND isfinite(x.score) AND x.score <> 0 AND x.score <> 1)::INTEGER AS ci_other
         FROM results x
        WHERE x.run_id IN (${ph.sql})
        GROUP BY x.run_id)
     SELECT r.id AS run_id, r.suite_id, r.target_id, r.route, r.tier, r.status, r.synthetic, r.started_at,
            coalesce(a.items, 0) AS items, coalesce(a.ok, 0) AS ok, coalesce(a.scored, 0) AS scored, a.mean_score,
            coalesce(a.solved, 0) AS solved, a.cost_eur, coalesce(a.cost_known, 0) AS cost_known,
            a.ttft_p50, a.ttft_p95, a.e2e_p50,
            coalesce(a.ci_n, 0) AS ci_n, a.ci_sum, a.ci_sd, coalesce(a.ci_other, 0) AS ci_other
       FROM runs r LEFT JOIN agg a ON a.run_id = r.id
      WHERE r.id IN (${ph.sql})
      ORDER BY r.started_at DESC, r.id`,
    ph.params
  );
  const intervals = new Map<string, Interval>();
  if (opts.bootstrap !== false) {
    const rest: string[] = [];
    for (const r of rows) {
      const ci = meanCiFromSummary({ n: r.ci_n, sum: Number(r.ci_sum ?? 0), sd: r.ci_sd ?? null, binary: r.ci_other === 0 });
      if (ci) intervals.set(r.run_id, ci);
      else rest.push(r.run_id);
    }
    // Runs with other scores and < NORMAL_APPROX_MIN_N items: Monte Carlo bootstrap over the item scores.
    const scores = await itemScoresByRun(store, rest);
    for (const id of rest) intervals.set(id, bootstrapMeanCi(scores.get(id) ?? []));
  }
  return rows.map((r) => {
    const ci = intervals.get(r.run_id);
    const cost = r.cost_known > 0 ? Number(r.cost_eur) : null;
    return {
      runId: r.run_id,
      suiteId: r.suite_id,
      targetId: r.target_id,
      route: r.route,
      tier: r.tier,
      status: r.status,
      synthetic: Boolean(r.synthetic),
      items: r.items,
      ok: r.ok,
      errors: r.items - r.ok,
      meanScore: r.scored > 0 ? Number(r.mean_score) : null,
      scoreCiLow: ci?.lower ?? null,
      scoreCiHigh: ci?.upper ?? null,
      solved: r.solved,
      costEur: cost,
      eurPer1kRequests: eurPer1kRequests(cost, r.items),
      eurPerSolvedItem: costPerSolved(cost, r.solved),
      ttftMsP50: r.ttft_p50 ?? null,
      ttftMsP95: r.ttft_p95 ?? null,
      e2eMsP50: r.e2e_p50 ?? null
    };
  });
}

/** Scores of ok items per run (item order by id). Read as two columns (run index, score), not row objects. */
export async function itemScoresByRun(store: Store, runIds: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (runIds.length === 0) return out;
  const ph = placeholders(runIds);
  const cols = await store.queryColumns(
    `SELECT CASE run_id ${runIds.map((_, i) => `WHEN $r${i} THEN ${i}`).join(' ')} END::INTEGER AS k, score
       FROM results WHERE run_id IN (${ph.sql}) AND status = 'ok' AND score IS NOT NULL ORDER BY run_id, item_id`,
    ph.params
  );
  const k = cols.k ?? [];
  const score = cols.score ?? [];
  const lists = runIds.map(() => [] as number[]);
  for (let i = 0; i < k.length; i++) lists[k[i] as number].push(Number(score[i]));
  runIds.forEach((id, i) => {
    if (lists[i].length) out.set(id, lists[i]);
  });
  return out;
}
