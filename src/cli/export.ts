// `werkbank export RUN`: one record per item of a run as JSONL, CSV or Parquet (Parquet via DuckDB COPY).
import { open } from 'node:fs/promises';
import { Store } from '../lib/server/store/db';
import { getRun } from '../lib/server/runner/analysis';
import { exportCount, exportParquet, exportTextChunks } from '../lib/server/analysis/export';
import { outputFile, parseFlags, printJson, UsageError, type Command } from './support/cli';

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
    if (values.json && !values.out) throw new UsageError('--json nur mit --out (ohne --out gehen die Daten selbst auf stdout)');
    const out = values.out ? outputFile('--out', values.out, env.cwd) : undefined;
    const store = await Store.open(values.db ?? env.dbPath);
    try {
      if (!(await getRun(store, runId))) throw new UsageError(`Lauf "${runId}" gibt es nicht`);
      let count: number;
      if (format === 'parquet') {
        count = await exportParquet(store, [runId], out!);
      } else {
        // written page by page: a run of any size never becomes one string
        count = await exportCount(store, [runId]);
        const file = out ? await open(out, 'w') : undefined;
        try {
          for await (const text of exportTextChunks(store, [runId], format as 'csv' | 'jsonl')) {
            if (file) await file.write(text);
            else io.out(text);
          }
        } finally {
          await file?.close();
        }
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
