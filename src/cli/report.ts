// `werkbank report`: the German customer report as one self-contained HTML file (charts inline as SVG).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCatalog } from '../lib/server/catalog';
import { loadScenarioFile, ScenarioFileError } from '../lib/server/sim/scenario-file';
import { buildReport, ReportInputError } from '../lib/server/report/build-report';
import { Store } from '../lib/server/store/db';
import { UnknownProfileError } from '../lib/core/compliance/recommend';
import { parseFlags, type Command, outputFile, printJson, UsageError } from './support/cli';

export const command: Command = {
  name: 'report',
  summary: 'Kundenbericht (HTML, druckbar) aus Profil, Szenario und Läufen',
  usage: [
    'werkbank report --profile ID --scenario DATEI [--personal-data] [--runs A,B] [--customer NAME] --out bericht.html [--json] [--db PFAD] [--catalog DATEI]',
    '',
    'Schreibt eine eigenständige HTML-Datei (keine externen Anfragen; Diagramme als SVG eingebettet).'
  ].join('\n'),
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, {
      profile: { type: 'string' },
      scenario: { type: 'string' },
      'personal-data': { type: 'boolean' },
      runs: { type: 'string' },
      customer: { type: 'string' },
      out: { type: 'string' },
      catalog: { type: 'string' }
    });
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    if (!values.profile) throw new UsageError('--profile fehlt (z. B. kanzlei, kmu-standard)');
    if (!values.scenario) throw new UsageError('--scenario fehlt (YAML- oder JSON-Datei, Vorlagen in datasets/scenarios/)');
    if (!values.out) throw new UsageError('--out fehlt (z. B. --out bericht.html)');
    const out = outputFile('--out', values.out, env.cwd);
    const runIds = (values.runs ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (values.runs !== undefined && runIds.length === 0) throw new UsageError('--runs: keine Lauf-ID angegeben (z. B. --runs lauf-a,lauf-b)');
    let scenario;
    try {
      scenario = (await loadScenarioFile(resolve(env.cwd, values.scenario), values.scenario)).scenario;
    } catch (err) {
      if (err instanceof ScenarioFileError) throw new UsageError(`ungültiges Szenario:\n${err.message}`);
      throw err;
    }
    const catalog = await loadCatalog({ rootDir: env.cwd, overridePath: values.catalog ? resolve(env.cwd, values.catalog) : env.catalogOverridePath });
    const store = runIds.length ? await Store.open(values.db ?? env.dbPath) : undefined;
    try {
      const r = await buildReport({ catalog, store, profileId: values.profile, personalData: Boolean(values['personal-data']), scenario, runIds, customer: values.customer, now: new Date() });
      await writeFile(out, r.html);
      if (values.json) printJson(io, { out, profile: values.profile, primaryRoute: r.primaryRoute, breakEvenUsers: r.breakEvenUsers, runs: runIds, bytes: Buffer.byteLength(r.html) });
      else io.err(`Bericht geschrieben: ${out}\n`);
      return 0;
    } catch (err) {
      if (err instanceof UnknownProfileError || err instanceof ReportInputError || (err instanceof Error && err.name === 'ScenarioResolveError')) throw new UsageError(err.message);
      throw err;
    } finally {
      await store?.close();
    }
  }
};
