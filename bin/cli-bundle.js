// CLI bundle: compiles the TypeScript CLI (src/cli/index.ts and everything it imports from src/) into
// ESM chunks with esbuild under node_modules/.cache/werkbank-cli/<build>/, and reuses that build while
// every source file it was made from is unchanged (same size and mtime). `werkbank` then starts without
// a TypeScript loader: about 0.3 s less per command and no loader thread. Concurrent builds are safe:
// each build writes its own folder and publishes it by atomically renaming the manifest.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CACHE_DIR = join('node_modules', '.cache', 'werkbank-cli');
const MANIFEST = 'manifest.json';
const FORMAT = 3;
/**
 * Pure-JS packages compiled into the bundle: loading them as separate files costs start-up time (each
 * CommonJS file imported from ESM is scanned by Node's cjs-module-lexer; @duckdb/node-api alone
 * re-exports ≈ 100 files). Everything else (native bindings, node-llama-cpp, the lazily loaded
 * provider SDKs) stays external and is loaded from node_modules as usual.
 */
const BUNDLED_PACKAGES = new Set(['zod', 'yaml', '@duckdb/node-api', 'ollama']);
/** Bundled CommonJS code may require() external packages; ESM output needs a real require for that. */
const REQUIRE_BANNER = "import { createRequire as __werkbankCreateRequire } from 'node:module'; const require = __werkbankCreateRequire(import.meta.url);";

/** @param {string} spec */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** esbuild plugin: bare imports of packages outside BUNDLED_PACKAGES stay external. */
const externalsPlugin = {
  name: 'werkbank-externals',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || !BUNDLED_PACKAGES.has(packageName(args.path))) return { path: args.path, external: true };
      return undefined;
    });
  }
};
/** Builds replaced longer ago than this are removed (a running command may still load lazy chunks). */
const KEEP_REPLACED_MS = 24 * 3600 * 1000;

/** @param {string} root */
function readManifest(root) {
  try {
    const m = JSON.parse(readFileSync(join(root, CACHE_DIR, MANIFEST), 'utf8'));
    return m && m.format === FORMAT && typeof m.dir === 'string' && Array.isArray(m.inputs) ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {string} root @param {string} rel
 * @returns {[string, number, number]} path, mtime (ms) and size; -1 when missing
 */
function fingerprint(root, rel) {
  try {
    const st = statSync(join(root, rel));
    return [rel, st.mtimeMs, st.size];
  } catch {
    return [rel, -1, -1];
  }
}

/**
 * The entry file of a current build, or undefined when there is none or a source file it was built
 * from changed, disappeared or was replaced (any mtime or size difference counts, older ones too).
 * @param {string} root project root
 */
export function currentBundle(root) {
  const m = readManifest(root);
  if (!m) return undefined;
  const entry = join(root, CACHE_DIR, m.dir, 'index.js');
  if (!existsSync(entry)) return undefined;
  for (const [rel, mtimeMs, size] of m.inputs) {
    const [, nowMtime, nowSize] = fingerprint(root, rel);
    if (nowMtime !== mtimeMs || nowSize !== size) return undefined;
  }
  return entry;
}

/**
 * Build the CLI bundle and publish it; returns its entry file.
 * @param {string} root project root
 */
export async function buildBundle(root) {
  const esbuild = await import('esbuild');
  const cache = join(root, CACHE_DIR);
  const dir = `b-${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const outdir = join(cache, dir);
  mkdirSync(cache, { recursive: true });
  const startedMs = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/index.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [externalsPlugin],
    banner: { js: REQUIRE_BANNER },
    outdir,
    sourcemap: true,
    metafile: true,
    logLevel: 'silent'
  });
  // the esbuild service process is not needed any more (a long run would otherwise keep it around)
  await esbuild.stop?.();
  // the bundled packages are covered by the lock file (their versions), the project's own files one by one
  const inputs = [...Object.keys(result.metafile.inputs).filter((rel) => !rel.includes('node_modules')), 'package-lock.json', 'bin/cli-bundle.js']
    .sort()
    .map((rel) => {
      const now = fingerprint(root, rel);
      // edited while esbuild was reading (mtime inside the build's time span; a future mtime from clock
      // skew is not): the build may hold the old text, so the next start rebuilds
      return now[1] >= startedMs && now[1] <= Date.now() ? [rel, -2, -2] : now;
    });
  const manifest = { format: FORMAT, dir, builtAt: new Date().toISOString(), inputs };
  const tmp = join(cache, `${MANIFEST}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(manifest));
  renameSync(tmp, join(cache, MANIFEST));
  for (const e of readdirSync(cache)) {
    if (!e.startsWith('b-') || e === dir) continue;
    try {
      if (Date.now() - statSync(join(cache, e)).mtimeMs > KEEP_REPLACED_MS) rmSync(join(cache, e), { recursive: true, force: true });
    } catch {
      /* removed by another process */
    }
  }
  return join(outdir, 'index.js');
}

/**
 * Entry file to import: the current build, or a fresh one. Undefined when esbuild fails (the caller
 * falls back to running the TypeScript sources through tsx, which reports the same error).
 * @param {string} root
 * @param {{ onError?: (err: unknown) => void }} [opts]
 */
export async function ensureBundle(root, opts = {}) {
  const current = currentBundle(root);
  if (current) return current;
  try {
    return await buildBundle(root);
  } catch (err) {
    opts.onError?.(err);
    return undefined;
  }
}
