// Price snapshots: store the exact price a run or simulation used (with the exchange rate) in the
// DuckDB table price_snapshots, so later results can be costed with the figures of that day.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/db';
import { priceSchema, type Price } from '../../core/catalog';

export interface SnapshotPriceInput {
  /** Route id, e.g. `bedrock-eu/claude-sonnet-4-6`. */
  route: string;
  price: Price;
  usdPerEur: number;
  /** Who used it, e.g. `run:<id>` or `simulate`. */
  usedBy?: string;
  /** Row id (default: a random UUID); a fixed id (e.g. `<runId>:price`) makes the write idempotent. */
  id?: string;
}

/** Write one row to price_snapshots and return its id. */
export async function snapshotPrice(store: Pick<Store, 'insertRows'>, input: SnapshotPriceInput): Promise<string> {
  if (!input.route) throw new Error('snapshotPrice: route fehlt');
  if (!(input.usdPerEur > 0) || !Number.isFinite(input.usdPerEur)) throw new Error(`snapshotPrice: usdPerEur ungültig (${input.usdPerEur})`);
  const price = priceSchema.parse(input.price);
  const id = input.id ?? randomUUID();
  await store.insertRows('price_snapshots', [
    {
      id,
      route: input.route,
      currency: price.currency,
      input_per_mtok: price.inputPerMTok,
      output_per_mtok: price.outputPerMTok,
      cache_read_per_mtok: price.cacheReadPerMTok ?? null,
      cache_write_per_mtok: price.cacheWritePerMTok ?? null,
      batch_price_factor: price.batchPriceFactor ?? null,
      usd_per_eur: input.usdPerEur,
      source: price.source,
      as_of: price.asOf,
      used_by: input.usedBy ?? null
    }
  ], { replace: input.id !== undefined });
  return id;
}
