// Property tests: no scorer throws on arbitrary model output; scores stay in 0..1 and metrics finite.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aggregateScores, scoreItem, validateScorerConfig, type ScoringItem } from '../../src/lib/core/scoring';

const cases: { config: unknown; item: ScoringItem }[] = [
  { config: { type: 'extractive-qa' }, item: { id: 'q', input: {}, expected: ['der Rhein', 'Rhein'] } },
  { config: { type: 'numeric' }, item: { id: 'n', input: {}, expected: 18 } },
  { config: { type: 'classification', labels: ['OFFENSE', 'OTHER'] }, item: { id: 'c', input: {}, expected: 'OTHER' } },
  { config: { type: 'multiple-choice' }, item: { id: 'm', input: {}, expected: 'B' } },
  { config: { type: 'json-fields', fields: { betrag: { type: 'amount' }, datum: { type: 'date' }, iban: { type: 'iban' } } }, item: { id: 'j', input: {}, expected: { betrag: 12.5, datum: '2026-11-03', iban: 'DE89370400440532013000' } } },
  { config: { type: 'rouge', stem: true }, item: { id: 'r', input: {}, expected: 'Die Katze sitzt auf der Matte.' } },
  { config: { type: 'rules', rules: [{ type: 'sie-form' }, { type: 'anrede' }, { type: 'grussformel' }, { type: 'max-words', max: 20 }, { type: 'no-placeholder' }] }, item: { id: 'l', input: {}, expected: null } },
  { config: { type: 'pii-redaction', placeholders: { name: ['[NAME]'] } }, item: { id: 'p', input: { text: 'Herr Max Müller ruft an.' }, expected: { spans: [{ text: 'Max Müller', type: 'name' }] } } }
];

const outputs = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.constantFrom('{', '}', '"', '```json', '1.234,5', ' Antwort: ', 'B)', 'Die Antwort lautet', 'OTHER', 'der', '[NAME]', '\n', 'Sehr geehrte Frau X,', 'Mit freundlichen Grüßen'), { maxLength: 60 }).map((a) => a.join(''))
);

describe('scorer robustness', () => {
  for (const { config, item } of cases) {
    const cfg = validateScorerConfig(config);
    it(`${cfg.type}: any output scores in 0..1 with finite metrics`, () => {
      fc.assert(
        fc.property(fc.array(outputs, { minLength: 1, maxLength: 5 }), (outs) => {
          const scores = outs.map((o) => scoreItem(cfg, o, item));
          for (const s of scores) {
            expect(s.score).toBeGreaterThanOrEqual(0);
            expect(s.score).toBeLessThanOrEqual(1);
            for (const v of Object.values(s.metrics)) expect(Number.isFinite(v)).toBe(true);
          }
          const agg = aggregateScores(cfg, scores, outs.map(() => item));
          for (const v of Object.values(agg)) expect(v >= 0 && v <= 1).toBe(true);
        }),
        { numRuns: 150 }
      );
    });
  }

  it('handles a pathological output with thousands of braces quickly', () => {
    const cfg = validateScorerConfig(cases[4].config);
    const t0 = performance.now();
    const s = scoreItem(cfg, '{'.repeat(20000) + ' {"betrag": 12.5}', cases[4].item);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(s.metrics.json_valid).toBe(0);
  });
});
