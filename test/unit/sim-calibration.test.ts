// Calibration: with the default efficiencies, every single-stream decode prediction of the reference
// roofline stays within ±35% of the measured llama.cpp figure (H100 synthetic runs and the scoreboard);
// the default efficiency is the one the scenario schema uses; batched decode is overestimated (why the
// measured-curve option exists).
import { describe, expect, it } from 'vitest';
import { BATCHED_ROWS, DEFAULT_EFFICIENCY, SINGLE_STREAM_ROWS, predictDecodeTokensPerSec, relativeError, selfHostedSchema } from '../../src/lib/core/sim';

describe('capacity model calibration', () => {
  it('covers the nine single-stream rows of the reference files', () => {
    expect(SINGLE_STREAM_ROWS).toHaveLength(9);
  });

  for (const row of SINGLE_STREAM_ROWS) {
    it(`${row.shape.name} on ${row.gpu.name}: within ±35% of ${row.measuredTokensPerSec} tok/s`, () => {
      const err = relativeError(predictDecodeTokensPerSec(row), row.measuredTokensPerSec);
      expect(Math.abs(err)).toBeLessThanOrEqual(0.35);
    });
  }

  it('the scenario default efficiencies are the calibrated ones', () => {
    const sh = selfHostedSchema.parse({ server: { id: 'x' }, model: { id: 'y' } });
    expect(sh.efficiency).toEqual(DEFAULT_EFFICIENCY);
  });

  it('the roofline overestimates llama.cpp batched decode about 2× or more at 16–64 streams', () => {
    for (const row of BATCHED_ROWS.filter((r) => r.streams >= 16)) {
      expect(predictDecodeTokensPerSec(row) / row.measuredTokensPerSec).toBeGreaterThan(1.8);
    }
  });
});
