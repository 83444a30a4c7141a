// `werkbank catalog` and `werkbank recommend` as users call them: JSON on stdout, exit codes, and a
// bad override rejected with exit 2 naming file and field.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/app';

const cli = (args: string[], env: Record<string, string> = {}) => {
  const clean = { ...process.env };
  delete clean.WERKBANK_CATALOG;
  return spawnSync(process.execPath, ['bin/werkbank.js', ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...clean, ...env }, timeout: 60_000 });
};
const tmp = () => mkdtempSync(join(tmpdir(), 'wb-catcli-'));

describe('werkbank catalog', { timeout: 180_000 }, () => {
  it('providers --json lists every provider of the issue with id, tier and its routes', () => {
    const r = cli(['catalog', 'providers', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; tier: number; routes: string[] }[];
    const byId = Object.fromEntries(list.map((p) => [p.id, p]));
    for (const [id, tier] of Object.entries({ mistral: 1, 'aleph-alpha': 1, 'aleph-alpha/onprem': 4, 'bedrock-eu': 2, bedrock: 3, vertex: 2, 'azure-openai': 2, anthropic: 3, openai: 3, ollama: 4, local: 4, 'openai-compatible/vllm': 4, 'openai-compatible/stackit': 1, 'openai-compatible/ionos': 1, 'openai-compatible/scaleway': 1, 'openai-compatible/ovhcloud': 1 })) {
      expect(byId[id]?.tier, id).toBe(tier);
      expect(byId[id].routes.length, id).toBeGreaterThan(0);
    }
    expect(byId['bedrock-eu'].routes).toContain('bedrock-eu/claude-sonnet-4-6');
  });

  it('models --json carries id, tier and EUR prices; other sections list their entries', () => {
    const r = cli(['catalog', 'models', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const models = JSON.parse(r.stdout) as { id: string; tier: number; priceEur: { inputPerMTok: number } }[];
    const sonnet = models.find((m) => m.id === 'bedrock-eu/claude-sonnet-4-6')!;
    expect(sonnet.tier).toBe(2);
    expect(sonnet.priceEur.inputPerMTok).toBeCloseTo(3.3 / 1.1637, 4);
    for (const [section, id] of [['gpus', 'h100-sxm'], ['servers', 'hetzner-gex44'], ['open-models', 'tiny-test'], ['profiles', 'kanzlei']] as const) {
      const s = cli(['catalog', section, '--json']);
      expect(s.status, s.stderr).toBe(0);
      expect((JSON.parse(s.stdout) as { id: string }[]).map((x) => x.id)).toContain(id);
    }
    const tp = cli(['catalog', 'throughput', '--json']);
    expect((JSON.parse(tp.stdout) as { id: string }[]).every((x) => typeof x.id === 'string')).toBe(true);
  });

  it('text output is a table with de-DE numbers; an unknown section exits 2', () => {
    const r = cli(['catalog', 'servers']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/hetzner-gex131.*1\.197,3/);
    const bad = cli(['catalog', 'modelle']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unbekannter Abschnitt "modelle"/);
  });

  it('an override file with a wrong type exits 2 naming file, line and field (flag and WERKBANK_CATALOG)', () => {
    const dir = tmp();
    const ov = join(dir, 'werkbank.catalog.yaml');
    writeFileSync(ov, 'gpus:\n  - id: h100-sxm\n    vramGb: achtzig\n');
    for (const r of [cli(['catalog', 'gpus', '--json', '--catalog', ov]), cli(['catalog', 'gpus', '--json'], { WERKBANK_CATALOG: ov })]) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('werkbank.catalog.yaml:3');
      expect(r.stderr).toContain('gpus[0].vramGb');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a valid override changes the listed price', () => {
    const ov = join(tmp(), 'preise.yaml');
    writeFileSync(ov, 'fx: { usdPerEur: 1.0 }\nmodels:\n  - id: mistral/mistral-large-latest\n    price: { inputPerMTok: 0.42, source: Vertrag, asOf: "2026-11-01" }\n');
    const r = cli(['catalog', 'models', '--json', '--catalog', ov]);
    expect(r.status, r.stderr).toBe(0);
    const m = (JSON.parse(r.stdout) as { id: string; priceEur: { inputPerMTok: number; outputPerMTok: number } }[]).find((x) => x.id === 'mistral/mistral-large-latest')!;
    expect(m.priceEur).toMatchObject({ inputPerMTok: 0.42, outputPerMTok: 1.5 });
  });
});

describe('werkbank recommend', { timeout: 180_000 }, () => {
  it('kanzlei --personal-data --json contains only tier 1 and 4 routes', () => {
    const r = cli(['recommend', '--profile', 'kanzlei', '--personal-data', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec).toMatchObject({ profile: 'kanzlei', personalData: true });
    const tiers = [rec.primary, ...rec.fallbackChain, ...rec.allowed].map((x: { tier: number }) => x.tier);
    expect(new Set(tiers)).toEqual(new Set([1, 4]));
    expect(Array.isArray(rec.subProcessors) && rec.subProcessors.length > 0).toBe(true);
    expect(rec.reasons.length).toBeGreaterThan(2);
  });

  it('kmu-standard recommends a Bedrock EU route first', () => {
    const r = cli(['recommend', '--profile', 'kmu-standard', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).primary.route).toMatch(/^bedrock-eu\//);
  });

  it('no profile with --personal-data yields a tier-3 route anywhere in its chain', () => {
    for (const p of ['kmu-standard', 'kanzlei', 'arztpraxis', 'behoerde', 'kritis', 'finanz', 'ecommerce', 'sovereign']) {
      const r = cli(['recommend', '--profile', p, '--personal-data', '--json']);
      expect(r.status, `${p}: ${r.stderr}`).toBe(0);
      const rec = JSON.parse(r.stdout);
      for (const s of [rec.primary, ...rec.fallbackChain]) expect(s.tier, `${p} ${s.route}`).not.toBe(3);
    }
  });

  it('a custom profile from the override file works; one without any allowed route exits 1', () => {
    const ov = join(tmp(), 'profile.yaml');
    writeFileSync(
      ov,
      'profiles:\n  - id: nur-us\n    name: Nur US\n    description: Test\n    allowedTiers: [3]\n    reasons: [Test]\n    source: Test\n'
    );
    const noPd = cli(['recommend', '--profile', 'nur-us', '--json', '--catalog', ov]);
    expect(noPd.status, noPd.stderr).toBe(0);
    expect(JSON.parse(noPd.stdout).primary.tier).toBe(3);
    const pd = cli(['recommend', '--profile', 'nur-us', '--personal-data', '--json', '--catalog', ov]);
    expect(pd.status).toBe(1);
    expect(JSON.parse(pd.stdout).primary).toBeNull();
  });

  it('exits 2 for a missing or unknown profile, and prints German text without --json', () => {
    const missing = cli(['recommend']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--profile fehlt/);
    const unknown = cli(['recommend', '--profile', 'gibtsnicht']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unbekanntes Profil "gibtsnicht"/);
    const text = cli(['recommend', '--profile', 'behoerde']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Empfohlen: openai-compatible\//);
    expect(text.stdout).toMatch(/Unterauftragnehmer für den AVV/);
  });
});
