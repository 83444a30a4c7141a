// Summary scorer: ROUGE-1, ROUGE-2 and ROUGE-L F-measures (Lin 2004) with German-aware tokenisation
// (lower-case, runs of Unicode letters/digits, umlauts and ß kept) and an optional simple German stemmer.
import type { RougeConfig } from './schema';
import type { ItemScore, Scorer } from './types';
import { meanOfMetrics } from './util';

// Suffixes removed by the optional stemmer, longest first (one suffix per token, stem keeps ≥ 4 characters).
const GERMAN_SUFFIXES = ['ern', 'em', 'en', 'er', 'es', 'e', 's', 'n'];

/** Simple German stemmer: strip the longest suffix of GERMAN_SUFFIXES when at least 4 characters remain. */
export function stemGerman(token: string): string {
  for (const suf of GERMAN_SUFFIXES) {
    if (token.endsWith(suf) && token.length - suf.length >= 4) return token.slice(0, -suf.length);
  }
  return token;
}

/** Lower-case and split into runs of Unicode letters, marks and digits; everything else separates tokens. */
export function tokenizeGerman(text: string, stem = false): string[] {
  const tokens = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return stem ? tokens.map(stemGerman) : tokens;
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function fMeasure(overlap: number, candidateTotal: number, referenceTotal: number): number {
  if (overlap === 0 || candidateTotal === 0 || referenceTotal === 0) return 0;
  const p = overlap / candidateTotal;
  const r = overlap / referenceTotal;
  return (2 * p * r) / (p + r);
}

/** ROUGE-N F1 with clipped n-gram counts. */
export function rougeN(candidate: string[], reference: string[], n: number): number {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let overlap = 0;
  for (const [k, v] of c) overlap += Math.min(v, r.get(k) ?? 0);
  return fMeasure(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence (two-row dynamic programme). */
export function lcsLength(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Summary-level ROUGE-L F1 over the whole token sequences (no sentence splitting). */
export function rougeL(candidate: string[], reference: string[]): number {
  return fMeasure(lcsLength(candidate, reference), candidate.length, reference.length);
}

export function rougeScores(candidate: string, reference: string, stem = false): { rouge1: number; rouge2: number; rougeL: number } {
  const c = tokenizeGerman(candidate, stem);
  const r = tokenizeGerman(reference, stem);
  return { rouge1: rougeN(c, r, 1), rouge2: rougeN(c, r, 2), rougeL: rougeL(c, r) };
}

function references(expected: unknown): string[] | undefined {
  if (typeof expected === 'string') return [expected];
  if (Array.isArray(expected) && expected.length > 0 && expected.every((e) => typeof e === 'string')) return expected as string[];
  if (expected && typeof expected === 'object') {
    const s = (expected as { summary?: unknown }).summary;
    if (typeof s === 'string') return [s];
  }
  return undefined;
}

export const rougeScorer: Scorer<RougeConfig> = {
  type: 'rouge',
  primaryMetric: (c) => c.primary,
  scoreItem(config, output, item): ItemScore {
    const refs = references(item.expected);
    if (!refs) return { score: 0, metrics: { rouge1: 0, rouge2: 0, rougeL: 0 }, error: `item ${item.id}: expected must be a reference summary (string, string[] or { summary })` };
    const best = { rouge1: 0, rouge2: 0, rougeL: 0 };
    for (const ref of refs) {
      const s = rougeScores(output, ref, config.stem);
      best.rouge1 = Math.max(best.rouge1, s.rouge1);
      best.rouge2 = Math.max(best.rouge2, s.rouge2);
      best.rougeL = Math.max(best.rougeL, s.rougeL);
    }
    return { score: best[config.primary], metrics: best };
  },
  aggregate(_c, itemScores): Record<string, number> {
    return meanOfMetrics(itemScores.map((s) => s.metrics));
  }
};
