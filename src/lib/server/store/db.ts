// DuckDB store: opens the database file, applies migrations, and serialises writes through one
// queue (one writer at a time inside the process). Callers batch rows; nothing here loops per row.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { migrations, latestSchemaVersion } from './migrations';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export const storeTables = ['runs', 'results', 'suites', 'targets', 'price_snapshots', 'audit_log', 'probes'] as const;

export interface DbInfo {
  path: string;
  schemaVersion: number;
  latestSchemaVersion: number;
  tables: Record<string, number>;
}

export class Store {
  readonly path: string;
  private instance: DuckDBInstance;
  private conn: DuckDBConnection;
  private writeChain: Promise<unknown> = Promise.resolve();
  /** Staging tables created on this connection, by name → column list. */
  private stages = new Map<string, string>();
  /** Column names and type ids of tables written with appendRows, in table order. */
  private tableColumns = new Map<string, { name: string; typeId: DuckDBTypeId }[]>();
  private closed = false;

  private constructor(path: string, instance: DuckDBInstance, conn: DuckDBConnection) {
    this.path = path;
    this.instance = instance;
    this.conn = conn;
  }

  /** Open (creating the folder and file if needed) and migrate to the latest schema. */
  static async open(path: string, opts: { migrate?: boolean } = {}): Promise<Store> {
    const abs = path === ':memory:' ? path : resolve(path);
    if (abs !== ':memory:') mkdirSync(dirname(abs), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(abs);
    } catch (err) {
      throw new StoreError(`Datenbank ${abs} lässt sich nicht öffnen: ${(err as Error).message}`, { cause: err });
    }
    const conn = await instance.connect();
    const store = new Store(abs, instance, conn);
    if (opts.migrate !== false) await store.migrate();
    return store;
  }

  /** Apply pending migrations in one transaction each. Returns the versions applied. */
  async migrate(): Promise<number[]> {
    return this.write(async () => {
      await this.conn.run(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
      const current = await this.currentVersionUnlocked();
      if (current > latestSchemaVersion) {
        throw new StoreError(`Datenbank ${this.path} hat Schema-Version ${current}, diese Werkbank kennt nur bis ${latestSchemaVersion}. Bitte Werkbank aktualisieren.`);
      }
      const applied: number[] = [];
      for (const m of migrations) {
        if (m.version <= current) continue;
        await this.conn.run('BEGIN TRANSACTION');
        try {
          for (const stmt of m.sql) await this.conn.run(stmt);
          await this.conn.run('INSERT INTO schema_version (version, description) VALUES ($v, $d)', { v: m.version, d: m.description });
          await this.conn.run('COMMIT');
          applied.push(m.version);
        } catch (err) {
          await this.conn.run('ROLLBACK');
          throw new StoreError(`Migration ${m.version} (${m.description}) fehlgeschlagen: ${(err as Error).message}`, { cause: err });
        }
      }
      return applied;
    });
  }

  private async currentVersionUnlocked(): Promise<number> {
    const r = await this.conn.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM schema_version');
    return Number(r.getRowObjectsJS()[0]?.v ?? 0);
  }

  async schemaVersion(): Promise<number> {
    const exists = await this.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'schema_version'`);
    if (!exists[0]?.n) return 0;
    return this.currentVersionUnlocked();
  }

  /** Read query; rows as plain JS objects (BIGINT → number when safe, DECIMAL → number, timestamps → ISO strings). */
  async query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    this.assertOpen();
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((r) => normaliseRow(r)) as T[];
  }

  /** Read query returning columns (name → values), normalised like `query`; cheaper for wide exports. */
  async queryColumns(sql: string, params?: Params): Promise<Record<string, unknown[]>> {
    this.assertOpen();
    const reader = await this.conn.runAndReadAll(sql, params);
    const cols = reader.getColumnsObjectJS() as Record<string, unknown[]>;
    for (const values of Object.values(cols)) for (let i = 0; i < values.length; i++) values[i] = normaliseValue(values[i]);
    return cols;
  }

  /** Run a write (or several) exclusively: writes never interleave inside this process. */
  write<T>(fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    const next = this.writeChain.then(fn, fn);
    this.writeChain = next.catch(() => undefined);
    return next;
  }

  /** Run a statement on the connection without taking the write lock (call inside `write`). */
  async rawRun(sql: string, params?: Params): Promise<void> {
    this.assertOpen();
    await this.conn.run(sql, params);
  }

  /** Execute a single statement under the write lock. */
  async exec(sql: string, params?: Params): Promise<void> {
    await this.write(() => this.conn.run(sql, params));
  }

  /** Execute statements in one transaction under the write lock. */
  async transaction(statements: { sql: string; params?: Params }[]): Promise<void> {
    if (statements.length === 0) return;
    await this.write(async () => {
      await this.conn.run('BEGIN TRANSACTION');
      try {
        for (const s of statements) await this.conn.run(s.sql, s.params);
        await this.conn.run('COMMIT');
      } catch (err) {
        await this.conn.run('ROLLBACK');
        throw err;
      }
    });
  }

  /**
   * Insert many rows with one multi-row statement per chunk (INSERT OR REPLACE when `replace`).
   * Columns come from the first row; missing values are NULL.
   */
  async insertRows(table: string, rows: Row[], opts: { replace?: boolean; chunkSize?: number } = {}): Promise<void> {
    if (rows.length === 0) return;
    assertIdentifier('Tabellenname', table);
    const columns = Object.keys(rows[0]);
    for (const c of columns) assertIdentifier('Spaltenname', c);
    const chunkSize = opts.chunkSize ?? Math.max(1, Math.floor(2000 / columns.length));
    const verb = opts.replace ? 'INSERT OR REPLACE INTO' : 'INSERT INTO';
    const statements: { sql: string; params: DuckDBValue[] }[] = [];
    for (let i = 0; i < rows.length; i += chunkSize) {
      const chunk = rows.slice(i, i + chunkSize);
      const values: DuckDBValue[] = [];
      const tuples = chunk.map((row) => {
        const ph = columns.map((c) => {
          values.push(toDuckValue(row[c]));
          return '?';
        });
        return `(${ph.join(', ')})`;
      });
      statements.push({ sql: `${verb} ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params: values });
    }
    await this.transaction(statements);
  }

  /**
   * Bulk write for hot paths: rows go through DuckDB's Appender into a temporary all-VARCHAR staging
   * table, then one `INSERT [OR REPLACE] ... SELECT` moves them into `table` (DuckDB casts each column to
   * its type) inside one transaction. Much cheaper per row than multi-row INSERT with parameters.
   */
  async bulkInsert(table: string, rows: Row[], opts: { replace?: boolean } = {}): Promise<void> {
    if (rows.length === 0) return;
    assertIdentifier('Tabellenname', table);
    const columns = Object.keys(rows[0]);
    for (const c of columns) assertIdentifier('Spaltenname', c);
    const stage = `stage_${table}`;
    const shape = columns.join(',');
    await this.write(async () => {
      if (this.stages.get(stage) !== shape) {
        await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${stage} (${columns.map((c) => `${c} VARCHAR`).join(', ')})`);
        this.stages.set(stage, shape);
      } else {
        await this.conn.run(`DELETE FROM ${stage}`);
      }
      const appender = await this.conn.createAppender(stage, 'main', 'temp');
      try {
        for (const row of rows) {
          for (const c of columns) {
            const v = toText(row[c]);
            if (v === null) appender.appendNull();
            else appender.appendVarchar(v);
          }
          appender.endRow();
        }
      } finally {
        appender.closeSync();
      }
      const verb = opts.replace ? 'INSERT OR REPLACE INTO' : 'INSERT INTO';
      await this.conn.run('BEGIN TRANSACTION');
      try {
        await this.conn.run(`${verb} ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM ${stage}`);
        await this.conn.run('COMMIT');
      } catch (err) {
        await this.conn.run('ROLLBACK');
        throw err;
      }
    });
  }

  /**
   * Fastest write, for rows with new keys only: DuckDB's Appender straight into `table` (no SQL text, no
   * staging copy), one transaction per call. Numbers and booleans are appended natively, other values as
   * text that DuckDB casts to the column type; table columns missing from the rows get their default
   * (which must be a constant or current_timestamp). `ids` first draws one value per row from a
   * sequence for a column whose default is nextval(). A constraint violation rolls the whole call back
   * and rejects; rows that may already exist go through `bulkInsert(…, { replace: true })`.
   */
  async appendRows(table: string, rows: Row[], opts: { ids?: { column: string; sequence: string } } = {}): Promise<void> {
    await this.appendMany([{ table, rows, ids: opts.ids }]);
  }

  /** appendRows for several tables in one transaction (one commit instead of one per table). */
  async appendMany(batches: { table: string; rows: Row[]; ids?: { column: string; sequence: string } }[]): Promise<void> {
    const work = batches.filter((b) => b.rows.length > 0);
    if (work.length === 0) return;
    for (const b of work) {
      assertIdentifier('Tabellenname', b.table);
      if (b.ids) assertIdentifier('Sequenzname', b.ids.sequence);
    }
    await this.write(async () => {
      await this.conn.run('BEGIN TRANSACTION');
      let appender: DuckDBAppender | undefined;
      try {
        for (const { table, rows, ids: idSpec } of work) {
          let ids: unknown[] | undefined;
          if (idSpec) {
            const r = await this.conn.runAndReadAll(`SELECT nextval('${idSpec.sequence}') AS id FROM range(${rows.length})`);
            ids = r.getColumnsJS()[0];
          }
          appender = await this.conn.createAppender(table);
          let cols = this.tableColumns.get(table);
          if (!cols) {
            const r = await this.conn.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main' ORDER BY column_index`, { t: table });
            const names = r.getColumnsJS()[0] as string[];
            const a = appender;
            cols = names.map((name, i) => ({ name, typeId: a.columnType(i).typeId }));
            this.tableColumns.set(table, cols);
          }
          const idColumn = idSpec?.column;
          for (let r = 0; r < rows.length; r++) {
            const row = rows[r];
            for (const c of cols) {
              const v = c.name === idColumn && ids ? ids[r] : row[c.name];
              if (v === undefined && !(c.name in row)) appender.appendDefault();
              else appendValue(appender, c.typeId, v);
            }
            appender.endRow();
          }
          appender.closeSync();
          appender = undefined;
        }
        await this.conn.run('COMMIT');
      } catch (err) {
        try {
          appender?.closeSync();
        } catch {
          /* the appender's own error is reported below */
        }
        await this.conn.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async info(): Promise<DbInfo> {
    const tables: Record<string, number> = {};
    const existing = new Set(
      (await this.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables`)).map((r) => r.table_name)
    );
    for (const t of storeTables) {
      if (!existing.has(t)) continue;
      const r = await this.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`);
      tables[t] = Number(r[0]?.n ?? 0);
    }
    return { path: this.path, schemaVersion: await this.schemaVersion(), latestSchemaVersion, tables };
  }

  /** Wait for queued writes, checkpoint, and close. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.writeChain;
    this.closed = true;
    try {
      await this.conn.run('CHECKPOINT');
    } catch {
      /* read-only or already closed */
    }
    this.conn.closeSync();
    this.instance.closeSync();
  }

  private assertOpen() {
    if (this.closed) throw new StoreError('Datenbank ist bereits geschlossen');
  }
}

export class StoreError extends Error {
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = 'StoreError';
  }
}

/** Table, column and sequence names are spliced into SQL: only plain lower-case identifiers pass. */
function assertIdentifier(kind: string, name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new StoreError(`ungültiger ${kind}: ${name}`);
}

function toDuckValue(v: unknown): DuckDBValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** Append one value with the appender method for the column's type (text otherwise, cast by DuckDB). */
function appendValue(a: DuckDBAppender, typeId: DuckDBTypeId, v: unknown): void {
  if (v === null || v === undefined) return a.appendNull();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return a.appendNull();
    if (typeId === DuckDBTypeId.DOUBLE) return a.appendDouble(v);
    if (typeId === DuckDBTypeId.INTEGER && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return a.appendInteger(v);
    if (typeId === DuckDBTypeId.BIGINT && Number.isSafeInteger(v)) return a.appendBigInt(BigInt(v));
    return a.appendVarchar(String(v));
  }
  if (typeof v === 'bigint' && typeId === DuckDBTypeId.BIGINT) return a.appendBigInt(v);
  if (typeof v === 'boolean' && typeId === DuckDBTypeId.BOOLEAN) return a.appendBoolean(v);
  a.appendVarchar(toText(v) as string);
}

/** Text form of a value for the VARCHAR staging table (DuckDB casts it to the column type). */
function toText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** In place: the row objects are fresh from the reader, and only BIGINT and DuckDB value objects change (10,000-row reads). */
function normaliseRow(r: Record<string, unknown>): Row {
  for (const k of Object.keys(r)) {
    const v = r[k];
    if (typeof v === 'bigint' || (v !== null && typeof v === 'object')) r[k] = normaliseValue(v);
  }
  return r as Row;
}

function normaliseValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v && typeof v === 'object') {
    const anyV = v as { toString(): string; constructor?: { name?: string } };
    const name = anyV.constructor?.name ?? '';
    if (name.startsWith('DuckDB')) {
      if (name === 'DuckDBDecimalValue') return Number(anyV.toString());
      if (name === 'DuckDBTimestampValue' || name.startsWith('DuckDBTimestamp')) return new Date(anyV.toString().replace(' ', 'T') + 'Z').toISOString();
      if (name === 'DuckDBDateValue') return anyV.toString();
      if (name === 'DuckDBListValue' || name === 'DuckDBArrayValue') return (v as unknown as { items: unknown[] }).items.map(normaliseValue);
      return anyV.toString();
    }
  }
  return v;
}
