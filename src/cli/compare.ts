// `werkbank compare A B`: paired comparison of two runs on the same items (score delta with 95%
// bootstrap interval and p-value, McNemar for binary scores, latency and cost deltas).
import { Store } from '../lib/server/store/db';
import { compareStoredRuns, type RunComparison } from '../lib/server/runner/analysis';
import { formatTable, parseFlags, printJson, UsageError, type Command } from './support/cli';

const n = (v: number | null, d = 3) => (v === null || !Number.isFinite(v) ? '–' : v.toLocaleString('de-DE', { maximumFractionDigits: d, minimumFractionDigits: Math.min(d, 1) }));
const signed = (v: number | null, d = 3) => (v === null ? '–' : (v >= 0 ? '+' : '') + n(v, d));

export function formatComparison(c: RunComparison): string {
  const head = `Vergleich ${c.baseline.runId} (Basis) → ${c.candidate.runId} (Kandidat), Suite ${c.baseline.suite}\n`;
  const table = formatTable(
    ['', 'Basis', 'Kandidat', 'Δ'],
    [
      ['Ziel', c.baseline.target, c.candidate.target, ''],
      [`Score (${c.baseline.score.metric})`, `${n(c.baseline.score.mean)} [${n(c.baseline.score.lower)}; ${n(c.baseline.score.upper)}]`, `${n(c.candidate.score.mean)} [${n(c.candidate.score.lower)}; ${n(c.candidate.score.upper)}]`, `${signed(c.paired.delta)} [${signed(c.paired.lower)}; ${signed(c.paired.upper)}]`],
      ['TTFT p50 ms', n(c.baseline.ttftMs.p50, 1), n(c.candidate.ttftMs.p50, 1), signed(c.deltas.ttftP50Ms, 1)],
      ['TTFT p95 ms', n(c.baseline.ttftMs.p95, 1), n(c.candidate.ttftMs.p95, 1), signed(c.deltas.ttftP95Ms, 1)],
      ['E2E p50 ms', n(c.baseline.e2eMs.p50, 1), n(c.candidate.e2eMs.p50, 1), signed(c.deltas.e2eP50Ms, 1)],
      ['Kosten je Item EUR', n(c.baseline.costPerItemEur, 6), n(c.candidate.costPerItemEur, 6), c.deltas.costRelative === null ? '–' : `${signed(c.deltas.costRelative * 100, 1)} %`]
    ]
  );
  const tests = [`Gepaarter Bootstrap: n=${c.paired.n}, p=${n(c.paired.pValue, 4)}${c.paired.reason ? ` (${c.paired.reason})` : ''}`];
  if (c.mcnemar) tests.push(`McNemar: nur Basis richtig ${c.mcnemar.baselineOnly}, nur Kandidat richtig ${c.mcnemar.candidateOnly}, p exakt ${n(c.mcnemar.pExact, 4)}, mid-p ${n(c.mcnemar.pMid, 4)}`);
  if (c.onlyBaseline.length || c.onlyCandidate.length) tests.push(`Nicht gepaart: ${c.onlyBaseline.length} nur in der Basis, ${c.onlyCandidate.length} nur im Kandidaten`);
  return head + table + tests.join('\n') + '\n';
}

export const command: Command = {
  name: 'compare',
  summary: 'Zwei Läufe gepaart vergleichen (Score-Δ mit Intervall und p-Wert, Latenz, Kosten)',
  usage: 'werkbank compare BASIS-LAUF KANDIDAT-LAUF [--json] [--db PFAD]',
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, {});
    if (positionals.length !== 2) throw new UsageError('zwei Lauf-IDs erwartet: werkbank compare BASIS KANDIDAT');
    const store = await Store.open(values.db ?? env.dbPath);
    try {
      const c = await compareStoredRuns(store, positionals[0], positionals[1]);
      if (values.json) printJson(io, c);
      else io.out(formatComparison(c));
      return 0;
    } finally {
      await store.close();
    }
  }
};
