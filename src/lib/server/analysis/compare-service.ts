// Compare service: per-run summaries aggregated in DuckDB (scores, cost, latency percentiles), bootstrap
// intervals over item scores. Paired comparisons of two runs: runner/analysis.ts compareStoredRuns.
import type { Store } from '../store/db';
import { bootstrapMeanCi } from '../../core/stats';
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
}

function placeholders(ids: string[]): { sql: string; params: Record<string, string> } {
  return { sql: ids.map((_, i) => `$r${i}`).join(', '), params: Object.fromEntries(ids.map((id, i) => [`r${i}`, id])) };
}

/** Summaries of the given runs, latest first. Scores of error items are excluded from the mean. */
export async function summariseRuns(store: Store, runIds: string[], opts: { bootstrap?: boolean } = {}): Promise<RunSummary[]> {
  if (runIds.length === 0) return [];
  const ph = placeholders(runIds);
  const rows = await store.query<SummaryRow & Record<string, unknown>>(
    `SELECT r.id AS run_id, r.suite_id, r.target_id, r.route, r.tier, r.status, r.synthetic, r.started_at,
            count(x.item_id)::INTEGER AS items,
            count(*) FILTER (WHERE x.status = 'ok')::INTEGER AS ok,
            count(x.score) FILTER (WHERE x.status = 'ok')::INTEGER AS scored,
            avg(x.score) FILTER (WHERE x.status = 'ok') AS mean_score,
            count(*) FILTER (WHERE x.status = 'ok' AND x.score >= 0.5)::INTEGER AS solved,
            sum(x.cost_eur) AS cost_eur,
            count(x.cost_eur)::INTEGER AS cost_known,
            quantile_cont(x.ttft_ms, 0.5) AS ttft_p50,
            quantile_cont(x.ttft_ms, 0.95) AS ttft_p95,
            quantile_cont(x.e2e_ms, 0.5) AS e2e_p50
       FROM runs r LEFT JOIN results x ON x.run_id = r.id
      WHERE r.id IN (${ph.sql})
      GROUP BY ALL
      ORDER BY r.started_at DESC, r.id`,
    ph.params
  );
  const scores = opts.bootstrap === false ? new Map<string, number[]>() : await itemScoresByRun(store, runIds);
  return rows.map((r) => {
    const ci = opts.bootstrap === false ? undefined : bootstrapMeanCi(scores.get(r.run_id) ?? []);
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

/** Scores of ok items per run (item order by id). */
export async function itemScoresByRun(store: Store, runIds: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (runIds.length === 0) return out;
  const ph = placeholders(runIds);
  const rows = await store.query<{ run_id: string; score: number }>(
    `SELECT run_id, score FROM results WHERE run_id IN (${ph.sql}) AND status = 'ok' AND score IS NOT NULL ORDER BY run_id, item_id`,
    ph.params
  );
  for (const r of rows) {
    const list = out.get(r.run_id) ?? [];
    list.push(Number(r.score));
    out.set(r.run_id, list);
  }
  return out;
}
