// The shipped catalog (datasets/catalog/*.yaml): loads cleanly, covers every provider and route the
// issue names with the right tier, keeps disagreeing prices side by side, and its open-model shapes
// agree with their parameter counts (another helper writes synthetic GGUF files from them).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lib/server/catalog';
import { getRoute, listRoutes, priceInEur, resolveOpenModelQuant, type Catalog } from '../../src/lib/core/catalog';
import { projectRoot } from '../helpers/app';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ rootDir: projectRoot, noCache: true });
});

describe('shipped catalog', () => {
  it('has every provider of the issue with its tier', () => {
    const tiers = Object.fromEntries(catalog.providers.map((p) => [p.id, p.tier]));
    expect(tiers).toMatchObject({
      mistral: 1,
      'aleph-alpha': 1,
      'aleph-alpha/onprem': 4,
      'bedrock-eu': 2,
      bedrock: 3,
      vertex: 2,
      'azure-openai': 2,
      anthropic: 3,
      openai: 3,
      ollama: 4,
      local: 4,
      'openai-compatible/vllm': 4,
      'openai-compatible/stackit': 1,
      'openai-compatible/ionos': 1,
      'openai-compatible/scaleway': 1,
      'openai-compatible/ovhcloud': 1
    });
    for (const p of catalog.providers) expect(catalog.models.some((m) => m.provider === p.id), `${p.id} hat keine Route`).toBe(true);
  });

  it('uses the EU inference profile ids of the reference for Bedrock EU and keeps the global price as an alternative', () => {
    const sonnet = getRoute(catalog, 'bedrock-eu/claude-sonnet-4-6')!;
    expect(sonnet.providerModelId).toBe('eu.anthropic.claude-sonnet-4-6');
    expect(sonnet.price).toMatchObject({ currency: 'USD', inputPerMTok: 3.3, outputPerMTok: 16.5, cacheReadPerMTok: 0.33, cacheWritePerMTok: 4.125, regionalPremium: 1.1 });
    expect(sonnet.alternativePrices.map((a) => a.inputPerMTok)).toContain(3.0);
    const ids = catalog.models.filter((m) => m.provider === 'bedrock-eu').map((m) => m.providerModelId);
    for (const id of ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', 'eu.anthropic.claude-opus-4-5-20251101-v1:0', 'eu.anthropic.claude-opus-4-6-v1', 'eu.anthropic.claude-opus-4-7', 'eu.anthropic.claude-opus-4-8'])
      expect(ids).toContain(id);
    // in-region Frankfurt route as well as the EU cross-region profiles
    expect(catalog.models.some((m) => m.provider === 'bedrock-eu' && m.region === 'eu-central-1')).toBe(true);
    // every bedrock-eu model id is either an eu.* profile or an in-region call in eu-central-1
    for (const m of catalog.models.filter((x) => x.provider === 'bedrock-eu')) expect(m.providerModelId.startsWith('eu.') || m.region === 'eu-central-1', m.id).toBe(true);
  });

  it('records the Opus 4.5 EU price disagreement (LiteLLM lists the global price) and uses the higher one', () => {
    const opus = getRoute(catalog, 'bedrock-eu/claude-opus-4-5')!;
    expect(opus.price.inputPerMTok).toBe(5.5);
    expect(opus.alternativePrices.find((a) => a.inputPerMTok === 5)?.reason).toMatch(/LiteLLM/);
    const small = getRoute(catalog, 'mistral/mistral-small-latest')!;
    expect([small.price.inputPerMTok, small.alternativePrices[0].inputPerMTok].sort()).toEqual([0.06, 0.1]);
  });

  it('converts every route price to finite EUR and names source and date', () => {
    for (const r of listRoutes(catalog)) {
      expect(Number.isFinite(r.priceEur.inputPerMTok) && Number.isFinite(r.priceEur.outputPerMTok), r.id).toBe(true);
      expect(r.price.source.length, r.id).toBeGreaterThan(3);
      expect(r.price.asOf, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.tier, r.id).toBeDefined();
    }
    const eur = priceInEur(getRoute(catalog, 'bedrock-eu/claude-sonnet-4-6')!.price, catalog.fx.usdPerEur);
    expect(eur.inputPerMTok).toBeCloseTo(3.3 / 1.1637, 4);
  });

  it('has the Hetzner GEX44 and the paper assumption labelled as such', () => {
    const gex44 = catalog.servers.find((s) => s.id === 'hetzner-gex44')!;
    expect(gex44).toMatchObject({ gpu: 'rtx-4000-sff-ada', monthlyEur: 184 });
    const paper = catalog.servers.find((s) => s.paperAssumption)!;
    expect(paper.gpu).toBe('rtx-4090');
    expect(paper.monthlyEurRange).toEqual([200, 350]);
    expect(paper.name).toMatch(/Annahme/);
  });

  it('carries the measured H100 curve for Mistral 7B Q4_0 (2,042 tok/s at 16 streams, 4,629 at 64)', () => {
    const pts = catalog.throughput.filter((t) => t.gpu === 'h100-sxm' && t.model === 'mistral-7b-q4_0' && t.engine === 'llama.cpp');
    expect(pts.find((p) => p.concurrency === 16)?.aggregateTokensPerSec).toBe(2042);
    expect(pts.find((p) => p.concurrency === 64)?.aggregateTokensPerSec).toBe(4629);
    for (const t of catalog.throughput) expect(resolveOpenModelQuant(catalog, t.model), t.model).toBeDefined();
  });
});

describe('open model shapes', () => {
  // Llama-style parameter count from the shape (untied output, no biases).
  const params = (m: Catalog['openModels'][number], active = false) => {
    const attn = m.hiddenSize * m.heads * m.headDim * 2 + 2 * m.hiddenSize * m.kvHeads * m.headDim;
    const experts = active ? (m.expertsUsed ?? 1) : (m.experts ?? 1);
    const ffn = 3 * m.hiddenSize * m.ffnSize * experts;
    return 2 * m.vocabSize * m.hiddenSize + m.layers * (attn + ffn + 2 * m.hiddenSize) + m.hiddenSize;
  };

  it('include the required shapes', () => {
    const ids = catalog.openModels.map((m) => m.id);
    for (const id of ['mistral-7b', 'llama-3.1-8b', 'llama-3.3-70b', 'mistral-small-24b', 'mixtral-8x7b', 'qwen-2.5-72b', 'phi-4', 'tiny-test', 'small-309m']) expect(ids).toContain(id);
  });

  it('agree with their stated parameter counts within 3 % (total and active)', () => {
    for (const m of catalog.openModels) {
      expect(Math.abs(params(m) / 1e9 - m.paramsB) / m.paramsB, `${m.id} total`).toBeLessThan(0.03);
      expect(Math.abs(params(m, true) / 1e9 - m.activeParamsB) / m.activeParamsB, `${m.id} active`).toBeLessThan(0.03);
    }
  });

  it('tiny-test and small-309m can be quantised (row lengths multiples of 32; 256 for K-quants on small-309m)', () => {
    const tiny = catalog.openModels.find((m) => m.id === 'tiny-test')!;
    expect(tiny).toMatchObject({ architecture: 'llama', layers: 2, hiddenSize: 64, ffnSize: 128, heads: 4, kvHeads: 2, headDim: 16, vocabSize: 512, contextLength: 8192, synthetic: true });
    for (const d of [tiny.hiddenSize, tiny.ffnSize, tiny.heads * tiny.headDim]) expect(d % 32).toBe(0);
    const small = catalog.openModels.find((m) => m.id === 'small-309m')!;
    expect(params(small) / 1e6).toBeGreaterThan(300);
    expect(params(small) / 1e6).toBeLessThan(320);
    for (const d of [small.hiddenSize, small.ffnSize, small.heads * small.headDim]) expect(d % 256).toBe(0);
  });
});
