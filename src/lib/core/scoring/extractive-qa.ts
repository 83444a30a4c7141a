// Extractive QA scorer: exact match and token F1 as defined by MLQA's official evaluation script
// (mlqa_evaluation_v1.py, language "de"), reimplemented in TypeScript. Details in docs/scoring.md.
import type { ExtractiveQaConfig } from './schema';
import type { ItemScore, Scorer, ScoringItem } from './types';
import { mean } from './util';

// Python's string.punctuation (ASCII) — removed in addition to every Unicode P* character.
const ASCII_PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/gu;
const UNICODE_PUNCT = /\p{P}/gu;
// German articles as whole words. Python 3's `\b` on str patterns is Unicode-aware: word characters are
// letters (L*), numbers (N*) and "_", so the boundary is written with look-arounds over that class
// ("ödem" keeps its "dem"; JavaScript's own \b is ASCII-only and would cut it).
const DE_ARTICLES = /(?<![\p{L}\p{N}_])(?:ein|eine|einen|einem|eines|einer|der|die|das|den|dem|des)(?![\p{L}\p{N}_])/gu;
// Python's str.split() whitespace set (differs from JS \s: includes U+001C–U+001F and U+0085, excludes U+FEFF).
const PY_WHITESPACE = /[\t\n\v\f\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** Split like Python's str.split() without arguments. */
export function whitespaceTokenize(text: string): string[] {
  return text.split(PY_WHITESPACE).filter((t) => t !== '');
}

/** MLQA normalisation for German: lower-case, drop punctuation, drop articles, collapse whitespace. */
export function normalizeAnswerDe(s: string): string {
  const lowered = s.toLowerCase();
  const noPunct = lowered.replace(UNICODE_PUNCT, '').replace(ASCII_PUNCT, '');
  const noArticles = noPunct.replace(DE_ARTICLES, ' ');
  return whitespaceTokenize(noArticles).join(' ');
}

export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswerDe(prediction) === normalizeAnswerDe(gold) ? 1 : 0;
}

/** Token F1 over the multiset intersection of normalised tokens; 0 when nothing is shared (as in MLQA). */
export function tokenF1(prediction: string, gold: string): number {
  const p = whitespaceTokenize(normalizeAnswerDe(prediction));
  const g = whitespaceTokenize(normalizeAnswerDe(gold));
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * Gold answers from an item's `expected`: a string, an array of strings, an array of {text}, or
 * an object { answers: [...] } / { text: [...] } (SQuAD/XQuAD style).
 */
export function goldAnswers(expected: unknown): string[] | undefined {
  const fromList = (list: unknown[]): string[] | undefined => {
    const out: string[] = [];
    for (const a of list) {
      if (typeof a === 'string') out.push(a);
      else if (a && typeof a === 'object' && typeof (a as { text?: unknown }).text === 'string') out.push((a as { text: string }).text);
      else return undefined;
    }
    return out.length > 0 ? out : undefined;
  };
  if (typeof expected === 'string') return [expected];
  if (Array.isArray(expected)) return fromList(expected);
  if (expected && typeof expected === 'object') {
    const o = expected as { answers?: unknown; text?: unknown };
    if (Array.isArray(o.answers)) return fromList(o.answers);
    if (o.answers && typeof o.answers === 'object' && Array.isArray((o.answers as { text?: unknown }).text)) return fromList((o.answers as { text: unknown[] }).text);
    if (Array.isArray(o.text)) return fromList(o.text);
    if (typeof o.text === 'string') return [o.text];
  }
  return undefined;
}

export const extractiveQaScorer: Scorer<ExtractiveQaConfig> = {
  type: 'extractive-qa',
  primaryMetric: (c) => c.primary,
  scoreItem(config, output, item: ScoringItem): ItemScore {
    const golds = goldAnswers(item.expected);
    if (!golds) return { score: 0, metrics: { exact_match: 0, f1: 0 }, error: `item ${item.id}: expected has no gold answers` };
    const em = Math.max(...golds.map((g) => exactMatch(output, g)));
    const f1 = Math.max(...golds.map((g) => tokenF1(output, g)));
    return { score: config.primary === 'f1' ? f1 : em, metrics: { exact_match: em, f1 }, parsed: normalizeAnswerDe(output) };
  },
  aggregate(_config, itemScores): Record<string, number> {
    if (itemScores.length === 0) return {};
    return {
      exact_match: mean(itemScores.map((s) => s.metrics.exact_match ?? 0)),
      f1: mean(itemScores.map((s) => s.metrics.f1 ?? 0))
    };
  }
};
