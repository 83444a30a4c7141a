// JSON extraction scorer: finds the first JSON object in a model output (also inside ```json fences) and
// compares configured fields type-aware (amounts to the cent, dates normalised, IBAN without spaces),
// giving field-level precision, recall and F1 per item and micro-averaged over a run.
import { parseLooseNumber } from './numbers';
import type { JsonFieldSpec, JsonFieldsConfig } from './schema';
import type { ItemScore, Scorer } from './types';
import { mean, normalizeText } from './util';

/** Parse the first JSON object in a text: fenced ```json blocks first, then the first balanced {...}. */
export function extractJsonObject(text: string): Record<string, unknown> | undefined {
  const candidates: string[] = [];
  for (const m of text.matchAll(/```(?:json|JSON)?[^\S\n]*\n?([\s\S]*?)```/g)) candidates.push(m[1]);
  candidates.push(text);
  for (const c of candidates) {
    const obj = firstBalancedObject(c);
    if (obj) return obj;
  }
  return undefined;
}

/** Start positions tried per candidate text (keeps pathological outputs with thousands of "{" linear-ish). */
const MAX_OBJECT_STARTS = 64;

function firstBalancedObject(text: string): Record<string, unknown> | undefined {
  let tries = 0;
  for (let start = text.indexOf('{'); start !== -1 && tries++ < MAX_OBJECT_STARTS; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) {
          try {
            const v: unknown = JSON.parse(text.slice(start, i + 1));
            if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
          } catch {
            /* try the next "{" */
          }
          break;
        }
      }
    }
  }
  return undefined;
}

const MONTHS: Record<string, number> = {
  januar: 1, jänner: 1, jan: 1, january: 1,
  februar: 2, feb: 2, february: 2,
  märz: 3, maerz: 3, mär: 3, mrz: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  mai: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, october: 10, oct: 10,
  november: 11, nov: 11,
  dezember: 12, dez: 12, december: 12, dec: 12
};

function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 100) y += 2000;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Normalise a date to YYYY-MM-DD from ISO, DD.MM.YYYY (also D.M.YY), "3. November 2026", "3 Nov 2026", "November 3, 2026". */
export function normalizeDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})$/.exec(s);
  if (m) return isoDate(+m[3], +m[2], +m[1]);
  m = /^(\d{1,2})\.?\s*([\p{L}]+)\.?\s+(\d{4})$/u.exec(s);
  if (m && MONTHS[m[2]]) return isoDate(+m[3], MONTHS[m[2]], +m[1]);
  m = /^([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/u.exec(s);
  if (m && MONTHS[m[1]]) return isoDate(+m[3], MONTHS[m[1]], +m[2]);
  return undefined;
}

/** Canonical comparison key of a field value, or undefined when the value is absent (null, "" or missing). */
export function canonicalValue(spec: JsonFieldSpec, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  switch (spec.type) {
    case 'amount': {
      const n = parseLooseNumber(value);
      return n === undefined ? `invalid:${String(value)}` : `cents:${Math.round(n * 100)}`;
    }
    case 'number': {
      const n = parseLooseNumber(value);
      return n === undefined ? `invalid:${String(value)}` : `num:${Number(n.toPrecision(12))}`;
    }
    case 'date':
      return normalizeDate(value) ?? `invalid:${String(value)}`;
    case 'iban':
    case 'code':
      return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\s+/gu, '').toUpperCase() : `invalid:${String(value)}`;
    case 'boolean': {
      if (typeof value === 'boolean') return String(value);
      const s = normalizeText(String(value));
      if (['true', 'ja', 'yes', 'wahr'].includes(s)) return 'true';
      if (['false', 'nein', 'no', 'falsch'].includes(s)) return 'false';
      return `invalid:${s}`;
    }
    case 'string':
    case 'enum':
      return typeof value === 'string' || typeof value === 'number' ? normalizeText(String(value)) : `invalid:${JSON.stringify(value)}`;
  }
}

/** Read a dot path ("absender.iban") from an object. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export interface FieldComparison {
  correct: number;
  predicted: number;
  gold: number;
  fields: Record<string, { gold?: string; predicted?: string; correct: boolean }>;
}

export function compareFields(config: JsonFieldsConfig, predicted: Record<string, unknown> | undefined, gold: Record<string, unknown>): FieldComparison {
  const out: FieldComparison = { correct: 0, predicted: 0, gold: 0, fields: {} };
  for (const [name, spec] of Object.entries(config.fields)) {
    const g = canonicalValue(spec, getPath(gold, name));
    const p = predicted ? canonicalValue(spec, getPath(predicted, name)) : undefined;
    const correct = g !== undefined && p !== undefined && g === p;
    if (g !== undefined) out.gold++;
    if (p !== undefined) out.predicted++;
    if (correct) out.correct++;
    if (g !== undefined || p !== undefined) out.fields[name] = { gold: g, predicted: p, correct };
  }
  return out;
}

/** Precision/recall/F1 from counts. Nothing predicted and nothing expected is a perfect 1. */
export function prf(correct: number, predicted: number, gold: number): { precision: number; recall: number; f1: number } {
  if (predicted === 0 && gold === 0) return { precision: 1, recall: 1, f1: 1 };
  return {
    precision: predicted === 0 ? 0 : correct / predicted,
    recall: gold === 0 ? 0 : correct / gold,
    f1: (2 * correct) / (predicted + gold)
  };
}

export const jsonFieldsScorer: Scorer<JsonFieldsConfig> = {
  type: 'json-fields',
  primaryMetric: () => 'f1',
  scoreItem(config, output, item): ItemScore {
    if (!item.expected || typeof item.expected !== 'object' || Array.isArray(item.expected)) {
      return { score: 0, metrics: { f1: 0, precision: 0, recall: 0, json_valid: 0 }, error: `item ${item.id}: expected must be a JSON object` };
    }
    const obj = extractJsonObject(output);
    const cmp = compareFields(config, obj, item.expected as Record<string, unknown>);
    const metrics: Record<string, number> = { json_valid: obj ? 1 : 0, fields_correct: cmp.correct, fields_predicted: cmp.predicted, fields_gold: cmp.gold };
    const { precision, recall, f1 } = obj ? prf(cmp.correct, cmp.predicted, cmp.gold) : { precision: 0, recall: 0, f1: 0 };
    Object.assign(metrics, { precision, recall, f1 });
    for (const [name, f] of Object.entries(cmp.fields)) if (f.gold !== undefined) metrics[`field.${name}`] = f.correct ? 1 : 0;
    return { score: f1, metrics, parsed: obj ?? null, ...(obj ? {} : { error: 'kein JSON-Objekt in der Ausgabe' }) };
  },
  aggregate(config, itemScores): Record<string, number> {
    if (itemScores.length === 0) return {};
    let correct = 0;
    let predicted = 0;
    let gold = 0;
    for (const s of itemScores) {
      correct += s.metrics.fields_correct ?? 0;
      predicted += s.metrics.fields_predicted ?? 0;
      gold += s.metrics.fields_gold ?? 0;
    }
    const micro = prf(correct, predicted, gold);
    const out: Record<string, number> = {
      field_precision: micro.precision,
      field_recall: micro.recall,
      field_f1: micro.f1,
      f1: mean(itemScores.map((s) => s.metrics.f1 ?? 0)),
      json_valid: mean(itemScores.map((s) => s.metrics.json_valid ?? 0))
    };
    for (const name of Object.keys(config.fields)) {
      const vals = itemScores.map((s) => s.metrics[`field.${name}`]).filter((v): v is number => v !== undefined);
      if (vals.length > 0) out[`field.${name}`] = mean(vals);
    }
    return out;
  }
};
