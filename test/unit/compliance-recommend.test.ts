// recommend(): the profile rules on the shipped catalog — Kanzlei with personal data only tiers 1
// and 4, KMU Standard recommends Bedrock EU first, Behörde never tier 2 and only C5 providers,
// Sovereign excludes US/CN model origins — and the hard rules for custom profiles.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lib/server/catalog';
import { getRoute, mergeCatalog, type Catalog } from '../../src/lib/core/catalog';
import { effectiveTiers, recommend, UnknownProfileError } from '../../src/lib/core/compliance';
import { projectRoot } from '../helpers/app';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ rootDir: projectRoot });
});

const chainOf = (r: ReturnType<typeof recommend>) => [r.primary!, ...r.fallbackChain];

describe('recommend on the shipped profiles', () => {
  it('offers all 8 profiles of the decision matrix', () => {
    expect(catalog.profiles.map((p) => p.id).sort()).toEqual(['arztpraxis', 'behoerde', 'ecommerce', 'finanz', 'kanzlei', 'kmu-standard', 'kritis', 'sovereign']);
  });

  it('kanzlei with personal data: only tier 1 and 4 routes, anywhere', () => {
    const r = recommend(catalog, { profileId: 'kanzlei', personalData: true });
    expect(r.allowedTiers.sort()).toEqual([1, 4]);
    expect(r.allowed.length).toBeGreaterThan(3);
    for (const a of [...r.allowed, ...chainOf(r)]) expect([1, 4]).toContain(a.tier);
    expect(r.excluded.find((e) => e.route === 'bedrock-eu/claude-sonnet-4-6')?.reasons.join(' ')).toMatch(/Tier 2.*nur ohne personenbezogene Daten/);
    expect(r.excluded.find((e) => e.route === 'anthropic/claude-sonnet-4-6')?.reasons.join(' ')).toMatch(/Tier 3/);
  });

  it('kanzlei without personal data may also use tier 2, still never tier 3', () => {
    const r = recommend(catalog, { profileId: 'kanzlei', personalData: false });
    expect(r.allowed.some((a) => a.tier === 2)).toBe(true);
    expect(r.allowed.some((a) => a.tier === 3)).toBe(false);
  });

  it('kmu-standard recommends a Bedrock EU route first, with and without personal data', () => {
    for (const personalData of [true, false]) {
      const r = recommend(catalog, { profileId: 'kmu-standard', personalData });
      expect(r.primary?.route).toMatch(/^bedrock-eu\//);
      expect(getRoute(catalog, r.primary!.route)!.providerModelId).toMatch(/^eu\./);
      expect(r.primary?.tier).toBe(2);
    }
  });

  it('kmu-standard names the sub-processors of every provider in its chain, and only those', () => {
    const r = recommend(catalog, { profileId: 'kmu-standard', personalData: true });
    const providers = [...new Set(chainOf(r).map((c) => c.provider))];
    expect(r.subProcessorsByProvider.map((g) => g.provider)).toEqual(providers);
    const expected = [...new Set(providers.flatMap((p) => catalog.providers.find((x) => x.id === p)!.subProcessors))];
    expect(r.subProcessors).toEqual(expected);
    expect(r.subProcessors.some((s) => s.includes('Amazon Web Services EMEA'))).toBe(true);
  });

  it('behoerde: no tier 2 even though AWS/Azure/Google hold C5; tier-1 providers without C5 are excluded with the reason', () => {
    const r = recommend(catalog, { profileId: 'behoerde', personalData: false });
    expect(r.allowed.every((a) => a.tier === 1 || a.tier === 4)).toBe(true);
    for (const a of r.allowed.filter((x) => x.tier === 1)) expect(catalog.providers.find((p) => p.id === a.provider)!.certifications).toContain('BSI C5');
    expect(r.excluded.find((e) => e.route === 'mistral/mistral-large-latest')?.reasons.join(' ')).toMatch(/Fehlende Nachweise.*BSI C5/);
    expect(r.excluded.find((e) => e.route === 'azure-openai/gpt-5')?.reasons.join(' ')).toMatch(/Tier 2 ist für dieses Profil ausgeschlossen/);
  });

  it('sovereign: on-premise only and no US or Chinese model origins', () => {
    const r = recommend(catalog, { profileId: 'sovereign', personalData: true });
    expect(r.primary).not.toBeNull();
    for (const a of r.allowed) {
      expect(a.tier).toBe(4);
      const route = getRoute(catalog, a.route)!;
      const origin = route.openModel ? catalog.openModels.find((m) => m.id === route.openModel)!.origin : route.modelOrigin;
      expect(['US', 'CN']).not.toContain(origin);
    }
    expect(r.excluded.find((e) => e.route === 'ollama/qwen-2.5-72b')?.reasons.join(' ')).toMatch(/Modellherkunft CN/);
  });

  it('never recommends synthetic test shapes or deprecated routes', () => {
    for (const p of catalog.profiles) {
      const r = recommend(catalog, { profileId: p.id, personalData: false });
      expect(r.allowed.some((a) => a.route.includes('tiny-test') || a.route.includes('small-309m'))).toBe(false);
      expect(r.allowed.some((a) => a.route === 'aleph-alpha/luminous-extended')).toBe(false);
    }
  });

  it('the fallback chain prefers other providers than the primary and has no duplicates', () => {
    const r = recommend(catalog, { profileId: 'kanzlei', personalData: true });
    const routes = chainOf(r).map((c) => c.route);
    expect(new Set(routes).size).toBe(routes.length);
    expect(r.fallbackChain[0].provider).not.toBe(r.primary!.provider);
    expect(r.fallbackChain.length).toBe(3);
  });

  it('gives German reasons and throws for an unknown profile', () => {
    const r = recommend(catalog, { profileId: 'arztpraxis', personalData: true });
    expect(r.reasons.join(' ')).toMatch(/Art\. 9 DSGVO/);
    expect(r.reasons.some((x) => x.startsWith('Empfohlene Route:'))).toBe(true);
    expect(() => recommend(catalog, { profileId: 'gibtsnicht', personalData: false })).toThrow(UnknownProfileError);
  });
});

describe('hard rules hold for custom profiles', () => {
  const custom = (p: Record<string, unknown>) =>
    mergeCatalog(catalog, { profiles: [{ id: 'eigen', name: 'Eigen', description: 'Test', reasons: ['Test'], source: 'Kunde', ...p }] });

  it('a profile allowing only tier 3 gets nothing with personal data, and tier 3 without', () => {
    const c = custom({ allowedTiers: [3] });
    const withPd = recommend(c, { profileId: 'eigen', personalData: true });
    expect(withPd.primary).toBeNull();
    expect(withPd.allowed).toEqual([]);
    expect(withPd.reasons.join(' ')).toMatch(/Keine Route/);
    const noPd = recommend(c, { profileId: 'eigen', personalData: false });
    expect(noPd.primary?.tier).toBe(3);
  });

  it('a profile requiring BSI C5 or on-premise never gets tier 2, even if it lists it', () => {
    expect(effectiveTiers(custom({ allowedTiers: [2, 1], requiredCertifications: ['BSI C5'] }).profiles.find((p) => p.id === 'eigen')!, false)).toEqual([1]);
    const r = recommend(custom({ allowedTiers: [2, 4], requireOnPremise: true }), { profileId: 'eigen', personalData: false });
    expect(r.allowed.every((a) => a.tier === 4)).toBe(true);
    expect(r.primary?.tier).toBe(4);
  });

  it('custom profiles come from the override file and follow its preferred routes', () => {
    const c = custom({ allowedTiers: [1, 2], preferredRoutes: ['openai-compatible/scaleway/llama-3.3-70b'] });
    expect(recommend(c, { profileId: 'eigen', personalData: true }).primary?.route).toBe('openai-compatible/scaleway/llama-3.3-70b');
  });
});
