// Compliance guard: a suite that contains personal data must not go to a tier-3 route (third
// country without adequate safeguards) unless the user explicitly allows it; the override is audited.

export class ComplianceGuardError extends Error {
  readonly exitCode = 2;
  readonly code = 'compliance_guard';
  constructor(message: string) {
    super(message);
    this.name = 'ComplianceGuardError';
  }
}

export interface GuardInput {
  suiteId: string;
  personalData: boolean;
  targetId: string;
  tier?: number;
  allowThirdCountry?: boolean;
}

/** Returns 'override' when the rule applied but was explicitly allowed; throws when it blocks. */
export function checkComplianceGuard(g: GuardInput): 'ok' | 'override' {
  if (!g.personalData || g.tier !== 3) return 'ok';
  if (g.allowThirdCountry) return 'override';
  throw new ComplianceGuardError(
    `Die Suite "${g.suiteId}" enthält personenbezogene Daten; das Ziel "${g.targetId}" ist ein Drittland-Ziel (Tier 3) und ist dafür gesperrt. ` +
      `Nur mit --allow-third-country (wird im Audit-Log vermerkt). / Suite "${g.suiteId}" contains personal data; target "${g.targetId}" is tier 3 (third country) and is refused unless --allow-third-country is given (audited).`
  );
}
