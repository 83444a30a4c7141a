// Progress rendering (terminal bar, NDJSON) and the secret redactor used for stored error texts.
import { describe, expect, it } from 'vitest';
import { progressLine, progressPrinter } from '../../src/lib/server/runner/progress';
import { secretRedactor } from '../../src/lib/server/runner/wiring';
import type { ProgressEvent } from '../../src/lib/server/runner/types';

const ev: ProgressEvent = { type: 'progress', runId: 'r', total: 40, done: 10, ok: 9, error: 1, retries: 2, elapsedMs: 5000, ratePerSec: 2, etaSec: 15, spentEur: 0.0123, synthetic: true };

describe('progress', () => {
  it('renders items, ok/errors, rate, ETA and spend in German format', () => {
    const line = progressLine(ev, 8).replace(/\u00a0/g, ' ');
    expect(line).toBe('██░░░░░░ 10/40 · ok 9 · Fehler 1 · 2/s · ETA 15 s · 0,0123 € · synthetisch');
    expect(progressLine({ ...ev, ratePerSec: null, etaSec: null, synthetic: false }, 4)).toContain('ETA –');
    expect(progressLine({ ...ev, etaSec: 3725 }, 4)).toContain('ETA 1 h 2 min');
  });

  it('json mode writes one parseable line per event without NaN', () => {
    const lines: string[] = [];
    const p = progressPrinter('json', (t) => lines.push(t))!;
    p(ev);
    p({ ...ev, type: 'end', ratePerSec: Number.NaN });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    expect(JSON.parse(lines[1])).toMatchObject({ type: 'end', ratePerSec: null, done: 10, total: 40 });
    expect(progressPrinter('none', () => undefined)).toBeUndefined();
  });
});

describe('secretRedactor', () => {
  it('replaces values of secret-looking variables and leaves other text alone', () => {
    const r = secretRedactor({ MISTRAL_API_KEY: 'abcdefgh12345', WERKBANK_TOKEN: 'tok-987654321', HOME: '/home/user', SHORT_KEY: 'abc' });
    expect(r('401 for key abcdefgh12345 and tok-987654321 in /home/user')).toBe('401 for key *** and *** in /home/user');
    expect(r('abc stays')).toBe('abc stays');
  });
});
