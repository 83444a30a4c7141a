// Property tests for the hard compliance rules: over all shipped profiles × personal data, and over
// random custom profiles on random subsets of the catalog's routes — no tier 3 anywhere in a chain
// with personal data, the chain stays inside the allowed tiers, and profiles needing BSI C5 or
// on-premise (behörde, kritis, sovereign and any custom one) never get tier 2.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadCatalog } from '../../src/lib/server/catalog';
import { catalogSchema, type Catalog, type Tier } from '../../src/lib/core/catalog';
import { effectiveTiers, recommend } from '../../src/lib/core/compliance';
import { projectRoot } from '../helpers/app';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ rootDir: projectRoot });
});

function assertHardRules(c: Catalog, profileId: string, personalData: boolean) {
  const profile = c.profiles.find((p) => p.id === profileId)!;
  const r = recommend(c, { profileId, personalData });
  const chain = r.primary ? [r.primary, ...r.fallbackChain] : [];
  const allowedSet = new Set(r.allowed.map((a) => a.route));
  const allowedTiers = new Set<Tier>([...profile.allowedTiers, ...(personalData ? [] : profile.allowedTiersWithoutPersonalData)]);
  const needsC5OrOnPrem = profile.requireOnPremise || profile.requiredCertifications.some((x) => x.toLowerCase().replace(/\s/g, '') === 'bsic5');
  for (const step of chain) {
    if (personalData) expect(step.tier, `${profileId}: ${step.route}`).not.toBe(3);
    expect(allowedSet.has(step.route), `${profileId}: ${step.route} not in allowed`).toBe(true);
    expect(allowedTiers.has(step.tier), `${profileId}: tier ${step.tier} outside the profile`).toBe(true);
    if (needsC5OrOnPrem) expect(step.tier, `${profileId}: ${step.route}`).not.toBe(2);
  }
  for (const a of r.allowed) {
    if (personalData) expect(a.tier).not.toBe(3);
    if (needsC5OrOnPrem) expect(a.tier).not.toBe(2);
    if (profile.requireOnPremise) expect(c.providers.find((p) => p.id === a.provider)!.onPremise).toBe(true);
    expect(effectiveTiers(profile, personalData)).toContain(a.tier);
  }
  return r;
}

describe('hard rules on the shipped profiles', () => {
  it('hold for every profile × personal data (exhaustive) and every profile has a primary route', () => {
    fc.assert(
      fc.property(fc.constantFrom(...catalog.profiles.map((p) => p.id)), fc.boolean(), (profileId, personalData) => {
        const r = assertHardRules(catalog, profileId, personalData);
        expect(r.primary).not.toBeNull();
      }),
      { numRuns: 64 }
    );
    for (const id of ['behoerde', 'kritis', 'sovereign'])
      for (const pd of [true, false]) expect(recommend(catalog, { profileId: id, personalData: pd }).allowed.some((a) => a.tier === 2)).toBe(false);
  });
});

describe('hard rules on random custom profiles and catalog subsets', () => {
  const tierArb = fc.constantFrom<Tier>(1, 2, 3, 4);
  const profileArb = fc.record({
    allowedTiers: fc.uniqueArray(tierArb, { minLength: 1, maxLength: 4 }),
    allowedTiersWithoutPersonalData: fc.uniqueArray(tierArb, { maxLength: 4 }),
    requiredCertifications: fc.subarray(['BSI C5', 'ISO 27001', 'bsi-c5', 'HDS']),
    requireOnPremise: fc.boolean(),
    excludedOrigins: fc.subarray(['US', 'CN', 'FR']),
    tierPreference: fc.option(fc.uniqueArray(tierArb, { minLength: 1, maxLength: 4 }), { nil: undefined })
  });

  it('never put tier 3 in a chain with personal data nor leave the allowed tiers', () => {
    fc.assert(
      fc.property(profileArb, fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (p, personalData, seed) => {
        // random subset of the routes (about half), always with all providers
        const models = catalog.models.filter((_, i) => ((seed >>> (i % 31)) & 1) === 1 || i % 7 === seed % 7);
        const preferredProviders = catalog.providers.filter((_, i) => (seed >>> i) & 1).map((x) => x.id);
        const c = catalogSchema.parse({
          ...catalog,
          models,
          profiles: [{ id: 'zufall', name: 'Zufall', description: 'x', reasons: ['x'], source: 'fast-check', preferredProviders, ...p }]
        });
        assertHardRules(c, 'zufall', personalData);
      }),
      { numRuns: 300 }
    );
  });
});
