// JSON extraction scorer: first JSON object (also fenced), type-aware field comparison, field P/R/F1 by hand.
import { describe, expect, it } from 'vitest';
import { canonicalValue, extractJsonObject, normalizeDate } from '../../src/lib/core/scoring/json-fields';
import { aggregateScores, scoreItem, validateScorerConfig } from '../../src/lib/core/scoring';

const config = validateScorerConfig({
  type: 'json-fields',
  fields: {
    netto: { type: 'amount' },
    brutto: { type: 'amount' },
    datum: { type: 'date' },
    faelligkeit: { type: 'date' },
    iban: { type: 'iban' },
    ust_idnr: { type: 'code' },
    lieferant: { type: 'string' },
    belegart: { type: 'enum', values: ['Rechnung', 'Angebot'] }
  }
});

const gold = {
  netto: 1234.5,
  brutto: 1469.05,
  datum: '2026-11-03',
  faelligkeit: '2026-12-03',
  iban: 'DE89370400440532013000',
  ust_idnr: 'DE126884159',
  lieferant: 'Haustechnik Brenner GmbH',
  belegart: 'Rechnung'
};

describe('JSON extraction', () => {
  it('reads a ```json fence, a bare object with braces inside strings, and skips invalid candidates', () => {
    expect(extractJsonObject('Hier:\n```json\n{"a": 1}\n```\nund {"b": 2}')).toEqual({ a: 1 });
    expect(extractJsonObject('Ergebnis: {"a": "x}y", "b": {"c": 2}} fertig')).toEqual({ a: 'x}y', b: { c: 2 } });
    expect(extractJsonObject('{kein json} aber {"ok": true}')).toEqual({ ok: true });
    expect(extractJsonObject('[1, 2]')).toBeUndefined();
    expect(extractJsonObject('nichts')).toBeUndefined();
  });

  it.each(['2026-11-03', '03.11.2026', '3.11.26', '3. November 2026', '3. Nov. 2026', 'November 3, 2026', '2026-11-03T10:00:00Z'])('normalises the date %s', (d) => {
    expect(normalizeDate(d)).toBe('2026-11-03');
  });

  it('rejects impossible dates and compares amounts to the cent', () => {
    expect(normalizeDate('31.02.2026')).toBeUndefined();
    expect(canonicalValue({ type: 'amount' }, '1.234,50 €')).toBe(canonicalValue({ type: 'amount' }, 1234.5));
    expect(canonicalValue({ type: 'amount' }, '1.469,06')).not.toBe(canonicalValue({ type: 'amount' }, 1469.05));
    expect(canonicalValue({ type: 'iban' }, 'de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(canonicalValue({ type: 'string' }, '')).toBeUndefined();
  });
});

describe('field-level precision, recall and F1', () => {
  it('scores a fenced answer by hand: 6 of 7 predicted fields correct, 8 gold fields', () => {
    const output =
      'Gern:\n```json\n' +
      JSON.stringify({
        netto: '1.234,50 €',
        brutto: '1.469,06',
        datum: '3. November 2026',
        iban: 'de89 3704 0044 0532 0130 00',
        ust_idnr: 'DE 126 884 159',
        lieferant: ' Haustechnik  Brenner GmbH',
        belegart: 'rechnung'
      }) +
      '\n```';
    const s = scoreItem(config, output, { id: 'inv-1', input: {}, expected: gold });
    // correct: netto, datum, iban, ust_idnr, lieferant, belegart = 6; predicted 7; gold 8
    expect(s.metrics.precision).toBeCloseTo(6 / 7, 10);
    expect(s.metrics.recall).toBeCloseTo(6 / 8, 10);
    expect(s.metrics.f1).toBeCloseTo(12 / 15, 10);
    expect(s.score).toBeCloseTo(0.8, 10);
    expect(s.metrics['field.brutto']).toBe(0);
    expect(s.metrics['field.netto']).toBe(1);
  });

  it('gives 0 without a JSON object and micro-averages over items', () => {
    const items = [
      { id: 'a', input: {}, expected: { netto: 10, datum: '2026-01-02' } },
      { id: 'b', input: {}, expected: { netto: 20 } }
    ];
    const scores = [scoreItem(config, '{"netto": "10,00", "datum": "02.01.2026", "iban": "DE00"}', items[0]), scoreItem(config, 'Kann ich nicht.', items[1])];
    expect(scores[1].score).toBe(0);
    expect(scores[1].metrics.json_valid).toBe(0);
    const agg = aggregateScores(config, scores, items);
    // micro: correct 2, predicted 3, gold 3 → P 2/3, R 2/3, F1 2/3
    expect(agg.field_precision).toBeCloseTo(2 / 3, 10);
    expect(agg.field_recall).toBeCloseTo(2 / 3, 10);
    expect(agg.field_f1).toBeCloseTo(2 / 3, 10);
    expect(agg.json_valid).toBe(0.5);
    expect(agg.f1).toBeCloseTo((0.8 + 0) / 2, 10);
    expect(agg['field.netto']).toBe(0.5);
  });

  it('rejects an enum field without values at validation, naming the field', () => {
    expect(() => validateScorerConfig({ type: 'json-fields', fields: { art: { type: 'enum' } } })).toThrow(/values/);
  });
});
