// Numeric answer scorer (e.g. MGSM): reads the number after "Die Antwort lautet" (or another configured
// prefix), else the last number in the output; German and English formats; absolute/relative tolerance.
import { findNumbers, parseLooseNumber } from './numbers';
import type { NumericConfig } from './schema';
import type { ItemScore, Scorer } from './types';
import { escapeRegExp, mean } from './util';

export interface NumericParse {
  value: number;
  via: 'prefix' | 'last-number';
}

/** The answer number of a model output, or undefined when the output contains no number. */
export function parseNumericAnswer(output: string, prefixes: string[]): NumericParse | undefined {
  let best: { at: number; value: number } | undefined;
  for (const prefix of prefixes) {
    const re = new RegExp(escapeRegExp(prefix), 'giu');
    for (const m of output.matchAll(re)) {
      // The number must follow within the same sentence: only non-digit filler such as ":", "**", "etwa", "€".
      const rest = output.slice(m.index + m[0].length, m.index + m[0].length + 60);
      const first = findNumbers(rest)[0];
      if (!first || /[\n.!?]\s/.test(rest.slice(0, first.index))) continue;
      if (!best || m.index < best.at) best = { at: m.index, value: first.value };
      break;
    }
  }
  if (best) return { value: best.value, via: 'prefix' };
  const all = findNumbers(output);
  if (all.length === 0) return undefined;
  return { value: all[all.length - 1].value, via: 'last-number' };
}

export const numericScorer: Scorer<NumericConfig> = {
  type: 'numeric',
  primaryMetric: () => 'accuracy',
  scoreItem(config, output, item): ItemScore {
    const expected = parseLooseNumber(
      item.expected && typeof item.expected === 'object' && 'answer' in item.expected ? (item.expected as { answer: unknown }).answer : item.expected
    );
    if (expected === undefined) return { score: 0, metrics: { accuracy: 0, parsed: 0 }, error: `item ${item.id}: expected is not a number` };
    const parsed = parseNumericAnswer(output, config.answerPrefixes);
    if (!parsed) return { score: 0, metrics: { accuracy: 0, parsed: 0 }, error: 'keine Zahl in der Ausgabe' };
    const allowed = Math.max(config.tolerance, config.relativeTolerance * Math.abs(expected));
    const correct = Math.abs(parsed.value - expected) <= allowed ? 1 : 0;
    return { score: correct, metrics: { accuracy: correct, parsed: 1 }, parsed };
  },
  aggregate(_c, itemScores): Record<string, number> {
    if (itemScores.length === 0) return {};
    return {
      accuracy: mean(itemScores.map((s) => s.metrics.accuracy ?? 0)),
      parse_rate: mean(itemScores.map((s) => s.metrics.parsed ?? 0))
    };
  }
};
