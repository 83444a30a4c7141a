// loadCatalog: errors name file, line and field; overrides merge; the cache follows file changes;
// snapshotPrice writes a row to price_snapshots.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, writeFileSync, utimesSync } from 'node:fs';
import { YAML_CACHE_DIR } from '../../src/lib/server/yaml-cache';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogError, loadCatalog, snapshotPrice } from '../../src/lib/server/catalog';
import { getRoute } from '../../src/lib/core/catalog';
import { Store } from '../../src/lib/server/store/db';
import { projectRoot } from '../helpers/app';

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'wb-catalog-'));
  cpSync(join(projectRoot, 'datasets', 'catalog'), join(root, 'datasets', 'catalog'), { recursive: true });
  return root;
}

async function catalogError(p: Promise<unknown>): Promise<CatalogError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return err as CatalogError;
  }
  throw new Error('kein CatalogError');
}

describe('loadCatalog errors', () => {
  it('names override file, line and field path for a wrong type', async () => {
    const root = tempRoot();
    const ov = join(root, 'werkbank.catalog.yaml');
    writeFileSync(ov, 'models:\n  - id: bedrock-eu/claude-sonnet-4-6\n    price:\n      inputPerMTok: teuer\n');
    const err = await catalogError(loadCatalog({ rootDir: root, overridePath: ov }));
    expect(err.issues[0]).toMatchObject({ file: 'werkbank.catalog.yaml', line: 4, fieldPath: 'models[0].price.inputPerMTok' });
    expect(err.message).toMatch(/^werkbank\.catalog\.yaml:4: models\[0\]\.price\.inputPerMTok: /);
  });

  it('reports YAML syntax errors with their line, and a missing override file', async () => {
    const root = tempRoot();
    const ov = join(root, 'kaputt.yaml');
    writeFileSync(ov, 'models:\n  - id: x\n    price: [1, 2\n');
    const err = await catalogError(loadCatalog({ rootDir: root, overridePath: ov }));
    expect(err.issues[0].file).toBe('kaputt.yaml');
    expect(err.issues[0].line).toBeGreaterThanOrEqual(3);
    const missing = await catalogError(loadCatalog({ rootDir: root, overridePath: join(root, 'fehlt.yaml') }));
    expect(missing.message).toMatch(/fehlt\.yaml.*nicht gefunden/);
  });

  it('names a bad shipped file and its line, and duplicate ids across files', async () => {
    const root = tempRoot();
    writeFileSync(join(root, 'datasets/catalog/zz-extra.yaml'), 'gpus:\n  - id: l4\n    name: Doppelt\n    vramGb: 24\n    bandwidthGbps: 300\n    fp16Tflops: 121\n    source: x\n    asOf: "2026-01-01"\n');
    const dup = await catalogError(loadCatalog({ rootDir: root, noCache: true }));
    expect(dup.issues.some((i) => i.file.endsWith('zz-extra.yaml') && i.line === 2 && /doppelter Eintrag "l4"/.test(i.message))).toBe(true);
    writeFileSync(join(root, 'datasets/catalog/zz-extra.yaml'), 'gpus:\n  - id: neu\n    name: Neu\n    vramGb: -1\n    bandwidthGbps: 300\n    fp16Tflops: 121\n    source: x\n    asOf: "2026-01-01"\n');
    const neg = await catalogError(loadCatalog({ rootDir: root, noCache: true }));
    expect(neg.issues[0]).toMatchObject({ file: join('datasets', 'catalog', 'zz-extra.yaml'), line: 4, fieldPath: 'gpus[0].vramGb' });
  });

  it('reuses the parsed YAML of unchanged files on disk, still names lines, and survives a corrupt cache', async () => {
    const root = tempRoot();
    const first = await loadCatalog({ rootDir: root, noCache: true });
    const cacheDir = join(root, YAML_CACHE_DIR);
    const files = readdirSync(cacheDir);
    expect(files.length).toBe(readdirSync(join(root, 'datasets/catalog')).filter((f) => f.endsWith('.yaml')).length);
    expect(await loadCatalog({ rootDir: root, noCache: true })).toEqual(first);
    // a cached file that fails validation: the line comes from parsing the text on demand
    writeFileSync(join(root, 'datasets/catalog/zz-extra.yaml'), 'gpus:\n  - id: neu\n    name: Neu\n    vramGb: -1\n    bandwidthGbps: 300\n    fp16Tflops: 121\n    source: x\n    asOf: "2026-01-01"\n');
    for (let i = 0; i < 2; i++) {
      const err = await catalogError(loadCatalog({ rootDir: root, noCache: true }));
      expect(err.issues[0]).toMatchObject({ file: join('datasets', 'catalog', 'zz-extra.yaml'), line: 4, fieldPath: 'gpus[0].vramGb' });
    }
    for (const f of readdirSync(cacheDir)) writeFileSync(join(cacheDir, f), '{"format":1,');
    writeFileSync(join(root, 'datasets/catalog/zz-extra.yaml'), '');
    expect(await loadCatalog({ rootDir: root, noCache: true })).toEqual(first);
  });

  it('rejects an override that points a route at an unknown provider, naming the override entry', async () => {
    const root = tempRoot();
    const ov = join(root, 'o.yaml');
    writeFileSync(ov, 'models:\n  - id: bedrock-eu/claude-sonnet-4-6\n    provider: gibtsnicht\n');
    const err = await catalogError(loadCatalog({ rootDir: root, overridePath: ov }));
    expect(err.issues[0]).toMatchObject({ file: 'o.yaml', line: 3, fieldPath: 'models[0].provider' });
  });
});

describe('loadCatalog overrides and cache', () => {
  it('applies an override and reloads when the override file changes', async () => {
    const root = tempRoot();
    const ov = join(root, 'werkbank.catalog.yaml');
    writeFileSync(ov, 'models:\n  - id: mistral/mistral-large-latest\n    price: { inputPerMTok: 0.4, source: Vertrag, asOf: "2026-11-01" }\n');
    const a = await loadCatalog({ rootDir: root, overridePath: ov });
    expect(getRoute(a, 'mistral/mistral-large-latest')!.price).toMatchObject({ inputPerMTok: 0.4, outputPerMTok: 1.5, source: 'Vertrag' });
    expect(await loadCatalog({ rootDir: root, overridePath: ov })).toBe(a); // cached
    writeFileSync(ov, 'models:\n  - id: mistral/mistral-large-latest\n    price: { inputPerMTok: 0.45, source: Vertrag, asOf: "2026-11-02" }\n');
    const future = new Date(Date.now() + 5000);
    utimesSync(ov, future, future);
    const b = await loadCatalog({ rootDir: root, overridePath: ov });
    expect(b).not.toBe(a);
    expect(getRoute(b, 'mistral/mistral-large-latest')!.price.inputPerMTok).toBe(0.45);
    const plain = await loadCatalog({ rootDir: root });
    expect(getRoute(plain, 'mistral/mistral-large-latest')!.price.inputPerMTok).toBe(0.5);
  });
});

describe('snapshotPrice', () => {
  it('writes the price used, with rate, source and date, and returns the row id', async () => {
    const store = await Store.open(':memory:');
    try {
      const catalog = await loadCatalog({ rootDir: projectRoot });
      const route = getRoute(catalog, 'bedrock-eu/claude-sonnet-4-6')!;
      const id = await snapshotPrice(store, { route: route.id, price: route.price, usdPerEur: 1.1637, usedBy: 'test' });
      const rows = await store.query('SELECT *, CAST(as_of AS VARCHAR) AS as_of_text FROM price_snapshots WHERE id = $id', { id });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ route: 'bedrock-eu/claude-sonnet-4-6', currency: 'USD', input_per_mtok: 3.3, output_per_mtok: 16.5, cache_read_per_mtok: 0.33, usd_per_eur: 1.1637, used_by: 'test' });
      expect(rows[0].as_of_text).toBe('2026-07-24');
      await expect(snapshotPrice(store, { route: route.id, price: route.price, usdPerEur: 0 })).rejects.toThrow(/usdPerEur/);
      // a fixed id is idempotent (resumed runs write the same snapshot again)
      for (let i = 0; i < 2; i++) expect(await snapshotPrice(store, { id: 'run-1:price', route: route.id, price: route.price, usdPerEur: 1.2 })).toBe('run-1:price');
      const fixed = await store.query('SELECT count(*)::INTEGER AS n, max(usd_per_eur) AS rate FROM price_snapshots WHERE id = $id', { id: 'run-1:price' });
      expect(fixed[0]).toMatchObject({ n: 1, rate: 1.2 });
    } finally {
      await store.close();
    }
  });
});
