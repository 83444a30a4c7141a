// Rule checks for formal German letters (Kanzlei style): Sie-Form, Anrede, Grußformel, required
// strings/patterns, a word limit and no unfilled placeholders. Each rule passes (1) or fails (0).
import * as z from 'zod';
import { ruleSchema, type Rule, type RulesConfig } from './schema';
import type { ItemScore, Scorer } from './types';
import { escapeRegExp, mean } from './util';

const WORD_EDGE_L = '(?<![\\p{L}\\p{N}_])';
const WORD_EDGE_R = '(?![\\p{L}\\p{N}_])';

/** Informal (du/ihr-plural) forms that must not occur in a Sie-Form letter; matched as whole words in any capitalisation. */
export const INFORMAL_WORDS = ['du', 'dich', 'dir', 'dein', 'deine', 'deinen', 'deinem', 'deiner', 'deines', 'euch', 'euer', 'eure', 'euren', 'eurem', 'eurer', 'eures'];
const INFORMAL_RE = new RegExp(`${WORD_EDGE_L}(?:${INFORMAL_WORDS.join('|')})${WORD_EDGE_R}`, 'giu');

// "Sehr geehrte Frau <Name>," / "Sehr geehrter Herr <Name>," / "Sehr geehrte Damen und Herren," at a line start.
const ANREDE_RE = /^[^\S\n]*(?:Sehr geehrte Damen und Herren,|Sehr geehrte Frau \p{Lu}[^,\n]{0,80},|Sehr geehrter Herr \p{Lu}[^,\n]{0,80},)/mu;
// DIN 5008: the closing stands on its own line without a trailing comma ("Grüssen" accepted for Swiss spelling).
const GRUSS_RE = /^[^\S\n]*Mit freundlichen Gr(?:ü|ue)(?:ß|ss)en[^\S\n]*$/mu;
/** Unfilled template placeholders: [Name], {{datum}}, <Ort>, XXX, TT.MM.JJJJ, "Ihr Name". */
export const PLACEHOLDER_RES = [/\[[^\]\n]{1,40}\]/u, /\{\{?[^}\n]{1,40}\}?\}/u, /<[\p{L} _-]{1,30}>/u, /(?<![\p{L}])X{3,}(?![\p{L}])/u, /TT\.MM\.JJJJ/u, /\[\s*\.\.\.\s*\]/u, /(?<![\p{L}])Ihr Name(?![\p{L}])/u];

export interface RuleResult {
  id: string;
  pass: boolean;
  detail?: string;
}

function countWords(text: string): number {
  return text.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}

/** Check one rule; `salutation` (from the item) overrides an anrede rule's configured salutation. */
export function checkRule(rule: Rule, text: string, salutation?: string): Omit<RuleResult, 'id'> {
  switch (rule.type) {
    case 'sie-form': {
      const found = [...text.matchAll(INFORMAL_RE)].map((m) => m[0]);
      return found.length === 0 ? { pass: true } : { pass: false, detail: `Du-Form: ${[...new Set(found)].join(', ')}` };
    }
    case 'anrede': {
      const want = salutation ?? rule.salutation;
      if (want) {
        const re = new RegExp(`^[^\\S\\n]*${escapeRegExp(want.trim().replace(/,$/, '')).replace(/ /g, '\\s+')}[^\\S\\n]*,`, 'mu');
        return re.test(text) ? { pass: true } : { pass: false, detail: `Anrede „${want},“ fehlt` };
      }
      return ANREDE_RE.test(text) ? { pass: true } : { pass: false, detail: 'keine förmliche Anrede' };
    }
    case 'grussformel':
      return GRUSS_RE.test(text) ? { pass: true } : { pass: false, detail: '„Mit freundlichen Grüßen“ fehlt (eigene Zeile, ohne Komma)' };
    case 'contains': {
      const re = rule.pattern !== undefined ? new RegExp(rule.pattern, rule.ignoreCase ? 'iu' : 'u') : new RegExp(escapeRegExp(rule.text ?? ''), rule.ignoreCase ? 'iu' : 'u');
      return re.test(text) ? { pass: true } : { pass: false, detail: `fehlt: ${rule.text ?? rule.pattern}` };
    }
    case 'max-words': {
      const n = countWords(text);
      return n <= rule.max ? { pass: true } : { pass: false, detail: `${n} Wörter > ${rule.max}` };
    }
    case 'no-placeholder': {
      for (const re of PLACEHOLDER_RES) {
        const m = re.exec(text);
        if (m) return { pass: false, detail: `Platzhalter: ${m[0]}` };
      }
      return { pass: true };
    }
  }
}

/** Item-level extras: `expected` may be { salutation?: string, rules?: Rule[] } (rules added for this item). */
const itemExtrasSchema = z.object({ salutation: z.string().min(1).optional(), rules: z.array(ruleSchema).default([]) });

function itemExtras(expected: unknown): { salutation?: string; rules: Rule[] } | string {
  if (expected === undefined || expected === null || typeof expected === 'string') return { rules: [] };
  const r = itemExtrasSchema.safeParse(expected);
  if (!r.success) return r.error.issues.map((i) => `expected.${i.path.join('.')}: ${i.message}`).join('; ');
  return r.data;
}

/** Stable ids: the rule's id, else its type; repeated ids get "_2", "_3", ... */
export function ruleIds(rules: Rule[]): string[] {
  const seen = new Map<string, number>();
  return rules.map((r) => {
    const base = r.id ?? r.type;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

export function checkRules(rules: Rule[], text: string, salutation?: string): RuleResult[] {
  const ids = ruleIds(rules);
  return rules.map((r, i) => ({ id: ids[i], ...checkRule(r, text, salutation) }));
}

export const rulesScorer: Scorer<RulesConfig> = {
  type: 'rules',
  primaryMetric: () => 'pass_rate',
  scoreItem(config, output, item): ItemScore {
    const extras = itemExtras(item.expected);
    if (typeof extras === 'string') return { score: 0, metrics: { all_pass: 0 }, error: `item ${item.id}: ${extras}` };
    const results = checkRules([...config.rules, ...extras.rules], output, extras.salutation);
    const metrics: Record<string, number> = {};
    for (const r of results) metrics[`rule.${r.id}`] = r.pass ? 1 : 0;
    const passed = results.filter((r) => r.pass).length;
    metrics.all_pass = passed === results.length ? 1 : 0;
    return { score: passed / results.length, metrics, parsed: results };
  },
  aggregate(_c, itemScores): Record<string, number> {
    if (itemScores.length === 0) return {};
    const out: Record<string, number> = { pass_rate: mean(itemScores.map((s) => s.score)), all_pass: mean(itemScores.map((s) => s.metrics.all_pass ?? 0)) };
    const names = new Set(itemScores.flatMap((s) => Object.keys(s.metrics).filter((k) => k.startsWith('rule.'))));
    for (const n of names) {
      const vals = itemScores.map((s) => s.metrics[n]).filter((v): v is number => v !== undefined);
      out[n] = mean(vals);
    }
    return out;
  }
};
