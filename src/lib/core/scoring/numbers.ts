// Number reading for German and English formats ("1.234,5", "1,234.5", "1234", "−3,5") used by the
// numeric and json-fields scorers. German-first where a single separator is ambiguous (see docs/scoring.md).

export interface FoundNumber {
  value: number;
  /** Offset of the match in the text. */
  index: number;
  raw: string;
}

const GROUP_SPACES = /[\u00a0\u202f]/g;

/**
 * Interpret one number token (digits with separators, optional leading sign). Rules:
 * - both "." and "," present: the one occurring last is the decimal mark, the other groups thousands;
 * - one kind of separator occurring more than once: thousands grouping ("1.234.567", "1,234,567");
 * - a single ",": decimal mark (German "3,5"; so "1,234" reads as 1.234);
 * - a single ".": thousands grouping when exactly three digits follow and the integer part is 1–3 digits
 *   not starting with 0 (German "1.234" = 1234), otherwise a decimal mark ("3.5", "0.125");
 * - no-break and narrow no-break spaces group thousands.
 * Grouped parts must be 3 digits (first 1–3). Returns undefined when the token is not a valid number.
 */
export function parseNumberToken(token: string): number | undefined {
  let s = token.trim().replace(/^\+/, '').replace(/^[\u2212\u2013]/, '-');
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1).trim();
  }
  s = s.replace(GROUP_SPACES, ' ');
  if (!/^\d[\d., ]*$/.test(s) || /[., ]$/.test(s)) return undefined;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let intPart = s;
  let fracPart = '';
  let group: string | undefined = s.includes(' ') ? ' ' : undefined;
  const splitDecimal = (mark: string) => {
    const at = s.lastIndexOf(mark);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
  };
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const grouping = decimal === '.' ? ',' : '.';
    if ((decimal === '.' ? dots : commas) !== 1) return undefined;
    if (group === ' ') return undefined;
    group = grouping;
    splitDecimal(decimal);
  } else if (dots + commas > 1) {
    if (group === ' ') return undefined;
    group = dots > 0 ? '.' : ',';
  } else if (commas === 1) {
    splitDecimal(',');
  } else if (dots === 1) {
    const [a, b] = s.split('.');
    const groupsLikeThousands = b.length === 3 && /^\d{1,3}$/.test(a.replace(/ /g, '')) && !a.startsWith('0') && !a.includes(' ');
    if (groupsLikeThousands) group = '.';
    else splitDecimal('.');
  }
  if (!/^\d*$/.test(fracPart)) return undefined;
  if (group !== undefined) {
    const parts = intPart.split(group);
    if (!/^\d{1,3}$/.test(parts[0]) || parts.slice(1).some((p) => !/^\d{3}$/.test(p))) return undefined;
    intPart = parts.join('');
  }
  if (!/^\d+$/.test(intPart)) return undefined;
  const v = Number(`${intPart}${fracPart ? '.' + fracPart : ''}`);
  return Number.isFinite(v) ? sign * v : undefined;
}

// A sign only counts when it does not follow a letter or digit (so "2026-11-03" reads 2026, 11, 3);
// a number never starts right after a letter ("CO2"); tokens end on a digit.
const NUMBER_RE = /(?:(?<![\p{L}\p{N}])[-\u2212](?=\d))?(?<![\p{L}\p{N}])\d(?:[\d.,\u00a0\u202f]*\d)?/gu;

/** All numbers in a text in order of appearance. Invalid groupings ("1,2,3") fall back to their digit runs. */
export function findNumbers(text: string): FoundNumber[] {
  const out: FoundNumber[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const raw = m[0];
    const v = parseNumberToken(raw);
    if (v !== undefined) {
      out.push({ value: v, index: m.index, raw });
      continue;
    }
    for (const part of raw.matchAll(/[-\u2212]?\d+/g)) {
      const pv = parseNumberToken(part[0]);
      if (pv !== undefined) out.push({ value: pv, index: m.index + part.index, raw: part[0] });
    }
  }
  return out;
}

/** Parse a value that should be a number: a JSON number, or a string such as "1.234,56 €" or "EUR 99.90". */
export function parseLooseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const cleaned = value.replace(/(?:EUR|€|Euro|USD|\$)/gi, '').trim();
  const direct = parseNumberToken(cleaned);
  if (direct !== undefined) return direct;
  const found = findNumbers(cleaned);
  return found.length === 1 ? found[0].value : undefined;
}
