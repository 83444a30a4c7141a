// Pure catalog helpers: look-ups (route, provider, open model + quantisation), price conversion to
// EUR, merging a user override into the shipped catalog (by id per section, partial entries allowed
// for existing ids) and referential checks (route → provider, server → GPU, ...).
import * as z from 'zod';
import type { ZodType } from 'zod';
import { de as zodDe } from 'zod/locales';
import {
  catalogSchema,
  fxSchema,
  gpuSchema,
  modelRouteSchema,
  openModelSchema,
  profileSchema,
  providerSchema,
  quant as quantSchema,
  serverSchema,
  throughputPointSchema,
  type Catalog,
  type CatalogSection,
  type ModelRoute,
  type OpenModel,
  type Price,
  type Provider,
  type Quant,
  type ThroughputPoint,
  type Tier
} from './schema';

/** German zod messages for catalog problems, per parse (the global zod config stays untouched). */
const de = { error: zodDe().localeError };

/** A problem in catalog data; `path` is relative to the document it came from. */
export interface CatalogIssue {
  path: (string | number)[];
  message: string;
}

/** Thrown by `mergeCatalog` / `validateCatalogParts` with every issue found (paths in override coordinates). */
export class CatalogValidationError extends Error {
  readonly issues: CatalogIssue[];
  constructor(issues: CatalogIssue[]) {
    super(issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n'));
    this.name = 'CatalogValidationError';
    this.issues = issues;
  }
}

/** Entry schema per list section. */
export const sectionEntrySchemas: Record<CatalogSection, ZodType> = {
  providers: providerSchema,
  models: modelRouteSchema,
  gpus: gpuSchema,
  servers: serverSchema,
  openModels: openModelSchema,
  throughput: throughputPointSchema,
  profiles: profileSchema
};

export const listSections: CatalogSection[] = ['providers', 'models', 'gpus', 'servers', 'openModels', 'throughput', 'profiles'];

/** `models[3].price.inputPerMTok` style path. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(Wurzel)';
}

/** Key identifying a throughput point (it has no id): gpu×count/model/engine/method/c. */
export function throughputKey(p: Pick<ThroughputPoint, 'gpu' | 'model' | 'engine' | 'concurrency'> & { gpuCount?: number; method?: string }): string {
  return `${p.gpu}x${p.gpuCount ?? 1}/${p.model}/${p.engine}${p.method ? `/${p.method}` : ''}/c${p.concurrency}`;
}

function entryKey(section: CatalogSection, entry: Record<string, unknown>): string | undefined {
  if (section === 'throughput') {
    if (typeof entry.gpu !== 'string' || typeof entry.model !== 'string' || typeof entry.engine !== 'string' || typeof entry.concurrency !== 'number') return undefined;
    return throughputKey(entry as unknown as ThroughputPoint);
  }
  return typeof entry.id === 'string' ? entry.id : undefined;
}

// ---------------------------------------------------------------------------------------------
// Look-ups

export function getRoute(catalog: Catalog, routeId: string): ModelRoute | undefined {
  return catalog.models.find((m) => m.id === routeId);
}

export function getProvider(catalog: Catalog, providerId: string): Provider | undefined {
  return catalog.providers.find((p) => p.id === providerId);
}

/** The provider of a route (by its `provider` field). */
export function providerOfRoute(catalog: Catalog, route: ModelRoute): Provider | undefined {
  return getProvider(catalog, route.provider);
}

/** Tier of a route = tier of its provider. */
export function routeTier(catalog: Catalog, route: ModelRoute): Tier | undefined {
  return providerOfRoute(catalog, route)?.tier;
}

/** Approximate bits per weight of each GGUF quantisation (block scales included). */
export const bitsPerWeight: Record<Quant, number> = {
  q4_0: 4.5,
  q4_k_m: 4.85,
  q5_k_m: 5.69,
  q8_0: 8.5,
  f16: 16
};

export interface ResolvedQuant {
  model: OpenModel;
  quant: Quant;
  bitsPerWeight: number;
  /** GGUF size in GB (1e9 bytes): the catalog figure when known, else paramsB × bits / 8. */
  weightGb: number;
  /** True when weightGb comes from the catalog's ggufGb table. */
  weightFromCatalog: boolean;
}

/**
 * Resolve `<open model id>-<quant>` (e.g. `mistral-7b-q4_k_m`, `llama-3.1-8b-q4_0`) or a bare open
 * model id (quant defaults to q4_k_m). Undefined when the model or quantisation is unknown.
 */
export function resolveOpenModelQuant(catalog: Catalog, id: string, defaultQuant: Quant = 'q4_k_m'): ResolvedQuant | undefined {
  let model = catalog.openModels.find((m) => m.id === id);
  let q: Quant | undefined = model ? defaultQuant : undefined;
  if (!model) {
    for (const candidate of quantSchema.options) {
      const suffix = `-${candidate}`;
      if (id.toLowerCase().endsWith(suffix)) {
        const base = id.slice(0, -suffix.length);
        const m = catalog.openModels.find((x) => x.id === base);
        if (m) {
          model = m;
          q = candidate;
          break;
        }
      }
    }
  }
  if (!model || !q) return undefined;
  const bpw = bitsPerWeight[q];
  const known = model.ggufGb[q];
  return {
    model,
    quant: q,
    bitsPerWeight: bpw,
    weightGb: known ?? (model.paramsB * bpw) / 8,
    weightFromCatalog: known !== undefined
  };
}

// ---------------------------------------------------------------------------------------------
// Prices

export interface PriceEur {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
  batchPriceFactor?: number;
  /** Rate used (USD per EUR); 1 for EUR prices. */
  usdPerEur: number;
  originalCurrency: Price['currency'];
}

/** Convert a price to EUR: USD ÷ usdPerEur; EUR unchanged. Throws on a non-positive rate. */
export function priceInEur(price: Price, usdPerEur: number): PriceEur {
  if (!(usdPerEur > 0) || !Number.isFinite(usdPerEur)) throw new RangeError(`usdPerEur muss eine positive Zahl sein (erhalten: ${usdPerEur})`);
  const f = price.currency === 'USD' ? 1 / usdPerEur : 1;
  const conv = (v: number | undefined) => (v === undefined ? undefined : round6(v * f));
  return {
    inputPerMTok: round6(price.inputPerMTok * f),
    outputPerMTok: round6(price.outputPerMTok * f),
    cacheReadPerMTok: conv(price.cacheReadPerMTok),
    cacheWritePerMTok: conv(price.cacheWritePerMTok),
    batchPriceFactor: price.batchPriceFactor,
    usdPerEur: price.currency === 'USD' ? usdPerEur : 1,
    originalCurrency: price.currency
  };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Blended EUR price per 1M tokens at 3 input : 1 output, used only to order routes. */
export function blendedEurPerMTok(price: Price, usdPerEur: number): number {
  const p = priceInEur(price, usdPerEur);
  return (3 * p.inputPerMTok + p.outputPerMTok) / 4;
}

// ---------------------------------------------------------------------------------------------
// Merge and validation

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of plain objects; arrays and scalars from `over` replace those in `base`. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k], v) : v;
  return out;
}

function zodIssues(err: { issues: { path: PropertyKey[]; message: string; code?: string; expected?: unknown }[] }, prefix: (string | number)[]): CatalogIssue[] {
  return err.issues.map((i) => ({
    path: [...prefix, ...(i.path.filter((p) => typeof p !== 'symbol') as (string | number)[])],
    // NaN and ±Infinity are numbers to JavaScript; say what is wrong with them.
    message:
      i.code === 'invalid_type' && /erhalten undefined$|received undefined$/.test(i.message)
        ? `Pflichtfeld fehlt (${i.message})`
        : i.code === 'invalid_type' && i.expected === 'number' && /Zahl, erhalten Zahl|received number/.test(i.message)
          ? 'muss eine endliche Zahl sein (nicht NaN oder unendlich)'
          : i.message
  }));
}

/**
 * Validate a raw catalog document (one YAML file or an override): known sections only, each list
 * entry against its schema, no duplicate ids. Returns the parsed parts or the issues found.
 * With `partialExisting`, entries whose id is in that set may be partial (they are merged later).
 */
export function checkCatalogDocument(raw: unknown, opts: { partialExisting?: Partial<Record<CatalogSection, Set<string>>>; duplicatesOnly?: boolean } = {}): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  if (raw === null || raw === undefined) return issues;
  if (!isPlainObject(raw)) return [{ path: [], message: 'erwartet ein Objekt mit Abschnitten (providers, models, gpus, servers, openModels, throughput, profiles, fx)' }];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'fx') {
      if (opts.duplicatesOnly) {
        if (!isPlainObject(value)) issues.push({ path: ['fx'], message: 'erwartet ein Objekt (usdPerEur, source, asOf)' });
        continue;
      }
      const r = (opts.partialExisting ? fxSchema.partial() : fxSchema).safeParse(value, de);
      if (!r.success) issues.push(...zodIssues(r.error, ['fx']));
      continue;
    }
    if (!(listSections as string[]).includes(key)) {
      issues.push({ path: [key], message: `unbekannter Abschnitt "${key}" (erlaubt: ${listSections.join(', ')}, fx)` });
      continue;
    }
    const section = key as CatalogSection;
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value)) {
      issues.push({ path: [section], message: 'erwartet eine Liste von Einträgen' });
      continue;
    }
    const seen = new Set<string>();
    value.forEach((entry, i) => {
      if (!isPlainObject(entry)) {
        issues.push({ path: [section, i], message: 'erwartet ein Objekt' });
        return;
      }
      const k = entryKey(section, entry);
      if (k !== undefined) {
        if (seen.has(k)) issues.push({ path: [section, i, section === 'throughput' ? 'concurrency' : 'id'], message: `doppelter Eintrag "${k}"` });
        seen.add(k);
      }
      if (opts.duplicatesOnly) return;
      if (k !== undefined && opts.partialExisting?.[section]?.has(k)) return; // validated after merge
      const r = sectionEntrySchemas[section].safeParse(entry, de);
      if (!r.success) issues.push(...zodIssues(r.error, [section, i]));
    });
  }
  return issues;
}

/** Entries of an override document that replaced or extended base entries, by section and key. */
export interface MergeTrace {
  /** For each section: merged-catalog index → index in the override document. */
  fromOverride: Partial<Record<CatalogSection, Map<number, number>>>;
}

/**
 * Merge a user override (raw, e.g. parsed YAML) into a validated base catalog. List sections merge
 * by id (throughput by gpu/model/engine/concurrency): an existing id is deep-merged (partial entries
 * allowed), a new id is appended. `fx` is merged field by field. The result is validated; issues
 * carry paths in the override's coordinates (`models[0].price.inputPerMTok`).
 */
export function mergeCatalog(base: Catalog, override: unknown, trace?: MergeTrace): Catalog {
  const existing: Partial<Record<CatalogSection, Set<string>>> = {};
  for (const s of listSections) existing[s] = new Set((base[s] as unknown as Record<string, unknown>[]).map((e) => entryKey(s, e)!).filter(Boolean));
  // Structure and duplicates first; entries are validated once, after merging (all issues at once).
  const docIssues = checkCatalogDocument(override, { partialExisting: existing, duplicatesOnly: true });
  if (docIssues.length) throw new CatalogValidationError(docIssues);
  if (override === null || override === undefined) return base;
  const ov = override as Record<string, unknown>;
  const issues: CatalogIssue[] = [];
  const out: Record<string, unknown> = { ...base };
  for (const s of listSections) {
    const entries = ov[s];
    if (!Array.isArray(entries)) continue;
    const list = [...(base[s] as unknown as Record<string, unknown>[])];
    const index = new Map(list.map((e, i) => [entryKey(s, e)!, i]));
    const fromOv = new Map<number, number>();
    entries.forEach((entry: Record<string, unknown>, oi) => {
      const k = entryKey(s, entry);
      const at = k === undefined ? undefined : index.get(k);
      if (at !== undefined) {
        const merged = deepMerge(list[at], entry);
        const r = sectionEntrySchemas[s].safeParse(merged, de);
        if (!r.success) issues.push(...zodIssues(r.error, [s, oi]));
        else list[at] = r.data as Record<string, unknown>;
        fromOv.set(at, oi);
      } else {
        const r = sectionEntrySchemas[s].safeParse(entry, de);
        if (!r.success) issues.push(...zodIssues(r.error, [s, oi]));
        else {
          list.push(r.data as Record<string, unknown>);
          if (k !== undefined) index.set(k, list.length - 1);
          fromOv.set(list.length - 1, oi);
        }
      }
    });
    out[s] = list;
    if (trace) trace.fromOverride[s] = fromOv;
  }
  if (isPlainObject(ov.fx)) {
    const r = fxSchema.safeParse({ ...base.fx, ...ov.fx }, de);
    if (!r.success) issues.push(...zodIssues(r.error, ['fx']));
    else out.fx = r.data;
  }
  if (issues.length) throw new CatalogValidationError(issues);
  const parsed = catalogSchema.safeParse(out, de);
  if (!parsed.success) throw new CatalogValidationError(zodIssues(parsed.error, []));
  return parsed.data;
}

/**
 * Cross references: route → provider and open model, server → GPU, throughput → GPU and open
 * model + quantisation, profile → providers/routes. Paths are in merged-catalog coordinates.
 */
export function checkCatalogReferences(catalog: Catalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const providers = new Set(catalog.providers.map((p) => p.id));
  const gpus = new Set(catalog.gpus.map((g) => g.id));
  const openModels = new Set(catalog.openModels.map((m) => m.id));
  const routes = new Set(catalog.models.map((m) => m.id));
  catalog.models.forEach((m, i) => {
    if (!providers.has(m.provider)) issues.push({ path: ['models', i, 'provider'], message: `unbekannter Anbieter "${m.provider}" (Route ${m.id})` });
    else if (!m.id.startsWith(`${m.provider}/`)) issues.push({ path: ['models', i, 'id'], message: `Routen-Id "${m.id}" muss mit "${m.provider}/" beginnen` });
    if (m.openModel !== undefined && !openModels.has(m.openModel)) issues.push({ path: ['models', i, 'openModel'], message: `unbekanntes offenes Modell "${m.openModel}" (Route ${m.id})` });
  });
  catalog.servers.forEach((s, i) => {
    if (!gpus.has(s.gpu)) issues.push({ path: ['servers', i, 'gpu'], message: `unbekannte GPU "${s.gpu}" (Server ${s.id})` });
  });
  catalog.throughput.forEach((t, i) => {
    if (!gpus.has(t.gpu)) issues.push({ path: ['throughput', i, 'gpu'], message: `unbekannte GPU "${t.gpu}"` });
    if (!resolveOpenModelQuant(catalog, t.model)) issues.push({ path: ['throughput', i, 'model'], message: `"${t.model}" ist kein offenes Modell + Quantisierung (z. B. mistral-7b-q4_0)` });
  });
  catalog.profiles.forEach((p, i) => {
    p.preferredProviders.forEach((id, j) => {
      if (!providers.has(id)) issues.push({ path: ['profiles', i, 'preferredProviders', j], message: `unbekannter Anbieter "${id}" (Profil ${p.id})` });
    });
    p.preferredRoutes.forEach((id, j) => {
      if (!routes.has(id)) issues.push({ path: ['profiles', i, 'preferredRoutes', j], message: `unbekannte Route "${id}" (Profil ${p.id})` });
    });
  });
  return issues;
}

/** A route joined with its provider's facts, as listed by `werkbank catalog models` and /providers. */
export interface RouteListing {
  id: string;
  tier: Tier | undefined;
  provider: string;
  providerName: string | undefined;
  name: string;
  providerModelId: string;
  region: string;
  jurisdiction: Provider['jurisdiction'] | undefined;
  cloudActExposure: Provider['cloudActExposure'] | undefined;
  certifications: string[];
  onPremise: boolean;
  contextWindow: number;
  price: Price;
  priceEur: PriceEur;
  alternativePrices: ModelRoute['alternativePrices'];
  openModel?: string;
  deprecated: boolean;
  deprecationDate?: string;
}

export function listRoutes(catalog: Catalog): RouteListing[] {
  return catalog.models.map((m) => {
    const p = getProvider(catalog, m.provider);
    return {
      id: m.id,
      tier: p?.tier,
      provider: m.provider,
      providerName: p?.name,
      name: m.name,
      providerModelId: m.providerModelId,
      region: m.region ?? p?.regions.join(', ') ?? '',
      jurisdiction: p?.jurisdiction,
      cloudActExposure: p?.cloudActExposure,
      certifications: p?.certifications ?? [],
      onPremise: p?.onPremise ?? false,
      contextWindow: m.contextWindow,
      price: m.price,
      priceEur: priceInEur(m.price, catalog.fx.usdPerEur),
      alternativePrices: m.alternativePrices,
      openModel: m.openModel,
      deprecated: m.deprecated,
      deprecationDate: m.deprecationDate
    };
  });
}
