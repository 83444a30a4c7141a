// Classification scorer: reads one label from free model text (exact, case-insensitive, synonyms, or a
// label mentioned in the text) and aggregates accuracy and macro-F1 over the configured label set.
import type { ClassificationConfig } from './schema';
import type { ItemScore, Scorer, ScoringItem } from './types';
import { escapeRegExp, mean } from './util';

const EDGE_JUNK = /^[\s"'`*_#„“”‚‘’«»‹›()[\]{}<>:.,;!?-]+|[\s"'`*_#„“”‚‘’«»‹›()[\]{}<>:.,;!?-]+$/gu;

/** Gold label of an item: `expected` as a string or { label }. */
export function goldLabel(expected: unknown): string | undefined {
  if (typeof expected === 'string') return expected;
  if (expected && typeof expected === 'object' && typeof (expected as { label?: unknown }).label === 'string') return (expected as { label: string }).label;
  return undefined;
}

/**
 * The label a model output names, or undefined. Order: (1) the whole output, stripped of quotes,
 * markdown and punctuation at its edges, equals a label (2) equals a label or synonym ignoring case
 * (3) labels/synonyms found as whole words anywhere (case-insensitive): the earliest occurrence wins,
 * the longer one at the same position.
 */
export function parseLabel(output: string, labels: string[], synonyms: Record<string, string[]> = {}): string | undefined {
  const stripped = output.replace(EDGE_JUNK, '');
  if (labels.includes(stripped)) return stripped;
  const variants: { label: string; text: string }[] = [];
  for (const label of labels) {
    variants.push({ label, text: label });
    for (const s of synonyms[label] ?? []) variants.push({ label, text: s });
  }
  const lower = stripped.toLowerCase();
  const exact = variants.find((v) => v.text.toLowerCase() === lower);
  if (exact) return exact.label;
  let best: { at: number; len: number; label: string } | undefined;
  for (const v of variants) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(v.text)}(?![\\p{L}\\p{N}_])`, 'iu');
    const m = re.exec(output);
    if (!m) continue;
    if (!best || m.index < best.at || (m.index === best.at && v.text.length > best.len)) best = { at: m.index, len: v.text.length, label: v.label };
  }
  return best?.label;
}

export interface LabelCounts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Macro-F1 over `labels`: F1 per label = 2·TP / (2·TP + FP + FN); labels that are neither gold nor
 * predicted in the scored items (TP+FP+FN = 0) are left out of the average. An unparsed prediction is a
 * false negative for its gold label. Returns 0 when no label is left.
 */
export function macroF1(gold: string[], predicted: (string | undefined)[], labels: string[]): { macroF1: number; perLabel: Record<string, LabelCounts & { f1: number }> } {
  const counts = new Map<string, LabelCounts>(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (p === g) {
      const c = counts.get(g);
      if (c) c.tp++;
      return;
    }
    const cg = counts.get(g);
    if (cg) cg.fn++;
    if (p !== undefined) {
      const cp = counts.get(p);
      if (cp) cp.fp++;
    }
  });
  const perLabel: Record<string, LabelCounts & { f1: number }> = {};
  const f1s: number[] = [];
  for (const [label, c] of counts) {
    const denom = 2 * c.tp + c.fp + c.fn;
    const f1 = denom === 0 ? 0 : (2 * c.tp) / denom;
    perLabel[label] = { ...c, f1 };
    if (denom > 0) f1s.push(f1);
  }
  return { macroF1: mean(f1s), perLabel };
}

export const classificationScorer: Scorer<ClassificationConfig> = {
  type: 'classification',
  primaryMetric: () => 'accuracy',
  scoreItem(config, output, item): ItemScore {
    const gold = goldLabel(item.expected);
    if (gold === undefined || !config.labels.includes(gold)) {
      return { score: 0, metrics: { accuracy: 0, parsed: 0 }, error: `item ${item.id}: expected label ${JSON.stringify(gold ?? item.expected)} is not one of ${config.labels.join(', ')}` };
    }
    const label = parseLabel(output, config.labels, config.synonyms);
    if (label === undefined) return { score: 0, metrics: { accuracy: 0, parsed: 0 }, parsed: null, error: 'kein Label erkannt' };
    const correct = label === gold ? 1 : 0;
    return { score: correct, metrics: { accuracy: correct, parsed: 1 }, parsed: label };
  },
  aggregate(config, itemScores, items: ScoringItem[]): Record<string, number> {
    if (itemScores.length === 0) return {};
    const gold: string[] = [];
    const pred: (string | undefined)[] = [];
    itemScores.forEach((s, i) => {
      const g = goldLabel(items[i]?.expected);
      if (g === undefined) return;
      gold.push(g);
      pred.push(typeof s.parsed === 'string' ? s.parsed : undefined);
    });
    return {
      accuracy: mean(itemScores.map((s) => s.metrics.accuracy ?? 0)),
      macro_f1: macroF1(gold, pred, config.labels).macroF1,
      parse_rate: mean(itemScores.map((s) => s.metrics.parsed ?? 0))
    };
  }
};
