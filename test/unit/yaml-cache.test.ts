// The parsed-YAML cache stores only data that JSON gives back unchanged, keys by text and parse variant,
// and treats an unwritable folder as "no cache".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readdirSync, utimesSync } from 'node:fs';
import { jsonSafe, readYamlCache, writeYamlCache, YAML_CACHE_DIR, YAML_CACHE_MAX_ENTRIES } from '../../src/lib/server/yaml-cache';

describe('yaml cache', () => {
  it('accepts plain data only', () => {
    expect(jsonSafe({ a: [1, 'x', null, true, { b: 2.5 }] })).toBe(true);
    for (const bad of [Infinity, NaN, -0, undefined, new Date(0), new Map(), { a: [1, undefined] }, { a: Number.NEGATIVE_INFINITY }]) expect(jsonSafe(bad)).toBe(false);
  });

  it('round-trips by text and variant, and refuses what JSON would change', () => {
    const root = mkdtempSync(join(tmpdir(), 'wb-yamlcache-'));
    try {
      expect(writeYamlCache(root, 'a: 1', { a: 1 }, 'v1')).toBe(true);
      expect(readYamlCache(root, 'a: 1', 'v1')).toEqual({ data: { a: 1 } });
      expect(readYamlCache(root, 'a: 1', 'v2')).toBeUndefined();
      expect(readYamlCache(root, 'a: 2', 'v1')).toBeUndefined();
      expect(writeYamlCache(root, 'a: .inf', { a: Infinity })).toBe(false);
      expect(readYamlCache(root, 'a: .inf')).toBeUndefined();
      // a file where the cache folder should be: nothing cached, nothing thrown
      const blocked = mkdtempSync(join(tmpdir(), 'wb-yamlcache-blocked-'));
      writeFileSync(join(blocked, 'node_modules'), 'keine Ordner');
      expect(writeYamlCache(blocked, 'a: 1', { a: 1 })).toBe(false);
      expect(readYamlCache(blocked, 'a: 1')).toBeUndefined();
      rmSync(blocked, { recursive: true, force: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps only the newest entries', () => {
    const root = mkdtempSync(join(tmpdir(), 'wb-yamlcache-prune-'));
    try {
      const old = Date.now() / 1000 - 3600;
      for (let i = 0; i < YAML_CACHE_MAX_ENTRIES; i++) writeYamlCache(root, `a: ${i}`, { a: i });
      for (const f of readdirSync(join(root, YAML_CACHE_DIR))) utimesSync(join(root, YAML_CACHE_DIR, f), old, old);
      writeYamlCache(root, 'a: neu', { a: 'neu' });
      expect(readdirSync(join(root, YAML_CACHE_DIR))).toHaveLength(YAML_CACHE_MAX_ENTRIES);
      expect(readYamlCache(root, 'a: neu')).toEqual({ data: { a: 'neu' } });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
