// Reading stored runs back: run records for the pages and the CLI, the run page's histograms over all
// items, paired comparison of two runs (paired bootstrap, McNemar) and the release-gate decision with its
// reasons. The comparison pairs the items in DuckDB (one join, three columns read) and takes latency
// percentiles and cost sums from SQL aggregates, so 2 × 10,000 items need no JS row objects, maps or sorts.
import type { Store } from '../store/db';
import { comparePairs, significantlyWorse, bootstrapMeanCi, type Comparison } from '../../core/stats';
import type { RunSummary } from './run-service';
import { histogram, type HistogramBin } from '../../core/metrics/histogram';

export class RunNotFoundError extends Error {
  readonly exitCode = 2;
  constructor(runId: string) {
    super(`Lauf "${runId}" gibt es nicht`);
    this.name = 'RunNotFoundError';
  }
}

export interface ExportRecord {
  itemId: string;
  status: string;
  output: string | null;
  error: string | null;
  errorKind: string | null;
  attempts: number;
  ttftMs: number | null;
  tpotMs: number | null;
  e2eMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costEur: number | null;
  score: number | null;
}

export const EXPORT_COLUMNS: (keyof ExportRecord)[] = ['itemId', 'status', 'output', 'error', 'errorKind', 'attempts', 'ttftMs', 'tpotMs', 'e2eMs', 'inputTokens', 'outputTokens', 'costEur', 'score'];

export interface RunRecord {
  id: string;
  suiteId: string;
  targetId: string;
  route: string | null;
  tier: number | null;
  status: string;
  statusReason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  synthetic: boolean;
  summary: RunSummary | null;
  options: Record<string, unknown> | null;
}

function parse<T>(v: unknown): T | null {
  if (typeof v !== 'string') return (v as T) ?? null;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

const RUN_SELECT = `SELECT id, suite_id, target_id, route, tier, status, status_reason, started_at, finished_at, synthetic, summary::VARCHAR AS summary, options::VARCHAR AS options FROM runs`;

function toRunRecord(r: Record<string, unknown>): RunRecord {
  return {
    id: String(r.id),
    suiteId: String(r.suite_id),
    targetId: String(r.target_id),
    route: (r.route as string) ?? null,
    tier: typeof r.tier === 'number' ? r.tier : null,
    status: String(r.status),
    statusReason: (r.status_reason as string) ?? null,
    startedAt: (r.started_at as string) ?? null,
    finishedAt: (r.finished_at as string) ?? null,
    synthetic: Boolean(r.synthetic),
    summary: parse<RunSummary>(r.summary),
    options: parse<Record<string, unknown>>(r.options)
  };
}

export interface RunCharts {
  /** 'TTFT' when any ok item has one (streaming), else 'E2E'. */
  latencyLabel: 'TTFT' | 'E2E';
  latency: HistogramBin[];
  scores: HistogramBin[];
}

/** Histograms of latency (20 bins) and score (10 bins over 0..1) over every ok item of a run. */
export async function runCharts(store: Store, runId: string): Promise<RunCharts> {
  const cols = await store.queryColumns(`SELECT ttft_ms, e2e_ms, score FROM results WHERE run_id = $id AND status = 'ok'`, { id: runId });
  const num = (c: unknown[] | undefined) => (c ?? []) as (number | null)[];
  const hasTtft = num(cols.ttft_ms).some((v) => v !== null);
  return {
    latencyLabel: hasTtft ? 'TTFT' : 'E2E',
    latency: histogram(num(hasTtft ? cols.ttft_ms : cols.e2e_ms), 20),
    scores: histogram(num(cols.score), 10, { min: 0, max: 1 })
  };
}

export async function getRun(store: Store, runId: string): Promise<RunRecord | undefined> {
  const rows = await store.query(`${RUN_SELECT} WHERE id = $id`, { id: runId });
  return rows[0] ? toRunRecord(rows[0]) : undefined;
}

export async function listRuns(store: Store, limit = 200): Promise<RunRecord[]> {
  const rows = await store.query(`${RUN_SELECT} ORDER BY started_at DESC LIMIT ${Math.max(1, Math.min(10_000, Math.floor(limit)))}`);
  return rows.map(toRunRecord);
}

interface ItemLite {
  item_id: string;
  status: string;
  score: number | null;
}

/** Per-item primary score: the stored score, 0 for errors or unscored items (a failed request is a wrong answer). */
export function primaryItemScore(ok: boolean, score: unknown): number {
  return ok && typeof score === 'number' && Number.isFinite(score) ? score : 0;
}

/** primaryItemScore of each item, by item id. */
export function itemScoreMap(items: ItemLite[]): Map<string, number> {
  return new Map(items.map((r) => [r.item_id, primaryItemScore(r.status === 'ok', r.score)]));
}

/** The same per-item primary score in SQL (`t` = alias of a results row); keep in step with primaryItemScore. */
const itemScoreSql = (t: string) => `CASE WHEN ${t}.status = 'ok' AND isfinite(${t}.score) THEN ${t}.score ELSE 0 END`;

interface SideAggregates {
  run_id: string;
  items: number;
  errors: number;
  ttft_p50: number | null;
  ttft_p95: number | null;
  e2e_p50: number | null;
  e2e_p95: number | null;
  cost: number | null;
  cost_n: number;
}

const QUANTILES = [0.5, 0.95] as const;

/**
 * SQL for the two order statistics around the p-quantile of the sorted list `l` (DOUBLE arithmetic, so the
 * rank is the one JS computes); quantile_cont interpolates as lo·(1−d) + hi·d, which differs from
 * core/stats percentileSorted in the last bit, hence the interpolation in JS (quantileFrom).
 */
const orderStats = (l: string, p: number, name: string) =>
  `list_extract(${l}, floor((len(${l}) - 1) * ${p}::DOUBLE)::BIGINT + 1) AS ${name}_lo, list_extract(${l}, floor((len(${l}) - 1) * ${p}::DOUBLE)::BIGINT + 2) AS ${name}_hi`;

/** percentileSorted (linear interpolation, h = (n − 1)·p) from the two order statistics around h. */
function quantileFrom(n: number, p: number, lo: unknown, hi: unknown): number | null {
  if (!n || typeof lo !== 'number') return null;
  const h = (n - 1) * p;
  const upper = typeof hi === 'number' ? hi : lo;
  return lo + (h - Math.floor(h)) * (upper - lo);
}

/**
 * Per run: the number of items, TTFT and E2E p50/p95 of the ok items (finite values; the same figures as
 * core/metrics percentile on them) and the sum and count of the finite costs.
 */
async function sideAggregates(store: Store, ids: string[]): Promise<Map<string, SideAggregates>> {
  const q = (l: string) => QUANTILES.map((p) => orderStats(l, p, `${l}${p * 100}`)).join(', ');
  const rows = await store.query(
    `WITH g AS (
       SELECT x.run_id, count(*)::INTEGER AS items, count(*) FILTER (WHERE x.status <> 'ok')::INTEGER AS errors,
              list_sort(list(x.ttft_ms) FILTER (WHERE x.status = 'ok' AND isfinite(x.ttft_ms))) AS t,
              list_sort(list(x.e2e_ms) FILTER (WHERE x.status = 'ok' AND isfinite(x.e2e_ms))) AS e,
              sum(x.cost_eur) FILTER (WHERE isfinite(x.cost_eur)) AS cost,
              count(*) FILTER (WHERE isfinite(x.cost_eur))::INTEGER AS cost_n
         FROM results x WHERE x.run_id IN ($a, $b) GROUP BY x.run_id)
     SELECT run_id, items, errors, cost, cost_n, len(t)::INTEGER AS t_n, len(e)::INTEGER AS e_n, ${q('t')}, ${q('e')} FROM g`,
    { a: ids[0], b: ids[1] }
  );
  return new Map(
    rows.map((r) => [
      String(r.run_id),
      {
        run_id: String(r.run_id),
        items: Number(r.items),
        errors: Number(r.errors),
        ttft_p50: quantileFrom(Number(r.t_n), 0.5, r.t50_lo, r.t50_hi),
        ttft_p95: quantileFrom(Number(r.t_n), 0.95, r.t95_lo, r.t95_hi),
        e2e_p50: quantileFrom(Number(r.e_n), 0.5, r.e50_lo, r.e50_hi),
        e2e_p95: quantileFrom(Number(r.e_n), 0.95, r.e95_lo, r.e95_hi),
        cost: r.cost === null || r.cost === undefined ? null : Number(r.cost),
        cost_n: Number(r.cost_n)
      }
    ])
  );
}

/**
 * Both runs' items joined on item_id, in item order (JS string order, as pairByItem sorts): the primary
 * score of each side (absent items: undefined) and the ids.
 */
async function joinedScores(store: Store, baselineId: string, candidateId: string): Promise<{ ids: string[]; a: (number | undefined)[]; b: (number | undefined)[] }> {
  const cols = await store.queryColumns(
    `WITH a AS (SELECT x.item_id, ${itemScoreSql('x')} AS s FROM results x WHERE x.run_id = $a),
          b AS (SELECT x.item_id, ${itemScoreSql('x')} AS s FROM results x WHERE x.run_id = $b)
     SELECT coalesce(a.item_id, b.item_id) AS item_id, a.s AS sa, b.s AS sb
       FROM a FULL OUTER JOIN b ON a.item_id = b.item_id
      ORDER BY 1`,
    { a: baselineId, b: candidateId }
  );
  const ids = (cols.item_id ?? []) as string[];
  const n = ids.length;
  const a = new Array<number | undefined>(n);
  const b = new Array<number | undefined>(n);
  for (let i = 0; i < n; i++) {
    const x = cols.sa[i];
    const y = cols.sb[i];
    a[i] = x === null || x === undefined ? undefined : Number(x);
    b[i] = y === null || y === undefined ? undefined : Number(y);
  }
  // DuckDB orders text by UTF-8 bytes, JS by UTF-16 units; they differ only for characters above U+FFFF
  // against U+E000–U+FFFF. Re-sort in that rare case so the seeded resampling sees the same order as before.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (ids[i - 1] > ids[i]) sorted = false;
  if (!sorted) {
    const order = ids.map((_, i) => i).sort((i, j) => (ids[i] < ids[j] ? -1 : ids[i] > ids[j] ? 1 : 0));
    return { ids: order.map((i) => ids[i]), a: order.map((i) => a[i]), b: order.map((i) => b[i]) };
  }
  return { ids, a, b };
}

export interface RunSide {
  runId: string;
  suite: string;
  target: string;
  status: string;
  synthetic: boolean;
  items: number;
  /** Items whose request failed (stored with an error). */
  errors: number;
  /** Mean per-item primary score with its 95% bootstrap interval. */
  score: { metric: string; mean: number | null; lower: number | null; upper: number | null };
  ttftMs: { p50: number | null; p95: number | null };
  e2eMs: { p50: number | null; p95: number | null };
  costEur: number | null;
  costPerItemEur: number | null;
}

function side(run: RunRecord, agg: SideAggregates | undefined, scores: number[]): RunSide {
  const ci = bootstrapMeanCi(scores);
  const cost = agg && agg.cost_n > 0 ? Number(agg.cost) : null;
  return {
    runId: run.id,
    suite: run.suiteId,
    target: run.targetId,
    status: run.status,
    synthetic: run.synthetic,
    items: agg?.items ?? 0,
    errors: agg?.errors ?? 0,
    score: { metric: run.summary?.primaryMetric ?? 'score', mean: ci.estimate, lower: ci.lower, upper: ci.upper },
    ttftMs: { p50: agg?.ttft_p50 ?? null, p95: agg?.ttft_p95 ?? null },
    e2eMs: { p50: agg?.e2e_p50 ?? null, p95: agg?.e2e_p95 ?? null },
    costEur: cost,
    costPerItemEur: cost === null || !agg ? null : cost / agg.cost_n
  };
}

export interface RunComparison {
  baseline: RunSide;
  candidate: RunSide;
  paired: { n: number; delta: number | null; lower: number | null; upper: number | null; pValue: number | null; level: number; reason?: string };
  mcnemar: { baselineOnly: number; candidateOnly: number; n: number; pExact: number | null; pMid: number | null } | null;
  deltas: { ttftP50Ms: number | null; ttftP95Ms: number | null; e2eP50Ms: number | null; costPerItemEur: number | null; costRelative: number | null };
  onlyBaseline: string[];
  onlyCandidate: string[];
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

export async function compareStoredRuns(store: Store, baselineId: string, candidateId: string): Promise<RunComparison> {
  const a = await getRun(store, baselineId);
  if (!a) throw new RunNotFoundError(baselineId);
  const b = await getRun(store, candidateId);
  if (!b) throw new RunNotFoundError(candidateId);
  if (a.suiteId !== b.suiteId) {
    const e = new Error(`Läufe gehören zu verschiedenen Suiten (${a.suiteId} und ${b.suiteId}); ein gepaarter Vergleich braucht dieselben Items`) as Error & { exitCode: number };
    e.exitCode = 2;
    throw e;
  }
  // one after the other: the store has one connection
  const agg = await sideAggregates(store, [a.id, b.id]);
  const joined = await joinedScores(store, a.id, b.id);
  const pairs = { ids: [] as string[], baseline: [] as number[], candidate: [] as number[], onlyBaseline: [] as string[], onlyCandidate: [] as string[] };
  const scoresA: number[] = [];
  const scoresB: number[] = [];
  for (let i = 0; i < joined.ids.length; i++) {
    const x = joined.a[i];
    const y = joined.b[i];
    if (x !== undefined) scoresA.push(x);
    if (y !== undefined) scoresB.push(y);
    if (x !== undefined && y !== undefined) {
      pairs.ids.push(joined.ids[i]);
      pairs.baseline.push(x);
      pairs.candidate.push(y);
    } else if (x !== undefined) pairs.onlyBaseline.push(joined.ids[i]);
    else pairs.onlyCandidate.push(joined.ids[i]);
  }
  const cmp: Comparison = comparePairs(pairs);
  const sa = side(a, agg.get(a.id), scoresA);
  const sb = side(b, agg.get(b.id), scoresB);
  const p = cmp.paired;
  return {
    baseline: sa,
    candidate: sb,
    paired: { n: p.n, delta: p.delta, lower: p.lower, upper: p.upper, pValue: p.pValue, level: p.level, ...(p.reason ? { reason: p.reason } : {}) },
    mcnemar: cmp.mcnemar ? { baselineOnly: cmp.mcnemar.baselineOnly, candidateOnly: cmp.mcnemar.candidateOnly, n: cmp.mcnemar.n, pExact: cmp.mcnemar.pExact, pMid: cmp.mcnemar.pMid } : null,
    deltas: {
      ttftP50Ms: diff(sa.ttftMs.p50, sb.ttftMs.p50),
      ttftP95Ms: diff(sa.ttftMs.p95, sb.ttftMs.p95),
      e2eP50Ms: diff(sa.e2eMs.p50, sb.e2eMs.p50),
      costPerItemEur: diff(sa.costPerItemEur, sb.costPerItemEur),
      costRelative: sa.costPerItemEur && sb.costPerItemEur !== null ? sb.costPerItemEur / sa.costPerItemEur - 1 : null
    },
    onlyBaseline: cmp.onlyBaseline,
    onlyCandidate: cmp.onlyCandidate
  };
}

export interface GateOptions {
  maxDrop: number;
  /** Largest allowed rise of the candidate's share of failed items over the baseline's (default 0.01). */
  maxErrorIncrease?: number;
  maxP95TtftMs?: number;
  maxCostIncrease?: number;
}

export interface GateResult {
  passed: boolean;
  reasons: string[];
  /** Checks that passed, with their figures (for the log). */
  checks: { name: string; passed: boolean; detail: string }[];
  comparison: RunComparison;
}

/** A number in de-DE notation with `min`..`max` decimals. */
const de = (v: number, min: number, max: number) => v.toLocaleString('de-DE', { minimumFractionDigits: min, maximumFractionDigits: max });

/** The release gate: fails when the candidate is significantly worse beyond maxDrop or over a budget. */
export function gateDecision(c: RunComparison, opts: GateOptions): Omit<GateResult, 'comparison'> {
  const checks: GateResult['checks'] = [];
  const worse = significantlyWorse({ ...c.paired, estimate: c.paired.delta, resamples: 0 }, opts.maxDrop);
  if (worse.undetermined) checks.push({ name: 'score', passed: false, detail: `Qualität nicht vergleichbar: ${worse.reason}` });
  else checks.push({ name: 'score', passed: !worse.worse, detail: `Qualität (${c.baseline.score.metric}): ${worse.reason}` });
  if (c.candidate.status !== 'completed') checks.push({ name: 'status', passed: false, detail: `Kandidat-Lauf ${c.candidate.runId} ist nicht vollständig (Status ${c.candidate.status})` });
  // failed requests count as wrong answers in the score, so a baseline that is poor anyway would let a
  // candidate through whose requests all failed: the error share is a check of its own
  const share = (s: RunSide) => (s.items > 0 ? s.errors / s.items : 0);
  const maxErrorIncrease = opts.maxErrorIncrease ?? 0.01;
  const pct = (v: number) => `${de(v * 100, 0, 1)} %`;
  const errorOk = c.candidate.items > c.candidate.errors && share(c.candidate) <= share(c.baseline) + maxErrorIncrease + 1e-12;
  checks.push({
    name: 'errors',
    passed: errorOk,
    detail: `Fehlgeschlagene Anfragen: Kandidat ${c.candidate.errors} von ${c.candidate.items} (${pct(share(c.candidate))}), Basis ${c.baseline.errors} von ${c.baseline.items} (${pct(share(c.baseline))}); erlaubt +${pct(maxErrorIncrease)}${c.candidate.items > 0 && c.candidate.items === c.candidate.errors ? ' — keine einzige Anfrage erfolgreich' : ''}`
  });
  if (c.candidate.synthetic) checks.push({ name: 'synthetic', passed: false, detail: `Kandidat-Lauf ${c.candidate.runId} ist synthetisch (nur Geschwindigkeit, keine Qualität)` });
  if (opts.maxP95TtftMs !== undefined) {
    const p95 = c.candidate.ttftMs.p95;
    if (p95 === null) checks.push({ name: 'p95-ttft', passed: false, detail: 'p95 TTFT des Kandidaten unbekannt (kein Streaming oder keine erfolgreichen Anfragen)' });
    else checks.push({ name: 'p95-ttft', passed: p95 <= opts.maxP95TtftMs, detail: `p95 TTFT ${de(p95, 1, 1)} ms ${p95 <= opts.maxP95TtftMs ? '≤' : '>'} ${de(opts.maxP95TtftMs, 0, 3)} ms` });
  }
  if (opts.maxCostIncrease !== undefined) {
    const rel = c.deltas.costRelative;
    if (rel === null) checks.push({ name: 'cost', passed: false, detail: 'Kosten je Item nicht vergleichbar (Preis fehlt in einem der Läufe)' });
    else checks.push({ name: 'cost', passed: rel <= opts.maxCostIncrease, detail: `Kosten je Item ${rel >= 0 ? '+' : ''}${de(rel * 100, 1, 1)} % (erlaubt +${de(opts.maxCostIncrease * 100, 1, 1)} %)` });
  }
  const reasons = checks.filter((x) => !x.passed).map((x) => x.detail);
  return { passed: reasons.length === 0, reasons, checks };
}
