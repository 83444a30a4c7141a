// Scenario schema and resolver errors name the field; budgets, margins, verdict, tornado and Monte Carlo
// behave as documented (seeded, ±20 %, 3× alert).
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { monteCarlo, parseScenario, rate, resolveScenario, runScenario, ScenarioResolveError, simulate, tornado, verdict, type ScenarioInput } from '../../src/lib/core/sim';
import { fixtureCatalog, handScenario } from './sim-fixtures';

function issuePaths(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (err) {
    if (err instanceof ZodError) return err.issues.map((i) => i.path.join('.'));
    throw err;
  }
  return [];
}

function resolveError(mut: (s: ScenarioInput) => void): string {
  const s = handScenario();
  mut(s);
  try {
    resolveScenario(parseScenario(s), fixtureCatalog);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioResolveError);
    return (err as Error).message;
  }
  return '';
}

describe('scenario schema', () => {
  it('accepts the hand scenario and fills documented defaults', () => {
    const s = parseScenario({ ...handScenario(), selfHosted: { server: { id: 'srv-x' }, model: { id: 'model-8b-q4_0' } } });
    expect(s.selfHosted.efficiency).toEqual({ bandwidth: 0.55, compute: 0.4 });
    expect(s.selfHosted.contextTokens).toBe(8192);
    expect(s.selfHosted.minTokensPerSecPerStream).toBe(15);
    expect(s.budget.alertFactor).toBe(3);
    expect(s.packages.map((p) => p.eurPerUserMonth)).toEqual([49, 99, 199]);
  });

  it('names the field of each error', () => {
    const s = handScenario();
    expect(issuePaths({ ...s, tenant: { ...s.tenant, activeShare: 1.5 } })).toContain('tenant.activeShare');
    expect(issuePaths({ ...s, api: { ...s.api, routes: [{ share: 0.5, model: 'test-eu/model-a' }] } })).toContain('api.routes');
    expect(issuePaths({ ...s, api: { ...s.api, routes: [{ share: 1 }] } })).toContain('api.routes.0.model');
    expect(issuePaths({ ...s, selfHosted: { ...s.selfHosted, server: { monthlyEur: 1 } } })).toEqual(expect.arrayContaining(['selfHosted.server.gpuCount', 'selfHosted.server.gpu']));
    expect(issuePaths({ ...s, selfHosted: { ...s.selfHosted, redundancy: -1 } })).toContain('selfHosted.redundancy');
    expect(issuePaths({ ...s, typo: 1 })).toEqual(['']);
    // a window smaller than one request (prompt + output) cannot serve it: it would only inflate capacity
    expect(issuePaths({ ...s, selfHosted: { ...s.selfHosted, contextTokens: 100 } })).toEqual(['selfHosted.contextTokens']);
    expect(() => parseScenario({ ...s, selfHosted: { ...s.selfHosted, contextTokens: 100 } })).toThrow(/Kontextfenster 100 Token ist kleiner als eine Anfrage \(2200 Token Prompt und Ausgabe\)/);
  });
});

describe('resolver', () => {
  it('unknown ids are errors naming the field', () => {
    expect(resolveError((s) => (s.selfHosted.server = { id: 'x' }))).toBe('selfHosted.server.id: unbekannter Server "x"');
    expect(resolveError((s) => (s.selfHosted.server = { id: 'srv-bad-gpu' }))).toMatch(/^selfHosted\.server\.id: .*unbekannte GPU "nope"/);
    expect(resolveError((s) => (s.selfHosted.model = { id: 'nope-q4_0' }))).toMatch(/^selfHosted\.model\.id: unbekanntes offenes Modell "nope"/);
    expect(resolveError((s) => (s.api.routes = [{ model: 'a/b', share: 1 }]))).toBe('api.routes.0.model: unbekannte Modellroute "a/b"');
    expect(resolveError((s) => (s.selfHosted.capacityModel = 'measured'))).toMatch(/^selfHosted\.capacityModel:/);
  });

  it('catalog server: setup, hourly price × 730, GGUF size for bits per weight', () => {
    const s = handScenario();
    s.selfHosted.server = { id: 'srv-hourly' };
    s.selfHosted.model = { id: 'model-8b-q4_0' };
    const r = resolveScenario(parseScenario(s), fixtureCatalog);
    expect(r.selfHosted.server.monthlyEur).toBe(730);
    expect(r.selfHosted.server.amortizationMonths).toBe(12);
    // 4 GB file for 8B params → 4 bits
    expect(r.selfHosted.model.bitsPerWeight).toBeCloseTo(4, 12);
    expect(r.selfHosted.measured?.points.map((p) => p.streams)).toEqual([1, 8, 16]);
  });
});

describe('budget plan, margins, verdict', () => {
  const full = runScenario(parseScenario(handScenario()), fixtureCatalog);

  it('budget plan: monthly tokens, +25 % budget and the 3× daily alert', () => {
    const b = full.budget.routes[0];
    // 1000 requests × 2000 input and 200 output tokens
    expect(b.inputTokensPerMonth).toBe(2_000_000);
    expect(b.outputTokensPerMonth).toBe(200_000);
    expect(b.eurPerMonth).toBeCloseTo(4.66, 2);
    expect(b.budgetEurPerMonth).toBeCloseTo(5.83, 2);
    // 4.66 / 20 days · 3 = 0.699
    expect(b.alertEurPerDay).toBeCloseTo(0.7, 2);
    expect(b.alertTokensPerDay).toBe(Math.ceil((2_200_000 / 20) * 3));
  });

  it('margins per package and option', () => {
    const starter = full.margins[0];
    expect(starter.revenueEur).toBe(490);
    const api = starter.options.find((o) => o.option === 'api')!;
    expect(api.marginEur).toBeCloseTo(490 - 4.66, 9);
    const ded = starter.options.find((o) => o.option === 'dedicated')!;
    expect(ded.marginEur).toBeCloseTo(180, 9);
    expect(ded.marginShare).toBeCloseTo(180 / 490, 9);
  });

  it('verdict rates inside the range, within ±50 %, else fails', () => {
    expect(rate(20, [15, 25])).toBe('holds');
    expect(rate(30, [15, 25])).toBe('roughly');
    expect(rate(40, [15, 25])).toBe('fails');
    expect(rate(null, [15, 25])).toBe('unknown');
    const v = verdict(full.resolved, full.result);
    // break-even 666 users × 0.5 active = 333 active users: far above 15–25
    expect(v[0].value).toBeCloseTo(333, 9);
    expect(v[0].status).toBe('fails');
    // 0.466 EUR per user: below 1.25 · 0.5
    expect(v[1].status).toBe('fails');
  });
});

describe('sensitivity and Monte Carlo', () => {
  const resolved = resolveScenario(parseScenario(handScenario()), fixtureCatalog);

  it('tornado: server rent ±20 % moves break-even users as hand-computed', () => {
    const t = tornado(resolved);
    expect(t.baseBreakEven).toBe(666);
    const rent = t.bars.find((b) => b.key === 'selfHosted.server.monthlyEur')!;
    // (240 + 10)/0.466 = 536.5 → 537; (360 + 10)/0.466 = 793.99 → 794
    expect(rent.lowBreakEven).toBe(537);
    expect(rent.highBreakEven).toBe(794);
    const price = t.bars.find((b) => b.key === 'api.priceFactor')!;
    // 310 / (0.466·0.8) = 831.5 → 832; 310 / (0.466·1.2) = 554.4 → 555
    expect(price.lowBreakEven).toBe(832);
    expect(price.highBreakEven).toBe(555);
    // shares are clamped to 1
    expect(t.bars.find((b) => b.key === 'api.cacheHitRate')!.highValue).toBeLessThanOrEqual(1);
  });

  it('Monte Carlo is reproducible with the seed and respects explicit ranges', () => {
    const a = monteCarlo(resolved, { draws: 300, seed: 7, spread: 0.2 });
    const b = monteCarlo(resolved, { draws: 300, seed: 7, spread: 0.2 });
    expect(a.percentiles).toEqual(b.percentiles);
    const c = monteCarlo(resolved, { draws: 300, seed: 8, spread: 0.2 });
    expect(c.percentiles).not.toEqual(a.percentiles);
    const p = a.percentiles;
    expect(p.p10!).toBeLessThanOrEqual(p.p50!);
    expect(p.p50!).toBeLessThanOrEqual(p.p90!);
    // no spread and a fixed rent: every draw gives the base break-even
    const fixed = monteCarlo(resolved, { draws: 50, seed: 1, spread: 0, ranges: { 'selfHosted.server.monthlyEur': [300, 300] } });
    expect(fixed.percentiles.p5).toBe(666);
    expect(fixed.percentiles.p95).toBe(666);
    expect(() => monteCarlo(resolved, { draws: 1, seed: 1, spread: 0, ranges: { nope: [1, 2] } })).toThrow(/monteCarlo\.ranges: unbekannte Annahme "nope"/);
  });


  it('simulate at another user count keeps the break-even', () => {
    expect(simulate(resolved, 1000).breakEvenUsers).toBe(666);
  });
});

describe('Monte Carlo ranges in the scenario', () => {
  it('an unknown assumption key is a schema error naming the field', () => {
    const s = { ...handScenario(), monteCarlo: { ranges: { 'selfHosted.server.monthlyEur': [200, 350], 'tenant.nope': [1, 2] } } };
    expect(issuePaths(s)).toEqual(['monteCarlo.ranges.tenant.nope']);
    expect(issuePaths({ ...handScenario(), monteCarlo: { ranges: { 'selfHosted.server.monthlyEur': [350, 200] } } })).toEqual(['monteCarlo.ranges.selfHosted.server.monthlyEur']);
  });
});
