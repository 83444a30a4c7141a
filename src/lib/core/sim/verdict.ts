// Verdict on the strategy paper's two claims under a scenario: (1) self-hosting pays from about 15–25
// active users per tenant; (2) caching + routing bring API cost to 1.25–3.50 EUR per user and month.
import type { ResolvedScenario } from './resolve';
import type { SimResult } from './model';

export type ClaimStatus = 'holds' | 'roughly' | 'fails' | 'unknown';

export interface ClaimVerdict {
  id: 'self-hosting-break-even' | 'api-cost-per-user';
  claim: string;
  range: [number, number];
  value: number | null;
  unit: string;
  status: ClaimStatus;
  explanation: string;
}

export const PAPER_CLAIMS = {
  breakEvenActiveUsers: [15, 25] as [number, number],
  apiEurPerUserMonth: [1.25, 3.5] as [number, number]
};

/** holds: inside the range; roughly: within ±50% of its ends; fails otherwise. */
export function rate(value: number | null, [lo, hi]: [number, number]): ClaimStatus {
  if (value === null || !Number.isFinite(value)) return 'unknown';
  if (value >= lo && value <= hi) return 'holds';
  if (value >= lo * 0.5 && value <= hi * 1.5) return 'roughly';
  return 'fails';
}

const n = (v: number, d = 2) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: d }).format(v);

export function verdict(s: ResolvedScenario, r: SimResult): ClaimVerdict[] {
  const activeBE = r.breakEvenUsers === null ? null : r.breakEvenUsers * s.tenant.activeShare;
  const c1 = PAPER_CLAIMS.breakEvenActiveUsers;
  const st1 = r.breakEvenUsers === null ? 'fails' : rate(activeBE, c1);
  const c2 = PAPER_CLAIMS.apiEurPerUserMonth;
  const st2 = rate(r.api.perUserEur, c2);
  return [
    {
      id: 'self-hosting-break-even',
      claim: 'Selbst betreiben lohnt sich ab etwa 15–25 aktiven Nutzern je Mandant',
      range: c1,
      value: activeBE,
      unit: 'aktive Nutzer',
      status: st1,
      explanation:
        (r.breakEvenUsers === null
          ? `Unter diesen Annahmen lohnt sich der eigene Server nie (${r.breakEvenReason ?? 'kein Break-even'}).`
          : `Break-even bei ${n(r.breakEvenUsers, 0)} Nutzern = ${n(activeBE!, 1)} aktiven Nutzern (aktiver Anteil ${n(s.tenant.activeShare)}).`) +
        (r.sharedPool.breakEvenUsers === null
          ? ` Auch im geteilten Pool (${r.sharedPool.tenants} Mandanten) kein Break-even.`
          : ` Im geteilten Pool (${r.sharedPool.tenants} Mandanten): ${n(r.sharedPool.breakEvenUsers, 0)} Nutzer je Mandant = ${n(r.sharedPool.breakEvenUsers * s.tenant.activeShare, 1)} aktive.`)
    },
    {
      id: 'api-cost-per-user',
      claim: 'Caching und Routing senken die API-Kosten auf 1,25–3,50 EUR je Nutzer und Monat',
      range: c2,
      value: r.api.perUserEur,
      unit: 'EUR je Nutzer und Monat',
      status: st2,
      explanation: `API-Kosten ${n(r.api.perUserEur)} EUR je Nutzer und Monat (${n(r.api.monthlyEur)} EUR für ${n(r.users, 0)} Nutzer).`
    }
  ];
}
