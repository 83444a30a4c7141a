// Result export shared by `werkbank export` and the app's download endpoint: one record per item
// (itemId, status, output, error, errorKind, attempts, ttftMs, tpotMs, e2eMs, inputTokens, outputTokens,
// costEur, score; a comparison of several runs adds runId, suiteId, targetId) as JSONL, CSV or Parquet.
// Output paths are chosen by the caller (CLI: the user's --out; server: a generated name inside the
// data folder only).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Store } from '../store/db';
import { EXPORT_COLUMNS, RunNotFoundError, type ExportRecord } from '../runner/analysis';
import { toCsvTable } from '../../core/analysis/csv';

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

function selectSql(runIds: string[]): { sql: string; params: Record<string, string> } {
  const params = Object.fromEntries(runIds.map((id, i) => [`r${i}`, id]));
  const runCols = runIds.length > 1 ? `x.run_id AS "runId", r.suite_id AS "suiteId", r.target_id AS "targetId", ` : '';
  return {
    sql: `SELECT ${runCols}x.item_id AS "itemId", x.status, x.output, x.error, x.error_kind AS "errorKind", x.attempts,
            x.ttft_ms AS "ttftMs", x.tpot_ms AS "tpotMs", x.e2e_ms AS "e2eMs", x.input_tokens AS "inputTokens",
            x.output_tokens AS "outputTokens", x.cost_eur AS "costEur", x.score
       FROM results x JOIN runs r ON r.id = x.run_id
      WHERE x.run_id IN (${runIds.map((_, i) => `$r${i}`).join(', ')})
      ORDER BY x.run_id, x.item_id`,
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

/** Records of the given runs (one run: ExportRecord; several: with runId, suiteId, targetId). */
export async function exportRecordsFor(store: Store, runIds: string[]): Promise<(ExportRecord | ComparisonRecord)[]> {
  await assertRunsExist(store, runIds);
  const { sql, params } = selectSql(runIds);
  return store.query<ExportRecord & Record<string, unknown>>(sql, params);
}

const TEXT_COLUMNS = new Set(['output', 'error', 'itemId', 'errorKind', 'status', 'runId', 'suiteId', 'targetId']);

/** RFC 4180 CSV of export records with the formula guard on text columns (core/analysis/csv.ts). */
export function toCsv(records: readonly object[], columns: readonly string[] = EXPORT_COLUMNS): string {
  const rows = records.map((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
  return toCsvTable(columns, rows, (_v, i) => TEXT_COLUMNS.has(columns[i]));
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
  const n = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM results WHERE run_id IN (${runIds.map((_, i) => `$r${i}`).join(', ')})`, params);
  return n[0]?.n ?? 0;
}

/** The bytes of an export (the server's download path); Parquet goes through a temp folder in dataDir/exports. */
export async function exportToBytes(store: Store, dataDir: string, runIds: string[], format: ExportFormat): Promise<{ bytes: Uint8Array; records: number }> {
  if (format !== 'parquet') {
    const records = await exportRecordsFor(store, runIds);
    const text = format === 'csv' ? toCsv(records, exportColumns(runIds.length)) : toJsonl(records);
    return { bytes: new TextEncoder().encode(text), records: records.length };
  }
  const base = resolve(dataDir, 'exports');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'x-'));
  if (!dir.startsWith(base + sep)) throw new ExportError('Exportpfad außerhalb des Datenordners');
  try {
    const file = join(dir, 'export.parquet');
    const records = await exportParquet(store, runIds, file);
    return { bytes: readFileSync(file), records };
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
