// Multiple-choice scorer: reads the answer letter (A–D by default) from outputs such as "B", "(B)",
// "Antwort: B", "Die richtige Antwort ist B" or "B) Art. 33 DSGVO ..." and scores accuracy.
import type { MultipleChoiceConfig } from './schema';
import type { ItemScore, Scorer } from './types';
import { mean } from './util';

/** Gold letter of an item: `expected` as a string ("B") or { answer: "B" }. */
export function goldLetter(expected: unknown): string | undefined {
  const v = typeof expected === 'string' ? expected : expected && typeof expected === 'object' ? (expected as { answer?: unknown }).answer : undefined;
  return typeof v === 'string' ? v.trim().toUpperCase() : undefined;
}

/**
 * The chosen letter, or undefined. In order: (1) the whole output is one letter, optionally wrapped in
 * brackets, markdown or followed by ".", ")" or ":" (2) a letter after "Antwort", "Lösung" or "Answer"
 * (with "ist", "lautet", ":" etc.) (3) the output starts with a letter followed by ")", "." or ":"
 * (4) the first letter in brackets "(B)" (5) exactly one distinct choice letter standing alone as a word.
 */
export function parseChoice(output: string, choices: string[]): string | undefined {
  const cls = `[${choices.join('')}]`;
  const t = output.trim();
  const alone = new RegExp(`^[\\s*_"'„“(\\[]*(${cls})[\\s*_"'“”)\\].:]*$`, 'u').exec(t);
  if (alone) return alone[1];
  const afterWord = new RegExp(
    `(?:[Aa]ntwort|ANTWORT|[Ll]ösung|LÖSUNG|[Aa]nswer|ANSWER)(?:\\s*(?:ist|lautet|is|wäre|:|-|–))*\\s*(?:[Oo]ption\\s*|[Bb]uchstabe\\s*)?[\\s*_"'„“(\\[]*(${cls})(?![\\p{L}\\p{N}])`,
    'u'
  ).exec(t);
  if (afterWord) return afterWord[1];
  const leading = new RegExp(`^[*_(\\[]*(${cls})\\s*[).:\\]]`, 'u').exec(t);
  if (leading) return leading[1];
  const bracketed = new RegExp(`[(\\[](${cls})[)\\]]`, 'u').exec(t);
  if (bracketed) return bracketed[1];
  const standalone = new Set([...t.matchAll(new RegExp(`(?<![\\p{L}\\p{N}_'’-])(${cls})(?![\\p{L}\\p{N}_'’-])`, 'gu'))].map((m) => m[1]));
  if (standalone.size === 1) return [...standalone][0];
  return undefined;
}

export const multipleChoiceScorer: Scorer<MultipleChoiceConfig> = {
  type: 'multiple-choice',
  primaryMetric: () => 'accuracy',
  scoreItem(config, output, item): ItemScore {
    const gold = goldLetter(item.expected);
    if (!gold || !config.choices.includes(gold)) return { score: 0, metrics: { accuracy: 0, parsed: 0 }, error: `item ${item.id}: expected letter ${JSON.stringify(item.expected)} is not one of ${config.choices.join(', ')}` };
    const letter = parseChoice(output, config.choices);
    if (!letter) return { score: 0, metrics: { accuracy: 0, parsed: 0 }, parsed: null, error: 'kein Antwortbuchstabe erkannt' };
    const correct = letter === gold ? 1 : 0;
    return { score: correct, metrics: { accuracy: correct, parsed: 1 }, parsed: letter };
  },
  aggregate(_c, itemScores): Record<string, number> {
    if (itemScores.length === 0) return {};
    return { accuracy: mean(itemScores.map((s) => s.metrics.accuracy ?? 0)), parse_rate: mean(itemScores.map((s) => s.metrics.parsed ?? 0)) };
  }
};
