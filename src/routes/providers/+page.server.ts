// /providers (Anbieter): every route of the merged catalog with its provider's legal facts and the
// price in EUR. Filtering happens in the browser; the server only loads and flattens the catalog.
import type { PageServerLoad } from './$types';
import { getServerConfig } from '$lib/server/context';
import { loadCatalog, CatalogError } from '$lib/server/catalog';
import { listRoutes } from '$lib/core/catalog';

export const load: PageServerLoad = async () => {
  const config = getServerConfig();
  try {
    const catalog = await loadCatalog({ rootDir: config.rootDir, overridePath: config.catalogOverridePath });
    const routes = listRoutes(catalog).map((r) => ({
      id: r.id,
      name: r.name,
      tier: r.tier ?? null,
      provider: r.provider,
      providerName: r.providerName ?? r.provider,
      providerModelId: r.providerModelId,
      region: r.region,
      jurisdiction: r.jurisdiction ?? null,
      cloudActExposure: r.cloudActExposure ?? null,
      certifications: r.certifications,
      onPremise: r.onPremise,
      contextWindow: r.contextWindow,
      currency: r.price.currency,
      price: {
        inputPerMTok: r.price.inputPerMTok,
        outputPerMTok: r.price.outputPerMTok,
        cacheReadPerMTok: r.price.cacheReadPerMTok ?? null,
        batchPriceFactor: r.price.batchPriceFactor ?? null
      },
      priceEur: {
        inputPerMTok: r.priceEur.inputPerMTok,
        outputPerMTok: r.priceEur.outputPerMTok,
        cacheReadPerMTok: r.priceEur.cacheReadPerMTok ?? null
      },
      source: r.price.source,
      asOf: r.price.asOf,
      notes: r.price.notes ?? null,
      placeholder: r.price.placeholder ?? false,
      alternativePrices: r.alternativePrices.map((a) => ({ currency: a.currency, inputPerMTok: a.inputPerMTok, outputPerMTok: a.outputPerMTok, source: a.source, asOf: a.asOf, reason: a.reason })),
      deprecated: r.deprecated,
      deprecationDate: r.deprecationDate ?? null
    }));
    const providers = catalog.providers.map((p) => ({
      id: p.id,
      name: p.name,
      tier: p.tier,
      legalEntity: p.legalEntity,
      seat: p.seat,
      jurisdiction: p.jurisdiction,
      cloudActExposure: p.cloudActExposure,
      dpa: p.contract.dpa,
      sccRequired: p.contract.sccRequired,
      contractNotes: p.contract.notes ?? null,
      subProcessors: p.subProcessors,
      certifications: p.certifications,
      onPremise: p.onPremise,
      notes: p.notes ?? null,
      sources: p.sources
    }));
    return { routes, providers, fx: catalog.fx, overridePath: config.catalogOverridePath ?? null, error: null };
  } catch (err) {
    if (err instanceof CatalogError) return { routes: [], providers: [], fx: null, overridePath: config.catalogOverridePath ?? null, error: err.message };
    throw err;
  }
};
