// Rule checks for formal German letters: Sie-Form, Anrede, Grußformel, contains, max-words, placeholders.
import { describe, expect, it } from 'vitest';
import { checkRule } from '../../src/lib/core/scoring/rules';
import { aggregateScores, scoreItem, validateScorerConfig } from '../../src/lib/core/scoring';

const letter = `Betreff: Ihr Schreiben vom 3. November 2026

Sehr geehrte Frau Dr. Müller,

vielen Dank für Ihre Nachricht. Gern senden wir Ihnen die Unterlagen zu.

Mit freundlichen Grüßen
Kanzlei Berger & Partner`;

describe('single rules', () => {
  it('sie-form flags du/dein/euch forms in any capitalisation, as whole words only', () => {
    expect(checkRule({ type: 'sie-form' }, letter).pass).toBe(true);
    const r = checkRule({ type: 'sie-form' }, 'Kannst du mir deine Unterlagen senden? Ich danke Dir.');
    expect(r.pass).toBe(false);
    expect(r.detail).toContain('du');
    expect(r.detail).toContain('deine');
    expect(r.detail).toContain('Dir');
    expect(checkRule({ type: 'sie-form' }, 'Der Direktor prüft den Erdumfang und die Dauer.').pass).toBe(true);
    expect(checkRule({ type: 'sie-form' }, 'Wir melden uns bei euch.').pass).toBe(false);
  });

  it.each([
    ['Sehr geehrte Frau Dr. Müller,', true],
    ['Sehr geehrter Herr Özdemir,', true],
    ['Sehr geehrte Damen und Herren,', true],
    ['Sehr geehrter Frau Müller,', false],
    ['Hallo Frau Müller,', false],
    ['Sehr geehrte Frau Müller', false]
  ])('anrede: %s → %s', (line, pass) => {
    expect(checkRule({ type: 'anrede' }, `Betreff: X\n\n${line}\n\nText`).pass).toBe(pass);
  });

  it('anrede with a required salutation (item-level overrides the rule)', () => {
    expect(checkRule({ type: 'anrede' }, letter, 'Sehr geehrte Frau Dr. Müller').pass).toBe(true);
    expect(checkRule({ type: 'anrede', salutation: 'Sehr geehrter Herr Weber' }, letter).pass).toBe(false);
  });

  it.each([
    ['Mit freundlichen Grüßen\nKanzlei X', true],
    ['Mit freundlichen Grüssen', true],
    ['Mit freundlichen Grüßen,\nKanzlei X', false],
    ['Viele Grüße', false]
  ])('grussformel: %j → %s', (text, pass) => {
    expect(checkRule({ type: 'grussformel' }, text).pass).toBe(pass);
  });

  it('contains, max-words and no-placeholder', () => {
    expect(checkRule({ type: 'contains', text: 'unterlagen', ignoreCase: true }, letter).pass).toBe(true);
    expect(checkRule({ type: 'contains', pattern: '\\b\\d{1,2}\\. November 2026', ignoreCase: false }, letter).pass).toBe(true);
    expect(checkRule({ type: 'contains', text: 'Frist', ignoreCase: true }, letter).pass).toBe(false);
    expect(checkRule({ type: 'max-words', max: 5 }, 'eins zwei – drei vier fünf').pass).toBe(true);
    expect(checkRule({ type: 'max-words', max: 4 }, 'eins zwei – drei vier fünf').pass).toBe(false);
    expect(checkRule({ type: 'no-placeholder' }, letter).pass).toBe(true);
    expect(checkRule({ type: 'no-placeholder' }, 'Sehr geehrte Frau [Name],').pass).toBe(false);
    expect(checkRule({ type: 'no-placeholder' }, 'am {{datum}}').pass).toBe(false);
    expect(checkRule({ type: 'no-placeholder' }, 'Frist bis TT.MM.JJJJ').pass).toBe(false);
  });
});

describe('rules scorer', () => {
  const cfg = validateScorerConfig({ type: 'rules', rules: [{ type: 'sie-form' }, { type: 'anrede' }, { type: 'grussformel' }, { type: 'no-placeholder' }] });

  it('scores the share of passed rules and aggregates per rule', () => {
    const items = [
      { id: 'a', input: {}, expected: { salutation: 'Sehr geehrte Frau Dr. Müller' } },
      { id: 'b', input: {}, expected: null }
    ];
    const good = scoreItem(cfg, letter, items[0]);
    expect(good.score).toBe(1);
    expect(good.metrics.all_pass).toBe(1);
    const bad = scoreItem(cfg, 'Hallo Max,\nkannst du [Datum] bestätigen?\nViele Grüße', items[1]);
    expect(bad.score).toBe(0);
    const agg = aggregateScores(cfg, [good, bad], items);
    expect(agg.pass_rate).toBe(0.5);
    expect(agg.all_pass).toBe(0.5);
    expect(agg['rule.sie-form']).toBe(0.5);
  });

  it('adds item-level rules and rejects malformed ones', () => {
    const s = scoreItem(cfg, letter, { id: 'c', input: {}, expected: { rules: [{ type: 'contains', text: 'Aktenzeichen' }] } });
    expect(s.metrics['rule.contains']).toBe(0);
    expect(s.score).toBeCloseTo(4 / 5, 10);
    const e = scoreItem(cfg, letter, { id: 'd', input: {}, expected: { rules: [{ type: 'max-words' }] } });
    expect(e.error).toContain('expected.rules.0.max');
  });

  it('validates rule configs naming the field', () => {
    expect(() => validateScorerConfig({ type: 'rules', rules: [{ type: 'contains' }] })).toThrow(/exactly one of text or pattern/);
    expect(() => validateScorerConfig({ type: 'rules', rules: [{ type: 'contains', pattern: '([' }] })).toThrow(/invalid regular expression/);
  });
});
