// /recommend (Empfehlung): GET form (profile, personal data yes/no) → recommendation from the
// compliance core with reasons, fallback chain and AVV sub-processors. Input validated with zod.
import * as z from 'zod';
import type { PageServerLoad } from './$types';
import { getServerConfig } from '$lib/server/context';
import { loadCatalog, CatalogError } from '$lib/server/catalog';
import { recommend } from '$lib/core/compliance';

const querySchema = z.object({
  profile: z.string().trim().regex(/^[a-z0-9-]{1,64}$/, 'Bitte ein Profil wählen').optional(),
  personalData: z.enum(['ja', 'nein']).default('ja')
});

export const load: PageServerLoad = async ({ url }) => {
  const config = getServerConfig();
  let catalog;
  try {
    catalog = await loadCatalog({ rootDir: config.rootDir, overridePath: config.catalogOverridePath });
  } catch (err) {
    if (err instanceof CatalogError) return { profiles: [], selected: null, personalData: true, recommendation: null, fieldError: null, catalogError: err.message, today: new Date().toISOString().slice(0, 10) };
    throw err;
  }
  const profiles = catalog.profiles.map((p) => ({ id: p.id, name: p.name, description: p.description }));
  const today = new Date().toISOString().slice(0, 10);
  const parsed = querySchema.safeParse({ profile: url.searchParams.get('profile') || undefined, personalData: url.searchParams.get('personalData') || undefined });
  if (!parsed.success) {
    return { profiles, selected: null, personalData: true, recommendation: null, fieldError: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), catalogError: null, today };
  }
  const { profile, personalData } = parsed.data;
  const pd = personalData === 'ja';
  if (!profile) return { profiles, selected: null, personalData: pd, recommendation: null, fieldError: null, catalogError: null, today };
  if (!profiles.some((p) => p.id === profile)) {
    return { profiles, selected: null, personalData: pd, recommendation: null, fieldError: `Unbekanntes Profil „${profile}“`, catalogError: null, today };
  }
  const rec = recommend(catalog, { profileId: profile, personalData: pd, today });
  return {
    profiles,
    selected: profile,
    personalData: pd,
    recommendation: {
      ...rec,
      allowed: rec.allowed.map((a) => ({ route: a.route, name: a.name, tier: a.tier, providerName: a.providerName, region: a.region, inputEur: a.priceEur.inputPerMTok, outputEur: a.priceEur.outputPerMTok }))
    },
    fieldError: null,
    catalogError: null,
    today
  };
};
