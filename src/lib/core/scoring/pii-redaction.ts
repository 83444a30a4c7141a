// PII redaction scorer: given gold PII spans {text, type} of the original text and the placeholders per
// type, measures leaks (span text still in the output), placeholder recall per type and how much of the
// non-PII text was preserved (token F1). Definitions in docs/scoring.md.
import * as z from 'zod';
import { rougeN, tokenizeGerman } from './rouge';
import type { PiiRedactionConfig } from './schema';
import type { ItemScore, Scorer } from './types';
import { escapeRegExp, mean } from './util';

const goldSchema = z.union([
  z.object({ spans: z.array(z.object({ text: z.string().min(1), type: z.string().min(1) })) }),
  z.array(z.object({ text: z.string().min(1), type: z.string().min(1) })).transform((spans) => ({ spans }))
]);
export type PiiSpan = { text: string; type: string };

const collapse = (s: string) => s.toLowerCase().replace(/\s+/gu, ' ').trim();
const alnum = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Whether a gold span still occurs in the output: as whole words after lower-casing and collapsing
 * whitespace, or — for spans with at least 5 digits (IBAN, phone) — anywhere after removing everything
 * but letters and digits ("DE89 3704" = "de893704", "0151-234" = "0151 234").
 */
export function spanLeaks(span: string, output: string): boolean {
  const s = collapse(span);
  if (s === '') return false;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(s).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u');
  if (re.test(collapse(output))) return true;
  if ((span.match(/\d/g) ?? []).length >= 5) return alnum(output).includes(alnum(span));
  return false;
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

export interface PiiResult {
  leaks: PiiSpan[];
  perType: Record<string, { gold: number; placeholders: number; recall: number }>;
  leakRate: number;
  placeholderRecall: number;
  preservation: number;
}

export function evaluateRedaction(config: PiiRedactionConfig, original: string, spans: PiiSpan[], output: string): PiiResult {
  const leaks = spans.filter((s) => spanLeaks(s.text, output));
  const perType: PiiResult['perType'] = {};
  for (const s of spans) perType[s.type] ??= { gold: 0, placeholders: 0, recall: 0 };
  let hit = 0;
  for (const [type, entry] of Object.entries(perType)) {
    entry.gold = spans.filter((s) => s.type === type).length;
    entry.placeholders = (config.placeholders[type] ?? []).reduce((n, p) => n + countOccurrences(output, p), 0);
    const matched = Math.min(entry.placeholders, entry.gold);
    entry.recall = matched / entry.gold;
    hit += matched;
  }
  // Preservation: token F1 between the original without its PII spans and the output without placeholders.
  let rest = original;
  for (const s of [...spans].sort((a, b) => b.text.length - a.text.length)) rest = rest.split(s.text).join(' ');
  let outRest = output;
  const allPlaceholders = Object.values(config.placeholders).flat().sort((a, b) => b.length - a.length);
  for (const p of allPlaceholders) outRest = outRest.split(p).join(' ');
  const a = tokenizeGerman(outRest);
  const b = tokenizeGerman(rest);
  const preservation = a.length === 0 && b.length === 0 ? 1 : rougeN(a, b, 1);
  return {
    leaks,
    perType,
    leakRate: spans.length === 0 ? 0 : leaks.length / spans.length,
    placeholderRecall: spans.length === 0 ? 1 : hit / spans.length,
    preservation
  };
}

export const piiRedactionScorer: Scorer<PiiRedactionConfig> = {
  type: 'pii-redaction',
  primaryMetric: () => 'redaction_score',
  scoreItem(config, output, item): ItemScore {
    const gold = goldSchema.safeParse(item.expected);
    const original = item.input[config.textField];
    if (!gold.success || typeof original !== 'string') {
      return { score: 0, metrics: { leak_rate: 1, placeholder_recall: 0, preservation: 0, no_leak: 0 }, error: `item ${item.id}: needs expected.spans [{text,type}] and input.${config.textField} as text` };
    }
    const r = evaluateRedaction(config, original, gold.data.spans, output);
    const metrics: Record<string, number> = {
      leak_rate: r.leakRate,
      no_leak: r.leaks.length === 0 ? 1 : 0,
      placeholder_recall: r.placeholderRecall,
      preservation: r.preservation
    };
    for (const [type, e] of Object.entries(r.perType)) metrics[`placeholder_recall.${type}`] = e.recall;
    const score = (1 - r.leakRate + r.placeholderRecall + r.preservation) / 3;
    metrics.redaction_score = score;
    return { score, metrics, parsed: { leaks: r.leaks, perType: r.perType } };
  },
  aggregate(_c, itemScores): Record<string, number> {
    if (itemScores.length === 0) return {};
    const out: Record<string, number> = {};
    for (const k of ['redaction_score', 'leak_rate', 'no_leak', 'placeholder_recall', 'preservation']) out[k] = mean(itemScores.map((s) => s.metrics[k] ?? 0));
    const typeKeys = new Set(itemScores.flatMap((s) => Object.keys(s.metrics).filter((k) => k.startsWith('placeholder_recall.'))));
    for (const k of typeKeys) out[k] = mean(itemScores.map((s) => s.metrics[k]).filter((v): v is number => v !== undefined));
    return out;
  }
};
