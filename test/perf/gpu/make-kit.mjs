// GPU check, step 1 (on this machine): packs what `werkbank synth` and `werkbank probe` need on a bare
// GPU machine that has CUDA but no Node.js and no network, into .devkit/ (git-ignored, < 64 MiB):
// the Node binary, the compiled CLI bundle, node-llama-cpp with the packages it loads and the llama.cpp
// source from its bundled git release, and an `npm` stand-in for its build step: run.sh builds
// llama.cpp for the GPU there. node-llama-cpp's prebuilt CUDA binary cannot serve on those machines:
// it carries no sm_90 code, and its compute_90 PTX comes from a newer CUDA than their driver 580
// accepts ("the provided PTX was compiled with an unsupported toolchain"; llama.cpp then aborts the
// process at the first decode).
// Usage: node test/perf/gpu/make-kit.mjs [--before DIR]   (then see test/perf/gpu/run.sh)
// --before DIR: also pack an older CLI bundle folder (node_modules/.cache/werkbank-cli/<build>) for an
// A/B comparison on the same machine (run.sh MEASURE=7b-before).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBundle } from '../../../bin/cli-bundle.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const kit = join(root, '.devkit');
const stage = join(root, 'node_modules', '.cache', 'werkbank-gpu-kit');
const log = (m) => process.stderr.write(`make-kit: ${m}\n`);
const beforeIdx = process.argv.indexOf('--before');
const beforeDir = beforeIdx > 0 ? process.argv[beforeIdx + 1] : undefined;

/** Node's resolution: the nearest node_modules/<name> from `fromDir` upwards. */
function resolvePackage(name, fromDir) {
  for (let d = fromDir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (d === root || d === dirname(d)) return undefined;
  }
}

/** node-llama-cpp and every package it depends on (optional platform binaries left out). */
function closure(start) {
  const seen = new Set();
  const todo = [resolvePackage(start, root)];
  while (todo.length) {
    const dir = todo.pop();
    if (!dir || seen.has(dir)) continue;
    seen.add(dir);
    const pj = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...pj.dependencies, ...pj.peerDependencies })) {
      const found = resolvePackage(dep, dir);
      if (found) todo.push(found);
    }
  }
  return [...seen];
}

rmSync(stage, { recursive: true, force: true });
rmSync(kit, { recursive: true, force: true });
mkdirSync(join(stage, 'node_modules'), { recursive: true });
mkdirSync(kit, { recursive: true });

// 1. CLI bundle (node_modules/.cache/werkbank-cli/<build>/index.js, with its lazy chunks)
const entry = await ensureBundle(root, { onError: (e) => { throw e; } });
if (!entry) throw new Error('CLI bundle could not be built');
const bundleDir = dirname(entry);
// its own archive: run.sh unpacks it on every call (node_modules stays on a warm machine)
const cliStage = join(stage, 'cli');
cpSync(bundleDir, join(cliStage, 'kit'), { recursive: true });
log(`CLI bundle ${relative(root, bundleDir)}`);

// 2. node-llama-cpp and its dependencies, without the bundled git release (replaced by its checkout)
const pkgs = closure('node-llama-cpp');
const nlcLlama = join(root, 'node_modules', 'node-llama-cpp', 'llama');
const skipped = ['gitRelease.bundle', 'localBuilds', 'llama.cpp'].map((f) => join(nlcLlama, f));
for (const dir of pkgs) {
  const rel = relative(join(root, 'node_modules'), dir);
  cpSync(dir, join(stage, 'node_modules', rel), {
    recursive: true,
    filter: (src) => !skipped.some((s) => src === s || src.startsWith(`${s}/`))
  });
}
log(`${pkgs.length} packages from node-llama-cpp's dependency tree`);
const llamaDir = join(stage, 'node_modules', 'node-llama-cpp', 'llama');
const src = join(llamaDir, 'llama.cpp');
execFileSync('git', ['clone', '-q', join(root, 'node_modules', 'node-llama-cpp', 'llama', 'gitRelease.bundle'), src], { stdio: 'inherit' });
rmSync(join(src, '.git'), { recursive: true, force: true });
// node-llama-cpp takes a checkout as present when llama.cpp/.git and llama.cpp.info.json exist
mkdirSync(join(src, '.git'));
for (const big of ['models', 'docs', 'media', 'examples', 'tools/server/public', 'tools/server/webui', 'gguf-py', 'tests']) {
  // not needed to build the library and the addon (llama.cpp's CMake only adds them for its own builds)
  rmSync(join(src, big), { recursive: true, force: true });
}
// 3. `npm run -s cmake-js-llama -- ARGS` is how node-llama-cpp starts its build; the GPU machine has no npm
mkdirSync(join(kit, 'bin'), { recursive: true });
const shim = join(kit, 'bin', 'npm');
writeFileSync(
  shim,
  '#!/bin/sh\n# Stand-in for `npm run -s cmake-js-llama -- ARGS` (node-llama-cpp\'s build step): runs cmake-js in llama/.\n' +
    '[ "$1 $2 $3 $4" = "run -s cmake-js-llama --" ] || { echo "npm stand-in: unexpected: $*" >&2; exit 1; }\n' +
    'shift 4\ncd "$WERKBANK_NLC_DIR/llama" && exec node "$WERKBANK_NLC_DIR/../cmake-js/bin/cmake-js" "$@"\n'
);
chmodSync(shim, 0o755);

// 4. archives
execFileSync('tar', ['-C', stage, '-cf', join(kit, 'node_modules.tar'), 'node_modules'], { stdio: 'inherit' });
execFileSync('tar', ['-C', cliStage, '-cJf', join(kit, 'cli.tar.xz'), 'kit'], { stdio: 'inherit' });
execFileSync('xz', ['-T2', '-6', join(kit, 'node_modules.tar')], { stdio: 'inherit' });
execFileSync('tar', ['-C', dirname(process.execPath), '-cf', join(kit, 'node.tar'), 'node'], { stdio: 'inherit' });
execFileSync('xz', ['-T2', '-6', join(kit, 'node.tar')], { stdio: 'inherit' });
if (beforeDir) {
  execFileSync('tar', ['-C', dirname(beforeDir), '-cJf', join(kit, 'before-cli.tar.xz'), '--transform', 's,^[^/]*,kit,', relative(dirname(beforeDir), beforeDir)], { stdio: 'inherit' });
  log(`older CLI bundle ${beforeDir} packed as before-cli.tar.xz`);
}
for (const f of ['node_modules.tar.xz', 'cli.tar.xz', 'node.tar.xz']) log(`${f}: ${(statSync(join(kit, f)).size / 2 ** 20).toFixed(1)} MiB`);
rmSync(stage, { recursive: true, force: true });
