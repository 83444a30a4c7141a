// CLI flag parsing: every parser complaint reaches the user in German, naming the flag (exit 2 as a
// UsageError); numbers are checked with their range.
import { describe, expect, it } from 'vitest';
import { numberFlag, parseFlags, UsageError } from '../../src/cli/support/cli';

const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('parseFlags', () => {
  it('names unknown options, missing and dash-leading values and stray values in German', () => {
    expect(usage(() => parseFlags(['--bogus'], {}))).toBe('unbekannte Option --bogus (Übersicht: --help)');
    expect(usage(() => parseFlags(['--limit'], { limit: { type: 'string' } }))).toBe('--limit: Wert fehlt');
    expect(usage(() => parseFlags(['--limit', '-5'], { limit: { type: 'string' } }))).toBe('--limit: Wert beginnt mit "-"; so angeben: --limit=-WERT');
    expect(usage(() => parseFlags(['--cache=ja'], { cache: { type: 'boolean' } }))).toBe('--cache nimmt keinen Wert');
    expect(usage(() => parseFlags(['etwas'], {}, { allowPositionals: false }))).toBe('unerwartetes Argument: etwas');
    // an empty --db would open the working directory
    expect(usage(() => parseFlags(['--db', ''], {}))).toBe('--db: Pfad fehlt');
  });

  it('passes valid flags and the --limit=-5 form through to the number check', () => {
    const { values } = parseFlags(['--limit=-5'], { limit: { type: 'string' } });
    expect(values.limit).toBe('-5');
    expect(usage(() => numberFlag('limit', values.limit as string, { min: 1 }))).toBe('--limit: -5 ist kleiner als 1');
  });

  it('numbers: decimal notation only, limits named in de-DE notation', () => {
    expect(numberFlag('context', '8192', { integer: true })).toBe(8192);
    expect(numberFlag('drop', '.02', {})).toBe(0.02);
    expect(numberFlag('x', '1e3', {})).toBe(1000);
    for (const bad of ['0x10', '0b11', ' 5', 'Infinity', '', '1,5', 'abc']) expect(usage(() => numberFlag('context', bad, {})), bad).toBe(`--context: "${bad}" ist keine Zahl`);
    expect(usage(() => numberFlag('min-speed', '0', { min: 0.001 }))).toBe('--min-speed: 0 ist kleiner als 0,001');
    expect(usage(() => numberFlag('users', '20000000', { max: 10_000_000 }))).toBe('--users: 20.000.000 ist größer als 10.000.000');
  });
});
