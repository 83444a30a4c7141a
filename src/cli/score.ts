// `werkbank score --suite ID --predictions FILE.jsonl [--json]`: scores given model outputs ({"id","output"}
// per line) with the suite's scorer over the items present in the file, with 95% bootstrap intervals.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { aggregateScores, primaryMetric, scoreItem, validateScorerConfig, type ItemScore, type ScoringItem } from '../lib/core/scoring';
import { bootstrapManyCi, type Interval } from '../lib/core/stats';
import { loadSuite } from '../lib/server/suites/loader';
import * as z from 'zod';
import { EXIT_FAILED, EXIT_OK, formatTable, numberFlag, parseFlags, printJson, UsageError, type Command } from './support/cli';

const predictionSchema = z.object({
  id: z.string().min(1, 'id must not be empty'),
  output: z.string(),
  /** Only for llm-judge suites: the judge's reply for this output (the runner normally makes that call). */
  judgeReply: z.string().optional()
});
type Prediction = z.infer<typeof predictionSchema>;

/** Parse a predictions JSONL file; a bad line throws UsageError naming file and line. Blank lines are skipped. */
export function parsePredictions(fileLabel: string, text: string): Prediction[] {
  const out: Prediction[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new UsageError(`${fileLabel}:${lineNo}: kein gültiges JSON (${(err as Error).message})`);
    }
    const r = predictionSchema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new UsageError(`${fileLabel}:${lineNo}: ${issue.path.join('.') || '(Zeile)'}: ${issue.message} (erwartet {"id": "...", "output": "..."})`);
    }
    const prev = seen.get(r.data.id);
    if (prev !== undefined) throw new UsageError(`${fileLabel}:${lineNo}: id "${r.data.id}" doppelt (schon in Zeile ${prev})`);
    seen.set(r.data.id, lineNo);
    out.push(r.data);
  });
  return out;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : (v * 100).toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' %');

export const command: Command = {
  name: 'score',
  summary: 'Vorhandene Modellausgaben (JSONL) mit dem Scorer einer Suite bewerten',
  usage: [
    'werkbank score --suite ID --predictions DATEI.jsonl [--resamples N] [--seed S] [--json]',
    '  DATEI.jsonl: je Zeile {"id": "<Item-ID>", "output": "<Modellausgabe>"} (bei llm-judge zusätzlich "judgeReply")',
    '  bewertet werden die Items, die in der Datei vorkommen; unbekannte IDs stehen unter "missing".'
  ].join('\n'),
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, { suite: { type: 'string' }, predictions: { type: 'string' }, resamples: { type: 'string' }, seed: { type: 'string' } }, { allowPositionals: false });
    if (positionals.length > 0) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    if (!values.suite) throw new UsageError('--suite ID fehlt');
    if (!values.predictions) throw new UsageError('--predictions DATEI.jsonl fehlt');
    const resamples = numberFlag('resamples', values.resamples, { min: 100, max: 100_000, integer: true, fallback: 2000 }) as number;
    const seed = numberFlag('seed', values.seed, { integer: true, min: 0, fallback: 20261127 }) as number;

    const loaded = await loadSuite(env.cwd, values.suite);
    const config = validateScorerConfig(loaded.suite.scorer);
    const path = resolve(env.cwd, values.predictions);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new UsageError(`${values.predictions}: Datei nicht lesbar (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const predictions = parsePredictions(values.predictions, text);
    const byId = new Map(loaded.items.map((it) => [it.id, it]));

    const items: ScoringItem[] = [];
    const scores: ItemScore[] = [];
    const missing: string[] = [];
    let errors = 0;
    for (const p of predictions) {
      const item = byId.get(p.id);
      if (!item) {
        missing.push(p.id);
        continue;
      }
      if (config.type === 'llm-judge' && p.judgeReply === undefined) {
        throw new UsageError(`${values.predictions}: Suite ${loaded.suite.id} wird von einem LLM-Judge bewertet; jede Zeile braucht "judgeReply" (oder: werkbank run mit Judge-Ziel)`);
      }
      const s = scoreItem(config, p.output, item, { judgeReply: p.judgeReply });
      if (s.error) errors++;
      items.push(item);
      scores.push(s);
    }

    const aggregate = aggregateScores(config, scores, items);
    const intervals: Record<string, Interval> =
      items.length > 0
        ? bootstrapManyCi(items.length, (idx) => aggregateScores(config, idx.map((i) => scores[i]), idx.map((i) => items[i])), { resamples, seed })
        : {};
    const primary = loaded.suite.metrics.primary in aggregate ? loaded.suite.metrics.primary : primaryMetric(config);
    const doc = {
      suite: loaded.suite.id,
      scorer: config.type,
      n: items.length,
      primary,
      scores: aggregate,
      intervals: Object.fromEntries(Object.entries(intervals).map(([k, v]) => [k, { lower: v.lower, upper: v.upper, level: v.level }])),
      unparsed: errors,
      missing
    };

    if (values.json) printJson(io, doc);
    else {
      io.out(`Suite ${doc.suite} (Scorer ${doc.scorer}): ${doc.n.toLocaleString('de-DE')} Items bewertet, Hauptmetrik ${primary}\n\n`);
      io.out(
        formatTable(
          ['Metrik', 'Wert', '95%-Intervall'],
          Object.entries(aggregate).map(([k, v]) => [k, pct(v), intervals[k] ? `${pct(intervals[k].lower)} … ${pct(intervals[k].upper)}` : '–'])
        )
      );
      if (errors > 0) io.out(`\n${errors.toLocaleString('de-DE')} Ausgaben nicht auswertbar (zählen als 0).\n`);
    }
    if (missing.length > 0) io.err(`werkbank score: ${missing.length} IDs nicht in Suite ${doc.suite}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}\n`);
    if (items.length === 0) {
      io.err('werkbank score: keine Vorhersage gehört zu einem Item der Suite; nichts bewertet.\n');
      return EXIT_FAILED;
    }
    return EXIT_OK;
  }
};
