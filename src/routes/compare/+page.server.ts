// Compare (Vergleich): summaries of the selected runs, score matrix, Pareto frontier, paired differences.
import type { PageServerLoad } from './$types';
import * as z from 'zod';
import { getStore } from '$lib/server/context';
import { listExploreRuns } from '$lib/server/explore/arrow-export';
import { summariseRuns } from '$lib/server/analysis/compare-service';
import { compareStoredRuns } from '$lib/server/runner/analysis';
import { paretoFrontier, scoreMatrix } from '$lib/core/analysis/compare';
import { displayStatus } from '$lib/server/runner/background';

const runIds = z.array(z.string().min(1).max(200, 'Lauf-ID zu lang')).max(50, 'höchstens 50 Läufe auf einmal');

export const load: PageServerLoad = async ({ url }) => {
  const store = await getStore();
  const runs = await listExploreRuns(store);
  const parsed = runIds.safeParse(url.searchParams.getAll('runs').flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean));
  // each run once (a run paired with itself says nothing); ids that do not exist are named on the page
  const wanted = parsed.success ? [...new Set(parsed.data)] : [];
  const known = new Set(runs.map((r) => r.id));
  const selected = wanted.filter((id) => known.has(id));
  const unknownRuns = wanted.filter((id) => !known.has(id));
  const summaries = await summariseRuns(store, selected);
  const frontier = paretoFrontier(
    summaries.filter((s) => s.meanScore !== null && s.eurPer1kRequests !== null && !s.synthetic).map((s) => ({ id: s.runId, quality: s.meanScore!, cost: s.eurPer1kRequests! }))
  );
  // Paired differences: each later run of a suite against the earliest selected run of that suite.
  const startedAt = new Map(runs.map((r) => [r.id, r.started_at]));
  const chronological = [...selected].sort((a, b) => (startedAt.get(a) ?? '').localeCompare(startedAt.get(b) ?? '') || a.localeCompare(b));
  const pairs: { baseline: string; candidate: string }[] = [];
  const firstBySuite = new Map<string, string>();
  for (const id of chronological) {
    const s = summaries.find((x) => x.runId === id);
    if (!s) continue;
    const base = firstBySuite.get(s.suiteId);
    if (base) pairs.push({ baseline: base, candidate: id });
    else firstBySuite.set(s.suiteId, id);
  }
  const comparisons = await Promise.all(pairs.map((p) => compareStoredRuns(store, p.baseline, p.candidate)));
  return {
    runs: runs.map((r) => ({ ...r, status: displayStatus(r.status, r.id) })),
    selected,
    invalidSelection: !parsed.success ? parsed.error.issues[0]?.message : undefined,
    unknownRuns,
    summaries,
    frontier,
    matrix: scoreMatrix(summaries),
    comparisons: comparisons.map((c) => ({
      baseline: c.baseline.runId,
      candidate: c.candidate.runId,
      n: c.paired.n,
      delta: c.paired.delta,
      lower: c.paired.lower,
      upper: c.paired.upper,
      pValue: c.paired.pValue,
      mcnemarP: c.mcnemar?.pExact ?? null,
      onlyBaseline: c.onlyBaseline.length,
      onlyCandidate: c.onlyCandidate.length,
      reason: c.paired.reason ?? null
    }))
  };
};
