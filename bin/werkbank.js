#!/usr/bin/env node
// `werkbank` CLI launcher: runs the precompiled CLI (bin/cli-bundle.js compiles src/cli with esbuild on
// first use and after any source change, into node_modules/.cache/werkbank-cli). Falls back to the
// TypeScript sources through tsx when the bundle cannot be built, or when WERKBANK_CLI_SOURCE=1.
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBundle } from './cli-bundle.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
// V8 lets the old generation grow to ≈ 4× the live data before a full collection; a long run allocates
// fast, so a 20,000-item run held ≈ 240 MB of heap for ≈ 60 MB live. Growing by 50 % keeps the heap
// near the live size (2,000-item run: peak RSS ≈ 215 instead of ≈ 258 MB) for ≈ 4 % more CPU
// (docs/PERFORMANCE.md). Node flags given by the
// user (NODE_OPTIONS or the command line) take precedence.
if (!/heap-growing-percent|max-old-space-size|max-heap-size/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`)) {
  setFlagsFromString('--heap-growing-percent=50');
}
const debug = Boolean(process.env.WERKBANK_DEBUG);
if (debug) process.setSourceMapsEnabled(true);
const entry =
  process.env.WERKBANK_CLI_SOURCE === '1'
    ? undefined
    : await ensureBundle(root, { onError: (err) => debug && process.stderr.write(`werkbank: CLI-Bundle nicht gebaut, nutze die Quellen (${err?.message ?? err})\n`) });
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/index.ts');
}
