// Compliance rules and route recommendation per customer profile. Pure functions over the catalog:
// which routes a profile may use (with German reasons for every exclusion), the ranked list, the
// recommended primary route, a fallback chain that never leaves the allowed tiers, and the
// sub-processors the customer's AVV must name.
//
// Hard rules (enforced here, whatever a profile — including a custom one — says):
//   1. With personal data no route of tier 3 (US-direct API) is allowed anywhere.
//   2. A profile that requires BSI C5 or on-premise operation never gets a tier-2 route.
//   3. Primary and fallbacks are taken only from the allowed routes.
import {
  blendedEurPerMTok,
  getProvider,
  priceInEur,
  type Catalog,
  type ModelRoute,
  type PriceEur,
  type Profile,
  type Provider,
  type Tier
} from '../catalog';

export const tierLabels: Record<Tier, string> = {
  1: 'Tier 1 – EU-nativer Anbieter',
  2: 'Tier 2 – US-Anbieter mit EU-Rechenzentrum',
  3: 'Tier 3 – US-Direkt-API',
  4: 'Tier 4 – Eigenbetrieb (self-hosted)'
};

export interface RecommendOptions {
  profileId: string;
  personalData: boolean;
  /** Maximum length of the fallback chain (default 3). */
  maxFallbacks?: number;
  /** Today's date (YYYY-MM-DD) for deprecation warnings; omitted → no date checks. */
  today?: string;
}

export interface RouteRef {
  route: string;
  tier: Tier;
  provider: string;
  name: string;
}

export interface AllowedRoute extends RouteRef {
  providerName: string;
  region: string;
  priceEur: PriceEur;
  /** Blended EUR per 1M tokens (3 input : 1 output), the price used for ranking. */
  blendedEurPerMTok: number;
  warnings: string[];
}

export interface ExcludedRoute {
  route: string;
  tier: Tier | null;
  provider: string;
  reasons: string[];
}

export interface SubProcessorGroup {
  provider: string;
  providerName: string;
  subProcessors: string[];
}

export interface Recommendation {
  profile: string;
  profileName: string;
  personalData: boolean;
  /** Tiers this profile may use with this personal-data setting, after the hard rules. */
  allowedTiers: Tier[];
  primary: RouteRef | null;
  fallbackChain: RouteRef[];
  allowed: AllowedRoute[];
  excluded: ExcludedRoute[];
  subProcessors: string[];
  subProcessorsByProvider: SubProcessorGroup[];
  reasons: string[];
  warnings: string[];
}

/** The profile id is not in the catalog (CLI: exit 2). */
export class UnknownProfileError extends Error {
  readonly profileId: string;
  readonly known: string[];
  constructor(profileId: string, known: string[]) {
    super(`unbekanntes Profil "${profileId}" (bekannt: ${known.join(', ')})`);
    this.name = 'UnknownProfileError';
    this.profileId = profileId;
    this.known = known;
  }
}

export function getProfile(catalog: Catalog, id: string): Profile | undefined {
  return catalog.profiles.find((p) => p.id === id);
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

function requiresC5(profile: Profile): boolean {
  return profile.requiredCertifications.some((c) => norm(c) === 'bsic5');
}

/** Tiers a profile may use, after the hard rules (personal data → no tier 3; C5/on-prem → no tier 2). */
export function effectiveTiers(profile: Profile, personalData: boolean): Tier[] {
  const set: Tier[] = [];
  for (const t of [...profile.allowedTiers, ...(personalData ? [] : profile.allowedTiersWithoutPersonalData)]) if (!set.includes(t)) set.push(t);
  return set.filter((t) => !(personalData && t === 3) && !(t === 2 && (requiresC5(profile) || profile.requireOnPremise)));
}

function originOf(catalog: Catalog, route: ModelRoute): string | undefined {
  if (route.openModel) return catalog.openModels.find((m) => m.id === route.openModel)?.origin ?? route.modelOrigin;
  return route.modelOrigin;
}

/** Why a route is not allowed for the profile (empty = allowed). German, one reason per rule. */
export function exclusionReasons(catalog: Catalog, profile: Profile, route: ModelRoute, personalData: boolean): string[] {
  const reasons: string[] = [];
  const provider = getProvider(catalog, route.provider);
  if (!provider) return [`Anbieter "${route.provider}" fehlt im Katalog`];
  const tiers = effectiveTiers(profile, personalData);
  const t = provider.tier;
  if (!tiers.includes(t)) {
    if (t === 3 && personalData) reasons.push('Tier 3 (US-Direkt-API) ist mit personenbezogenen Daten nie zulässig (Drittlandtransfer, CLOUD Act).');
    else if (t === 2 && (requiresC5(profile) || profile.requireOnPremise))
      reasons.push(`Tier 2 ist für dieses Profil ausgeschlossen: es verlangt ${profile.requireOnPremise ? 'On-Premise-Betrieb' : 'BSI C5'} und keine US-Anbieter.`);
    else if (!personalData || !profile.allowedTiersWithoutPersonalData.includes(t)) reasons.push(`${tierLabels[t]} ist im Profil nicht zugelassen.`);
    else reasons.push(`${tierLabels[t]} ist nur ohne personenbezogene Daten zugelassen.`);
  }
  if (profile.requireOnPremise && !provider.onPremise) reasons.push('Das Profil verlangt Betrieb auf eigener Hardware (On-Premise).');
  if (!provider.onPremise) {
    const have = new Set(provider.certifications.map(norm));
    const missing = profile.requiredCertifications.filter((c) => !have.has(norm(c)));
    if (missing.length) reasons.push(`Fehlende Nachweise beim Anbieter: ${missing.join(', ')}.`);
  }
  const origin = originOf(catalog, route);
  if (origin && profile.excludedOrigins.some((o) => norm(o) === norm(origin))) reasons.push(`Modellherkunft ${origin} ist für dieses Profil ausgeschlossen.`);
  if (route.deprecated) reasons.push('Route ist abgekündigt.');
  const om = route.openModel ? catalog.openModels.find((m) => m.id === route.openModel) : undefined;
  if (om?.synthetic) reasons.push('Synthetisches Testmodell – nur Geschwindigkeit, keine Qualität.');
  return reasons;
}

function routeWarnings(route: ModelRoute, provider: Provider, today?: string): string[] {
  const w: string[] = [];
  if (route.price.placeholder) w.push(`Preis ist ein Platzhalter (${route.price.source}) – Vertragspreis im Katalog überschreiben.`);
  if (route.deprecationDate) {
    if (today && route.deprecationDate <= today) w.push(`Laut Quelle seit ${route.deprecationDate} abgekündigt – Verfügbarkeit prüfen.`);
    else w.push(`Abkündigung angekündigt zum ${route.deprecationDate}.`);
  }
  if (provider.cloudActExposure === 'residual') w.push('CLOUD-Act-Restrisiko (Konzernmutter oder Unterauftragnehmer in den USA).');
  return w;
}

function rankKey(profile: Profile, tiers: Tier[], r: AllowedRoute): (number | string)[] {
  const idx = (list: readonly (string | number)[], v: string | number) => {
    const i = list.indexOf(v);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const tierOrder = (profile.tierPreference ?? tiers).filter((t) => tiers.includes(t));
  return [idx(profile.preferredRoutes, r.route), idx(profile.preferredProviders, r.provider), idx(tierOrder, r.tier), r.blendedEurPerMTok, r.route];
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (a[i] as number) - (b[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return 0;
}

const ref = (r: AllowedRoute): RouteRef => ({ route: r.route, tier: r.tier, provider: r.provider, name: r.name });

/** Recommend routes for a customer profile. Throws UnknownProfileError for an unknown id. */
export function recommend(catalog: Catalog, opts: RecommendOptions): Recommendation {
  const profile = getProfile(catalog, opts.profileId);
  if (!profile) throw new UnknownProfileError(opts.profileId, catalog.profiles.map((p) => p.id));
  const personalData = opts.personalData;
  const tiers = effectiveTiers(profile, personalData);
  const allowed: AllowedRoute[] = [];
  const excluded: ExcludedRoute[] = [];
  for (const route of catalog.models) {
    const provider = getProvider(catalog, route.provider);
    const reasons = exclusionReasons(catalog, profile, route, personalData);
    if (reasons.length || !provider) {
      excluded.push({ route: route.id, tier: provider?.tier ?? null, provider: route.provider, reasons });
      continue;
    }
    allowed.push({
      route: route.id,
      tier: provider.tier,
      provider: provider.id,
      name: route.name,
      providerName: provider.name,
      region: route.region ?? provider.regions.join(', '),
      priceEur: priceInEur(route.price, catalog.fx.usdPerEur),
      blendedEurPerMTok: blendedEurPerMTok(route.price, catalog.fx.usdPerEur),
      warnings: routeWarnings(route, provider, opts.today)
    });
  }
  allowed.sort((a, b) => compareKeys(rankKey(profile, tiers, a), rankKey(profile, tiers, b)));

  const primary = allowed[0];
  const maxFallbacks = Math.max(0, opts.maxFallbacks ?? 3);
  const chain: AllowedRoute[] = [];
  if (primary) {
    // Prefer other providers first (a provider outage should not take the fallback down too).
    const usedProviders = new Set([primary.provider]);
    for (const r of allowed.slice(1)) {
      if (chain.length >= maxFallbacks) break;
      if (!usedProviders.has(r.provider)) {
        chain.push(r);
        usedProviders.add(r.provider);
      }
    }
    for (const r of allowed.slice(1)) {
      if (chain.length >= maxFallbacks) break;
      if (!chain.includes(r)) chain.push(r);
    }
  }

  const chainRoutes = primary ? [primary, ...chain] : [];
  const groups: SubProcessorGroup[] = [];
  for (const r of chainRoutes) {
    if (groups.some((g) => g.provider === r.provider)) continue;
    const p = getProvider(catalog, r.provider)!;
    groups.push({ provider: p.id, providerName: p.name, subProcessors: [...p.subProcessors] });
  }
  const subProcessors = [...new Set(groups.flatMap((g) => g.subProcessors))];

  const reasons: string[] = [...profile.reasons];
  reasons.push(
    personalData
      ? 'Mit personenbezogenen Daten: US-Direkt-APIs (Tier 3) sind ausgeschlossen; die Fallback-Kette bleibt in den erlaubten Tiers.'
      : 'Ohne personenbezogene Daten gelten zusätzlich die nur dafür freigegebenen Tiers des Profils.'
  );
  reasons.push(`Erlaubte Tiers: ${tiers.length ? tiers.map((t) => tierLabels[t]).join('; ') : 'keine'}.`);
  if (profile.requiredCertifications.length) reasons.push(`Externe Anbieter brauchen: ${profile.requiredCertifications.join(', ')} (Eigenbetrieb weist die Anforderungen selbst nach).`);
  if (profile.excludedOrigins.length) reasons.push(`Ausgeschlossene Modellherkunft: ${profile.excludedOrigins.join(', ')}.`);
  if (primary) {
    const why = profile.preferredRoutes.includes(primary.route)
      ? 'im Profil als Standardroute festgelegt'
      : profile.preferredProviders.includes(primary.provider)
        ? 'bevorzugter Anbieter des Profils'
        : 'günstigste zulässige Route';
    reasons.push(`Empfohlene Route: ${primary.route} (${tierLabels[primary.tier]}; ${why}).`);
    if (chain.length) reasons.push(`Fallback-Kette: ${chain.map((c) => c.route).join(' → ')} – alle im erlaubten Bereich.`);
    if (chainRoutes.some((r) => r.tier === 4))
      reasons.push('Eigenbetrieb: Wird der Server bei einem Rechenzentrumsbetreiber gehostet (z. B. Hetzner), ist dieser im AVV als Unterauftragnehmer zu nennen.');
  } else {
    reasons.push('Keine Route im Katalog erfüllt die Anforderungen dieses Profils – Katalog ergänzen (werkbank.catalog.yaml) oder Eigenbetrieb planen.');
  }
  const warnings = [...new Set(chainRoutes.flatMap((r) => r.warnings.map((w) => `${r.route}: ${w}`)))];

  return {
    profile: profile.id,
    profileName: profile.name,
    personalData,
    allowedTiers: tiers,
    primary: primary ? ref(primary) : null,
    fallbackChain: chain.map(ref),
    allowed,
    excluded,
    subProcessors,
    subProcessorsByProvider: groups,
    reasons,
    warnings
  };
}
