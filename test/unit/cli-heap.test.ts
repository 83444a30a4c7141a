// Long runs limit V8's heap growth unless the user chose heap flags themselves.
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../src/cli/support/heap';

describe('limitHeapGrowth', () => {
  it("leaves the user's own heap flags alone", () => {
    expect(limitHeapGrowth('--max-old-space-size=512', [])).toBe(false);
    expect(limitHeapGrowth(undefined, ['--heap-growing-percent=20'])).toBe(false);
    expect(limitHeapGrowth('', ['--max-heap-size=300'])).toBe(false);
  });

  it('limits the growth otherwise', () => {
    expect(limitHeapGrowth('--enable-source-maps', ['--no-warnings'])).toBe(true);
  });
});
