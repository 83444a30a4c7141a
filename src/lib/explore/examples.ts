// Example queries offered on the explorer page (table `results`, one row per stored item).
export interface ExampleQuery {
  id: string;
  label: string;
  sql: string;
}

export const exampleQueries: ExampleQuery[] = [
  {
    id: 'score-by-target',
    label: 'Score je Ziel und Suite',
    sql: `SELECT target_id, suite_id, count(*) AS items, round(avg(score), 4) AS mean_score,
       round(avg(CASE WHEN status = 'ok' THEN 1 ELSE 0 END), 4) AS ok_rate
FROM results
GROUP BY target_id, suite_id
ORDER BY mean_score DESC NULLS LAST`
  },
  {
    id: 'p95-ttft-by-hour',
    label: 'p95 TTFT je Stunde',
    sql: `SELECT date_trunc('hour', started_at) AS stunde, target_id,
       round(quantile_cont(ttft_ms, 0.95), 1) AS p95_ttft_ms, count(*) AS requests
FROM results
WHERE ttft_ms IS NOT NULL
GROUP BY ALL
ORDER BY stunde, target_id`
  },
  {
    id: 'cost-per-suite',
    label: 'Kosten je Suite',
    sql: `SELECT suite_id, target_id, round(sum(cost_eur), 6) AS kosten_eur,
       round(1000 * avg(cost_eur), 6) AS eur_pro_1000_anfragen,
       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens
FROM results
GROUP BY suite_id, target_id
ORDER BY kosten_eur DESC NULLS LAST`
  },
  {
    id: 'errors',
    label: 'Fehler nach Art',
    sql: `SELECT target_id, coalesce(error_kind, 'ok') AS art, count(*) AS anzahl, round(avg(attempts), 2) AS versuche
FROM results
GROUP BY ALL
ORDER BY anzahl DESC`
  }
];
