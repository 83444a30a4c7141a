// Simulator scenario schema (YAML/JSON/URL state): tenant, request shape, API routing mix, FX and the
// self-hosted option, each either as catalog ids or as inline values. Validated with zod; every error
// names the field (e.g. `api.routes.1.share`). See docs/cost-model.md for what each field means.
import * as z from 'zod';
import { currency } from '../catalog/schema';
import { ASSUMPTIONS } from './sensitivity';

const share = z.number().min(0).max(1);
/** Upper bound for open-ended figures: far beyond any real value, small enough that products stay finite. */
const MAX_FIGURE = 1e12;
const nonNeg = z.number().nonnegative().max(MAX_FIGURE);
const pos = z.number().positive().max(MAX_FIGURE);

export const tenantSchema = z
  .object({
    users: z.number().int().min(1).max(100_000),
    activeShare: share,
    requestsPerActiveUserPerDay: nonNeg,
    workingDaysPerMonth: z.number().min(0).max(31),
    peakHourShare: share
  })
  .strict();

export const requestSchema = z
  .object({
    systemPromptTokens: nonNeg,
    contextTokens: nonNeg,
    userTokens: nonNeg,
    outputTokens: z.number().min(1).max(MAX_FIGURE)
  })
  .strict();

/** Inline price: the catalog price fields the cost formula reads (no source/asOf needed). */
export const inlinePriceSchema = z
  .object({
    currency,
    inputPerMTok: nonNeg,
    outputPerMTok: nonNeg,
    cacheReadPerMTok: nonNeg.optional(),
    cacheWritePerMTok: nonNeg.optional(),
    batchPriceFactor: z.number().positive().max(1).optional(),
    source: z.string().optional()
  })
  .strict();

export const routeSchema = z
  .object({
    /** Catalog model route id, e.g. `bedrock-eu/claude-sonnet-4-6`. */
    model: z.string().min(1).optional(),
    /** Label shown for an inline route. */
    name: z.string().min(1).optional(),
    share,
    /** Inline price; overrides the catalog price when `model` is given too. */
    price: inlinePriceSchema.optional()
  })
  .strict()
  .refine((r) => r.model !== undefined || r.price !== undefined, { message: 'eine Route braucht `model` (Katalog-ID) oder `price` (direkt angegeben)', path: ['model'] });

export const apiSchema = z
  .object({
    cacheHitRate: share,
    batchShare: share.default(0),
    /** Scales every route price (what-if; 1 = prices as given). */
    priceFactor: nonNeg.default(1),
    routes: z.array(routeSchema).min(1)
  })
  .strict()
  .superRefine((a, ctx) => {
    const sum = a.routes.reduce((s, r) => s + r.share, 0);
    if (Math.abs(sum - 1) > 1e-6) ctx.addIssue({ code: 'custom', message: `die Anteile der Routen müssen 1 ergeben (Summe ${Math.round(sum * 1e6) / 1e6})`, path: ['routes'] });
  });

export const gpuInlineSchema = z.object({ name: z.string().optional(), vramGb: pos, bandwidthGbps: pos, fp16Tflops: pos }).strict();

/** Server from the catalog (`id`, with optional overrides) or inline (monthlyEur, gpuCount, gpu). */
export const serverRefSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: z.string().optional(),
    monthlyEur: nonNeg.optional(),
    setupEur: nonNeg.optional(),
    amortizationMonths: z.number().min(1).max(1200).optional(),
    gpuCount: z.number().int().min(1).max(100_000).optional(),
    gpu: gpuInlineSchema.optional()
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.id !== undefined) return;
    for (const k of ['monthlyEur', 'gpuCount', 'gpu'] as const) {
      if (s[k] === undefined) ctx.addIssue({ code: 'custom', message: `ein direkt angegebener Server (ohne id) braucht ${k}`, path: [k] });
    }
  });

/** Open model from the catalog (`<open model id>-<quant>`, e.g. `mistral-7b-q4_k_m`) or inline shape. */
export const modelRefSchema = z
  .object({
    id: z.string().min(1).optional(),
    name: z.string().optional(),
    paramsB: pos.optional(),
    activeParamsB: pos.optional(),
    bitsPerWeight: pos.optional(),
    layers: z.number().int().min(1).max(100_000).optional(),
    kvHeads: z.number().int().min(1).max(100_000).optional(),
    headDim: z.number().int().min(1).max(100_000).optional()
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.id !== undefined) return;
    for (const k of ['paramsB', 'bitsPerWeight', 'layers', 'kvHeads', 'headDim'] as const) {
      if (m[k] === undefined) ctx.addIssue({ code: 'custom', message: `ein direkt angegebenes Modell (ohne id) braucht ${k}`, path: [k] });
    }
  });

export const measuredPointSchema = z.object({ streams: z.number().int().min(1).max(100_000), aggregateTokensPerSec: pos }).strict();

export const selfHostedSchema = z
  .object({
    server: serverRefSchema,
    model: modelRefSchema,
    contextTokens: z.number().int().min(1).max(100_000_000).default(8192),
    /** Defaults calibrated on llama.cpp measurements (docs/cost-model.md §Calibration). */
    efficiency: z.object({ bandwidth: z.number().positive().max(1).default(0.55), compute: z.number().positive().max(1).default(0.4) }).strict().default({ bandwidth: 0.55, compute: 0.4 }),
    minTokensPerSecPerStream: pos.default(15),
    redundancy: z.number().int().min(0).max(1000).default(0),
    opsEurPerMonth: nonNeg.default(0),
    /** auto: measured curve when points exist, else roofline. */
    capacityModel: z.enum(['auto', 'roofline', 'measured']).default('auto'),
    /** Engine whose catalog throughput points to use (default: the one with most points). */
    engine: z.string().optional(),
    /** Measured points for this server+model (e.g. `werkbank probe` results); used before catalog points. */
    measured: z.object({ source: z.string().min(1), points: z.array(measuredPointSchema).min(1) }).strict().optional()
  })
  .strict();

export const packageSchema = z.object({ name: z.string().min(1), eurPerUserMonth: nonNeg }).strict();

/** The paper's packages (Starter 49 €, Enterprise 199 €; Professional 99 € is our midpoint assumption). */
export const DEFAULT_PACKAGES = [
  { name: 'Starter', eurPerUserMonth: 49 },
  { name: 'Professional', eurPerUserMonth: 99 },
  { name: 'Enterprise', eurPerUserMonth: 199 }
];

export const rangeSchema = z.tuple([z.number().min(-MAX_FIGURE).max(MAX_FIGURE), z.number().min(-MAX_FIGURE).max(MAX_FIGURE)]).refine((r) => r[0] <= r[1], { message: 'Bereich [min, max] braucht min ≤ max' });

export const scenarioSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    sources: z.array(z.string()).optional(),
    tenant: tenantSchema,
    request: requestSchema,
    api: apiSchema,
    fx: z.object({ usdPerEur: pos, asOf: z.string().optional() }).strict().default({ usdPerEur: 1.1637 }),
    selfHosted: selfHostedSchema,
    sharedPool: z.object({ tenants: z.number().int().min(1).max(1000) }).strict().default({ tenants: 10 }),
    packages: z.array(packageSchema).default(DEFAULT_PACKAGES),
    budget: z.object({ headroom: nonNeg.default(0.25), alertFactor: z.number().min(1).max(1000).default(3) }).strict().default({ headroom: 0.25, alertFactor: 3 }),
    /** Monte Carlo ranges per assumption key (see ASSUMPTIONS); others vary ±spread around the value. */
    monteCarlo: z
      .object({ draws: z.number().int().min(1).max(100_000).default(2000), seed: z.number().int().default(1), spread: z.number().min(0).max(1).default(0.2), ranges: z.record(z.string(), rangeSchema).default({}) })
      .strict()
      .superRefine((m, ctx) => {
        for (const k of Object.keys(m.ranges)) {
          if (!ASSUMPTIONS.some((a) => a.key === k)) ctx.addIssue({ code: 'custom', message: `unbekannte Annahme "${k}" (bekannt: ${ASSUMPTIONS.map((a) => a.key).join(', ')})`, path: ['ranges', k] });
        }
      })
      .default({ draws: 2000, seed: 1, spread: 0.2, ranges: {} })
  })
  .strict()
  .superRefine((s, ctx) => {
    // a stream's context window holds one request (prompt + output); a smaller one cannot serve it
    const need = s.request.systemPromptTokens + s.request.contextTokens + s.request.userTokens + s.request.outputTokens;
    if (s.selfHosted.contextTokens < need) {
      ctx.addIssue({ code: 'custom', path: ['selfHosted', 'contextTokens'], message: `Kontextfenster ${s.selfHosted.contextTokens} Token ist kleiner als eine Anfrage (${need} Token Prompt und Ausgabe)` });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Parse a scenario; throws ZodError whose issue paths name the field. */
export function parseScenario(input: unknown): Scenario {
  return scenarioSchema.parse(input);
}
