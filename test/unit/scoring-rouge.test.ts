// ROUGE scorer: German tokenisation, ROUGE-1/2/L computed by hand, optional stemming.
import { describe, expect, it } from 'vitest';
import { lcsLength, rougeScores, stemGerman, tokenizeGerman } from '../../src/lib/core/scoring/rouge';
import { aggregateScores, scoreItem, validateScorerConfig } from '../../src/lib/core/scoring';

describe('German tokenisation', () => {
  it('keeps umlauts, ß and superscript digits, splits on punctuation', () => {
    expect(tokenizeGerman('Größe: 5,3 m² – Übergröße!')).toEqual(['größe', '5', '3', 'm²', 'übergröße']);
  });
  it('stems simple suffixes only when 4 characters remain', () => {
    expect(stemGerman('katzen')).toBe('katz');
    expect(stemGerman('hauses')).toBe('haus');
    expect(stemGerman('kindern')).toBe('kind');
    expect(stemGerman('der')).toBe('der');
    expect(tokenizeGerman('Die Katzen', true)).toEqual(['die', 'katz']);
  });
});

describe('ROUGE by hand', () => {
  it('candidate "Matte die Katze auf" vs reference "die Katze auf der Matte"', () => {
    const r = rougeScores('Matte die Katze auf', 'Die Katze auf der Matte.');
    // R1: overlap 4, P 4/4, R 4/5 → 8/9
    expect(r.rouge1).toBeCloseTo(8 / 9, 10);
    // R2: overlap {die katze, katze auf} = 2, P 2/3, R 2/4 → 4/7
    expect(r.rouge2).toBeCloseTo(4 / 7, 10);
    // RL: LCS "die katze auf" = 3, P 3/4, R 3/5 → 2/3
    expect(r.rougeL).toBeCloseTo(2 / 3, 10);
  });

  it('LCS and empty inputs', () => {
    expect(lcsLength(['a', 'b', 'c', 'b', 'd', 'a', 'b'], ['b', 'd', 'c', 'a', 'b', 'a'])).toBe(4);
    expect(rougeScores('', 'etwas')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });

  it('stemming raises overlap for inflected forms; the scorer takes the best reference', () => {
    expect(rougeScores('die Katzen', 'die Katze', true).rouge1).toBe(1);
    expect(rougeScores('die Katzen', 'die Katze', false).rouge1).toBeCloseTo(0.5, 10);
    const cfg = validateScorerConfig({ type: 'rouge', primary: 'rouge1' });
    const items = [{ id: 'a', input: {}, expected: ['völlig anders', 'die Katze schläft'] }];
    const s = scoreItem(cfg, 'Die Katze schläft.', items[0]);
    expect(s.score).toBe(1);
    expect(aggregateScores(cfg, [s], items)).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
  });
});
