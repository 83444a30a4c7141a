// Store.query's value conversion, which every page and CLI command relies on: BIGINT → number (string
// beyond 2^53), DECIMAL → number, INTEGER lists → arrays, NULL stays null, text unchanged; rows are plain objects
// with the selected columns in order. Guards the in-place normalisation that keeps large reads fast
// (the explorer's Arrow export reads 10,000 rows × 21 columns through it; see docs/PERFORMANCE.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/lib/server/store/db';

let store: Store;
beforeAll(async () => {
  store = await Store.open(':memory:');
});
afterAll(async () => {
  await store.close();
});

describe('Store.query value conversion', () => {
  it('converts DuckDB values to plain JSON-friendly JS values', async () => {
    const rows = await store.query(
      `SELECT 42::BIGINT AS big, 9007199254740993::HUGEINT AS huge, 12.50::DECIMAL(10,2) AS dec, [1, 2, 3]::INTEGER[] AS list,
              NULL::VARCHAR AS nothing, 'Grüße' AS text, 1.5::DOUBLE AS dbl, true AS flag, 7::INTEGER AS int`
    );
    expect(rows).toHaveLength(1);
    const r = rows[0];
    expect(Object.keys(r)).toEqual(['big', 'huge', 'dec', 'list', 'nothing', 'text', 'dbl', 'flag', 'int']);
    expect(r.big).toBe(42);
    expect(r.huge).toBe('9007199254740993');
    expect(r.dec).toBe(12.5);
    expect(r.list).toEqual([1, 2, 3]);
    expect(r.nothing).toBeNull();
    expect(r.text).toBe('Grüße');
    expect(r.dbl).toBe(1.5);
    expect(r.flag).toBe(true);
    expect(r.int).toBe(7);
  });

  it('returns timestamps as the same instant and many rows unchanged in order', async () => {
    const rows = await store.query<{ i: number; t: unknown; s: string }>(`SELECT i::BIGINT AS i, TIMESTAMP '2026-11-27 10:00:00' + to_seconds(i) AS t, 'x' || i AS s FROM range(5000) r(i) ORDER BY i`);
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toMatchObject({ i: 4999, s: 'x4999' });
    expect(new Date(rows[1].t as string | Date).toISOString()).toBe('2026-11-27T10:00:01.000Z');
  });
});
