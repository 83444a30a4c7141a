// Schema-level robustness of the simulator scenario and the benchmark suite formats. Scenario fields out
// of range (negative users, shares not summing to 1, cache hit rate 1.5, strings, NaN, huge numbers) are
// refused naming the field; unknown catalog ids are resolve errors naming the id. Fuzz (fast-check):
// random objects and random YAML never make the validators throw anything but their own validation
// errors, and scenarios the schema accepts never produce NaN/Infinity in the simulator output.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse as yamlParse, stringify as yamlStringify } from 'yaml';
import { ZodError } from 'zod';
import { parseScenario, runScenario, toJson, ScenarioResolveError, type ScenarioInput } from '../../src/lib/core/sim';
import { suiteSchema } from '../../src/lib/core/suites';
import { parseItems, parseSuiteFile, SuiteLoadError } from '../../src/lib/server/suites/loader';
import { loadCatalog } from '../../src/lib/server/catalog';
import type { Catalog } from '../../src/lib/core/catalog/schema';

const root = resolve(import.meta.dirname, '../..');

const GOOD_SUITE = [
  'id: fuzz',
  'name: Testsuite',
  'description: Eine kleine Testsuite',
  'language: de',
  'dataset:',
  '  path: datasets/fuzz/items.jsonl',
  '  licence: CC0',
  '  source: selbst geschrieben',
  '  attribution: Werkbank-Tests',
  'personalData: false',
  'template:',
  '  system: Antworte kurz.',
  '  user: "Frage: {{question}}"',
  'generation:',
  '  maxTokens: 64',
  '  temperature: 0',
  'output:',
  '  parse: number',
  'scorer:',
  '  type: numeric',
  'metrics:',
  '  primary: accuracy',
  ''
].join('\n');

// ---------------------------------------------------------------------------------------------------
// Scenarios (simulator input) — schema errors name the field; fuzzing never crashes, never yields NaN.

const BASE: ScenarioInput = {
  name: 'Fuzz-Basis',
  tenant: { users: 50, activeShare: 0.6, requestsPerActiveUserPerDay: 20, workingDaysPerMonth: 21, peakHourShare: 0.2 },
  request: { systemPromptTokens: 800, contextTokens: 1500, userTokens: 200, outputTokens: 400 },
  api: {
    cacheHitRate: 0.3,
    routes: [
      { name: 'Inline A', share: 0.7, price: { currency: 'EUR', inputPerMTok: 2.5, outputPerMTok: 10, cacheReadPerMTok: 0.25 } },
      { name: 'Inline B', share: 0.3, price: { currency: 'USD', inputPerMTok: 0.4, outputPerMTok: 1.6 } }
    ]
  },
  fx: { usdPerEur: 1.16 },
  selfHosted: {
    server: { name: 'GPU-Server', monthlyEur: 1200, setupEur: 300, gpuCount: 1, gpu: { vramGb: 80, bandwidthGbps: 3350, fp16Tflops: 990 } },
    model: { name: '8B Q4', paramsB: 8, bitsPerWeight: 4.85, layers: 32, kvHeads: 8, headDim: 128 },
    contextTokens: 8192
  }
};

function issuePaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ZodError) return err.issues.map((i) => i.path.join('.'));
    throw err;
  }
  return [];
}

function finiteEverywhere(v: unknown, path = '$'): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : path;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = finiteEverywhere(v[i], `${path}[${i}]`);
      if (bad) return bad;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const bad = finiteEverywhere(x, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return undefined;
}

const clone = <T>(v: T): T => structuredClone(v);

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ rootDir: root });
});

describe('scenario schema: out-of-range and wrong-type fields are named', () => {
  it('negative users, shares not summing to 1, cacheHitRate 1.5, strings for numbers, huge numbers', () => {
    const at = (mut: (s: ScenarioInput & Record<string, unknown>) => void) => {
      const s = clone(BASE) as ScenarioInput & Record<string, unknown>;
      mut(s);
      return issuePaths(() => parseScenario(s));
    };
    expect(at(() => undefined)).toEqual([]);
    expect(at((s) => (s.tenant.users = -5))).toContain('tenant.users');
    expect(at((s) => (s.tenant.users = 1e12))).toContain('tenant.users');
    expect(at((s) => ((s.tenant as Record<string, unknown>).users = 'viele'))).toContain('tenant.users');
    expect(at((s) => (s.api.routes[1].share = 0.5))).toContain('api.routes');
    expect(at((s) => (s.api.cacheHitRate = 1.5))).toContain('api.cacheHitRate');
    expect(at((s) => (s.api.cacheHitRate = Number.NaN))).toContain('api.cacheHitRate');
    expect(at((s) => (s.request.outputTokens = Number.POSITIVE_INFINITY))).toContain('request.outputTokens');
    expect(at((s) => (s.selfHosted.server.gpuCount = 0))).toContain('selfHosted.server.gpuCount');
    expect(at((s) => ((s.api.routes[0] as Record<string, unknown>).price = { currency: 'EUR', inputPerMTok: '2,5', outputPerMTok: 10 }))).toContain('api.routes.0.price.inputPerMTok');
    expect(at((s) => (s.unbekannt = 1))).toEqual(['']);
  });

  it('unknown catalog ids in a scenario are a resolve error naming the id, not a crash', () => {
    const s = clone(BASE);
    s.api.routes = [{ model: 'gibt-es/nicht', share: 1 }];
    expect(() => runScenario(parseScenario(s), catalog)).toThrow(ScenarioResolveError);
    expect(() => runScenario(parseScenario(s), catalog)).toThrow(/gibt-es\/nicht/);
    const t = clone(BASE);
    t.selfHosted.server = { id: 'kein-server' };
    expect(() => runScenario(parseScenario(t), catalog)).toThrow(/kein-server/);
  });
});

// Junk values a user (or a URL) might put anywhere in a scenario.
const junk = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0, 1.5, 1e308, -1e-308, Number.MAX_SAFE_INTEGER, '', '12', 'NaN', null, true, [], {}),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.anything({ maxDepth: 2 })
);

/** All paths to leaves (and containers) of a JSON-ish value. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}
function setAt(obj: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(obj) as Record<string | number, unknown>;
  let cur = copy;
  for (let i = 0; i < path.length - 1; i++) cur = cur[path[i]] as Record<string | number, unknown>;
  cur[path.at(-1)!] = value;
  return copy;
}
const BASE_PATHS = paths(BASE).filter((p) => p.length > 0);

/** Parse and simulate; only validation/resolve errors may be thrown, accepted scenarios give finite numbers. */
function checkScenario(input: unknown): void {
  let parsed;
  try {
    parsed = parseScenario(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ZodError);
    for (const i of (err as ZodError).issues) expect(typeof i.message).toBe('string');
    return;
  }
  let out;
  try {
    out = toJson(runScenario(parsed, catalog));
  } catch (err) {
    if (err instanceof ScenarioResolveError) return;
    throw err;
  }
  const bad = finiteEverywhere(out);
  expect(bad, `non-finite number at ${bad} for ${JSON.stringify(input)}`).toBeUndefined();
}

describe('fuzz: scenario schema and simulator', () => {
  it('random values anywhere never crash the validator', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (v) => {
        const r = (() => {
          try {
            parseScenario(v);
            return 'ok';
          } catch (err) {
            return err instanceof ZodError ? 'zod' : err;
          }
        })();
        expect(['ok', 'zod']).toContain(r);
      }),
      { numRuns: 300 }
    );
  });

  it('a valid scenario with one field replaced by junk is refused, or simulates without NaN/Infinity', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASE_PATHS), junk, (path, value) => {
        checkScenario(setAt(BASE, path, value));
      }),
      {
        numRuns: 400,
        // huge-but-finite numbers found by earlier runs: always checked, not left to the random seed
        examples: [
          [['request', 'systemPromptTokens'], 1.4267405832240602e304],
          [['request', 'userTokens'], 1e308],
          [['selfHosted', 'model', 'bitsPerWeight'], 1.797693134862316e299],
          [['tenant', 'requestsPerActiveUserPerDay'], Number.MAX_VALUE]
        ]
      }
    );
  });

  it('random in-range numbers (including extremes at the bounds) never produce NaN/Infinity', () => {
    const share = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(
        fc.record({
          users: fc.integer({ min: 1, max: 100_000 }),
          activeShare: share,
          req: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })),
          days: fc.integer({ min: 0, max: 31 }),
          peak: share,
          ctx: fc.integer({ min: 0, max: 1_000_000 }),
          out: fc.integer({ min: 1, max: 100_000 }),
          cache: share,
          price: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })),
          monthly: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })),
          usdPerEur: fc.double({ min: 0.01, max: 100, noNaN: true })
        }),
        (r) => {
          const s = clone(BASE);
          Object.assign(s.tenant, { users: r.users, activeShare: r.activeShare, requestsPerActiveUserPerDay: r.req, workingDaysPerMonth: r.days, peakHourShare: r.peak });
          Object.assign(s.request, { contextTokens: r.ctx, outputTokens: r.out });
          s.api.cacheHitRate = r.cache;
          s.api.routes[0].price!.inputPerMTok = r.price;
          s.selfHosted.server.monthlyEur = r.monthly;
          s.fx = { usdPerEur: r.usdPerEur };
          checkScenario(s);
        }
      ),
      { numRuns: 200 }
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Suite schema — random YAML text and random rows only ever produce SuiteLoadError (with lines).

describe('fuzz: suite loader and schema', () => {
  const fuzzRoot = mkdtempSync(join(tmpdir(), 'werkbank-suitefuzz-'));

  async function expectOnlyLoadErrors(text: string): Promise<void> {
    try {
      await parseSuiteFile(fuzzRoot, 'benchmarks/fuzz.yaml', text, 'fuzz');
    } catch (err) {
      if (!(err instanceof SuiteLoadError)) throw new Error(`unexpected ${(err as Error).name}: ${(err as Error).message} for ${JSON.stringify(text).slice(0, 300)}`);
      expect(err.message).toContain('benchmarks/fuzz.yaml');
    }
  }

  it('random text and random YAML documents never throw anything but SuiteLoadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.anything({ maxDepth: 3 }).map((v) => yamlStringify(v) ?? '')), async (text) => {
        await expectOnlyLoadErrors(text);
      }),
      { numRuns: 200 }
    );
  });

  it('a valid suite with one line mangled or one value replaced by junk fails with file and line, or loads', async () => {
    const lines = GOOD_SUITE.split('\n');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: lines.length - 1 }), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('  : :', '\t- x', '&a *a', '"', 'x: [1, 2', '!!binary zz', '? x')), async (i, replacement) => {
        const copy = [...lines];
        copy[i] = replacement;
        await expectOnlyLoadErrors(copy.join('\n'));
      }),
      { numRuns: 200 }
    );
    const obj = suiteSchema.parse(yamlParse(GOOD_SUITE));
    const objPaths = paths(obj).filter((p) => p.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...objPaths), junk, async (path, value) => {
        await expectOnlyLoadErrors(yamlStringify(setAt(obj, path, value)));
      }),
      { numRuns: 200 }
    );
  });

  it('random dataset rows are accepted or rejected with their line, never a crash', async () => {
    const { suite } = await parseSuiteFile(fuzzRoot, 'benchmarks/fuzz.yaml', GOOD_SUITE, 'fuzz');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.json(), fc.string({ maxLength: 40 }), fc.anything({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'undefined')), { maxLength: 6 }), (rows) => {
        try {
          parseItems('datasets/fuzz/items.jsonl', rows.join('\n'), suite);
        } catch (err) {
          if (!(err instanceof SuiteLoadError)) throw err;
          expect(err.message).toMatch(/datasets\/fuzz\/items\.jsonl/);
        }
      }),
      { numRuns: 300 }
    );
  });
});
