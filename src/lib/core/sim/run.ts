// One call for the front ends: parse + resolve + simulate + Rechenweg + verdict, and the JSON shape
// `werkbank simulate --json` prints.
import type { SimResult } from './model';
import { simulate } from './model';
import type { CatalogLike, ResolvedScenario } from './resolve';
import { resolveScenario } from './resolve';
import { rechenweg, type RechenwegStep } from './rechenweg';
import type { Scenario } from './scenario';
import { budgetPlan, margins, type BudgetPlan, type MarginRow } from './budget';
import { verdict, type ClaimVerdict } from './verdict';

export interface FullResult {
  resolved: ResolvedScenario;
  result: SimResult;
  steps: RechenwegStep[];
  margins: MarginRow[];
  budget: BudgetPlan;
  verdict: ClaimVerdict[];
}

export function runScenario(s: Scenario, catalog: CatalogLike, users?: number): FullResult {
  const resolved = resolveScenario(s, catalog);
  const result = simulate(resolved, users);
  return { resolved, result, steps: rechenweg(resolved, result), margins: margins(resolved, result), budget: budgetPlan(resolved, result), verdict: verdict(resolved, result) };
}

/** The documented JSON output of `werkbank simulate --json`. */
export function toJson(full: FullResult) {
  const r = full.result;
  const c = r.selfHosted.capacity;
  return {
    scenario: full.resolved.name ?? null,
    users: r.users,
    requestsPerMonth: r.requestsPerMonth,
    api: {
      monthlyEur: r.api.monthlyEur,
      perUserEur: r.api.perUserEur,
      eurPerRequest: r.api.eurPerRequest,
      routes: r.api.routes.map((x) => ({ route: x.label, modelId: x.modelId ?? null, share: x.share, cached: x.cached, eurPerRequest: x.eurPerRequest, monthlyEur: x.monthlyEur }))
    },
    selfHosted: {
      fits: r.selfHosted.fits,
      reason: r.selfHosted.reason ?? null,
      server: full.resolved.selfHosted.server.name,
      model: full.resolved.selfHosted.model.name,
      capacityMethod: c.method,
      measuredSource: c.measuredSource ?? null,
      monthlyEur: r.selfHosted.monthlyEur,
      perUserEur: r.selfHosted.perUserEur,
      servers: r.selfHosted.servers,
      streamsPerServer: r.selfHosted.streamsPerServer,
      streamsFit: c.streamsFit,
      tokensPerSecPerStream: r.selfHosted.tokensPerSecPerStream,
      requestsPerHourPerServer: c.requestsPerHour,
      peakRequestsPerHour: r.selfHosted.peakRequestsPerHour
    },
    breakEvenUsers: r.breakEvenUsers,
    breakEvenReason: r.breakEvenReason ?? null,
    sharedPool: r.sharedPool,
    margins: full.margins,
    budgetPlan: full.budget,
    verdict: full.verdict,
    rechenweg: full.steps
  };
}
