// Browser-only DuckDB (duckdb-wasm in a Web Worker): loads Arrow IPC from the server and runs the
// user's SQL locally. Extensions are never auto-loaded (no internet behind customer firewalls).
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { toCsvTable } from '../core/analysis/csv';

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  elapsedMs: number;
}

export class BrowserDuckDb {
  private constructor(
    private db: duckdb.AsyncDuckDB,
    private conn: duckdb.AsyncDuckDBConnection,
    private worker: Worker
  ) {}

  static async create(): Promise<BrowserDuckDb> {
    const bundle = await duckdb.selectBundle({
      mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
      eh: { mainModule: ehWasm, mainWorker: ehWorker }
    });
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    const conn = await db.connect();
    await conn.query(`SET autoinstall_known_extensions = false`);
    await conn.query(`SET autoload_known_extensions = false`);
    return new BrowserDuckDb(db, conn, worker);
  }

  /** Replace table `name` with the rows of an Arrow IPC stream. */
  async loadArrow(name: string, bytes: Uint8Array): Promise<number> {
    await this.conn.query(`DROP TABLE IF EXISTS "${name.replace(/"/g, '""')}"`);
    await this.conn.insertArrowFromIPCStream(bytes, { name, create: true });
    const r = await this.conn.query(`SELECT count(*)::INTEGER AS n FROM "${name.replace(/"/g, '""')}"`);
    return Number(r.toArray()[0]?.n ?? 0);
  }

  async query(sql: string, maxRows = 5000): Promise<QueryResult & { truncated: boolean }> {
    const t0 = performance.now();
    const table = await this.conn.query(sql);
    const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
    const rows: unknown[][] = [];
    const n = Math.min(table.numRows, maxRows);
    for (let i = 0; i < n; i++) {
      const row = table.get(i);
      rows.push(columns.map((c) => normalise(row?.[c.name], c.type)));
    }
    return { columns, rows, elapsedMs: performance.now() - t0, truncated: table.numRows > maxRows };
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}

function normalise(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (/^Timestamp/.test(type) && typeof v === 'number') return new Date(v).toISOString();
  if (v instanceof Uint8Array) return `<${v.length} Bytes>`;
  if (typeof v === 'object') return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  return v;
}

/** RFC 4180 CSV of a query result, with the same formula guard on text cells as the server exports. */
export function toCsv(result: QueryResult): string {
  return toCsvTable(
    result.columns.map((c) => c.name),
    result.rows,
    (v) => typeof v === 'string'
  );
}
