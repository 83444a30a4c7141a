// `werkbank gate`: release gate for CI. Exit 1 when the candidate run is significantly worse than the
// baseline by more than --max-drop, has more failed requests (--max-error-increase), or is over a latency or
// cost budget; the reasons are listed.
import { Store } from '../lib/server/store/db';
import { compareStoredRuns, gateDecision } from '../lib/server/runner/analysis';
import { EXIT_FAILED, numberFlag, parseFlags, printJson, UsageError, type Command } from './support/cli';
import { formatComparison } from './compare';

export const command: Command = {
  name: 'gate',
  summary: 'Release-Gate: Kandidat gegen Basis (Qualität jenseits des Rauschens, p95-TTFT, Kosten)',
  usage:
    'werkbank gate --baseline LAUF --candidate LAUF [--max-drop 0.02] [--max-error-increase 0.01] [--max-p95-ttft-ms X] [--max-cost-increase 0.1] [--json] [--db PFAD]\n\n' +
    '--max-error-increase: um wie viel der Anteil fehlgeschlagener Anfragen des Kandidaten den der Basis übersteigen darf (Standard 0,01 = 1 Prozentpunkt).\n' +
    'Exit 0 bestanden, 1 nicht bestanden (Gründe auf stdout bzw. im JSON), 2 Aufruffehler.',
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, {
      baseline: { type: 'string' },
      candidate: { type: 'string' },
      'max-drop': { type: 'string' },
      'max-error-increase': { type: 'string' },
      'max-p95-ttft-ms': { type: 'string' },
      'max-cost-increase': { type: 'string' }
    });
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    if (!values.baseline || !values.candidate) throw new UsageError('--baseline und --candidate sind nötig');
    const opts = {
      maxDrop: numberFlag('max-drop', values['max-drop'], { min: 0, max: 1, fallback: 0.02 })!,
      maxErrorIncrease: numberFlag('max-error-increase', values['max-error-increase'], { min: 0, max: 1, fallback: 0.01 })!,
      maxP95TtftMs: numberFlag('max-p95-ttft-ms', values['max-p95-ttft-ms'], { min: 0 }),
      maxCostIncrease: numberFlag('max-cost-increase', values['max-cost-increase'], { min: -1 })
    };
    const store = await Store.open(values.db ?? env.dbPath);
    try {
      const comparison = await compareStoredRuns(store, values.baseline, values.candidate);
      const d = gateDecision(comparison, opts);
      if (values.json) printJson(io, { passed: d.passed, reasons: d.reasons, checks: d.checks, options: opts, comparison });
      else {
        io.out(formatComparison(comparison));
        io.out(`\nGate ${d.passed ? 'BESTANDEN' : 'NICHT BESTANDEN'}\n`);
        for (const c of d.checks) io.out(`  ${c.passed ? '✓' : '✗'} ${c.detail}\n`);
      }
      return d.passed ? 0 : EXIT_FAILED;
    } finally {
      await store.close();
    }
  }
};
