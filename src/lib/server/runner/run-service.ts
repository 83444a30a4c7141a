// Run service: one benchmark run end to end. Creates or resumes the run row, applies the compliance
// guard, snapshots the price once per run, runs the engine with the batched writer, and finalises
// the run summary (timings, usage, cost, scores) in the `runs` row. Used by the CLI and the UI.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/db';
import { requestCostEur } from '../../core/cost';
import { runMetrics, type LatencySlo, type RunMetrics, type Distribution } from '../../core/metrics/timing';
import { bootstrapMeanCi } from '../../core/stats';
import { runEngine, type EngineOutcome } from './engine';
import { checkComplianceGuard } from './guard';
import { FileResponseCache } from './response-cache';
import { primaryItemScore } from './analysis';
import { ResultWriter, auditDbRow, insertMany } from './result-writer';
import type { PreparedSuite, PreparedTarget, SuiteSource, TargetSource, PriceSnapshot } from './sources';
import type { ProgressEvent, RunItem } from './types';

export const SYNTHETIC_LABEL = 'nur Geschwindigkeit, keine Qualität';

export class RunUsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'RunUsageError';
  }
}

export interface RunRequest {
  suiteId?: string;
  targetId?: string;
  limit?: number;
  concurrency?: number;
  runId?: string;
  /** Resume this run: only items without an ok result are sent. */
  resumeId?: string;
  maxCostEur?: number;
  cache?: boolean;
  allowThirdCountry?: boolean;
  timeoutMs?: number;
  maxRetries?: number;
  slo?: LatencySlo;
}

export interface RunDeps {
  store: Store;
  dataDir: string;
  suites: SuiteSource;
  targets: TargetSource;
  onProgress?: (ev: ProgressEvent) => void;
  /** Called once the run row exists (before any request), e.g. to register a background run. */
  onStarted?: (info: { runId: string; total: number; synthetic: boolean }) => void;
  signal?: AbortSignal;
  redact?: (text: string) => string;
  batchSize?: number;
  flushIntervalMs?: number;
  /** Injected into the engine (tests). */
  engineOverrides?: { random?: () => number; sleep?: (ms: number, signal?: AbortSignal) => Promise<void>; retry?: { baseDelayMs?: number; maxDelayMs?: number } };
}

export type RunStatus = 'running' | 'completed' | 'aborted' | 'cancelled' | 'failed';

type Dist = Pick<Distribution, 'n' | 'mean' | 'p50' | 'p90' | 'p95' | 'p99'>;

export interface RunSummary {
  runId: string;
  suite: string;
  target: string;
  route: string;
  tier: number | null;
  region: string | null;
  status: RunStatus;
  statusReason: string | null;
  synthetic: boolean;
  label: string | null;
  items: { total: number; ok: number; error: number; pending: number };
  metrics: {
    ttftMs: Dist;
    tpotMs: Dist;
    itlMs: Dist;
    e2eMs: Dist;
    outputTokensPerSec: Dist;
    durationMs: number;
    requestThroughputPerSec: number | null;
    outputThroughputTokensPerSec: number | null;
    goodputPerSec: number | null;
    goodShare: number | null;
  };
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number };
  costEur: number | null;
  price: { snapshotId: string; route: string; currency: string; inputPerMTok: number; outputPerMTok: number; usdPerEur: number; source: string | null; asOf: string | null } | null;
  scores: Record<string, number>;
  primaryMetric: string;
  /** Mean per-item primary score (errors count 0) with its 95% percentile-bootstrap interval. */
  scoreInterval: { mean: number | null; lower: number | null; upper: number | null; n: number };
  /** The most frequent error messages of failed items (at most 3), so a failed run says why. */
  topErrors: { message: string; count: number }[];
  attempts: number;
  retries: number;
  cacheHits: number;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunOptionsStored {
  suiteId: string;
  targetId: string;
  limit: number;
  concurrency: number;
  timeoutMs: number;
  maxCostEur?: number;
  cache: boolean;
  allowThirdCountry: boolean;
  maxRetries: number;
  slo?: LatencySlo;
  contentHash?: string;
  /** Wall-clock time spent running, over all sessions (resume adds to it). */
  activeMs: number;
  sessions: number;
  retries: number;
  cacheHits: number;
}

const RUN_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function newRunId(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `run-${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${randomBytes(2).toString('hex')}`;
}

interface RunRow {
  id: string;
  suite_id: string;
  target_id: string;
  status: string;
  options: string | null;
  summary: string | null;
  price_snapshot_id: string | null;
  started_at: string | null;
}

function parseJson<T>(v: unknown): T | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return undefined;
  }
}

export async function getRunRow(store: Store, runId: string): Promise<RunRow | undefined> {
  const rows = await store.query<RunRow & Record<string, unknown>>(`SELECT id, suite_id, target_id, status, options::VARCHAR AS options, summary::VARCHAR AS summary, price_snapshot_id, started_at FROM runs WHERE id = $id`, { id: runId });
  return rows[0];
}

/** Run (or resume) a benchmark run; resolves with the final summary. Provider failures never reject. */
export async function executeRun(req: RunRequest, deps: RunDeps): Promise<RunSummary> {
  const { store } = deps;
  let runId: string;
  let stored: RunOptionsStored;
  let resumed = false;
  if (req.resumeId) {
    if (!RUN_ID_RE.test(req.resumeId)) throw new RunUsageError(`--resume: ungültige Lauf-ID "${req.resumeId}"`);
    const row = await getRunRow(store, req.resumeId);
    if (!row) throw new RunUsageError(`Lauf "${req.resumeId}" gibt es nicht`);
    if (req.suiteId && req.suiteId !== row.suite_id) throw new RunUsageError(`Lauf ${row.id} gehört zur Suite ${row.suite_id}, nicht ${req.suiteId}`);
    if (req.targetId && req.targetId !== row.target_id) throw new RunUsageError(`Lauf ${row.id} gehört zum Ziel ${row.target_id}, nicht ${req.targetId}`);
    const prev = parseJson<RunOptionsStored>(row.options);
    if (!prev) throw new RunUsageError(`Lauf ${row.id} hat keine gespeicherten Optionen und lässt sich nicht fortsetzen`);
    runId = row.id;
    resumed = true;
    stored = {
      ...prev,
      concurrency: req.concurrency ?? prev.concurrency,
      timeoutMs: req.timeoutMs ?? prev.timeoutMs,
      maxCostEur: req.maxCostEur ?? prev.maxCostEur,
      cache: req.cache ?? prev.cache,
      allowThirdCountry: req.allowThirdCountry ?? prev.allowThirdCountry
    };
  } else {
    if (!req.suiteId) throw new RunUsageError('--suite fehlt');
    if (!req.targetId) throw new RunUsageError('--target fehlt');
    runId = req.runId ?? newRunId();
    if (!RUN_ID_RE.test(runId)) throw new RunUsageError(`--run-id: ungültige Lauf-ID "${runId}" (Buchstaben, Ziffern, . _ -; höchstens 64 Zeichen)`);
    if (await getRunRow(store, runId)) throw new RunUsageError(`Lauf "${runId}" gibt es schon; fortsetzen mit --resume ${runId}`);
    stored = {
      suiteId: req.suiteId,
      targetId: req.targetId,
      limit: 0,
      concurrency: req.concurrency ?? 4,
      timeoutMs: req.timeoutMs ?? 120_000,
      maxCostEur: req.maxCostEur,
      cache: req.cache ?? false,
      allowThirdCountry: req.allowThirdCountry ?? false,
      maxRetries: req.maxRetries ?? 3,
      slo: req.slo,
      activeMs: 0,
      sessions: 0,
      retries: 0,
      cacheHits: 0
    };
  }

  // only the items this run can send are read and validated (a resumed run keeps its first limit)
  const suite = await deps.suites.load(stored.suiteId, { maxItems: resumed ? stored.limit || undefined : req.limit });
  const limit = resumed ? stored.limit : Math.min(req.limit ?? suite.items.length, suite.items.length);
  stored.limit = limit;
  const runItems = suite.items.slice(0, limit);
  if (!resumed) stored.contentHash = suite.contentHash;
  if (runItems.length === 0) throw new RunUsageError(`Suite ${suite.id} hat keine Items`);

  let prepared: PreparedTarget | undefined;
  try {
    // the guard runs as soon as the tier is known (before credentials are needed), and again below
    prepared = await deps.targets.resolve(stored.targetId, {
      check: (t) => void checkComplianceGuard({ suiteId: suite.id, personalData: suite.personalData, targetId: t.id, tier: t.tier, allowThirdCountry: stored.allowThirdCountry })
    });
    const { target } = prepared;
    const guard = checkComplianceGuard({ suiteId: suite.id, personalData: suite.personalData, targetId: target.id, tier: target.tier, allowThirdCountry: stored.allowThirdCountry });

    // price snapshot: once per run, reused on resume
    let snapshotId: string | null = null;
    const existing = resumed ? await getRunRow(store, runId) : undefined;
    if (existing?.price_snapshot_id) snapshotId = existing.price_snapshot_id;
    else if (prepared.price) snapshotId = `${runId}:price`;
    const price = await loadOrSnapshotPrice(store, snapshotId, prepared.price, runId, resumed);
    if (!price) snapshotId = null;

    if (guard === 'override') {
      await insertMany(store, 'audit_log', [
        auditDbRow({ occurredAt: new Date().toISOString(), event: 'guard_override', runId, target: target.id, route: target.route, region: target.region, tier: target.tier, status: 'allowed', detail: { suite: suite.id, personalData: true, reason: 'allowThirdCountry' } })
      ]);
    }

    stored.sessions += 1;
    if (resumed) {
      await store.exec(`UPDATE runs SET status = 'running', status_reason = NULL, finished_at = NULL, options = $o WHERE id = $id`, { id: runId, o: JSON.stringify(stored) });
    } else {
      await store.insertRows('runs', [
        {
          id: runId,
          suite_id: suite.id,
          target_id: target.id,
          route: target.route,
          tier: target.tier ?? null,
          status: 'running',
          options: JSON.stringify(stored),
          synthetic: prepared.synthetic,
          hardware: prepared.hardware ? JSON.stringify(prepared.hardware) : null,
          price_snapshot_id: snapshotId
        }
      ]);
    }

    // resume: skip items that already have an ok result
    const doneRows = await store.query<{ item_id: string; cost_eur: number | null }>(`SELECT item_id, cost_eur FROM results WHERE run_id = $id AND status = 'ok'`, { id: runId });
    const done = new Set(doneRows.map((r) => r.item_id));
    const todo = runItems.filter((i) => !done.has(i.id));
    const priorCosts = doneRows.map((r) => r.cost_eur).filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
    const priorSpent = (await store.query<{ s: number | null }>(`SELECT sum(cost_eur) AS s FROM results WHERE run_id = $id`, { id: runId }))[0]?.s ?? 0;

    deps.onStarted?.({ runId, total: runItems.length, synthetic: prepared.synthetic });
    const writer = new ResultWriter(store, { runId, replace: resumed, batchSize: deps.batchSize, flushIntervalMs: deps.flushIntervalMs });
    const costOf = price ? (u: Parameters<typeof requestCostEur>[0]) => requestCostEur(u, price.figures, { usdPerEur: price.usdPerEur }) : undefined;
    const estimateCostEur = price
      ? (item: RunItem) => {
          const chars = item.messages.reduce((a, m) => a + m.content.length, 0);
          return requestCostEur({ inputTokens: Math.ceil(chars / 4), outputTokens: item.maxTokens ?? suite.generation.maxTokens ?? 256 }, price.figures, { usdPerEur: price.usdPerEur });
        }
      : undefined;
    let outcome: EngineOutcome;
    try {
      outcome = await runEngine({
        runId,
        target,
        adapter: prepared.adapter,
        items: todo,
        totalItems: runItems.length,
        alreadyDone: done.size,
        concurrency: Math.min(stored.concurrency, prepared.maxConcurrency ?? Infinity),
        timeoutMs: stored.timeoutMs,
        retry: { maxRetries: stored.maxRetries, ...deps.engineOverrides?.retry },
        rateLimit: prepared.rateLimit,
        generation: { maxTokens: suite.generation.maxTokens, temperature: suite.generation.temperature },
        costOf,
        estimateCostEur,
        maxCostEur: stored.maxCostEur,
        priorSpentEur: Number(priorSpent) || 0,
        priorCostCount: priorCosts.length,
        cache: stored.cache ? new FileResponseCache(deps.dataDir) : undefined,
        score: (item, output, ctx) => suite.score(item, output, ctx),
        sink: writer,
        onProgress: deps.onProgress ? (ev) => deps.onProgress!({ ...ev, synthetic: prepared!.synthetic }) : undefined,
        redact: deps.redact,
        signal: deps.signal,
        random: deps.engineOverrides?.random,
        sleep: deps.engineOverrides?.sleep
      });
    } catch (err) {
      await writer.flush().catch(() => undefined);
      await store.exec(`UPDATE runs SET status = 'failed', status_reason = $r, finished_at = current_timestamp WHERE id = $id`, { id: runId, r: `interner Fehler: ${(err as Error).message}` }).catch(() => undefined);
      throw err;
    }
    await writer.flush().catch(() => undefined);
    if (writer.lastError) {
      const msg = `Ergebnisse konnten nicht gespeichert werden: ${writer.lastError.message}`;
      await store.exec(`UPDATE runs SET status = 'failed', status_reason = $r, finished_at = current_timestamp WHERE id = $id`, { id: runId, r: msg }).catch(() => undefined);
      throw new Error(msg);
    }
    stored.activeMs += outcome.elapsedMs;
    stored.retries += outcome.retries;
    stored.cacheHits += outcome.cacheHits;
    const status: RunStatus = outcome.status === 'completed' ? 'completed' : outcome.status;
    let summary: RunSummary;
    try {
      summary = await finaliseRun(store, runId, suite, prepared, stored, status, outcome.reason ?? null);
    } catch (err) {
      // the results are stored; the run must not stay "running" without a summary
      const msg = `Zusammenfassung fehlgeschlagen: ${(err as Error).message}`;
      await store.exec(`UPDATE runs SET status = 'failed', status_reason = $r, finished_at = current_timestamp, options = $o WHERE id = $id`, { id: runId, r: msg, o: JSON.stringify(stored) }).catch(() => undefined);
      throw new Error(msg, { cause: err });
    }
    deps.onProgress?.({
      type: 'end',
      runId,
      total: summary.items.total,
      done: summary.items.ok + summary.items.error,
      ok: summary.items.ok,
      error: summary.items.error,
      retries: stored.retries,
      elapsedMs: outcome.elapsedMs,
      ratePerSec: null,
      etaSec: 0,
      spentEur: summary.costEur ?? 0,
      status,
      reason: outcome.reason,
      synthetic: prepared.synthetic
    });
    return summary;
  } finally {
    await prepared?.adapter.close?.().catch(() => undefined);
    await suite.close?.().catch(() => undefined);
  }
}

async function loadOrSnapshotPrice(store: Store, snapshotId: string | null, price: PriceSnapshot | undefined, runId: string, resumed: boolean): Promise<PriceSnapshot | undefined> {
  if (!snapshotId) return undefined;
  const rows = await store.query<{ route: string; currency: string; input_per_mtok: number; output_per_mtok: number; cache_read_per_mtok: number | null; cache_write_per_mtok: number | null; batch_price_factor: number | null; usd_per_eur: number; source: string | null; as_of: string | null }>(
    `SELECT route, currency, input_per_mtok, output_per_mtok, cache_read_per_mtok, cache_write_per_mtok, batch_price_factor, usd_per_eur, source, as_of::VARCHAR AS as_of FROM price_snapshots WHERE id = $id`,
    { id: snapshotId }
  );
  const r = rows[0];
  if (r) {
    return {
      route: r.route,
      usdPerEur: r.usd_per_eur,
      source: r.source ?? undefined,
      asOf: r.as_of ?? undefined,
      figures: {
        currency: r.currency === 'USD' ? 'USD' : 'EUR',
        inputPerMTok: r.input_per_mtok,
        outputPerMTok: r.output_per_mtok,
        cacheReadPerMTok: r.cache_read_per_mtok ?? undefined,
        cacheWritePerMTok: r.cache_write_per_mtok ?? undefined,
        batchPriceFactor: r.batch_price_factor ?? undefined
      }
    };
  }
  if (!price || (resumed && !price)) return undefined;
  await store.insertRows('price_snapshots', [
    {
      id: snapshotId,
      route: price.route,
      currency: price.figures.currency,
      input_per_mtok: price.figures.inputPerMTok,
      output_per_mtok: price.figures.outputPerMTok,
      cache_read_per_mtok: price.figures.cacheReadPerMTok ?? null,
      cache_write_per_mtok: price.figures.cacheWritePerMTok ?? null,
      batch_price_factor: price.figures.batchPriceFactor ?? null,
      usd_per_eur: price.usdPerEur,
      source: price.source ?? null,
      as_of: price.asOf ?? null,
      used_by: runId
    }
  ]);
  return price;
}

const pickDist = (d: Distribution): Dist => ({ n: d.n, mean: d.mean, p50: d.p50, p90: d.p90, p95: d.p95, p99: d.p99 });

const finiteNum = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Recompute the summary from the stored results (all sessions) and write it to the run row. Reads only
 * the columns the summary needs, column-wise (no row objects, no prompts); outputs are read only for
 * scorers that recompute their aggregate from them, per-item score details only for the LLM judge.
 */
export async function finaliseRun(store: Store, runId: string, suite: PreparedSuite, prepared: PreparedTarget, stored: RunOptionsStored, status: RunStatus, reason: string | null): Promise<RunSummary> {
  const judge = suite.scorerType === 'llm-judge';
  const cols = await store.queryColumns(
    `SELECT item_id, status = 'ok' AS ok, attempts, score, ttft_ms, tpot_ms, e2e_ms, itl_ms::VARCHAR AS itl_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_eur,
            TRY_CAST(json_extract(server_timing, '$.outputTokensPerSec') AS DOUBLE) AS otps,
            ${judge ? 'NULL::VARCHAR' : 'output'} AS output, ${judge ? 'scores::VARCHAR' : 'NULL::VARCHAR'} AS scores
       FROM results WHERE run_id = $id`,
    { id: runId }
  );
  const n = cols.item_id.length;
  const okCol = cols.ok as boolean[];
  const records = new Array(n);
  for (let i = 0; i < n; i++) {
    const itl = cols.itl_ms[i];
    records[i] = {
      ok: okCol[i] === true,
      ttftMs: finiteNum(cols.ttft_ms[i]),
      tpotMs: finiteNum(cols.tpot_ms[i]),
      e2eMs: finiteNum(cols.e2e_ms[i]),
      itlMs: okCol[i] === true && typeof itl === 'string' ? (parseJson<number[]>(itl) ?? []) : [],
      inputTokens: finiteNum(cols.input_tokens[i]),
      outputTokens: finiteNum(cols.output_tokens[i]),
      outputTokensPerSec: finiteNum(cols.otps[i])
    };
  }
  const m: RunMetrics = runMetrics(records, stored.activeMs, stored.slo);
  const sum = (k: string) => {
    let a = 0;
    for (const v of cols[k]) if (typeof v === 'number' && Number.isFinite(v)) a += v;
    return a;
  };
  const costs = (cols.cost_eur as unknown[]).filter((c): c is number => typeof c === 'number' && Number.isFinite(c));
  const runItems = suite.items.slice(0, stored.limit);
  const rowOf = new Map<string, number>();
  for (let i = 0; i < n; i++) rowOf.set(cols.item_id[i] as string, i);
  let scores: Record<string, number> = {};
  try {
    const rows: Parameters<PreparedSuite['aggregate']>[0] = [];
    for (const it of runItems) {
      const i = rowOf.get(it.id);
      if (i === undefined) continue;
      rows.push({ item: it, output: okCol[i] === true ? ((cols.output[i] as string | null) ?? '') : null, scores: judge ? (parseJson<Record<string, unknown>>(cols.scores[i]) ?? null) : null });
    }
    scores = suite.aggregate(rows);
  } catch {
    scores = {};
  }
  for (const [k, v] of Object.entries(scores)) if (!Number.isFinite(v)) delete scores[k];
  let ok = 0;
  const itemScores = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (okCol[i] === true) ok++;
    itemScores[i] = primaryItemScore(okCol[i] === true, cols.score[i]);
  }
  const ci = bootstrapMeanCi(itemScores);
  const priceRow = (await store.query<{ id: string; route: string; currency: string; input_per_mtok: number; output_per_mtok: number; usd_per_eur: number; source: string | null; as_of: string | null }>(
    `SELECT p.id, p.route, p.currency, p.input_per_mtok, p.output_per_mtok, p.usd_per_eur, p.source, p.as_of::VARCHAR AS as_of FROM runs r JOIN price_snapshots p ON p.id = r.price_snapshot_id WHERE r.id = $id`,
    { id: runId }
  ))[0];
  const meta = (await store.query<{ started_at: string | null }>(`SELECT started_at FROM runs WHERE id = $id`, { id: runId }))[0];
  const topErrors =
    n - ok > 0
      ? (
          await store.query<{ message: string | null; count: number }>(
            `SELECT coalesce(error, 'unbekannter Fehler') AS message, count(*)::INTEGER AS count FROM results WHERE run_id = $id AND status <> 'ok' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3`,
            { id: runId }
          )
        ).map((e) => ({ message: e.message ?? 'unbekannter Fehler', count: e.count }))
      : [];
  const finishedAt = status === 'running' ? null : new Date().toISOString();
  const summary: RunSummary = {
    runId,
    suite: suite.id,
    target: prepared.target.id,
    route: prepared.target.route,
    tier: prepared.target.tier ?? null,
    region: prepared.target.region ?? null,
    status,
    statusReason: reason,
    synthetic: prepared.synthetic,
    label: prepared.synthetic ? SYNTHETIC_LABEL : null,
    items: { total: runItems.length, ok, error: n - ok, pending: Math.max(0, runItems.length - n) },
    metrics: {
      ttftMs: pickDist(m.ttftMs),
      tpotMs: pickDist(m.tpotMs),
      itlMs: pickDist(m.itlMs),
      e2eMs: pickDist(m.e2eMs),
      outputTokensPerSec: pickDist(m.outputTokensPerSec),
      durationMs: m.durationMs,
      requestThroughputPerSec: m.requestThroughputPerSec,
      outputThroughputTokensPerSec: m.outputThroughputTokensPerSec,
      goodputPerSec: m.goodputPerSec,
      goodShare: m.goodShare
    },
    usage: { inputTokens: sum('input_tokens'), outputTokens: sum('output_tokens'), cacheReadTokens: sum('cache_read_tokens'), cacheWriteTokens: sum('cache_write_tokens') },
    costEur: costs.length > 0 ? costs.reduce((a, b) => a + b, 0) : null,
    price: priceRow
      ? { snapshotId: priceRow.id, route: priceRow.route, currency: priceRow.currency, inputPerMTok: priceRow.input_per_mtok, outputPerMTok: priceRow.output_per_mtok, usdPerEur: priceRow.usd_per_eur, source: priceRow.source, asOf: priceRow.as_of }
      : null,
    scores,
    primaryMetric: suite.primaryMetric,
    scoreInterval: { mean: ci.estimate, lower: ci.lower, upper: ci.upper, n: ci.n },
    topErrors,
    attempts: sum('attempts'),
    retries: stored.retries,
    cacheHits: stored.cacheHits,
    startedAt: meta?.started_at ?? null,
    finishedAt
  };
  await store.exec(`UPDATE runs SET status = $s, status_reason = $r, finished_at = $f, summary = $sum, options = $o, synthetic = $syn WHERE id = $id`, {
    id: runId,
    s: status,
    r: reason,
    f: finishedAt,
    sum: JSON.stringify(summary, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
    o: JSON.stringify(stored),
    syn: prepared.synthetic
  });
  return summary;
}
