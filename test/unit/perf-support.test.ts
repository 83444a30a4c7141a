// The benchmark harness's own measurements (test/perf/support.ts): peak RSS and CPU time of a child
// process — the only way the runner benchmark can see promptfoo's memory — and the percentile and
// target helpers that decide what the bench table reports as met or missed.
import { describe, expect, it } from 'vitest';
import { lower, percentile, runChild, upper } from '../perf/support';

describe('bench support', () => {
  it('reports the peak RSS and CPU time of a child process that allocates 150 MB', async () => {
    const script = "const b = Buffer.alloc(150 * 1024 * 1024, 1); let s = 0; for (let i = 0; i < b.length; i += 4096) s += b[i]; if (s < 0) console.log(s);";
    const r = await runChild(process.execPath, ['-e', script]);
    expect(r.code).toBe(0);
    expect(r.peakRssMb).toBeGreaterThan(150);
    expect(r.peakRssMb).toBeLessThan(400);
    expect(r.cpuMs).toBeGreaterThan(0);
    expect(r.wallMs).toBeGreaterThan(0);
  });

  it('percentile interpolates between ranks and ignores non-finite values', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6);
    expect(percentile([Number.NaN, 7], 0.5)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('marks upper and lower targets as met or missed with the ratio to the target', () => {
    expect(upper('q', 120, 'ms', 150)).toMatchObject({ ok: true, ratio: 0.8, target: '< 150' });
    expect(upper('q', 300, 'ms', 150)).toMatchObject({ ok: false, ratio: 2 });
    expect(lower('x', 4, '×', 8, '≥ 8')).toMatchObject({ ok: false, ratio: 0.5, target: '≥ 8' });
    expect(upper('q', null, 'ms', 150)).toMatchObject({ ok: undefined, ratio: null });
  });
});
