// Route comparison maths (pure): run summaries, EUR per 1,000 requests, cost per correct answer,
// and the quality × cost Pareto frontier used by the compare page and the report.

export interface RunSummary {
  runId: string;
  suiteId: string;
  targetId: string;
  route: string | null;
  tier: number | null;
  status: string;
  synthetic: boolean;
  items: number;
  ok: number;
  errors: number;
  /** Mean item score over scored items (0..1), null when nothing was scored. */
  meanScore: number | null;
  scoreCiLow: number | null;
  scoreCiHigh: number | null;
  /** Items with score ≥ 0.5 counted as solved (binary scorers: exactly the correct ones). */
  solved: number;
  costEur: number | null;
  /** Mean cost per request × 1,000. */
  eurPer1kRequests: number | null;
  /** Total cost / solved items; null when nothing was solved or the cost is unknown. */
  eurPerSolvedItem: number | null;
  ttftMsP50: number | null;
  ttftMsP95: number | null;
  e2eMsP50: number | null;
}

export function eurPer1kRequests(totalCostEur: number | null, requests: number): number | null {
  if (totalCostEur === null || !Number.isFinite(totalCostEur) || requests <= 0) return null;
  return (totalCostEur / requests) * 1000;
}

export function costPerSolved(totalCostEur: number | null, solved: number): number | null {
  if (totalCostEur === null || !Number.isFinite(totalCostEur) || solved <= 0) return null;
  return totalCostEur / solved;
}

export interface ParetoPoint {
  id: string;
  /** Higher is better. */
  quality: number;
  /** Lower is better. */
  cost: number;
}

/**
 * Ids of the points no other point dominates (at least as good in both, strictly better in one),
 * sorted by ascending cost. Points with non-finite values are ignored.
 */
export function paretoFrontier(points: readonly ParetoPoint[]): string[] {
  const valid = points.filter((p) => Number.isFinite(p.quality) && Number.isFinite(p.cost));
  const frontier = valid.filter(
    (p) => !valid.some((q) => q !== p && q.quality >= p.quality && q.cost <= p.cost && (q.quality > p.quality || q.cost < p.cost))
  );
  return frontier.sort((a, b) => a.cost - b.cost || b.quality - a.quality).map((p) => p.id);
}

export interface MatrixCell {
  meanScore: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  runId: string;
  synthetic: boolean;
}

/** targets × suites matrix from summaries; the latest run (first in input order) wins a cell. */
export function scoreMatrix(summaries: readonly RunSummary[]): { targets: string[]; suites: string[]; cells: Record<string, Record<string, MatrixCell>> } {
  const targets = [...new Set(summaries.map((s) => s.targetId))].sort();
  const suites = [...new Set(summaries.map((s) => s.suiteId))].sort();
  const cells: Record<string, Record<string, MatrixCell>> = {};
  for (const s of summaries) {
    cells[s.targetId] ??= {};
    if (cells[s.targetId][s.suiteId]) continue;
    cells[s.targetId][s.suiteId] = { meanScore: s.meanScore, ciLow: s.scoreCiLow, ciHigh: s.scoreCiHigh, runId: s.runId, synthetic: s.synthetic };
  }
  return { targets, suites, cells };
}
