// `werkbank simulate --scenario FILE [--users N] [--json] [--budget] [--analyze] [--probe ID] [--catalog FILE]`:
// API spend vs self-hosted GPU servers for one tenant (reference model, docs/cost-model.md), with the
// Rechenweg. An invalid scenario exits 2 naming the field (and, for YAML, the line). `--probe ID` takes
// the self-hosted capacity from a stored `werkbank probe` result (measured curve instead of roofline).
import { isAbsolute, resolve } from 'node:path';
import { monteCarlo, runScenario, ScenarioResolveError, toJson, tornado } from '../lib/core/sim';
import { loadScenarioFile, ScenarioFileError } from '../lib/server/sim/scenario-file';
import { num } from '../lib/core/sim/rechenweg';
import { loadCatalogForCli } from './catalog';
import { Store } from '../lib/server/store/db';
import { listProbes } from '../lib/server/probe/store';
import { formatTable, numberFlag, parseFlags, printJson, UsageError, type Command } from './support/cli';

/** The measured curve of a stored probe (aggregate tokens/s per concurrency); UsageError if unknown or empty. */
export async function probeCurve(dbPath: string, id: string): Promise<{ source: string; points: { streams: number; aggregateTokensPerSec: number }[] }> {
  const store = await Store.open(dbPath);
  try {
    const probe = (await listProbes(store, { limit: 100_000 })).find((p) => p.id === id);
    if (!probe) throw new UsageError(`--probe: keine Messung "${id}" in ${dbPath}`);
    const points = probe.points
      .filter((p) => p.aggregateTokensPerSec !== null && p.aggregateTokensPerSec > 0)
      .map((p) => ({ streams: p.concurrency, aggregateTokensPerSec: p.aggregateTokensPerSec as number }))
      .sort((a, b) => a.streams - b.streams);
    if (points.length === 0) throw new UsageError(`--probe: Messung "${id}" hat keine Durchsatzpunkte`);
    return { source: `werkbank probe ${id} (${probe.target}${probe.synthetic ? ', synthetisches Modell' : ''}, ${probe.createdAt.slice(0, 10)})`, points };
  } finally {
    await store.close();
  }
}

export const command: Command = {
  name: 'simulate',
  summary: 'Kostensimulation: API gegen eigene GPU-Server, Break-even und Rechenweg',
  usage:
    'werkbank simulate --scenario DATEI [--users N] [--json] [--budget] [--analyze] [--probe ID] [--catalog DATEI] [--db PFAD]\n\n' +
    '  --scenario DATEI  Szenario als YAML oder JSON (Beispiele: datasets/scenarios/*.yaml)\n' +
    '  --users N         Nutzerzahl des Szenarios überschreiben\n' +
    '  --budget          nur den Budgetplan (JSON für ein Gateway) ausgeben\n' +
    '  --analyze         Sensitivität (±20 %) und Monte Carlo ergänzen\n' +
    '  --probe ID        Kapazität aus einer gespeicherten Messung (werkbank probe) statt der Roofline\n' +
    '  --catalog DATEI   Katalog-Überschreibung statt werkbank.catalog.yaml',
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, { scenario: { type: 'string' }, users: { type: 'string' }, catalog: { type: 'string' }, probe: { type: 'string' }, budget: { type: 'boolean' }, analyze: { type: 'boolean' } }, { allowPositionals: false });
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    if (!values.scenario) throw new UsageError('--scenario DATEI fehlt');
    const users = numberFlag('users', values.users, { min: 1, max: 100_000, integer: true });
    const file = isAbsolute(values.scenario) ? values.scenario : resolve(env.cwd, values.scenario);
    let loaded;
    try {
      loaded = await loadScenarioFile(file);
    } catch (err) {
      if (err instanceof ScenarioFileError) throw new UsageError(`ungültiges Szenario:\n${err.message}`);
      throw err;
    }
    if (values.probe) loaded.scenario.selfHosted.measured = await probeCurve(values.db ?? env.dbPath, values.probe);
    const catalog = await loadCatalogForCli(env, values.catalog);
    let full;
    try {
      full = runScenario(loaded.scenario, catalog, users);
    } catch (err) {
      if (err instanceof ScenarioResolveError) {
        const line = loaded.lineOf(err.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
        throw new UsageError(`${values.scenario}${line ? `:${line}` : ''}: ${err.message}`);
      }
      throw err;
    }
    if (values.budget) {
      printJson(io, full.budget);
      return 0;
    }
    const out = toJson(full);
    const analysis = values.analyze
      ? (() => {
          const mc = loaded.scenario.monteCarlo;
          try {
            return { tornado: tornado(full.resolved), monteCarlo: monteCarlo(full.resolved, { draws: mc.draws, seed: mc.seed, spread: mc.spread, ranges: mc.ranges }) };
          } catch (err) {
            throw new UsageError(`${values.scenario}: ${(err as Error).message}`);
          }
        })()
      : undefined;
    if (values.json) {
      printJson(io, analysis ? { ...out, analysis } : out);
      return 0;
    }
    const r = full.result;
    io.out(`Szenario: ${full.resolved.name ?? values.scenario}\n`);
    io.out(`Nutzer: ${num(r.users, 0)} · Anfragen/Monat: ${num(r.requestsPerMonth, 0)}\n\n`);
    io.out(formatTable(['Route', 'Anteil', 'EUR/Anfrage', 'EUR/Monat'], r.api.routes.map((x) => [x.label, num(x.share), num(x.eurPerRequest, 6), num(x.monthlyEur)])));
    io.out(`\nAPI:              ${num(r.api.monthlyEur)} EUR/Monat (${num(r.api.perUserEur)} EUR je Nutzer)\n`);
    const sh = r.selfHosted;
    if (sh.monthlyEur === null) io.out(`Selbst betrieben: nicht möglich – ${sh.reason}\n`);
    else
      io.out(
        `Selbst betrieben: ${num(sh.monthlyEur)} EUR/Monat (${num(sh.perUserEur)} EUR je Nutzer), ${sh.servers} Server, ${sh.streamsPerServer} Streams je Server à ${num(sh.tokensPerSecPerStream, 1)} Token/s (${sh.capacity.method === 'measured' ? 'gemessene Kurve' : 'Roofline'})\n`
      );
    io.out(`Break-even:       ${r.breakEvenUsers === null ? `keiner (${r.breakEvenReason})` : `${num(r.breakEvenUsers, 0)} Nutzer`}\n`);
    io.out(`Geteilter Pool:   ${r.sharedPool.tenants} Mandanten, ${num(r.sharedPool.perTenantMonthlyEur)} EUR/Monat je Mandant, Break-even ${r.sharedPool.breakEvenUsers === null ? 'keiner' : num(r.sharedPool.breakEvenUsers, 0) + ' Nutzer je Mandant'}\n\n`);
    io.out('Rechenweg:\n');
    for (const s of full.steps) io.out(`- ${s.title}: ${s.formula}\n    ${s.filled} = ${num(s.result, 4)} ${s.unit}${s.note ? `\n    (${s.note})` : ''}\n`);
    io.out('\nThesen des Strategiepapiers:\n');
    const label = { holds: 'trifft zu', roughly: 'ungefähr', fails: 'trifft nicht zu', unknown: 'unbestimmt' } as const;
    for (const v of full.verdict) io.out(`- ${v.claim}: ${label[v.status]} – ${v.explanation}\n`);
    if (analysis) {
      io.out('\nSensitivität (±20 %, Break-even in Nutzern):\n');
      io.out(formatTable(['Annahme', '−20 %', '+20 %'], analysis.tornado.bars.slice(0, 8).map((b) => [b.label, b.lowBreakEven ?? 'nie', b.highBreakEven ?? 'nie'])));
      const p = analysis.monteCarlo.percentiles;
      io.out(`\nMonte Carlo (${analysis.monteCarlo.draws} Ziehungen, Seed ${analysis.monteCarlo.seed}): Break-even p10 ${num(p.p10, 0)}, p50 ${num(p.p50, 0)}, p90 ${num(p.p90, 0)}; nie: ${num(analysis.monteCarlo.neverShare * 100, 1)} %\n`);
    }
    return 0;
  }
};
