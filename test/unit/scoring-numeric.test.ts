// Numeric scorer: German/English number formats, "Die Antwort lautet", last-number fallback, tolerance.
import { describe, expect, it } from 'vitest';
import { findNumbers, parseLooseNumber, parseNumberToken } from '../../src/lib/core/scoring/numbers';
import { parseNumericAnswer } from '../../src/lib/core/scoring/numeric';
import { aggregateScores, scoreItem, validateScorerConfig } from '../../src/lib/core/scoring';

describe('number formats', () => {
  it.each([
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1234', 1234],
    ['3,5', 3.5],
    ['3.5', 3.5],
    ['0.125', 0.125],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1.234.567,89', 1234567.89],
    ['−7', -7],
    ['-0,5', -0.5],
    ['1\u00a0234', 1234],
    ['12\u202f000,50', 12000.5]
  ])('%s → %d', (raw, value) => {
    expect(parseNumberToken(raw)).toBe(value);
  });

  it.each(['12.34.56', '1,2,3', '1.23,4,5', 'abc', ''])('rejects %s', (raw) => {
    expect(parseNumberToken(raw)).toBeUndefined();
  });

  it('finds numbers in text without reading date hyphens or sentence dots as part of them', () => {
    expect(findNumbers('Am 2026-11-03 kamen 12 Leute, dann 3,5 Stunden.').map((n) => n.value)).toEqual([2026, 11, 3, 12, 3.5]);
    expect(findNumbers('Die Liste 1,2,3').map((n) => n.value)).toEqual([1, 2, 3]);
  });

  it('reads amounts with currency', () => {
    expect(parseLooseNumber('1.234,56 €')).toBe(1234.56);
    expect(parseLooseNumber('EUR 99.90')).toBe(99.9);
    expect(parseLooseNumber(12)).toBe(12);
    expect(parseLooseNumber('zwölf')).toBeUndefined();
  });
});

describe('numeric answers', () => {
  const prefixes = ['Die Antwort lautet', 'Antwort:'];
  it('prefers the number after "Die Antwort lautet" over later numbers', () => {
    const out = 'Sie hat 16 − 3 − 4 = 9 Eier. 9 × 2 = 18. Die Antwort lautet 18.\n\nFrage: Wie viel sind 7 Äpfel?';
    expect(parseNumericAnswer(out, prefixes)).toEqual({ value: 18, via: 'prefix' });
    expect(parseNumericAnswer('Die Antwort lautet **1.250 €**.', prefixes)?.value).toBe(1250);
    expect(parseNumericAnswer('antwort: 3,75', prefixes)?.value).toBe(3.75);
  });

  it('falls back to the last number', () => {
    expect(parseNumericAnswer('Erst 5, dann 7', prefixes)).toEqual({ value: 7, via: 'last-number' });
    expect(parseNumericAnswer('Die Antwort lautet: keine Ahnung. Vielleicht 4?', prefixes)).toEqual({ value: 4, via: 'last-number' });
    expect(parseNumericAnswer('keine Zahl', prefixes)).toBeUndefined();
  });

  it('scores with tolerance and reports the parse rate', () => {
    const cfg = validateScorerConfig({ type: 'numeric', tolerance: 0.02 });
    const items = [
      { id: 'a', input: {}, expected: 0.5 },
      { id: 'b', input: {}, expected: 18 },
      { id: 'c', input: {}, expected: '1.234,5' }
    ];
    const scores = [scoreItem(cfg, 'Die Antwort lautet 0,49', items[0]), scoreItem(cfg, 'weiß nicht', items[1]), scoreItem(cfg, 'The answer is 1,234.5', items[2])];
    expect(scores.map((s) => s.score)).toEqual([1, 0, 1]);
    expect(scores[1].error).toBeDefined();
    const agg = aggregateScores(cfg, scores, items);
    expect(agg.accuracy).toBeCloseTo(2 / 3, 10);
    expect(agg.parse_rate).toBeCloseTo(2 / 3, 10);
    const strict = validateScorerConfig({ type: 'numeric' });
    expect(scoreItem(strict, 'Die Antwort lautet 0,49', items[0]).score).toBe(0);
  });
});
