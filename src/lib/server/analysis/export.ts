// Result export shared by `werkbank export` and the app's download endpoint: one record per item
// (itemId, status, output, error, errorKind, attempts, ttftMs, tpotMs, e2eMs, inputTokens, outputTokens,
// costEur, score; a comparison of several runs adds runId, suiteId, targetId) as JSONL, CSV or Parquet.
// Output paths are chosen by the caller (CLI: the user's --out; server: a generated name inside the
// data folder only). JSONL and CSV are produced page by page (exportTextChunks), never as one string, so
// a comparison of many large runs stays within memory and V8's string limit.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Store } from '../store/db';
import { EXPORT_COLUMNS, RunNotFoundError, type ExportRecord } from '../runner/analysis';
import { csvLines, toCsvTable } from '../../core/analysis/csv';

export const exportFormats = ['jsonl', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportContentTypes: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet'
};

export type ComparisonRecord = ExportRecord & { runId: string; suiteId: string; targetId: string };
const RUN_COLUMNS = ['runId', 'suiteId', 'targetId'] as const;

/** Columns of an export: the per-item columns, prefixed by run columns for a comparison. */
export function exportColumns(runCount: number): string[] {
  return runCount > 1 ? [...RUN_COLUMNS, ...EXPORT_COLUMNS] : [...EXPORT_COLUMNS];
}

/** Rows per page of a JSONL or CSV export. */
export const EXPORT_PAGE_ROWS = 5000;

/** The export query; `page` continues after (run, item) with at most `limit` rows (keyset paging). */
function selectSql(runIds: string[], page?: { after?: { run: string; item: string }; limit: number }): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = Object.fromEntries(runIds.map((id, i) => [`r${i}`, id]));
  const after = page?.after ? ' AND (x.run_id > $afterRun OR (x.run_id = $afterRun AND x.item_id > $afterItem))' : '';
  if (page?.after) Object.assign(params, { afterRun: page.after.run, afterItem: page.after.item });
  const runCols = runIds.length > 1 ? `x.run_id AS "runId", r.suite_id AS "suiteId", r.target_id AS "targetId", ` : '';
  return {
    sql: `SELECT ${runCols}x.item_id AS "itemId", x.status, x.output, x.error, x.error_kind AS "errorKind", x.attempts,
            x.ttft_ms AS "ttftMs", x.tpot_ms AS "tpotMs", x.e2e_ms AS "e2eMs", x.input_tokens AS "inputTokens",
            x.output_tokens AS "outputTokens", x.cost_eur AS "costEur", x.score
       FROM results x JOIN runs r ON r.id = x.run_id
      WHERE x.run_id IN (${runIds.map((_, i) => `$r${i}`).join(', ')})${after}
      ORDER BY x.run_id, x.item_id${page ? ` LIMIT ${Math.max(1, Math.floor(page.limit))}` : ''}`,
    params
  };
}

async function assertRunsExist(store: Store, runIds: string[]): Promise<void> {
  if (runIds.length === 0) throw new ExportError('keine Läufe zum Exportieren angegeben');
  const known = await store.query<{ id: string }>(`SELECT id FROM runs WHERE id IN (${runIds.map((_, i) => `$r${i}`).join(', ')})`, Object.fromEntries(runIds.map((id, i) => [`r${i}`, id])));
  const missing = runIds.filter((id) => !known.some((k) => k.id === id));
  if (missing.length === 1) throw new RunNotFoundError(missing[0]);
  if (missing.length) throw new ExportError(`unbekannte Läufe: ${missing.join(', ')}`);
}

const TEXT_COLUMNS = new Set(['output', 'error', 'itemId', 'errorKind', 'status', 'runId', 'suiteId', 'targetId']);

const csvRows = (records: readonly object[], columns: readonly string[]) => records.map((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
const csvIsText = (columns: readonly string[]) => (_v: unknown, i: number) => TEXT_COLUMNS.has(columns[i]);

/** RFC 4180 CSV of export records with the formula guard on text columns (core/analysis/csv.ts). */
export function toCsv(records: readonly object[], columns: readonly string[] = EXPORT_COLUMNS): string {
  return toCsvTable(columns, csvRows(records, columns), csvIsText(columns));
}

/** Records of runs known to exist. */
async function countRecords(store: Store, runIds: string[]): Promise<number> {
  const params = Object.fromEntries(runIds.map((id, i) => [`r${i}`, id]));
  const n = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM results WHERE run_id IN (${runIds.map((_, i) => `$r${i}`).join(', ')})`, params);
  return n[0]?.n ?? 0;
}

/** Number of records an export of these runs writes (checks that the runs exist). */
export async function exportCount(store: Store, runIds: string[]): Promise<number> {
  await assertRunsExist(store, runIds);
  return countRecords(store, runIds);
}

/**
 * JSONL or CSV of the given runs in pieces of `pageRows` records (keyset paging by run and item id):
 * concatenated, the pieces are exactly toJsonl / toCsv of all records.
 */
export async function* exportTextChunks(store: Store, runIds: string[], format: 'jsonl' | 'csv', pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<string> {
  await assertRunsExist(store, runIds);
  const columns = exportColumns(runIds.length);
  if (format === 'csv') yield csvLines([columns], () => true);
  let after: { run: string; item: string } | undefined;
  for (;;) {
    const { sql, params } = selectSql(runIds, { after, limit: pageRows });
    const records = await store.query<(ExportRecord | ComparisonRecord) & Record<string, unknown>>(sql, params);
    if (records.length === 0) return;
    yield format === 'csv' ? csvLines(csvRows(records, columns), csvIsText(columns)) : toJsonl(records);
    if (records.length < pageRows) return;
    const last = records[records.length - 1];
    after = { run: runIds.length > 1 ? (last as ComparisonRecord).runId : runIds[0], item: last.itemId };
  }
}

export function toJsonl(records: object[]): string {
  return records.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))).join('\n') + (records.length ? '\n' : '');
}

/** Write Parquet (zstd) with DuckDB's COPY to `outPath`. Returns the number of records. */
export async function exportParquet(store: Store, runIds: string[], outPath: string): Promise<number> {
  await assertRunsExist(store, runIds);
  const { sql, params } = selectSql(runIds);
  const target = resolve(outPath).replace(/'/g, "''");
  // COPY cannot take the file name as a parameter; the path is resolved and quoted above.
  await store.write(() => store.rawRun(`COPY (${sql}) TO '${target}' (FORMAT parquet, COMPRESSION zstd)`, params));
  return countRecords(store, runIds);
}

/**
 * The body of an export download: JSONL and CSV as a stream of pages, Parquet as bytes (written by
 * DuckDB through a temp folder in dataDir/exports). Unknown runs throw before anything is sent.
 */
export async function exportDownload(store: Store, dataDir: string, runIds: string[], format: ExportFormat): Promise<{ body: ReadableStream<Uint8Array> | Uint8Array; records: number }> {
  if (format !== 'parquet') {
    const records = await exportCount(store, runIds);
    const chunks = exportTextChunks(store, runIds, format);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      }
    });
    return { body, records };
  }
  const base = resolve(dataDir, 'exports');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'x-'));
  if (!dir.startsWith(base + sep)) throw new ExportError('Exportpfad außerhalb des Datenordners');
  try {
    const file = join(dir, 'export.parquet');
    const records = await exportParquet(store, runIds, file);
    return { body: readFileSync(file), records };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class ExportError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}
