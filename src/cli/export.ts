// `werkbank export RUN`: one record per item of a run as JSONL, CSV or Parquet (Parquet via DuckDB COPY).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Store } from '../lib/server/store/db';
import { EXPORT_COLUMNS, EXPORT_SQL, exportRecords, getRun, type ExportRecord } from '../lib/server/runner/analysis';
import { parseFlags, printJson, UsageError, type Command } from './support/cli';

/** RFC 4180 CSV; text cells starting with = + - @ get a leading apostrophe (no formula injection in spreadsheets). */
export function toCsv(records: ExportRecord[]): string {
  const cell = (v: unknown, text: boolean): string => {
    if (v === null || v === undefined) return '';
    let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
    if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const textCols = new Set(['output', 'error', 'itemId', 'errorKind', 'status']);
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const r of records) lines.push(EXPORT_COLUMNS.map((c) => cell(r[c], textCols.has(c))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toJsonl(records: ExportRecord[]): string {
  return records.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))).join('\n') + (records.length ? '\n' : '');
}

export const command: Command = {
  name: 'export',
  summary: 'Ergebnisse eines Laufs exportieren (JSONL, CSV, Parquet), ein Datensatz je Item',
  usage: 'werkbank export LAUF-ID --format jsonl|csv|parquet [--out DATEI] [--json] [--db PFAD]\n\nOhne --out gehen JSONL und CSV auf stdout; Parquet braucht --out.',
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, { format: { type: 'string' }, out: { type: 'string' } });
    const runId = positionals[0];
    if (!runId) throw new UsageError('Lauf-ID fehlt: werkbank export LAUF-ID --format jsonl|csv|parquet');
    if (positionals.length > 1) throw new UsageError(`unerwartetes Argument: ${positionals[1]}`);
    const format = values.format ?? 'jsonl';
    if (!['jsonl', 'csv', 'parquet'].includes(format)) throw new UsageError(`--format: "${format}" (erwartet jsonl, csv oder parquet)`);
    if (format === 'parquet' && !values.out) throw new UsageError('--format parquet braucht --out DATEI');
    const store = await Store.open(values.db ?? env.dbPath);
    try {
      if (!(await getRun(store, runId))) throw new UsageError(`Lauf "${runId}" gibt es nicht`);
      const out = values.out ? resolve(env.cwd, values.out) : undefined;
      let count: number;
      if (format === 'parquet') {
        const records = await exportRecords(store, runId);
        count = records.length;
        const sql = EXPORT_SQL.replace('$run', `'${runId.replaceAll("'", "''")}'`);
        await store.exec(`COPY (${sql}) TO '${out!.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`);
      } else {
        const records = await exportRecords(store, runId);
        count = records.length;
        const text = format === 'csv' ? toCsv(records) : toJsonl(records);
        if (out) await writeFile(out, text);
        else io.out(text);
      }
      if (out) {
        if (values.json) printJson(io, { runId, format, out, records: count });
        else io.err(`${count} Datensätze von Lauf ${runId} nach ${out} geschrieben (${format}).\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  }
};
