// Hands stored results to the browser as Arrow IPC (duckdb-wasm has no Parquet/JSON reader offline).
// The server only selects runs by id; it never executes user SQL.
import { Bool, Float64, Int32, Utf8, TimestampMillisecond, makeTable, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { Store } from '../store/db';

/** Columns of the `results` table the explorer page sees, with their Arrow types. */
export const exploreColumns = {
  run_id: new Utf8(),
  suite_id: new Utf8(),
  target_id: new Utf8(),
  route: new Utf8(),
  tier: new Int32(),
  synthetic: new Bool(),
  run_status: new Utf8(),
  item_id: new Utf8(),
  status: new Utf8(),
  attempts: new Int32(),
  error_kind: new Utf8(),
  error: new Utf8(),
  output: new Utf8(),
  started_at: new TimestampMillisecond(),
  ttft_ms: new Float64(),
  tpot_ms: new Float64(),
  e2e_ms: new Float64(),
  input_tokens: new Int32(),
  output_tokens: new Int32(),
  cost_eur: new Float64(),
  score: new Float64()
} as const;

export type ExploreColumn = keyof typeof exploreColumns;

export interface ExploreRun {
  id: string;
  suite_id: string;
  target_id: string;
  status: string;
  started_at: string;
  synthetic: boolean;
  items: number;
}

export async function listExploreRuns(store: Store, limit = 500): Promise<ExploreRun[]> {
  const rows = await store.query<{ id: string; suite_id: string; target_id: string; status: string; started_at: Date; synthetic: boolean; items: number }>(
    `SELECT r.id, r.suite_id, r.target_id, r.status, r.started_at, r.synthetic, count(x.item_id)::INTEGER AS items
       FROM runs r LEFT JOIN results x ON x.run_id = r.id
      GROUP BY ALL ORDER BY r.started_at DESC LIMIT ${Math.max(1, Math.floor(limit))}`
  );
  return rows.map((r) => ({ ...r, started_at: new Date(r.started_at).toISOString() }));
}

/** Arrow IPC stream bytes with one row per stored item of the given runs (all runs when empty). */
export async function resultsToArrowIpc(store: Store, runIds: string[]): Promise<{ bytes: Uint8Array; rows: number }> {
  const where = runIds.length ? `WHERE x.run_id IN (${runIds.map((_, i) => `$r${i}`).join(', ')})` : '';
  const params = Object.fromEntries(runIds.map((id, i) => [`r${i}`, id]));
  const cols = await store.queryColumns(
    `SELECT x.run_id, r.suite_id, r.target_id, r.route, r.tier, r.synthetic, r.status AS run_status, x.item_id, x.status,
            x.attempts, x.error_kind, x.error, x.output, epoch_ms(coalesce(x.started_at, x.created_at)) AS started_at,
            x.ttft_ms, x.tpot_ms, x.e2e_ms, x.input_tokens, x.output_tokens, x.cost_eur, x.score
       FROM results x JOIN runs r ON r.id = x.run_id ${where}
      ORDER BY x.run_id, x.item_id`,
    params
  );
  const rowCount = cols.run_id?.length ?? 0;
  const vectors: Record<string, Vector> = {};
  for (const [name, type] of Object.entries(exploreColumns)) {
    const src = cols[name] ?? [];
    const values = new Array(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const v = src[i];
      values[i] = v === null || v === undefined ? null : type instanceof Bool ? Boolean(v) : type instanceof Utf8 ? String(v) : Number(v);
    }
    vectors[name] = vectorFromArray(values as never[], type as never);
  }
  const table = makeTable(vectors as never) as unknown as Parameters<typeof tableToIPC>[0];
  return { bytes: tableToIPC(table, 'stream'), rows: rowCount };
}
