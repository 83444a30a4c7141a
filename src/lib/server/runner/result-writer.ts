// Batched result writer: buffers item results and audit rows and writes them to DuckDB every
// `batchSize` results (default 500) or `flushIntervalMs` (1 s), and at the end — never one INSERT per
// item; each flush is one transaction (≈ 10 ms of commit each, so fewer, larger batches cost less CPU).
// New rows go through DuckDB's Appender straight into the tables (Store.appendMany); a resumed run
// (`replace`), or a batch that hits an existing (run_id, item_id), uses INSERT OR REPLACE via a staging
// table instead, so an earlier error row is overwritten in place.
import type { Store } from '../store/db';
import type { AuditRow, ItemResult, ResultSink } from './types';

export interface ResultWriterOptions {
  runId: string;
  /** Results may already exist for this run (resume): write with INSERT OR REPLACE from the start. */
  replace?: boolean;
  batchSize?: number;
  flushIntervalMs?: number;
  /** Called after each successful write with the number of results written. */
  onFlush?: (results: number) => void;
  onError?: (err: Error) => void;
}

/** JSON columns get JSON text (a plain string would not be valid JSON otherwise). */
// JSON.stringify itself writes NaN and ±Infinity as null (no replacer needed; a replacer function is
// called for every key and made this the writer's most expensive line).
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export function resultRow(runId: string, r: ItemResult): Record<string, unknown> {
  const u = r.usage ?? {};
  return {
    run_id: runId,
    item_id: r.itemId,
    status: r.status,
    attempts: r.attempts,
    output: r.output ?? null,
    error: r.error ?? null,
    error_kind: r.errorKind ?? null,
    expected: json(r.expected),
    prompt: json(r.prompt),
    finish_reason: r.finishReason ?? null,
    started_at: r.startedAt,
    ttft_ms: r.ttftMs ?? null,
    tpot_ms: r.tpotMs ?? null,
    e2e_ms: r.e2eMs ?? null,
    itl_ms: json(r.itlMs),
    input_tokens: u.inputTokens ?? null,
    output_tokens: u.outputTokens ?? null,
    cache_read_tokens: u.cacheReadTokens ?? null,
    cache_write_tokens: u.cacheWriteTokens ?? null,
    cost_eur: r.costEur ?? null,
    score: r.score ?? null,
    scores: json(r.scores),
    server_timing: json(r.serverTiming)
  };
}

export function auditDbRow(a: AuditRow): Record<string, unknown> {
  return {
    occurred_at: a.occurredAt,
    event: a.event,
    run_id: a.runId ?? null,
    target: a.target ?? null,
    route: a.route ?? null,
    region: a.region ?? null,
    tier: a.tier ?? null,
    input_tokens: a.inputTokens ?? null,
    output_tokens: a.outputTokens ?? null,
    latency_ms: a.latencyMs ?? null,
    status: a.status,
    detail: json(a.detail)
  };
}

/** Appender into a staging table, then one INSERT [OR REPLACE] … SELECT per call (Store.bulkInsert). */
export async function insertMany(store: Store, table: 'results' | 'audit_log', rows: Record<string, unknown>[], replace = false): Promise<void> {
  await store.bulkInsert(table, rows, { replace });
}

/** audit_log ids come from its sequence (its nextval() default cannot be used by the Appender). */
const AUDIT_IDS = { column: 'id', sequence: 'audit_seq' };

export class ResultWriter implements ResultSink {
  private results: ItemResult[] = [];
  private audits: AuditRow[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly batchSize: number;
  private readonly intervalMs: number;
  /** First write failure, if any (the run is then marked failed). */
  lastError: Error | undefined;
  /** Results written so far. */
  written = 0;
  /** Number of write statements issued (for tests: batching, not one per item). */
  flushes = 0;

  constructor(
    private readonly store: Store,
    private readonly opts: ResultWriterOptions
  ) {
    this.batchSize = Math.max(1, opts.batchSize ?? 500);
    this.intervalMs = Math.max(10, opts.flushIntervalMs ?? 1000);
  }

  add(result: ItemResult): void {
    this.results.push(result);
    if (this.results.length >= this.batchSize) void this.flush().catch(() => undefined);
    else this.arm();
  }

  audit(row: AuditRow): void {
    this.audits.push(row);
    this.arm();
  }

  private arm() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.intervalMs);
    this.timer.unref?.();
  }

  /** Write what is buffered; concurrent calls are serialised. Rejects when the write fails. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const results = this.results;
    const audits = this.audits;
    this.results = [];
    this.audits = [];
    const run = async () => {
      // the last result per item wins inside one batch too
      const byItem = new Map(results.map((r) => [r.itemId, r]));
      const rows = [...byItem.values()].map((r) => resultRow(this.opts.runId, r));
      const auditRows = audits.map(auditDbRow);
      // audit rows as they are, results replaced by key (a resumed run's earlier error rows)
      const writeReplacing = async () => {
        if (auditRows.length) await this.store.appendRows('audit_log', auditRows, { ids: AUDIT_IDS });
        if (rows.length) await insertMany(this.store, 'results', rows, true);
      };
      if (this.opts.replace) await writeReplacing();
      else {
        try {
          // one transaction for the batch's results and audit rows
          await this.store.appendMany([
            { table: 'audit_log', rows: auditRows, ids: AUDIT_IDS },
            { table: 'results', rows }
          ]);
        } catch {
          // an item of this batch was stored before (or the append failed otherwise; a real storage
          // failure fails again here and is reported)
          await writeReplacing();
        }
      }
      if (rows.length) {
        this.written += byItem.size;
        this.flushes++;
        this.opts.onFlush?.(byItem.size);
      }
    };
    const p = this.chain.then(run);
    this.chain = p.catch((err) => {
      this.lastError ??= err as Error;
      this.opts.onError?.(err as Error);
    });
    return p;
  }
}
