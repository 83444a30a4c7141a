// Scenario resolver: turns catalog ids into the plain numbers the reference model computes with
// (prices, server cost, GPU figures, model shape, measured throughput points). Pure; an unknown id is
// an error naming the field, e.g. `selfHosted.server.id: unbekannter Server "x"`.
import type { Catalog, Quant } from '../catalog/schema';
import { resolveOpenModelQuant } from '../catalog/helpers';
import type { PriceFigures } from '../cost/request-cost';
import type { Scenario } from './scenario';

export const QUANTS: Quant[] = ['q4_0', 'q4_k_m', 'q5_k_m', 'q8_0', 'f16'];
/** Hours per month for hourly-billed servers (24 · 365 / 12). */
export const HOURS_PER_MONTH = 730;
export const DEFAULT_AMORTIZATION_MONTHS = 12;

export type CatalogLike = Pick<Catalog, 'models' | 'servers' | 'gpus' | 'openModels' | 'throughput'>;

/** A scenario that cannot be resolved against the catalog; `field` is the scenario path. */
export class ScenarioResolveError extends Error {
  constructor(
    readonly field: string,
    detail: string
  ) {
    super(`${field}: ${detail}`);
    this.name = 'ScenarioResolveError';
  }
}

export interface ResolvedRoute {
  label: string;
  modelId?: string;
  share: number;
  price: PriceFigures;
  priceSource?: string;
}

export interface ResolvedServer {
  id?: string;
  name: string;
  monthlyEur: number;
  setupEur: number;
  amortizationMonths: number;
  gpuCount: number;
  gpu: { id?: string; name: string; vramGb: number; bandwidthGbps: number; fp16Tflops: number };
  source?: string;
}

export interface ResolvedModel {
  id?: string;
  name: string;
  paramsB: number;
  activeParamsB: number;
  bitsPerWeight: number;
  /** Where bitsPerWeight came from (GGUF size, nominal quant value, inline). */
  bitsSource: string;
  layers: number;
  kvHeads: number;
  headDim: number;
}

export interface MeasuredCurve {
  source: string;
  points: { streams: number; aggregateTokensPerSec: number }[];
}

export interface ResolvedScenario {
  name?: string;
  tenant: Scenario['tenant'];
  request: Scenario['request'];
  /** priceFactor scales every route price (1 = as given; the sensitivity/“what if” knob). */
  api: { cacheHitRate: number; batchShare: number; priceFactor: number; routes: ResolvedRoute[] };
  fx: { usdPerEur: number };
  selfHosted: {
    server: ResolvedServer;
    model: ResolvedModel;
    contextTokens: number;
    efficiency: { bandwidth: number; compute: number };
    minTokensPerSecPerStream: number;
    redundancy: number;
    opsEurPerMonth: number;
    capacityModel: 'auto' | 'roofline' | 'measured';
    measured?: MeasuredCurve;
  };
  sharedPool: { tenants: number };
  packages: { name: string; eurPerUserMonth: number }[];
  budget: { headroom: number; alertFactor: number };
}

/** Split `mistral-7b-q4_k_m` into the open model id and the quant. */
export function parseModelQuantId(id: string): { openModelId: string; quant: Quant } | undefined {
  for (const q of QUANTS) {
    if (id.endsWith('-' + q) && id.length > q.length + 1) return { openModelId: id.slice(0, -(q.length + 1)), quant: q };
  }
  return undefined;
}

function resolveRoutes(s: Scenario, catalog: CatalogLike): ResolvedRoute[] {
  return s.api.routes.map((r, i) => {
    if (r.model !== undefined) {
      const m = catalog.models.find((x) => x.id === r.model);
      if (!m && !r.price) throw new ScenarioResolveError(`api.routes.${i}.model`, `unbekannte Modellroute "${r.model}"`);
      if (r.price) return { label: r.name ?? r.model, modelId: r.model, share: r.share, price: r.price, priceSource: r.price.source ?? 'Szenario (inline)' };
      return { label: r.name ?? m!.name, modelId: m!.id, share: r.share, price: m!.price, priceSource: `${m!.price.source} (${m!.price.asOf})` };
    }
    const price = r.price!;
    return { label: r.name ?? `Route ${i + 1}`, share: r.share, price, priceSource: price.source ?? 'Szenario (inline)' };
  });
}

function resolveServer(s: Scenario, catalog: CatalogLike): ResolvedServer {
  const ref = s.selfHosted.server;
  if (ref.id === undefined) {
    return {
      name: ref.name ?? 'Server (inline)',
      monthlyEur: ref.monthlyEur!,
      setupEur: ref.setupEur ?? 0,
      amortizationMonths: ref.amortizationMonths ?? DEFAULT_AMORTIZATION_MONTHS,
      gpuCount: ref.gpuCount!,
      gpu: { name: ref.gpu!.name ?? 'GPU (inline)', vramGb: ref.gpu!.vramGb, bandwidthGbps: ref.gpu!.bandwidthGbps, fp16Tflops: ref.gpu!.fp16Tflops },
      source: 'Szenario (inline)'
    };
  }
  const srv = catalog.servers.find((x) => x.id === ref.id);
  if (!srv) throw new ScenarioResolveError('selfHosted.server.id', `unbekannter Server "${ref.id}"`);
  const gpu = catalog.gpus.find((g) => g.id === srv.gpu);
  if (!gpu) throw new ScenarioResolveError('selfHosted.server.id', `Server "${ref.id}" nennt die unbekannte GPU "${srv.gpu}"`);
  const fxFactor = srv.currency === 'USD' ? 1 / s.fx.usdPerEur : 1;
  const catalogMonthly = srv.monthlyEur !== undefined ? srv.monthlyEur : (srv.hourlyEur ?? 0) * HOURS_PER_MONTH;
  return {
    id: srv.id,
    name: ref.name ?? srv.name,
    monthlyEur: ref.monthlyEur ?? catalogMonthly * fxFactor,
    setupEur: ref.setupEur ?? srv.setupEur * fxFactor,
    amortizationMonths: ref.amortizationMonths ?? DEFAULT_AMORTIZATION_MONTHS,
    gpuCount: ref.gpuCount ?? srv.gpuCount,
    gpu: { id: gpu.id, name: gpu.name, vramGb: gpu.vramGb, bandwidthGbps: gpu.bandwidthGbps, fp16Tflops: gpu.fp16Tflops },
    source: `${srv.source} (${srv.asOf})`
  };
}

function resolveModel(s: Scenario, catalog: CatalogLike): ResolvedModel {
  const ref = s.selfHosted.model;
  if (ref.id === undefined) {
    return {
      name: ref.name ?? 'Modell (inline)',
      paramsB: ref.paramsB!,
      activeParamsB: ref.activeParamsB ?? ref.paramsB!,
      bitsPerWeight: ref.bitsPerWeight!,
      bitsSource: 'Szenario (inline)',
      layers: ref.layers!,
      kvHeads: ref.kvHeads!,
      headDim: ref.headDim!
    };
  }
  const rq = resolveOpenModelQuant(catalog as Catalog, ref.id);
  if (!rq) {
    const parsed = parseModelQuantId(ref.id);
    const detail = parsed
      ? `unbekanntes offenes Modell "${parsed.openModelId}" (aus "${ref.id}")`
      : `unbekanntes offenes Modell "${ref.id}" (erwartet <Modell-ID>-<Quantisierung>, Quantisierung eine von ${QUANTS.join(', ')})`;
    throw new ScenarioResolveError('selfHosted.model.id', detail);
  }
  const om = rq.model;
  let bits: number;
  let bitsSource: string;
  if (ref.bitsPerWeight !== undefined) {
    bits = ref.bitsPerWeight;
    bitsSource = 'Szenario (inline)';
  } else if (rq.weightFromCatalog) {
    bits = (rq.weightGb * 8) / om.paramsB;
    bitsSource = `GGUF-Datei ${rq.weightGb.toLocaleString('de-DE', { maximumFractionDigits: 2 })} GB (${om.source})`;
  } else {
    bits = rq.bitsPerWeight;
    bitsSource = `Nennwert ${rq.quant}`;
  }
  const parsed = { quant: rq.quant };
  return {
    id: `${om.id}-${rq.quant}`,
    name: `${om.name} ${parsed.quant.toUpperCase()}`,
    paramsB: om.paramsB,
    activeParamsB: om.activeParamsB,
    bitsPerWeight: bits,
    bitsSource,
    layers: om.layers,
    kvHeads: om.kvHeads,
    headDim: om.headDim
  };
}

/** Catalog throughput points for the server's GPU/count and the model id, from one engine. */
export function catalogCurve(catalog: CatalogLike, gpuId: string | undefined, gpuCount: number, modelId: string | undefined, engine?: string): MeasuredCurve | undefined {
  if (!gpuId || !modelId) return undefined;
  const pts = catalog.throughput.filter((p) => p.gpu === gpuId && (p.gpuCount ?? 1) === gpuCount && p.model === modelId && (engine === undefined || p.engine === engine));
  if (pts.length === 0) return undefined;
  const byEngine = new Map<string, typeof pts>();
  for (const p of pts) byEngine.set(p.engine, [...(byEngine.get(p.engine) ?? []), p]);
  const [eng, list] = [...byEngine.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0];
  const byStreams = new Map<number, number>();
  for (const p of list) byStreams.set(p.concurrency, Math.max(byStreams.get(p.concurrency) ?? 0, p.aggregateTokensPerSec));
  return {
    source: `Katalog: ${eng}, ${list[0].source} (${list[0].asOf})`,
    points: [...byStreams.entries()].sort((a, b) => a[0] - b[0]).map(([streams, aggregateTokensPerSec]) => ({ streams, aggregateTokensPerSec }))
  };
}

/** Resolve catalog ids to numbers. Pure; throws ScenarioResolveError naming the field. */
export function resolveScenario(s: Scenario, catalog: CatalogLike): ResolvedScenario {
  const server = resolveServer(s, catalog);
  const model = resolveModel(s, catalog);
  const sh = s.selfHosted;
  let measured: MeasuredCurve | undefined;
  if (sh.measured) measured = { source: sh.measured.source, points: [...sh.measured.points].sort((a, b) => a.streams - b.streams) };
  else measured = catalogCurve(catalog, server.gpu.id, server.gpuCount, model.id, sh.engine);
  if (sh.capacityModel === 'measured' && !measured) {
    throw new ScenarioResolveError('selfHosted.capacityModel', `"measured" braucht Messpunkte für diesen Server und dieses Modell (selfHosted.measured oder Katalog-Durchsatz)`);
  }
  return {
    name: s.name,
    tenant: s.tenant,
    request: s.request,
    api: { cacheHitRate: s.api.cacheHitRate, batchShare: s.api.batchShare, priceFactor: s.api.priceFactor, routes: resolveRoutes(s, catalog) },
    fx: { usdPerEur: s.fx.usdPerEur },
    selfHosted: {
      server,
      model,
      contextTokens: sh.contextTokens,
      efficiency: sh.efficiency,
      minTokensPerSecPerStream: sh.minTokensPerSecPerStream,
      redundancy: sh.redundancy,
      opsEurPerMonth: sh.opsEurPerMonth,
      capacityModel: sh.capacityModel,
      measured
    },
    sharedPool: s.sharedPool,
    packages: s.packages,
    budget: s.budget
  };
}
