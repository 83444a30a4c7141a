// Classification and multiple-choice scorers: label/letter parsing from free text, accuracy and macro-F1 by hand.
import { describe, expect, it } from 'vitest';
import { macroF1, parseLabel } from '../../src/lib/core/scoring/classification';
import { parseChoice } from '../../src/lib/core/scoring/multiple-choice';
import { aggregateScores, scoreItem, validateScorerConfig } from '../../src/lib/core/scoring';

describe('label parsing', () => {
  const labels = ['OFFENSE', 'OTHER'];
  it.each([
    ['OFFENSE', 'OFFENSE'],
    ['offense', 'OFFENSE'],
    ['**OTHER**', 'OTHER'],
    ['„OTHER“.', 'OTHER'],
    ['Label: OTHER.', 'OTHER'],
    ['Der Tweet ist OFFENSE, nicht OTHER', 'OFFENSE'],
    ['Kategorie: other', 'OTHER']
  ])('%s → %s', (out, label) => {
    expect(parseLabel(out, labels)).toBe(label);
  });

  it('uses synonyms and needs whole words', () => {
    expect(parseLabel('Das ist eindeutig beleidigend.', labels, { OFFENSE: ['beleidigend'] })).toBe('OFFENSE');
    expect(parseLabel('OTHERWISE fine', labels)).toBeUndefined();
    expect(parseLabel('keine Ahnung', labels)).toBeUndefined();
  });

  it('prefers the longer label at the same position', () => {
    expect(parseLabel('iot_hue_lightoff bitte', ['iot_hue_light', 'iot_hue_lightoff'])).toBe('iot_hue_lightoff');
  });
});

describe('macro-F1', () => {
  it('matches a hand computation and leaves out labels absent from gold and predictions', () => {
    // A: TP1 FN1 → 2/3; B: TP2 FP1 → 4/5; C: FN1 → 0; D absent → excluded
    const r = macroF1(['A', 'A', 'B', 'B', 'C'], ['A', 'B', 'B', 'B', undefined], ['A', 'B', 'C', 'D']);
    expect(r.perLabel.A.f1).toBeCloseTo(2 / 3, 10);
    expect(r.perLabel.B.f1).toBeCloseTo(0.8, 10);
    expect(r.perLabel.C.f1).toBe(0);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.8 + 0) / 3, 10);
  });

  it('aggregates accuracy and macro_f1 through the registry', () => {
    const cfg = validateScorerConfig({ type: 'classification', labels: ['A', 'B', 'C', 'D'] });
    const gold = ['A', 'A', 'B', 'B', 'C'];
    const outs = ['A', 'Antwort: B', 'b', 'B.', 'nichts davon'];
    const items = gold.map((g, i) => ({ id: `i${i}`, input: {}, expected: g }));
    const scores = items.map((it, i) => scoreItem(cfg, outs[i], it));
    const agg = aggregateScores(cfg, scores, items);
    expect(agg.accuracy).toBeCloseTo(0.6, 10);
    expect(agg.macro_f1).toBeCloseTo((2 / 3 + 0.8) / 3, 10);
    expect(agg.parse_rate).toBeCloseTo(0.8, 10);
  });

  it('rejects a gold label outside the label set', () => {
    const cfg = validateScorerConfig({ type: 'classification', labels: ['ja', 'nein'] });
    expect(scoreItem(cfg, 'ja', { id: 'x', input: {}, expected: 'vielleicht' }).error).toContain('vielleicht');
  });
});

describe('multiple-choice letters', () => {
  const choices = ['A', 'B', 'C', 'D'];
  it.each([
    ['B', 'B'],
    ['(B)', 'B'],
    ['**D**', 'D'],
    ['Antwort: B', 'B'],
    ['Die richtige Antwort ist C.', 'C'],
    ['Die Antwort lautet (A), weil Art. 33 DSGVO gilt.', 'A'],
    ['B) Meldung binnen 72 Stunden', 'B'],
    ['C. Art. 9 DSGVO', 'C'],
    ['Ich denke, (D) passt am besten.', 'D'],
    ['Nach Art. 33 ist es B', 'B'],
    ['**Antwort:** C – weil A und B nicht passen', 'C'],
    ['ANTWORT: D', 'D'],
    ['Antwort: Option A (B ist falsch)', 'A'],
    ['Die Antwort: d.h. Option B', 'B']
  ])('%s → %s', (out, letter) => {
    expect(parseChoice(out, choices)).toBe(letter);
  });

  it.each(['Ich weiß es nicht', 'A oder B', 'E'])('finds no single letter in %s', (out) => {
    expect(parseChoice(out, choices)).toBeUndefined();
  });

  it('scores accuracy', () => {
    const cfg = validateScorerConfig({ type: 'multiple-choice' });
    const items = [
      { id: '1', input: {}, expected: 'B' },
      { id: '2', input: {}, expected: { answer: 'c' } }
    ];
    const scores = [scoreItem(cfg, 'Antwort: B', items[0]), scoreItem(cfg, 'A', items[1])];
    expect(aggregateScores(cfg, scores, items)).toEqual({ accuracy: 0.5, parse_rate: 1 });
  });
});
