// Builds the German customer report from a profile, a scenario and stored runs: loads the catalog,
// computes recommendation and simulation with the core, summarises runs from DuckDB, renders HTML.
import type { Catalog } from '../../core/catalog/schema';
import { recommend } from '../../core/compliance/recommend';
import { runScenario } from '../../core/sim/run';
import type { Scenario } from '../../core/sim/scenario';
import { renderReportHtml, type Assumption } from '../../core/report/report';
import type { Store } from '../store/db';
import { summariseRuns } from '../analysis/compare-service';

export interface BuildReportInput {
  catalog: Catalog;
  store?: Store;
  profileId: string;
  personalData: boolean;
  scenario: Scenario;
  scenarioName?: string;
  runIds: string[];
  customer?: string;
  now: Date;
}

export async function buildReport(input: BuildReportInput): Promise<{ html: string; breakEvenUsers: number | null; primaryRoute: string | null }> {
  const today = input.now.toISOString().slice(0, 10);
  const recommendation = recommend(input.catalog, { profileId: input.profileId, personalData: input.personalData, today });
  const sim = runScenario(input.scenario, input.catalog);
  const runs = input.runIds.length && input.store ? await summariseRuns(input.store, input.runIds) : [];
  const missing = input.runIds.filter((id) => !runs.some((r) => r.runId === id));
  if (input.runIds.length && !input.store) throw new Error('Läufe angegeben, aber keine Datenbank geöffnet');
  if (missing.length) throw new ReportInputError(`unbekannte Läufe: ${missing.join(', ')}`);
  const assumptions: Assumption[] = [];
  const de = (v: number) => v.toLocaleString('de-DE', { maximumFractionDigits: 4 });
  const fx = (input.catalog as Catalog & { fx?: { usdPerEur: number; source: string; asOf: string } }).fx;
  if (fx) assumptions.push({ label: 'Wechselkurs laut Katalog', value: `${de(fx.usdPerEur)} USD je EUR`, source: fx.source, asOf: fx.asOf });
  for (const route of [recommendation.primary, ...recommendation.fallbackChain]) {
    if (!route) continue;
    const m = input.catalog.models.find((x) => x.id === route.route);
    if (m) assumptions.push({ label: `Preis ${m.name} (${m.id})`, value: `${de(m.price.inputPerMTok)} / ${de(m.price.outputPerMTok)} ${m.price.currency} je 1 Mio. Tokens`, source: m.price.source, asOf: m.price.asOf });
  }
  const html = renderReportHtml({
    generatedAt: input.now.toISOString(),
    customer: input.customer,
    scenarioName: input.scenarioName ?? input.scenario.name,
    recommendation,
    sim,
    runs,
    assumptions
  });
  return { html, breakEvenUsers: sim.result.breakEvenUsers, primaryRoute: recommendation.primary?.route ?? null };
}

export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}
