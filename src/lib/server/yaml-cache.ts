// Parsed-YAML cache: turning YAML text into plain data is the slowest step of loading the catalog
// (≈ 200 ms cold for its ≈ 100 KB, against ≈ 2 ms for JSON.parse of the same data), and every CLI
// command pays it. The data of a YAML text is stored as JSON under
// <rootDir>/node_modules/.cache/werkbank-yaml/<sha256 of the text>.json and reused for identical text.
// Only data that JSON reproduces exactly is stored (no .inf/.nan, no undefined, no Date); a missing,
// unreadable or unwritable cache just means parsing again. Callers still validate the data.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FORMAT = 1;
/** Entries kept; older ones (edited files' earlier versions) are removed when a new one is written. */
export const YAML_CACHE_MAX_ENTRIES = 200;
export const YAML_CACHE_DIR = join('node_modules', '.cache', 'werkbank-yaml');

function keyOf(text: string, variant: string): string {
  return createHash('sha256').update(`${FORMAT}\0${variant}\0`).update(text).digest('hex');
}

/** True when JSON.stringify → JSON.parse gives back the same data. */
export function jsonSafe(v: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => jsonSafe(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const k of Object.keys(v as object)) if (k === '__proto__' || !jsonSafe((v as Record<string, unknown>)[k], depth + 1)) return false;
    return true;
  }
  return false;
}

/**
 * Data cached for this YAML text, or undefined. `variant` separates parse settings that change the
 * result (e.g. the alias limit).
 */
export function readYamlCache(rootDir: string, text: string, variant = ''): { data: unknown } | undefined {
  try {
    const raw = readFileSync(join(rootDir, YAML_CACHE_DIR, `${keyOf(text, variant)}.json`), 'utf8');
    const parsed = JSON.parse(raw) as { format?: number; data?: unknown };
    return parsed.format === FORMAT && 'data' in parsed ? { data: parsed.data } : undefined;
  } catch {
    return undefined;
  }
}

/** Remember the data of a YAML text (skipped when JSON would change it, or the folder is not writable). */
export function writeYamlCache(rootDir: string, text: string, data: unknown, variant = ''): boolean {
  if (!jsonSafe(data)) return false;
  try {
    const dir = join(rootDir, YAML_CACHE_DIR);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${keyOf(text, variant)}.json`);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, data }));
    renameSync(tmp, file);
    prune(dir);
    return true;
  } catch {
    return false;
  }
}

/** Keep the newest YAML_CACHE_MAX_ENTRIES entries. */
function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= YAML_CACHE_MAX_ENTRIES) return;
  const aged = names
    .map((n) => {
      try {
        return { n, t: statSync(join(dir, n)).mtimeMs };
      } catch {
        return { n, t: 0 };
      }
    })
    .sort((a, b) => b.t - a.t);
  for (const { n } of aged.slice(YAML_CACHE_MAX_ENTRIES)) rmSync(join(dir, n), { force: true });
}
