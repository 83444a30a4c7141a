// Result export: one record per item (itemId, status, output, error, attempts, ttftMs, e2eMs, inputTokens,
// outputTokens, costEur, score) as JSONL, CSV or Parquet, written by DuckDB's COPY. Output paths are
// chosen by the caller (CLI: the user's --out; server: a generated name inside the data folder only).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Store } from '../store/db';

export const exportFormats = ['jsonl', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportContentTypes: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet'
};

function selectSql(runIds: string[], withRunColumns: boolean): { sql: string; params: Record<string, string> } {
  const params = Object.fromEntries(runIds.map((id, i) => [`r${i}`, id]));
  const cols = [
    ...(withRunColumns ? ['x.run_id AS "runId"', 'r.suite_id AS "suiteId"', 'r.target_id AS "targetId"'] : []),
    'x.item_id AS "itemId"',
    'x.status',
    'x.output',
    'x.error',
    'x.attempts',
    'x.ttft_ms AS "ttftMs"',
    'x.e2e_ms AS "e2eMs"',
    'x.input_tokens AS "inputTokens"',
    'x.output_tokens AS "outputTokens"',
    'x.cost_eur AS "costEur"',
    'x.score'
  ];
  return {
    sql: `SELECT ${cols.join(', ')} FROM results x JOIN runs r ON r.id = x.run_id WHERE x.run_id IN (${runIds.map((_, i) => `$r${i}`).join(', ')}) ORDER BY x.run_id, x.item_id`,
    params
  };
}

const copyOptions: Record<ExportFormat, string> = {
  jsonl: `(FORMAT json)`,
  csv: `(FORMAT csv, HEADER true)`,
  parquet: `(FORMAT parquet, COMPRESSION zstd)`
};

/**
 * Write the items of the given runs to `outPath`. With more than one run (a comparison) each record also
 * carries runId, suiteId and targetId. Returns the number of records.
 */
export async function exportResults(store: Store, runIds: string[], format: ExportFormat, outPath: string): Promise<number> {
  if (runIds.length === 0) throw new Error('keine Läufe zum Exportieren angegeben');
  const known = await store.query<{ id: string }>(`SELECT id FROM runs WHERE id IN (${runIds.map((_, i) => `$r${i}`).join(', ')})`, Object.fromEntries(runIds.map((id, i) => [`r${i}`, id])));
  const missing = runIds.filter((id) => !known.some((k) => k.id === id));
  if (missing.length) throw new ExportError(`unbekannte Läufe: ${missing.join(', ')}`);
  const { sql, params } = selectSql(runIds, runIds.length > 1);
  const target = resolve(outPath).replace(/'/g, "''");
  await store.write(async () => {
    // COPY cannot take the file name as a parameter; the path is resolved and quoted above.
    await store.rawRun(`COPY (${sql}) TO '${target}' ${copyOptions[format]}`, params);
  });
  const n = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM results WHERE run_id IN (${runIds.map((_, i) => `$r${i}`).join(', ')})`, params);
  return n[0]?.n ?? 0;
}

/** Export into a fresh folder under `dataDir/exports` and return the bytes (the server's download path). */
export async function exportToBytes(store: Store, dataDir: string, runIds: string[], format: ExportFormat): Promise<{ bytes: Uint8Array; records: number }> {
  const base = resolve(dataDir, 'exports');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'x-'));
  if (!dir.startsWith(base + sep)) throw new ExportError('Exportpfad außerhalb des Datenordners');
  try {
    const file = join(dir, `export.${format}`);
    const records = await exportResults(store, runIds, format, file);
    return { bytes: readFileSync(file), records };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}
