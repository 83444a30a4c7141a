// `werkbank simulate` / `werkbank sizing` as a user runs them: JSON shape, presets against the shipped
// catalog, exit 2 naming the field (and YAML line) on bad scenarios.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'werkbank-sim-'));

function werkbank(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/werkbank.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, WERKBANK_CATALOG: '' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const EXAMPLE = `tenant:  { users: 40, activeShare: 0.8, requestsPerActiveUserPerDay: 15, workingDaysPerMonth: 21, peakHourShare: 0.2 }
request: { systemPromptTokens: 1500, contextTokens: 800, userTokens: 150, outputTokens: 350 }
api:
  cacheHitRate: 0.9
  batchShare: 0
  routes:
    - { model: bedrock-eu/claude-sonnet-4-6, share: 0.3 }
    - { share: 0.7, price: { currency: USD, inputPerMTok: 1.1, outputPerMTok: 5.5, cacheReadPerMTok: 0.11, cacheWritePerMTok: 1.375, batchPriceFactor: 0.5 } }
fx: { usdPerEur: 1.1637 }
selfHosted:
  server: { id: hetzner-gex44 }
  model:  { id: mistral-7b-q4_k_m }
  contextTokens: 8192
  efficiency: { bandwidth: 0.7, compute: 0.5 }
  minTokensPerSecPerStream: 15
  redundancy: 0
  opsEurPerMonth: 0
`;

function scenarioFile(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe('werkbank simulate', () => {
  it('prints one JSON document with the documented fields for the issue example', () => {
    const r = werkbank('simulate', '--scenario', scenarioFile('ok.yaml', EXAMPLE), '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.requestsPerMonth).toBe(10080);
    expect(j.api.routes.map((x: { share: number }) => x.share)).toEqual([0.3, 0.7]);
    expect(j.api.monthlyEur).toBeCloseTo(j.api.routes[0].monthlyEur + j.api.routes[1].monthlyEur, 9);
    expect(j.api.perUserEur).toBeCloseTo(j.api.monthlyEur / 40, 9);
    for (const k of ['fits', 'monthlyEur', 'perUserEur', 'servers', 'streamsPerServer', 'tokensPerSecPerStream']) expect(j.selfHosted).toHaveProperty(k);
    expect(j.selfHosted.fits).toBe(true);
    expect(Number.isInteger(j.breakEvenUsers)).toBe(true);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('--users overrides the tenant size and --budget prints the gateway plan with a 3× alert', () => {
    const f = scenarioFile('ok2.yaml', EXAMPLE);
    const a = JSON.parse(werkbank('simulate', '--scenario', f, '--json', '--users', '80').stdout);
    expect(a.users).toBe(80);
    expect(a.requestsPerMonth).toBe(20160);
    const b = werkbank('simulate', '--scenario', f, '--budget');
    expect(b.code).toBe(0);
    const plan = JSON.parse(b.stdout);
    expect(plan.kind).toBe('werkbank.budget-plan');
    expect(plan.alertFactor).toBe(3);
    expect(plan.routes[0].alertEurPerDay).toBeCloseTo(plan.routes[0].eurPerDay * 3, 1);
  });

  it('every preset in datasets/scenarios runs against the shipped catalog', () => {
    const dir = join(root, 'datasets/scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const r = werkbank('simulate', '--scenario', join(dir, f), '--json');
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.verdict).toHaveLength(2);
      expect(readFileSync(join(dir, f), 'utf8')).toMatch(/sources:/);
    }
  });

  it('exit 2 naming the field and the YAML line for schema errors', () => {
    const r = werkbank('simulate', '--scenario', scenarioFile('bad-share.yaml', EXAMPLE.replace('peakHourShare: 0.2', 'peakHourShare: 2')), '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad-share\.yaml:1: tenant\.peakHourShare/);
  });

  it('exit 2 naming the field for routes that do not sum to 1 and unknown keys', () => {
    const r = werkbank('simulate', '--scenario', scenarioFile('bad-sum.yaml', EXAMPLE.replace('share: 0.3 }', 'share: 0.4 }')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/:7: api\.routes: .*müssen 1 ergeben/);
    const u = werkbank('simulate', '--scenario', scenarioFile('bad-key.yaml', EXAMPLE.replace('redundancy: 0', 'redundancancy: 0')));
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/selfHosted/);
  });

  it('exit 2 naming the field and line for unknown catalog ids', () => {
    const r = werkbank('simulate', '--scenario', scenarioFile('bad-id.yaml', EXAMPLE.replace('id: hetzner-gex44', 'id: x')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-id\.yaml:11: selfHosted\.server\.id: unbekannter Server "x"/);
    const m = werkbank('simulate', '--scenario', scenarioFile('bad-route.yaml', EXAMPLE.replace('bedrock-eu/claude-sonnet-4-6', 'nope/model')));
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/api\.routes\.0\.model: unbekannte Modellroute "nope\/model"/);
  });

  it('exit 2 for a missing flag or file, JSON files without line numbers', () => {
    expect(werkbank('simulate').code).toBe(2);
    expect(werkbank('simulate', '--scenario', join(tmp, 'missing.yaml')).code).toBe(2);
    const j = werkbank('simulate', '--scenario', scenarioFile('bad.json', JSON.stringify({ tenant: {} })));
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/tenant\.users/);
  });
});

describe('werkbank sizing', () => {
  it('answers streams and users per server; the H100 + Mistral 7B Q4_0 uses the measured curve', () => {
    const r = werkbank('sizing', '--model', 'mistral-7b-q4_0', '--server', 'runpod-h100-sxm', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.capacityMethod).toBe('measured');
    expect(j.streams).toBeGreaterThan(1);
    expect(j.usersPerServer).toBeGreaterThan(0);
    const roof = JSON.parse(werkbank('sizing', '--model', 'mistral-7b-q4_0', '--server', 'runpod-h100-sxm', '--capacity', 'roofline', '--json').stdout);
    expect(roof.capacityMethod).toBe('roofline');
    // 63 streams fit in 80 GB at 8,192 tokens context: measured 3,254 tok/s at 32 and 4,629 at 64, interpolated
    expect(j.streams).toBe(63);
    expect(j.aggregateTokensPerSec).toBeCloseTo(3254 + ((4629 - 3254) * 31) / 32, 6);
    expect(roof.aggregateTokensPerSec).not.toBeCloseTo(j.aggregateTokensPerSec, 0);
  });

  it('says when a model does not fit, and exits 2 for unknown ids', () => {
    const r = JSON.parse(werkbank('sizing', '--model', 'llama-3.3-70b-q4_k_m', '--server', 'hetzner-gex44', '--json').stdout);
    expect(r.fits).toBe(false);
    expect(r.usersPerServer).toBeNull();
    const bad = werkbank('sizing', '--model', 'mistral-7b-q4_0', '--server', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--server: unbekannter Server "nope"/);
    const tiny = werkbank('sizing', '--model', 'mistral-7b-q4_0', '--server', 'runpod-h100-sxm', '--context', '1');
    expect(tiny.code).toBe(2);
    expect(tiny.stderr).toMatch(/--context: 1 Token ist kleiner als eine Anfrage \(2800 Token/);
  });
});

describe('werkbank simulate --probe', () => {
  it('takes the capacity from a stored probe and says so; unknown probe ids exit 2', async () => {
    const { Store } = await import('../../src/lib/server/store/db');
    const { saveProbe } = await import('../../src/lib/server/probe/store');
    const dbPath = join(tmp, 'probe.duckdb');
    const store = await Store.open(dbPath);
    const point = (concurrency: number, agg: number) => ({ concurrency, requests: 4, ttftMsP50: 50, ttftMsP90: 60, decodeTokensPerSecPerStream: agg / concurrency, aggregateTokensPerSec: agg, e2eMsP50: 1000, inputTokensP50: 512, outputTokensP50: 128, shortOutputs: 0 });
    const id = await saveProbe(store, {
      target: 'local/mistral-7b-q4_k_m',
      model: 'mistral-7b-q4_k_m',
      synthetic: true,
      promptTokens: 512,
      outputTokens: 128,
      repeats: 1,
      points: [point(1, 40), point(4, 100)],
      hardware: { location: 'local', host: 'test', platform: 'linux', arch: 'x64', cpuModel: 'test cpu', cpuCores: 2, memoryGb: 8, gpu: null },
      startedAt: '2026-11-27T10:00:00.000Z'
    } as never);
    await store.close();
    const f = scenarioFile('probe.yaml', EXAMPLE);
    const r = werkbank('simulate', '--scenario', f, '--json', '--db', dbPath, '--probe', id);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.selfHosted.capacityMethod).toBe('measured');
    expect(j.selfHosted.measuredSource).toContain(id);
    // per stream: 40 at 1, 25 at 4 → 4 streams at 25 tok/s meet the 15 tok/s floor
    expect(j.selfHosted.streamsPerServer).toBe(4);
    expect(j.selfHosted.tokensPerSecPerStream).toBeCloseTo(25, 9);
    const bad = werkbank('simulate', '--scenario', f, '--db', dbPath, '--probe', 'probe-nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--probe: keine Messung "probe-nope"/);
  });
});
