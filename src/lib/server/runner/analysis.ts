// Reading stored runs back: per-item records for export and the run pages, paired comparison of two
// runs (paired bootstrap, McNemar) and the release-gate decision with its reasons.
import type { Store } from '../store/db';
import { compareRuns, significantlyWorse, bootstrapMeanCi, type Comparison } from '../../core/stats';
import { percentile } from '../../core/metrics/timing';
import type { RunSummary } from './run-service';

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

/** SQL selecting the export record columns of one run (parameter $run), ordered by item id. */
export const EXPORT_SQL = `SELECT item_id AS "itemId", status, output, error, error_kind AS "errorKind", attempts, ttft_ms AS "ttftMs", tpot_ms AS "tpotMs", e2e_ms AS "e2eMs",
  input_tokens AS "inputTokens", output_tokens AS "outputTokens", cost_eur AS "costEur", score FROM results WHERE run_id = $run ORDER BY item_id`;

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

export async function getRun(store: Store, runId: string): Promise<RunRecord | undefined> {
  const rows = await store.query(`${RUN_SELECT} WHERE id = $id`, { id: runId });
  return rows[0] ? toRunRecord(rows[0]) : undefined;
}

export async function listRuns(store: Store, limit = 200): Promise<RunRecord[]> {
  const rows = await store.query(`${RUN_SELECT} ORDER BY started_at DESC LIMIT ${Math.max(1, Math.min(10_000, Math.floor(limit)))}`);
  return rows.map(toRunRecord);
}

export async function exportRecords(store: Store, runId: string): Promise<ExportRecord[]> {
  if (!(await getRun(store, runId))) throw new RunNotFoundError(runId);
  return store.query<ExportRecord & Record<string, unknown>>(EXPORT_SQL, { run: runId });
}

interface ItemLite {
  item_id: string;
  status: string;
  score: number | null;
  ttft_ms: number | null;
  e2e_ms: number | null;
  cost_eur: number | null;
}

async function itemsOf(store: Store, runId: string): Promise<ItemLite[]> {
  return store.query<ItemLite & Record<string, unknown>>(`SELECT item_id, status, score, ttft_ms, e2e_ms, cost_eur FROM results WHERE run_id = $id`, { id: runId });
}

/** Per-item primary score: the stored score, 0 for errors or unscored items (a failed request is a wrong answer). */
export function itemScoreMap(items: ItemLite[]): Map<string, number> {
  return new Map(items.map((r) => [r.item_id, r.status === 'ok' && typeof r.score === 'number' && Number.isFinite(r.score) ? r.score : 0]));
}

export interface RunSide {
  runId: string;
  suite: string;
  target: string;
  status: string;
  synthetic: boolean;
  items: number;
  /** Mean per-item primary score with its 95% bootstrap interval. */
  score: { metric: string; mean: number | null; lower: number | null; upper: number | null };
  ttftMs: { p50: number | null; p95: number | null };
  e2eMs: { p50: number | null; p95: number | null };
  costEur: number | null;
  costPerItemEur: number | null;
}

function side(run: RunRecord, items: ItemLite[]): RunSide {
  const ok = items.filter((i) => i.status === 'ok');
  const ttft = ok.map((i) => i.ttft_ms).filter((v): v is number => typeof v === 'number');
  const e2e = ok.map((i) => i.e2e_ms).filter((v): v is number => typeof v === 'number');
  const costs = items.map((i) => i.cost_eur).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const ci = bootstrapMeanCi([...itemScoreMap(items).values()]);
  return {
    runId: run.id,
    suite: run.suiteId,
    target: run.targetId,
    status: run.status,
    synthetic: run.synthetic,
    items: items.length,
    score: { metric: run.summary?.primaryMetric ?? 'score', mean: ci.estimate, lower: ci.lower, upper: ci.upper },
    ttftMs: { p50: percentile(ttft, 50), p95: percentile(ttft, 95) },
    e2eMs: { p50: percentile(e2e, 50), p95: percentile(e2e, 95) },
    costEur: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
    costPerItemEur: costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : null
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
  const ia = await itemsOf(store, a.id);
  const ib = await itemsOf(store, b.id);
  const cmp: Comparison = compareRuns(itemScoreMap(ia), itemScoreMap(ib));
  const sa = side(a, ia);
  const sb = side(b, ib);
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

/** The release gate: fails when the candidate is significantly worse beyond maxDrop or over a budget. */
export function gateDecision(c: RunComparison, opts: GateOptions): Omit<GateResult, 'comparison'> {
  const checks: GateResult['checks'] = [];
  const worse = significantlyWorse({ ...c.paired, estimate: c.paired.delta, resamples: 0 }, opts.maxDrop);
  if (worse.undetermined) checks.push({ name: 'score', passed: false, detail: `Qualität nicht vergleichbar: ${worse.reason}` });
  else checks.push({ name: 'score', passed: !worse.worse, detail: `Qualität (${c.baseline.score.metric}): ${worse.reason}` });
  if (c.candidate.status !== 'completed') checks.push({ name: 'status', passed: false, detail: `Kandidat-Lauf ${c.candidate.runId} ist nicht vollständig (Status ${c.candidate.status})` });
  if (c.candidate.synthetic) checks.push({ name: 'synthetic', passed: false, detail: `Kandidat-Lauf ${c.candidate.runId} ist synthetisch (nur Geschwindigkeit, keine Qualität)` });
  if (opts.maxP95TtftMs !== undefined) {
    const p95 = c.candidate.ttftMs.p95;
    if (p95 === null) checks.push({ name: 'p95-ttft', passed: false, detail: 'p95 TTFT des Kandidaten unbekannt (kein Streaming oder keine erfolgreichen Anfragen)' });
    else checks.push({ name: 'p95-ttft', passed: p95 <= opts.maxP95TtftMs, detail: `p95 TTFT ${p95.toFixed(1)} ms ${p95 <= opts.maxP95TtftMs ? '≤' : '>'} ${opts.maxP95TtftMs} ms` });
  }
  if (opts.maxCostIncrease !== undefined) {
    const rel = c.deltas.costRelative;
    if (rel === null) checks.push({ name: 'cost', passed: false, detail: 'Kosten je Item nicht vergleichbar (Preis fehlt in einem der Läufe)' });
    else checks.push({ name: 'cost', passed: rel <= opts.maxCostIncrease, detail: `Kosten je Item ${rel >= 0 ? '+' : ''}${(rel * 100).toFixed(1)} % (erlaubt +${(opts.maxCostIncrease * 100).toFixed(1)} %)` });
  }
  const reasons = checks.filter((x) => !x.passed).map((x) => x.detail);
  return { passed: reasons.length === 0, reasons, checks };
}
