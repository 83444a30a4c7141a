// Hands stored results to the browser as Arrow IPC (duckdb-wasm has no Parquet/JSON reader offline).
// The server only selects runs by id; it never executes user SQL. The Arrow columns are built directly
// from typed arrays (numbers, validity bitmaps, UTF-8 offsets) instead of apache-arrow's generic
// builders, which cost ~14 µs per row for the 21 columns (10,000 rows: ≈ 140 ms → ≈ 10 ms).
import { Bool, Data, Float64, Int32, Table, TimestampMillisecond, Utf8, makeData, makeVector, tableToIPC, type DataType, type Vector } from 'apache-arrow';
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

/**
 * Runs with their item counts, latest first. The counts are aggregated per run_id before the join
 * (one key, no string GROUP BY over every result row): 1,000,000 rows in ≈ 15 ms instead of ≈ 90–250 ms.
 */
export async function listExploreRuns(store: Store, limit = 500): Promise<ExploreRun[]> {
  const rows = await store.query<{ id: string; suite_id: string; target_id: string; status: string; started_at: Date; synthetic: boolean; items: number }>(
    `SELECT r.id, r.suite_id, r.target_id, r.status, r.started_at, r.synthetic, coalesce(c.n, 0)::INTEGER AS items
       FROM runs r LEFT JOIN (SELECT run_id, count(*) AS n FROM results GROUP BY run_id) c ON c.run_id = r.id
      ORDER BY r.started_at DESC LIMIT ${Math.max(1, Math.floor(limit))}`
  );
  return rows.map((r) => ({ ...r, started_at: new Date(r.started_at).toISOString() }));
}

/** Validity bitmap (bit i set ⇔ value i present, least significant bit first) and the number of nulls. */
function validity(values: readonly unknown[], n: number): { nullBitmap: Uint8Array; nullCount: number } {
  const bits = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else bits[i >> 3] |= 1 << (i & 7);
  }
  // Without nulls Arrow needs no bitmap (readers treat a missing bitmap as "all valid").
  return { nullBitmap: nullCount ? bits : new Uint8Array(0), nullCount };
}

const encoder = new TextEncoder();

/** UTF-8 column: the strings are joined and encoded once; offsets from the per-string byte lengths. */
function utf8Column(type: Utf8, values: readonly unknown[], n: number): Data<Utf8> {
  const { nullBitmap, nullCount } = validity(values, n);
  const strings = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    strings[i] = v === null || v === undefined ? '' : String(v);
  }
  const joined = strings.join('');
  let data = encoder.encode(joined);
  const valueOffsets = new Int32Array(n + 1);
  if (data.length === joined.length) {
    // Only ASCII (any other code point takes more UTF-8 bytes than UTF-16 units): byte length = length.
    for (let i = 0; i < n; i++) valueOffsets[i + 1] = valueOffsets[i] + strings[i].length;
  } else {
    for (let i = 0; i < n; i++) valueOffsets[i + 1] = valueOffsets[i] + Buffer.byteLength(strings[i], 'utf8');
    // Lone surrogates at string boundaries could pair up when joined; then encode string by string.
    if (valueOffsets[n] !== data.length) {
      data = new Uint8Array(valueOffsets[n]);
      for (let i = 0; i < n; i++) encoder.encodeInto(strings[i], data.subarray(valueOffsets[i], valueOffsets[i + 1]));
    }
  }
  return makeData({ type, length: n, nullCount, nullBitmap, valueOffsets, data });
}

/** Arrow data of one column from the values DuckDB returned (null/undefined → null). */
function columnData(type: DataType, values: readonly unknown[], n: number): Data {
  if (type instanceof Utf8) return utf8Column(type, values, n);
  const { nullBitmap, nullCount } = validity(values, n);
  if (type instanceof Bool) {
    const bits = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (values[i] !== null && values[i] !== undefined && Boolean(values[i])) bits[i >> 3] |= 1 << (i & 7);
    return makeData({ type, length: n, nullCount, nullBitmap, data: bits });
  }
  if (type instanceof TimestampMillisecond) {
    const data = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) {
        const ms = Number(v);
        data[i] = Number.isFinite(ms) ? BigInt(Math.trunc(ms)) : 0n;
      }
    }
    return makeData({ type, length: n, nullCount, nullBitmap, data });
  }
  if (type instanceof Int32 || type instanceof Float64) {
    const data = type instanceof Int32 ? new Int32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) data[i] = Number(v);
    }
    return makeData({ type, length: n, nullCount, nullBitmap, data } as never);
  }
  throw new TypeError(`Arrow-Typ ${String(type)} wird im Explorer-Export nicht unterstützt`);
}

/** Most result rows and characters of text (output + error) one explorer load may carry. */
export const EXPLORE_LIMITS = { maxRows: 200_000, maxTextChars: 100_000_000 };

/** The selection is too large for the browser (and for one response); the message says what to do. */
export class ExploreTooLargeError extends Error {
  constructor(
    readonly rows: number,
    readonly textChars: number,
    limits: typeof EXPLORE_LIMITS
  ) {
    const nf = new Intl.NumberFormat('de-DE');
    super(
      `Auswahl zu groß für den Explorer: ${nf.format(rows)} Ergebnisse mit ${nf.format(textChars)} Zeichen Text ` +
        `(höchstens ${nf.format(limits.maxRows)} Ergebnisse und ${nf.format(limits.maxTextChars)} Zeichen). ` +
        'Bitte weniger Läufe auswählen; alle Daten gibt es im Export (Parquet).'
    );
    this.name = 'ExploreTooLargeError';
  }
}

/** Run ids that are not in the store (the endpoint answers 404 naming them). */
export class ExploreUnknownRunsError extends Error {
  constructor(readonly runIds: string[]) {
    super(`Unbekannte Läufe: ${runIds.join(', ')}`);
    this.name = 'ExploreUnknownRunsError';
  }
}

/** Columns that belong to the run, not the item: read once per run from `runs` and repeated per row. */
const RUN_COLUMNS = { run_id: 'id', suite_id: 'suite_id', target_id: 'target_id', route: 'route', tier: 'tier', synthetic: 'synthetic', run_status: 'status' } as const;

/**
 * Arrow IPC stream bytes with one row per stored item of the given runs (all runs when empty), ordered
 * by run and item. Two queries instead of a join: the items of the runs (only `run_id` of the run's
 * columns), and the runs' own columns once per run, repeated here. Turning DuckDB's values into JS is
 * the export's largest cost, so every column read per row counts: 10,000 rows in ≈ 65–80 ms instead of
 * ≈ 110–145 ms with the join (which also read the run columns, NULL but for each run's first row).
 * Unknown run ids are refused with ExploreUnknownRunsError, a selection beyond `limits` (rows,
 * characters of output and error text) with ExploreTooLargeError, both before anything is read.
 */
export async function resultsToArrowIpc(store: Store, runIds: string[], limits = EXPLORE_LIMITS): Promise<{ bytes: Uint8Array; rows: number }> {
  const params = Object.fromEntries(runIds.map((id, i) => [`r${i}`, id]));
  const idList = runIds.map((_, i) => `$r${i}`).join(', ');
  const runRows = await store.query<Record<(typeof RUN_COLUMNS)[keyof typeof RUN_COLUMNS], unknown>>(
    `SELECT id, suite_id, target_id, route, tier, synthetic, status FROM runs ${runIds.length ? `WHERE id IN (${idList})` : ''}`,
    params
  );
  const runsById = new Map(runRows.map((r) => [r.id as string, r]));
  const unknown = runIds.filter((id) => !runsById.has(id));
  if (unknown.length) throw new ExploreUnknownRunsError([...new Set(unknown)]);
  const vectors: Record<string, Vector> = {};
  if (runsById.size === 0) {
    for (const [name, type] of Object.entries(exploreColumns)) vectors[name] = makeVector(columnData(type, [], 0));
    return { bytes: tableToIPC(new Table(vectors), 'stream'), rows: 0 };
  }
  // only runs that have a `runs` row (named ones all have one by now; items without one are left out);
  // started_at as DOUBLE (a BIGINT would arrive as a JS bigint per row)
  const where = `x.run_id IN (${runIds.length ? idList : 'SELECT id FROM runs'})`;
  const whereParams = runIds.length ? params : {};
  // "all runs" of a large store would not fit the browser, nor one string per text column here
  const size = (
    await store.query<{ n: number | bigint; chars: number | bigint | null }>(
      `SELECT count(*) AS n, sum(coalesce(length(x.output), 0) + coalesce(length(x.error), 0)) AS chars FROM results x WHERE ${where}`,
      whereParams
    )
  )[0];
  const sizeRows = Number(size?.n ?? 0);
  const sizeChars = Number(size?.chars ?? 0);
  if (sizeRows > limits.maxRows || sizeChars > limits.maxTextChars) throw new ExploreTooLargeError(sizeRows, sizeChars, limits);
  const cols = await store.queryColumns(
    `SELECT x.run_id, x.item_id, x.status, x.attempts, x.error_kind, x.error, x.output,
            epoch_ms(coalesce(x.started_at, x.created_at))::DOUBLE AS started_at,
            x.ttft_ms, x.tpot_ms, x.e2e_ms, x.input_tokens, x.output_tokens, x.cost_eur, x.score
       FROM results x
      WHERE ${where}
      ORDER BY x.run_id, x.item_id`,
    whereParams
  );
  const runIdCol = cols.run_id ?? [];
  const rowCount = runIdCol.length;
  for (const [name, from] of Object.entries(RUN_COLUMNS)) {
    if (name === 'run_id') continue;
    const values = new Array<unknown>(rowCount);
    let last: unknown;
    let meta: Record<string, unknown> | undefined;
    for (let i = 0; i < rowCount; i++) {
      if (runIdCol[i] !== last) {
        last = runIdCol[i];
        meta = runsById.get(last as string);
      }
      values[i] = meta?.[from] ?? null;
    }
    cols[name] = values;
  }
  for (const [name, type] of Object.entries(exploreColumns)) vectors[name] = makeVector(columnData(type, cols[name] ?? [], rowCount));
  return { bytes: tableToIPC(new Table(vectors), 'stream'), rows: rowCount };
}
