// Packages and budgets: gross margin per tenant for each package and option (API, dedicated server,
// shared pool), and the per-tenant budget plan (expected monthly tokens and EUR per route, recommended
// budget, anomaly alert at alertFactor × normal daily use) exported as JSON for a gateway.
import type { ResolvedScenario } from './resolve';
import type { SimResult } from './model';

export interface MarginRow {
  package: string;
  eurPerUserMonth: number;
  revenueEur: number;
  options: { option: 'api' | 'dedicated' | 'sharedPool'; costEur: number | null; marginEur: number | null; marginShare: number | null }[];
}

export function margins(s: ResolvedScenario, r: SimResult): MarginRow[] {
  return s.packages.map((p) => {
    const revenueEur = p.eurPerUserMonth * r.users;
    const opt = (option: MarginRow['options'][number]['option'], cost: number | null) => ({
      option,
      costEur: cost,
      marginEur: cost === null ? null : revenueEur - cost,
      marginShare: cost === null || revenueEur === 0 ? null : (revenueEur - cost) / revenueEur
    });
    return { package: p.name, eurPerUserMonth: p.eurPerUserMonth, revenueEur, options: [opt('api', r.api.monthlyEur), opt('dedicated', r.selfHosted.monthlyEur), opt('sharedPool', r.sharedPool.perTenantMonthlyEur)] };
  });
}

export interface BudgetPlan {
  kind: 'werkbank.budget-plan';
  version: 1;
  scenario?: string;
  users: number;
  currency: 'EUR';
  workingDaysPerMonth: number;
  headroom: number;
  alertFactor: number;
  routes: {
    route: string;
    modelId?: string;
    requestsPerMonth: number;
    inputTokensPerMonth: number;
    outputTokensPerMonth: number;
    eurPerMonth: number;
    tokensPerDay: number;
    eurPerDay: number;
    budgetTokensPerMonth: number;
    budgetEurPerMonth: number;
    alertTokensPerDay: number;
    alertEurPerDay: number;
  }[];
  total: { tokensPerMonth: number; eurPerMonth: number; budgetEurPerMonth: number; alertEurPerDay: number };
}

/** Budget plan per tenant; token counts rounded up to whole tokens, EUR to cents. */
export function budgetPlan(s: ResolvedScenario, r: SimResult): BudgetPlan {
  const q = s.request;
  const days = s.tenant.workingDaysPerMonth > 0 ? s.tenant.workingDaysPerMonth : 1;
  const { headroom, alertFactor } = s.budget;
  const cents = (v: number) => Math.round(v * 100) / 100;
  const routes = r.api.routes.map((rc) => {
    const inTok = rc.requestsPerMonth * (q.systemPromptTokens + q.contextTokens + q.userTokens);
    const outTok = rc.requestsPerMonth * q.outputTokens;
    const tokens = inTok + outTok;
    return {
      route: rc.label,
      modelId: rc.modelId,
      requestsPerMonth: Math.round(rc.requestsPerMonth),
      inputTokensPerMonth: Math.ceil(inTok),
      outputTokensPerMonth: Math.ceil(outTok),
      eurPerMonth: cents(rc.monthlyEur),
      tokensPerDay: Math.ceil(tokens / days),
      eurPerDay: cents(rc.monthlyEur / days),
      budgetTokensPerMonth: Math.ceil(tokens * (1 + headroom)),
      budgetEurPerMonth: cents(rc.monthlyEur * (1 + headroom)),
      alertTokensPerDay: Math.ceil((tokens / days) * alertFactor),
      alertEurPerDay: cents((rc.monthlyEur / days) * alertFactor)
    };
  });
  return {
    kind: 'werkbank.budget-plan',
    version: 1,
    scenario: s.name,
    users: r.users,
    currency: 'EUR',
    workingDaysPerMonth: s.tenant.workingDaysPerMonth,
    headroom,
    alertFactor,
    routes,
    total: {
      tokensPerMonth: routes.reduce((a, x) => a + x.inputTokensPerMonth + x.outputTokensPerMonth, 0),
      eurPerMonth: cents(r.api.monthlyEur),
      budgetEurPerMonth: cents(r.api.monthlyEur * (1 + headroom)),
      alertEurPerDay: cents((r.api.monthlyEur / days) * alertFactor)
    }
  };
}
