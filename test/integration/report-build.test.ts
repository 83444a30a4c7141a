// Report: built from the real catalog, a scenario and stored runs — recommendation, AVV list, costs,
// break-even figure and chart; self-contained (no scripts, no external URLs); dynamic text escaped.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/lib/server/catalog';
import { parseScenario } from '../../src/lib/core/sim/scenario';
import { runScenario } from '../../src/lib/core/sim/run';
import { buildReport } from '../../src/lib/server/report/build-report';
import { chartUserCounts } from '../../src/lib/core/report/report';
import { Store } from '../../src/lib/server/store/db';
import { projectRoot } from '../helpers/app';
import { seedRuns } from '../helpers/seed';
import { issueScenario } from '../helpers/scenarios';


describe('report', () => {
  it('contains recommendation, sub-processors, runs, costs and the break-even figure the simulator computes', async () => {
    const catalog = await loadCatalog({ rootDir: projectRoot, noCache: true });
    const scenario = parseScenario(issueScenario);
    const expected = runScenario(scenario, catalog).result;
    const dbPath = join(mkdtempSync(join(tmpdir(), 'wb-report-')), 'w.duckdb');
    await seedRuns(dbPath, [{ id: 'r1', suite: 'de-email-triage', target: 'mistral/mistral-large-latest', tier: 1, items: [{ id: 'a', output: '<script>alert(1)</script>', score: 1 }] }]);
    const store = await Store.open(dbPath);
    try {
      const { html, breakEvenUsers, primaryRoute } = await buildReport({
        catalog, store, profileId: 'kanzlei', personalData: true, scenario, runIds: ['r1'], customer: 'Kanzlei <Müller> & Partner', now: new Date('2026-11-27T12:00:00Z')
      });
      expect(breakEvenUsers).toBe(expected.breakEvenUsers);
      expect(primaryRoute).not.toBeNull();
      const tier = catalog.models.find((m) => m.id === primaryRoute)!;
      const provider = catalog.providers.find((p) => p.id === tier.provider)!;
      expect([1, 4]).toContain(provider.tier);
      expect(html).toContain('Empfohlene Route');
      expect(html).toContain(primaryRoute!);
      expect(html).toContain('Unterauftragsverarbeiter');
      expect(html).toContain('de-email-triage');
      const be = expected.breakEvenUsers === null ? 'kein Break-even' : `${new Intl.NumberFormat('de-DE').format(expected.breakEvenUsers)} Nutzer`;
      expect(html).toContain(be);
      expect(html).toContain('<svg');
      // self-contained and escaped
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/(src|href)=["']?https?:/i);
      expect(html).toContain('Kanzlei &lt;Müller&gt; &amp; Partner');
      expect(html).toMatch(/@page \{ size: A4/);
    } finally {
      await store.close();
    }
  });

  it('rejects unknown runs and unknown profiles', async () => {
    const catalog = await loadCatalog({ rootDir: projectRoot });
    const scenario = parseScenario(issueScenario);
    const store = await Store.open(join(mkdtempSync(join(tmpdir(), 'wb-report-')), 'w.duckdb'));
    try {
      await expect(buildReport({ catalog, store, profileId: 'kanzlei', personalData: false, scenario, runIds: ['nope'], now: new Date() })).rejects.toThrow(/unbekannte Läufe: nope/);
      await expect(buildReport({ catalog, store, profileId: 'no-such', personalData: false, scenario, runIds: [], now: new Date() })).rejects.toThrow(/no-such/);
    } finally {
      await store.close();
    }
  });

  it('chart user counts span beyond the break-even and the tenant size', () => {
    const c = chartUserCounts(40, 120);
    expect(c[0]).toBe(1);
    expect(c[c.length - 1]).toBe(240);
    expect(new Set(c).size).toBe(c.length);
    expect(chartUserCounts(10, null).at(-1)).toBe(50);
  });
});
