// `werkbank suites [--json]` lists the benchmark suites (items, scorer, licence, personal data);
// `werkbank suites show ID [--item ITEM] [--json]` shows one suite with a rendered example prompt.
import { renderPrompt, type LoadedSuite } from '../lib/core/suites';
import { loadSuite, suiteIds, summarise, SuiteLoadError, type SuiteSummary } from '../lib/server/suites/loader';
import { EXIT_OK, EXIT_USAGE, formatTable, parseFlags, printJson, UsageError, type Command } from './support/cli';

/** Longest message shown in the text view of `suites show`; --json always has the full text. */
const PREVIEW_CHARS = 1200;

export const command: Command = {
  name: 'suites',
  summary: 'Benchmark-Suiten: Liste (Einträge, Scorer, Lizenz, Personenbezug) und Beispiel-Prompt',
  usage: [
    'werkbank suites [--json]                       alle Suiten aus benchmarks/*.yaml (prüft Datei und Daten)',
    'werkbank suites show ID [--item ITEM] [--json] eine Suite mit gerendertem Beispiel-Prompt'
  ].join('\n'),
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, { item: { type: 'string' } });
    const root = env.cwd;
    const sub = positionals[0];
    if (sub === undefined || sub === 'list') {
      if (positionals.length > 1) throw new UsageError(`unerwartetes Argument: ${positionals[1]}`);
      if (values.item !== undefined) throw new UsageError('--item gibt es nur bei "suites show ID"');
      const suites: SuiteSummary[] = [];
      const errors: { id: string; message: string }[] = [];
      for (const id of await suiteIds(root)) {
        try {
          suites.push(summarise(root, await loadSuite(root, id)));
        } catch (err) {
          if (!(err instanceof SuiteLoadError)) throw err;
          errors.push({ id, message: err.message });
        }
      }
      if (values.json) printJson(io, errors.length ? { suites, errors } : { suites });
      else if (suites.length === 0 && errors.length === 0) io.out('Keine Suiten gefunden (benchmarks/*.yaml).\n');
      else if (suites.length > 0)
        io.out(
          formatTable(
            ['ID', 'Name', 'Einträge', 'Scorer', 'Metrik', 'Lizenz', 'Personenbezug'],
            suites.map((s) => [s.id, s.name, s.itemCount.toLocaleString('de-DE'), s.scorer, s.primaryMetric, s.licence, s.personalData ? 'ja' : 'nein'])
          )
        );
      for (const e of errors) io.err(`Suite ${e.id} ist ungültig:\n${indent(e.message)}\n`);
      return errors.length ? EXIT_USAGE : EXIT_OK;
    }
    if (sub !== 'show') throw new UsageError(`Unterbefehl unbekannt: "${sub}" (erwartet: show ID, oder ohne Unterbefehl für die Liste)`);
    const id = positionals[1];
    if (!id) throw new UsageError('suites show: Suite-ID fehlt (z. B. werkbank suites show xquad-de)');
    if (positionals.length > 2) throw new UsageError(`unerwartetes Argument: ${positionals[2]}`);
    const known = await suiteIds(root);
    if (!known.includes(id)) throw new UsageError(`Suite "${id}" gibt es nicht (vorhanden: ${known.join(', ') || 'keine'})`);
    const loaded = await loadSuite(root, id);
    const item = values.item === undefined ? loaded.items[0] : loaded.items.find((i) => i.id === values.item);
    if (!item) throw new UsageError(`--item: Eintrag "${values.item}" gibt es in ${id} nicht`);
    const messages = renderPrompt(loaded.suite, item);
    const summary = summarise(root, loaded);
    if (values.json) {
      printJson(io, { ...summary, suite: loaded.suite, example: { itemId: item.id, messages, expected: item.expected } });
      return EXIT_OK;
    }
    io.out(describe(summary, loaded));
    io.out(`\nBeispiel-Prompt (Eintrag ${item.id}):\n`);
    for (const m of messages) io.out(`\n[${m.role}]\n${preview(m.content)}\n`);
    io.out(`\nErwartet: ${preview(typeof item.expected === 'string' ? item.expected : JSON.stringify(item.expected))}\n`);
    return EXIT_OK;
  }
};

function describe(s: SuiteSummary, loaded: LoadedSuite): string {
  const suite = loaded.suite;
  const rows: [string, string][] = [
    ['ID', s.id],
    ['Name', s.name],
    ['Beschreibung', suite.description],
    ['Datei', s.file],
    ['Daten', `${suite.dataset.path} (${s.itemCount.toLocaleString('de-DE')} Einträge)`],
    ['Lizenz', s.licence],
    ['Quelle', s.source],
    ['Namensnennung', suite.dataset.attribution],
    ['Personenbezug', s.personalData ? 'ja – nur Routen ohne Drittlandtransfer (nicht Tier 3)' : 'nein'],
    ['Scorer', `${s.scorer} (Metrik: ${[suite.metrics.primary, ...suite.metrics.secondary].join(', ')})`],
    ['Ausgabe', suite.output.parse + (suite.output.labels ? ` (${suite.output.labels.join(', ')})` : '')],
    ['Generierung', `max. ${suite.generation.maxTokens} Tokens, Temperatur ${suite.generation.temperature.toLocaleString('de-DE')}`],
    ['Few-Shot', `${suite.template.fewShot?.length ?? 0} Beispiele`],
    ['Inhalts-Hash', s.contentHash]
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `${(k + ':').padEnd(w + 2)}${v}`).join('\n') + '\n';
}

function preview(text: string): string {
  if (text.length <= PREVIEW_CHARS) return text;
  return `${text.slice(0, PREVIEW_CHARS)}… (gekürzt, ${text.length.toLocaleString('de-DE')} Zeichen; vollständig mit --json)`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
