// `werkbank run`: run a benchmark suite against a target (or resume a run) and print the summary.
import { Store } from '../lib/server/store/db';
import { executeRun, type RunSummary } from '../lib/server/runner/run-service';
import { defaultSources, secretRedactor } from '../lib/server/runner/wiring';
import { progressPrinter, type ProgressMode } from '../lib/server/runner/progress';
import { EXIT_FAILED, numberFlag, parseFlags, printJson, UsageError, type Command } from './support/cli';
import { LARGE_RUN_ITEMS, limitHeapGrowth } from './support/heap';

const num = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toLocaleString('de-DE', { maximumFractionDigits: digits }));

export function formatSummary(s: RunSummary): string {
  const lines = [
    `Lauf ${s.runId}: ${s.suite} → ${s.target} — Status ${s.status}${s.statusReason ? ` (${s.statusReason})` : ''}`,
    ...(s.synthetic ? [`Synthetisches Modell: ${s.label}`] : []),
    `Items: ${s.items.total} gesamt, ${s.items.ok} ok, ${s.items.error} Fehler${s.items.pending ? `, ${s.items.pending} offen` : ''}; Versuche ${s.attempts}, Wiederholungen ${s.retries}${s.cacheHits ? `, Cache-Treffer ${s.cacheHits}` : ''}`,
    `TTFT ms  p50 ${num(s.metrics.ttftMs.p50)}  p90 ${num(s.metrics.ttftMs.p90)}  p99 ${num(s.metrics.ttftMs.p99)}  Mittel ${num(s.metrics.ttftMs.mean)}`,
    `TPOT ms  p50 ${num(s.metrics.tpotMs.p50, 2)}  p90 ${num(s.metrics.tpotMs.p90, 2)}  p99 ${num(s.metrics.tpotMs.p99, 2)}`,
    `E2E ms   p50 ${num(s.metrics.e2eMs.p50)}  p90 ${num(s.metrics.e2eMs.p90)}  p99 ${num(s.metrics.e2eMs.p99)}`,
    `Token/s je Anfrage p50 ${num(s.metrics.outputTokensPerSec.p50)}; Durchsatz ${num(s.metrics.requestThroughputPerSec, 2)} Anfragen/s, ${num(s.metrics.outputThroughputTokensPerSec)} Token/s${s.metrics.goodputPerSec !== null ? `; Goodput ${num(s.metrics.goodputPerSec, 2)}/s` : ''}`,
    `Token: ${s.usage.inputTokens.toLocaleString('de-DE')} ein, ${s.usage.outputTokens.toLocaleString('de-DE')} aus; Kosten ${s.costEur === null ? 'unbekannt (kein Preis)' : s.costEur.toLocaleString('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 4 })}`,
    s.items.ok === 0 && s.items.total > 0 ? 'Scores: – (kein Item erfolgreich)' : `Scores: ${Object.entries(s.scores).map(([k, v]) => `${k} ${num(v * 100)} %`).join(', ') || '–'}`,
    ...(s.topErrors?.length ? [`Häufigste Fehler: ${s.topErrors.map((e) => `${e.count.toLocaleString('de-DE')}× ${e.message}`).join('; ')}`] : [])
  ];
  return lines.join('\n') + '\n';
}

export const command: Command = {
  name: 'run',
  summary: 'Benchmark-Lauf: Suite gegen ein Ziel (Qualität, Latenz, Kosten), fortsetzbar',
  usage: [
    'werkbank run --suite ID --target ZIEL [--limit N] [--concurrency C] [--run-id ID] [--max-cost-eur X]',
    '             [--cache] [--allow-third-country] [--progress bar|json|none] [--timeout-ms N] [--max-retries 0-3]',
    '             [--slo-ttft-ms N] [--slo-tpot-ms N] [--slo-e2e-ms N] [--json] [--db PFAD]',
    'werkbank run --resume ID [--concurrency C] [--max-cost-eur X] [--progress …] [--json]',
    '',
    'Ziele: local/<datei.gguf> (eingebettete Engine), ollama/<modell>, weitere Routen aus dem Katalog.',
    'Exit-Codes: 0 Lauf vollständig, 1 abgebrochen (Kostengrenze, Signal) oder fehlgeschlagen, 2 Aufruffehler oder Compliance-Sperre.'
  ].join('\n'),
  async run({ argv, env, io, signal }) {
    const { values, positionals } = parseFlags(argv, {
      suite: { type: 'string' },
      target: { type: 'string' },
      limit: { type: 'string' },
      concurrency: { type: 'string' },
      'run-id': { type: 'string' },
      resume: { type: 'string' },
      'max-cost-eur': { type: 'string' },
      cache: { type: 'boolean' },
      'allow-third-country': { type: 'boolean' },
      progress: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'max-retries': { type: 'string' },
      'slo-ttft-ms': { type: 'string' },
      'slo-tpot-ms': { type: 'string' },
      'slo-e2e-ms': { type: 'string' }
    });
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    if (values.resume && values['run-id']) throw new UsageError('--resume und --run-id schließen sich aus');
    if (!values.resume && (!values.suite || !values.target)) throw new UsageError('--suite und --target sind nötig (oder --resume ID)');
    const progress = (values.progress ?? (env.isTty && !values.json ? 'bar' : 'none')) as ProgressMode;
    if (!['bar', 'json', 'none'].includes(progress)) throw new UsageError(`--progress: "${values.progress}" (erwartet bar, json oder none)`);
    const concurrency = numberFlag('concurrency', values.concurrency, { min: 1, max: 256, integer: true });
    const slo = {
      ttftMs: numberFlag('slo-ttft-ms', values['slo-ttft-ms'], { min: 0 }),
      tpotMs: numberFlag('slo-tpot-ms', values['slo-tpot-ms'], { min: 0 }),
      e2eMs: numberFlag('slo-e2e-ms', values['slo-e2e-ms'], { min: 0 })
    };
    const hasSlo = Object.values(slo).some((v) => v !== undefined);
    const request = {
      suiteId: values.suite,
      targetId: values.target,
      limit: numberFlag('limit', values.limit, { min: 1, integer: true }),
      concurrency,
      runId: values['run-id'],
      resumeId: values.resume,
      maxCostEur: numberFlag('max-cost-eur', values['max-cost-eur'], { min: 0 }),
      cache: values.cache ? true : undefined,
      allowThirdCountry: values['allow-third-country'] ? true : undefined,
      timeoutMs: numberFlag('timeout-ms', values['timeout-ms'], { min: 1, integer: true }),
      maxRetries: numberFlag('max-retries', values['max-retries'], { min: 0, max: 3, integer: true }),
      slo: hasSlo ? slo : undefined
    };
    const storeOpening = Store.open(values.db ?? env.dbPath);
    const sources = defaultSources({ rootDir: env.cwd, dataDir: env.dataDir, catalogOverridePath: env.catalogOverridePath, configPath: env.configPath, configRequired: env.configRequired, env: env.env, concurrency: concurrency ?? 4 });
    // DuckDB opens on its own threads; parse the catalog meanwhile (a bad catalog is reported by the run)
    sources.targets.warm?.();
    const store = await storeOpening;
    try {
      const summary = await executeRun(request, {
        store,
        dataDir: env.dataDir,
        ...sources,
        onProgress: progressPrinter(progress, io.err),
        onStarted: ({ runId, total, synthetic }) => {
          if (total >= LARGE_RUN_ITEMS) limitHeapGrowth(env.env.NODE_OPTIONS, process.execArgv);
          // the synthetic notice is a diagnostic users must see, also with --json (stderr)
          if (!values.json || progress !== 'none' || synthetic) io.err(`Lauf ${runId}: ${total} Items${synthetic ? ' — synthetisches Modell: nur Geschwindigkeit, keine Qualität' : ''}\n`);
        },
        signal,
        redact: secretRedactor(env.env)
      });
      if (values.json) printJson(io, summary);
      else io.out(formatSummary(summary));
      // a run that stopped early, or in which no item succeeded, is a failure for scripts and CI
      return summary.status === 'completed' && (summary.items.ok > 0 || summary.items.total === 0) ? 0 : EXIT_FAILED;
    } finally {
      await store.close();
    }
  }
};
