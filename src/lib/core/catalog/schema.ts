// Catalog schemas: providers (with legal facts), model routes (with dated prices), GPUs, servers,
// open models (shapes), measured throughput points and customer profiles. Pure zod, shared by
// server, CLI and browser. Every figure carries `source` and `asOf`.
import * as z from 'zod';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** Where a figure comes from and when it was read. */
export const sourceRef = z.object({
  source: z.string().min(1),
  asOf: isoDate
});
export type SourceRef = z.infer<typeof sourceRef>;

export const tier = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Tier = z.infer<typeof tier>;

export const providerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9-]+)?$/, 'lower-case id, e.g. bedrock-eu or openai-compatible/stackit'),
    name: z.string().min(1),
    legalEntity: z.string().min(1),
    seat: z.string().min(1),
    jurisdiction: z.enum(['EU', 'US', 'other']),
    regions: z.array(z.string()).min(1),
    cloudActExposure: z.enum(['none', 'residual', 'direct']),
    contract: z.object({
      dpa: z.boolean(),
      sccRequired: z.boolean(),
      notes: z.string().optional()
    }),
    subProcessors: z.array(z.string()),
    certifications: z.array(z.string()),
    tier,
    onPremise: z.boolean().default(false),
    notes: z.string().optional(),
    sources: z.array(sourceRef).min(1)
  })
  .strict();
export type Provider = z.infer<typeof providerSchema>;

export const currency = z.enum(['EUR', 'USD']);

/** Prices per 1M tokens in `currency`. Optional fields are absent when the route has no such price. */
export const priceSchema = z
  .object({
    currency,
    inputPerMTok: z.number().nonnegative(),
    outputPerMTok: z.number().nonnegative(),
    cacheReadPerMTok: z.number().nonnegative().optional(),
    cacheWritePerMTok: z.number().nonnegative().optional(),
    batchPriceFactor: z.number().positive().max(1).optional(),
    /** Multiplier already included in the figures above (e.g. 1.1 for Bedrock regional endpoints); 1 if none. */
    regionalPremium: z.number().positive().default(1),
    source: z.string().min(1),
    asOf: isoDate,
    notes: z.string().optional(),
    /** True when no public price exists and the figures are a labelled placeholder to override. */
    placeholder: z.boolean().optional()
  })
  .strict();
export type Price = z.infer<typeof priceSchema>;

export const modelRouteSchema = z
  .object({
    /** Route id `<provider>/<model>`, e.g. `bedrock-eu/claude-sonnet-4-6`. */
    id: z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*\/[A-Za-z0-9._:-]+$/, 'route id `<provider>/<model>`'),
    provider: z.string().min(1),
    name: z.string().min(1),
    /** The id the provider's API expects (inference profile, deployment, model name). */
    providerModelId: z.string().min(1),
    contextWindow: z.number().int().positive(),
    maxOutputTokens: z.number().int().positive().optional(),
    /** Open model id when the route serves an open-weights model (self-hosted, EU clouds). */
    openModel: z.string().optional(),
    price: priceSchema,
    /** Other published prices that disagree with `price`; `price` is the one used. */
    alternativePrices: z.array(priceSchema.extend({ reason: z.string() })).default([]),
    deprecated: z.boolean().default(false),
    /** Where requests on this route are processed (e.g. `eu-central-1`, `EU (eu.* profile)`); defaults to the provider's regions. */
    region: z.string().optional(),
    /** Country of the model vendor for proprietary models (open models carry their own `origin`). */
    modelOrigin: z.string().optional(),
    /** Announced end of availability, if any. */
    deprecationDate: isoDate.optional(),
    notes: z.string().optional()
  })
  .strict();
export type ModelRoute = z.infer<typeof modelRouteSchema>;

export const gpuSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    vramGb: z.number().positive(),
    bandwidthGbps: z.number().positive().describe('memory bandwidth in GB/s'),
    fp16Tflops: z.number().positive().describe('dense FP16/BF16 tensor TFLOPS'),
    estimated: z.array(z.string()).default([]).describe('fields that are estimates'),
    source: z.string().min(1),
    asOf: isoDate
  })
  .strict();
export type Gpu = z.infer<typeof gpuSchema>;

export const serverSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    vendor: z.string().min(1),
    location: z.string().min(1),
    gpu: z.string().min(1).describe('GPU id'),
    gpuCount: z.number().int().positive(),
    monthlyEur: z.number().nonnegative().optional(),
    hourlyEur: z.number().nonnegative().optional(),
    setupEur: z.number().nonnegative().default(0),
    currency: currency.default('EUR'),
    /** Price range when the source gives one (e.g. the paper's 200–350 €/month); monthlyEur is the value used. */
    monthlyEurRange: z.tuple([z.number().nonnegative(), z.number().nonnegative()]).optional(),
    /** True for an assumption taken from the strategy paper rather than a real offer. */
    paperAssumption: z.boolean().optional(),
    notes: z.string().optional(),
    source: z.string().min(1),
    asOf: isoDate
  })
  .strict()
  .refine((s) => s.monthlyEur !== undefined || s.hourlyEur !== undefined, {
    message: 'a server needs monthlyEur or hourlyEur',
    path: ['monthlyEur']
  });
export type Server = z.infer<typeof serverSchema>;

export const quant = z.enum(['q4_0', 'q4_k_m', 'q5_k_m', 'q8_0', 'f16']);
export type Quant = z.infer<typeof quant>;

export const openModelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    name: z.string().min(1),
    architecture: z.string().default('llama').describe('GGUF general.architecture'),
    paramsB: z.number().positive(),
    activeParamsB: z.number().positive(),
    layers: z.number().int().positive(),
    hiddenSize: z.number().int().positive(),
    ffnSize: z.number().int().positive(),
    heads: z.number().int().positive(),
    kvHeads: z.number().int().positive(),
    headDim: z.number().int().positive(),
    vocabSize: z.number().int().positive(),
    contextLength: z.number().int().positive(),
    experts: z.number().int().positive().optional(),
    expertsUsed: z.number().int().positive().optional(),
    /** GGUF file size in GB (1e9 bytes) per quantisation, where known. */
    ggufGb: z.partialRecord(quant, z.number().positive()).default({}),
    licence: z.string().min(1),
    /** A test/probe shape without real weights (never recommended for production). */
    synthetic: z.boolean().optional(),
    origin: z.string().min(1).describe('country of the vendor'),
    vendor: z.string().min(1),
    source: z.string().min(1),
    asOf: isoDate
  })
  .strict();
export type OpenModel = z.infer<typeof openModelSchema>;

/** A measured throughput point: aggregate decode speed at a concurrency, for a server/GPU and model. */
export const throughputPointSchema = z
  .object({
    gpu: z.string().min(1),
    gpuCount: z.number().int().positive().default(1),
    model: z.string().min(1).describe('open model id + quant, e.g. mistral-7b-q4_0'),
    engine: z.string().min(1),
    concurrency: z.number().int().positive(),
    promptTokens: z.number().int().nonnegative().optional(),
    outputTokens: z.number().int().positive().optional(),
    aggregateTokensPerSec: z.number().positive(),
    decodeTokensPerSecPerStream: z.number().positive().optional(),
    ttftMsP50: z.number().nonnegative().optional(),
    /** How it was measured (tool and flags), e.g. `llama-batched-bench -npp 512 -ntg 128, fa1`. */
    method: z.string().optional(),
    notes: z.string().optional(),
    source: z.string().min(1),
    asOf: isoDate
  })
  .strict();
export type ThroughputPoint = z.infer<typeof throughputPointSchema>;

export const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    description: z.string().min(1),
    allowedTiers: z.array(tier).min(1),
    /** Tiers allowed only without personal data. */
    allowedTiersWithoutPersonalData: z.array(tier).default([]),
    requiredCertifications: z.array(z.string()).default([]),
    requireOnPremise: z.boolean().default(false),
    excludedOrigins: z.array(z.string()).default([]),
    preferredProviders: z.array(z.string()).default([]),
    /** Route ids ranked first when allowed (e.g. the paper's default route for the profile). */
    preferredRoutes: z.array(z.string()).default([]),
    /** Tier order used for ranking when nothing else decides (default: the order of allowedTiers). */
    tierPreference: z.array(tier).optional(),
    reasons: z.array(z.string()).min(1).describe('German reasons shown to the user'),
    source: z.string().min(1)
  })
  .strict();
export type Profile = z.infer<typeof profileSchema>;

/** Exchange rate used to show USD prices in EUR (USD ÷ usdPerEur). */
export const fxSchema = z
  .object({
    usdPerEur: z.number().positive(),
    source: z.string().min(1),
    asOf: isoDate
  })
  .strict();
export type Fx = z.infer<typeof fxSchema>;

export const defaultFx: Fx = { usdPerEur: 1.1637, source: 'ECB reference rate (secondary source, hardware-and-prices.md)', asOf: '2026-05-27' };

export const catalogSchema = z
  .object({
    providers: z.array(providerSchema).default([]),
    models: z.array(modelRouteSchema).default([]),
    gpus: z.array(gpuSchema).default([]),
    servers: z.array(serverSchema).default([]),
    openModels: z.array(openModelSchema).default([]),
    throughput: z.array(throughputPointSchema).default([]),
    profiles: z.array(profileSchema).default([]),
    fx: fxSchema.default(defaultFx)
  })
  .strict();
export type Catalog = z.infer<typeof catalogSchema>;
/** The list sections (entries with ids); `fx` is a single settings object. */
export type CatalogSection = Exclude<keyof Catalog, 'fx'>;
export const catalogSections: CatalogSection[] = ['providers', 'models', 'gpus', 'servers', 'openModels', 'throughput', 'profiles'];
