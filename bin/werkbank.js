#!/usr/bin/env node
// `werkbank` CLI launcher: runs the precompiled CLI (bin/cli-bundle.js compiles src/cli with esbuild on
// first use and after any source change, into node_modules/.cache/werkbank-cli). Falls back to the
// TypeScript sources through tsx when the bundle cannot be built, or when WERKBANK_CLI_SOURCE=1.
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBundle } from './cli-bundle.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
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
