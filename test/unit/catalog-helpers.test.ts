// Catalog helpers: open model + quantisation resolution, EUR conversion, merging user overrides
// (partial entries, new entries, wrong types named by path) and cross-reference checks.
import { describe, expect, it } from 'vitest';
import {
  CatalogValidationError,
  catalogSchema,
  checkCatalogReferences,
  getRoute,
  mergeCatalog,
  priceInEur,
  resolveOpenModelQuant,
  type Catalog,
  type Price
} from '../../src/lib/core/catalog';

const base: Catalog = catalogSchema.parse({
  providers: [
    {
      id: 'bedrock-eu',
      name: 'Bedrock EU',
      legalEntity: 'AWS EMEA SARL',
      seat: 'Luxemburg',
      jurisdiction: 'US',
      regions: ['eu-central-1'],
      cloudActExposure: 'residual',
      contract: { dpa: true, sccRequired: true },
      subProcessors: ['AWS'],
      certifications: ['BSI C5'],
      tier: 2,
      sources: [{ source: 'test', asOf: '2026-01-01' }]
    }
  ],
  models: [
    {
      id: 'bedrock-eu/claude-sonnet-4-6',
      provider: 'bedrock-eu',
      name: 'Sonnet',
      providerModelId: 'eu.anthropic.claude-sonnet-4-6',
      contextWindow: 200000,
      price: { currency: 'USD', inputPerMTok: 3.3, outputPerMTok: 16.5, cacheReadPerMTok: 0.33, source: 'LiteLLM', asOf: '2026-07-24' }
    }
  ],
  openModels: [
    {
      id: 'mistral-7b',
      name: 'Mistral 7B',
      paramsB: 7.25,
      activeParamsB: 7.25,
      layers: 32,
      hiddenSize: 4096,
      ffnSize: 14336,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      vocabSize: 32768,
      contextLength: 32768,
      ggufGb: { q4_k_m: 4.37 },
      licence: 'Apache-2.0',
      origin: 'FR',
      vendor: 'Mistral AI',
      source: 'test',
      asOf: '2026-01-01'
    },
    {
      id: 'llama-3.1-8b',
      name: 'Llama 3.1 8B',
      paramsB: 8,
      activeParamsB: 8,
      layers: 32,
      hiddenSize: 4096,
      ffnSize: 14336,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      vocabSize: 128256,
      contextLength: 131072,
      licence: 'Llama',
      origin: 'US',
      vendor: 'Meta',
      source: 'test',
      asOf: '2026-01-01'
    }
  ]
});

describe('resolveOpenModelQuant', () => {
  it('splits <open model id>-<quant> and uses the catalog GGUF size when known', () => {
    const r = resolveOpenModelQuant(base, 'mistral-7b-q4_k_m');
    expect(r?.model.id).toBe('mistral-7b');
    expect(r?.quant).toBe('q4_k_m');
    expect(r?.weightGb).toBe(4.37);
    expect(r?.weightFromCatalog).toBe(true);
  });

  it('estimates the size from params × bits per weight when the catalog has none, also for ids with dots', () => {
    const r = resolveOpenModelQuant(base, 'llama-3.1-8b-q8_0');
    expect(r?.model.id).toBe('llama-3.1-8b');
    expect(r?.bitsPerWeight).toBe(8.5);
    expect(r?.weightGb).toBeCloseTo((8 * 8.5) / 8, 6);
    expect(r?.weightFromCatalog).toBe(false);
  });

  it('accepts a bare open model id (default quant) and rejects unknown models or quants', () => {
    expect(resolveOpenModelQuant(base, 'mistral-7b')?.quant).toBe('q4_k_m');
    expect(resolveOpenModelQuant(base, 'mistral-7b', 'f16')?.weightGb).toBeCloseTo(7.25 * 2, 6);
    expect(resolveOpenModelQuant(base, 'mistral-7b-q3_k_s')).toBeUndefined();
    expect(resolveOpenModelQuant(base, 'gpt-5-q4_0')).toBeUndefined();
  });
});

describe('priceInEur', () => {
  const usd: Price = { currency: 'USD', inputPerMTok: 3.3, outputPerMTok: 16.5, cacheReadPerMTok: 0.33, regionalPremium: 1, source: 's', asOf: '2026-07-24' };
  it('divides USD by the USD-per-EUR rate and keeps EUR unchanged', () => {
    const e = priceInEur(usd, 1.1637);
    expect(e.inputPerMTok).toBeCloseTo(3.3 / 1.1637, 5);
    expect(e.outputPerMTok).toBeCloseTo(16.5 / 1.1637, 5);
    expect(e.cacheReadPerMTok).toBeCloseTo(0.33 / 1.1637, 5);
    expect(e.cacheWritePerMTok).toBeUndefined();
    const eur = priceInEur({ ...usd, currency: 'EUR' }, 1.1637);
    expect(eur.inputPerMTok).toBe(3.3);
    expect(eur.usdPerEur).toBe(1);
  });
  it('refuses a zero, negative or non-finite rate instead of producing Infinity/NaN', () => {
    expect(() => priceInEur(usd, 0)).toThrow(/usdPerEur/);
    expect(() => priceInEur(usd, -1)).toThrow();
    expect(() => priceInEur(usd, Number.NaN)).toThrow();
  });
});

describe('mergeCatalog', () => {
  it('deep-merges a partial override of an existing route and keeps the other fields', () => {
    const merged = mergeCatalog(base, { models: [{ id: 'bedrock-eu/claude-sonnet-4-6', price: { inputPerMTok: 3.0, source: 'Vertrag', asOf: '2026-11-01' } }] });
    const r = getRoute(merged, 'bedrock-eu/claude-sonnet-4-6')!;
    expect(r.price.inputPerMTok).toBe(3.0);
    expect(r.price.outputPerMTok).toBe(16.5);
    expect(r.price.source).toBe('Vertrag');
    expect(r.providerModelId).toBe('eu.anthropic.claude-sonnet-4-6');
    expect(merged.models).toHaveLength(1);
    // base is untouched
    expect(getRoute(base, 'bedrock-eu/claude-sonnet-4-6')!.price.inputPerMTok).toBe(3.3);
  });

  it('appends new entries and merges fx field by field', () => {
    const merged = mergeCatalog(base, {
      fx: { usdPerEur: 1.1 },
      profiles: [{ id: 'eigen', name: 'Eigen', description: 'd', allowedTiers: [4], reasons: ['r'], source: 'Kunde' }]
    });
    expect(merged.profiles.map((p) => p.id)).toEqual(['eigen']);
    expect(merged.profiles[0].requireOnPremise).toBe(false);
    expect(merged.fx.usdPerEur).toBe(1.1);
    expect(merged.fx.asOf).toBe(base.fx.asOf);
  });

  it('rejects a wrong type with the path in override coordinates', () => {
    try {
      mergeCatalog(base, { models: [{ id: 'bedrock-eu/claude-sonnet-4-6', price: { inputPerMTok: 'teuer' } }] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogValidationError);
      expect((err as CatalogValidationError).issues.map((i) => i.path.join('.'))).toContain('models.0.price.inputPerMTok');
    }
  });

  it('rejects a new entry that is incomplete, an unknown section and duplicate ids', () => {
    expect(() => mergeCatalog(base, { models: [{ id: 'mistral/neu', provider: 'mistral' }] })).toThrow(/models\[0\]\.name/);
    expect(() => mergeCatalog(base, { modells: [] })).toThrow(/unbekannter Abschnitt "modells"/);
    expect(() => mergeCatalog(base, { profiles: [{ id: 'a' }, { id: 'a' }] })).toThrow(/doppelter Eintrag "a"/);
    expect(() => mergeCatalog(base, { fx: { usdPerEur: -2 } })).toThrow(/fx\.usdPerEur/);
  });

  it('rejects NaN and Infinity (YAML .nan / .inf) so they never reach prices or output', () => {
    expect(() => mergeCatalog(base, { fx: { usdPerEur: Number.POSITIVE_INFINITY } })).toThrow(/fx\.usdPerEur: muss eine endliche Zahl sein/);
    expect(() => mergeCatalog(base, { models: [{ id: 'bedrock-eu/claude-sonnet-4-6', price: { inputPerMTok: Number.NaN } }] })).toThrow(/models\[0\]\.price\.inputPerMTok/);
  });

  it('returns the base unchanged for an empty override', () => {
    expect(mergeCatalog(base, null)).toBe(base);
  });
});

describe('checkCatalogReferences', () => {
  it('flags a route whose provider or open model does not exist and a route id with the wrong prefix', () => {
    const merged = mergeCatalog(base, {
      models: [
        { id: 'nirgendwo/x', provider: 'nirgendwo', name: 'x', providerModelId: 'x', contextWindow: 1, price: { currency: 'EUR', inputPerMTok: 0, outputPerMTok: 0, source: 's', asOf: '2026-01-01' } },
        { id: 'falsch/y', provider: 'bedrock-eu', name: 'y', providerModelId: 'y', contextWindow: 1, openModel: 'gibtsnicht', price: { currency: 'EUR', inputPerMTok: 0, outputPerMTok: 0, source: 's', asOf: '2026-01-01' } }
      ]
    });
    const msgs = checkCatalogReferences(merged).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(msgs.some((m) => m.startsWith('models.1.provider') && m.includes('nirgendwo'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('models.2.id'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('models.2.openModel') && m.includes('gibtsnicht'))).toBe(true);
    expect(checkCatalogReferences(base)).toEqual([]);
  });
});
