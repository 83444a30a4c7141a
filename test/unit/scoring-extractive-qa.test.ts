// Extractive QA scorer: MLQA (German) normalisation, exact match and token F1, checked against hand-computed values.
import { describe, expect, it } from 'vitest';
import { exactMatch, goldAnswers, normalizeAnswerDe, tokenF1 } from '../../src/lib/core/scoring/extractive-qa';
import { aggregateScores, scoreItem, validateScorerConfig } from '../../src/lib/core/scoring';

describe('MLQA German normalisation', () => {
  it('removes articles only as whole words (Unicode boundaries: "Ödem" keeps its "dem")', () => {
    expect(normalizeAnswerDe('Das Ödem')).toBe('ödem');
    expect(normalizeAnswerDe('dem Ödem')).toBe('ödem');
    expect(normalizeAnswerDe('Einheit der Dinge')).toBe('einheit dinge');
    expect(normalizeAnswerDe('einer der ersten')).toBe('ersten');
    expect(normalizeAnswerDe('Dämon')).toBe('dämon');
  });

  it('removes Unicode punctuation (German and French quotes, dashes) and ASCII punctuation incl. symbols like $ and +', () => {
    expect(normalizeAnswerDe('„Der Rhein“')).toBe('rhein');
    expect(normalizeAnswerDe('«Die Elbe»')).toBe('elbe');
    expect(normalizeAnswerDe('‚Faust‘ – Teil 1…')).toBe('faust teil 1');
    expect(normalizeAnswerDe('$5 + 3')).toBe('5 3');
    expect(normalizeAnswerDe('1990er-Jahre')).toBe('1990erjahre');
  });

  it('removes punctuation before articles, so hyphenated articles fuse into one token (as in the official script)', () => {
    expect(normalizeAnswerDe('der-die-das')).toBe('derdiedas');
    expect(normalizeAnswerDe('(die) Mosel')).toBe('mosel');
  });

  it('splits on the whitespace Python splits on (no-break space, ideographic space)', () => {
    expect(normalizeAnswerDe('Berlin\u00a0Mitte\u3000Nord')).toBe('berlin mitte nord');
    expect(normalizeAnswerDe('  Die   Donau\n')).toBe('donau');
  });
});

describe('MLQA exact match and F1', () => {
  it('computes token F1 by hand: "im Jahr 1848 in Berlin" vs "im Jahr 1848" = 0.75', () => {
    expect(tokenF1('im Jahr 1848 in Berlin', 'im Jahr 1848')).toBeCloseTo(0.75, 10);
    expect(tokenF1('im Jahr 1848 in Berlin', '1848')).toBeCloseTo(1 / 3, 10);
  });

  it('clips repeated tokens (multiset intersection)', () => {
    expect(tokenF1('ja ja ja', 'ja')).toBeCloseTo(0.5, 10);
  });

  it('gives EM 1 but F1 0 when both normalise to nothing (official behaviour)', () => {
    expect(exactMatch('Der', 'die')).toBe(1);
    expect(tokenF1('Der', 'die')).toBe(0);
  });

  it('takes the maximum over multiple gold answers for both EM and F1', () => {
    const cfg = validateScorerConfig({ type: 'extractive-qa' });
    const item = { id: 'q1', input: {}, expected: ['1848', 'im Jahr 1848'] };
    const s = scoreItem(cfg, 'im Jahr 1848 in Berlin', item);
    expect(s.metrics.exact_match).toBe(0);
    expect(s.metrics.f1).toBeCloseTo(0.75, 10);
    expect(s.score).toBeCloseTo(0.75, 10);
    const em = scoreItem(cfg, 'Im Jahr 1848.', item);
    expect(em.metrics.exact_match).toBe(1);
  });

  it('accepts SQuAD-style gold answers and aggregates means', () => {
    expect(goldAnswers({ answers: [{ text: 'a' }, { text: 'b' }] })).toEqual(['a', 'b']);
    expect(goldAnswers({ answers: { text: ['x'], answer_start: [3] } })).toEqual(['x']);
    expect(goldAnswers(42)).toBeUndefined();
    const cfg = validateScorerConfig({ type: 'extractive-qa', primary: 'exact_match' });
    const items = [
      { id: 'a', input: {}, expected: ['Rhein'] },
      { id: 'b', input: {}, expected: ['im Jahr 1848'] }
    ];
    const scores = [scoreItem(cfg, 'der Rhein', items[0]), scoreItem(cfg, '1848', items[1])];
    expect(scores[1].score).toBe(0);
    const agg = aggregateScores(cfg, scores, items);
    expect(agg.exact_match).toBeCloseTo(0.5, 10);
    // item b: pred [1848] vs gold [im, jahr, 1848]: P=1, R=1/3 → F1 = 0.5
    expect(agg.f1).toBeCloseTo((1 + 0.5) / 2, 10);
  });

  it('reports an item without gold answers as an error with score 0', () => {
    const cfg = validateScorerConfig({ type: 'extractive-qa' });
    const s = scoreItem(cfg, 'x', { id: 'bad', input: {}, expected: 5 });
    expect(s.score).toBe(0);
    expect(s.error).toContain('bad');
  });
});
